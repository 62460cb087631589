/** The current vs future diff: added, removed, moved, edited; a renamed stage is no move; emotion overlay; resolutions. */
import { describe, expect, it } from "vitest";
import { diffJourneys, type DiffCard, type ProjectedMap } from "../../app/models/journey-diff";

const tp = (id: string, stageId: string, text: string, channel: DiffCard["channel"] = "app", position = 1): DiffCard => ({
  id, lane: "touchpoints", stageId, text, channel, position,
});

function currentMap(): ProjectedMap {
  return {
    stages: [
      { id: "s1", name: "Apply", position: 1 },
      { id: "s2", name: "Wait", position: 2 },
      { id: "s3", name: "Activate", position: 3 },
    ],
    cards: [
      tp("a", "s1", "App form"),
      tp("b", "s1", "Branch paper form", "branch", 2),
      tp("c", "s2", "Progress page", "web"),
      tp("d", "s2", "Hotline", "phone", 2),
      tp("e", "s3", "App activation"),
      { id: "x", lane: "actions", stageId: "s2", text: "Calls again and again", channel: null, position: 1 },
    ],
    personas: [{ id: "p1", name: "Young professional", colour: "#e11d48" }],
    emotions: { p1: { s1: 1, s2: -2, s3: -1 } },
    painPoints: [
      { id: "pp1", title: "Progress is opaque", touchpointId: "c", severity: 5, status: "confirmed" },
      { id: "pp2", title: "Paper form twice", touchpointId: "b", severity: 3, status: "open" },
    ],
  };
}

function futureMap(): ProjectedMap {
  const c = currentMap();
  return {
    ...c,
    stages: [
      { id: "s1", name: "Apply online", position: 1 }, // renamed: not a move
      { id: "s2", name: "Wait", position: 2 },
      { id: "s3", name: "Activate", position: 3 },
    ],
    cards: [
      tp("a", "s1", "App form"), // unchanged
      // b removed
      tp("c", "s2", "Progress page with ETA", "web"), // edited
      tp("d", "s3", "Hotline", "phone", 2), // moved (stage)
      tp("e", "s3", "App activation", "sms"), // moved (channel)
      tp("n", "s2", "Proactive progress push", "app", 3), // added
      { id: "x", lane: "touchpoints", stageId: "s2", text: "Calls again and again", channel: "phone", position: 4 }, // joined the lane: moved
    ],
    emotions: { p1: { s1: 1, s2: 0.5, s3: 0 } },
    painPoints: [],
  };
}

describe("diffJourneys", () => {
  it("classifies touchpoints as added, removed, moved and edited, matched by id", () => {
    const d = diffJourneys(currentMap(), futureMap());
    const by = Object.fromEntries(d.touchpoints.map((t) => [t.id, t]));
    expect(by.a.status).toBe("unchanged");
    expect(by.b.status).toBe("removed");
    expect(by.n.status).toBe("added");
    expect(by.c).toMatchObject({ status: "changed", edited: true, moved: false, changes: ["text"] });
    expect(by.d).toMatchObject({ status: "changed", moved: true, edited: false, changes: ["stage"] });
    expect(by.e).toMatchObject({ moved: true, changes: ["channel"] });
    expect(by.x).toMatchObject({ moved: true, changes: ["lane"] });
    expect(d.counts).toEqual({ added: 1, removed: 1, moved: 3, edited: 1, unchanged: 1 });
  });

  it("does not count a renamed stage as a move, and marks the rename on its row", () => {
    const d = diffJourneys(currentMap(), futureMap());
    const row = d.rows.find((r) => r.id === "s1")!;
    expect(row).toMatchObject({ currentName: "Apply", futureName: "Apply online", renamed: true });
    expect(d.touchpoints.find((t) => t.id === "a")!.moved).toBe(false);
    expect(row.current.map((t) => t.id)).toEqual(["a", "b"]);
    expect(row.future.map((t) => t.id)).toEqual(["a"]);
    const wait = d.rows.find((r) => r.id === "s2")!;
    expect(wait.current.map((t) => t.id)).toEqual(["c", "d"]);
    expect(wait.future.map((t) => t.id)).toEqual(["c", "n", "x"]);
  });

  it("keeps a stage that only one side has in the row order", () => {
    const f = futureMap();
    f.stages = f.stages.filter((s) => s.id !== "s2").concat({ id: "s9", name: "Welcome call", position: 4 });
    f.cards = f.cards.filter((c) => c.stageId !== "s2");
    const d = diffJourneys(currentMap(), f);
    expect(d.rows.map((r) => [r.id, r.currentName, r.futureName])).toEqual([
      ["s1", "Apply", "Apply online"],
      ["s2", "Wait", null],
      ["s3", "Activate", "Activate"],
      ["s9", null, "Welcome call"],
    ]);
    expect(d.touchpoints.find((t) => t.id === "c")!.status).toBe("removed");
  });

  it("overlays each persona's emotion curve, current vs future, with the mean change", () => {
    const d = diffJourneys(currentMap(), futureMap());
    expect(d.emotions).toHaveLength(1);
    const e = d.emotions[0];
    expect(e.points.map((p) => [p.stageName, p.current, p.future])).toEqual([
      ["Apply online", 1, 1],
      ["Wait", -2, 0.5],
      ["Activate", -1, 0],
    ]);
    expect(e.meanDelta).toBeCloseTo((0 + 2.5 + 1) / 3, 2);
  });

  it("lists the current pain points with the future touchpoints that resolve them", () => {
    const d = diffJourneys(currentMap(), futureMap(), [
      { painPointId: "pp1", futureTouchpointId: "n" },
      { painPointId: "pp2", futureTouchpointId: "b" }, // a removed touchpoint resolves nothing
    ]);
    const [p1, p2] = d.painPoints;
    expect(p1).toMatchObject({ resolved: true, touchpointText: "Progress page" });
    expect(p1.resolvedBy).toEqual([{ touchpointId: "n", text: "Proactive progress push", stageName: "Wait", exists: true }]);
    expect(p2.resolved).toBe(false);
    expect(p2.resolvedBy[0].exists).toBe(false);
    expect(d.resolvedCount).toBe(1);
  });

  it("reports nothing changed for an identical copy", () => {
    const d = diffJourneys(currentMap(), currentMap());
    expect(d.counts).toEqual({ added: 0, removed: 0, moved: 0, edited: 0, unchanged: 5 });
    expect(d.emotions[0].meanDelta).toBe(0);
  });
});
