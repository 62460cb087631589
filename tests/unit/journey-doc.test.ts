import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cardsMap,
  clampEmotion,
  emotionsMap,
  journeySharedTypes,
  painPointsMap,
  patchCard,
  patchPainPoint,
  personasMap,
  positionBetween,
  putCard,
  putPainPoint,
  putPersona,
  putStage,
  questionText,
  readJourneyContent,
  removeCard,
  removePersona,
  removeStage,
  replaceJourneyContent,
  setEmotion,
  stagesMap,
  CARD_TEXT_MAX_CHARS,
  type JourneyCard,
  type PainPoint,
} from "../../app/models/journey-doc";

const card = (id: string, stageId: string, lane: JourneyCard["lane"], position = 1, text = id): JourneyCard => ({
  id,
  stageId,
  lane,
  text,
  channel: lane === "touchpoints" ? "phone" : null,
  position,
  createdBy: "u1",
  createdAt: "2026-01-01T00:00:00.000Z",
});
const pain = (id: string, touchpointId: string | null, createdAt = "2026-01-01"): PainPoint => ({
  id,
  touchpointId,
  title: `pain ${id}`,
  description: "",
  severity: 4,
  reach: 2,
  impact: 3,
  effort: 3,
  source: "top_down",
  status: "open",
  createdBy: "u1",
  createdAt,
});

function starter(): Y.Doc {
  const doc = new Y.Doc();
  putStage(doc, { id: "s1", name: "Awareness", position: 1 });
  putStage(doc, { id: "s2", name: "Purchase", position: 2 });
  putPersona(doc, { id: "p1", name: "Young", colour: "#e11d48", position: 1 });
  return doc;
}

describe("readJourneyContent", () => {
  it("reads stages, personas and cards in order (stage, lane, position)", () => {
    const doc = starter();
    putStage(doc, { id: "s0", name: "First", position: 0.5 });
    putCard(doc, card("b", "s1", "systems", 1));
    putCard(doc, card("a", "s1", "actions", 2));
    putCard(doc, card("a0", "s1", "actions", 1));
    putCard(doc, card("z", "s0", "systems", 1));
    const c = readJourneyContent(doc);
    expect(c.stages.map((s) => s.id)).toEqual(["s0", "s1", "s2"]);
    expect(c.cards.map((x) => x.id)).toEqual(["z", "a0", "a", "b"]);
    expect(c.cards.find((x) => x.id === "a")!.channel).toBeNull();
  });

  it("skips malformed entries instead of crashing", () => {
    const doc = starter();
    stagesMap(doc).set("bad", "not an object");
    const noLane = new Y.Map<unknown>();
    noLane.set("stageId", "s1");
    noLane.set("lane", "kitchen");
    cardsMap(doc).set("c-bad-lane", noLane);
    (cardsMap(doc) as Y.Map<unknown>).set("c-plain", { lane: "actions", stageId: "s1" });
    putCard(doc, card("orphan", "missing-stage", "actions"));
    const weird = new Y.Map<unknown>();
    weird.set("lane", "touchpoints");
    weird.set("stageId", "s1");
    weird.set("channel", "pigeon");
    weird.set("text", 42);
    weird.set("position", "x");
    cardsMap(doc).set("weird", weird);
    (personasMap(doc) as Y.Map<unknown>).set("px", { name: "Bad colour", colour: "red; background:url(x)" });
    emotionsMap(doc).set("p1:s1", 9);
    emotionsMap(doc).set("nobody:s1", 1);
    (emotionsMap(doc) as Y.Map<unknown>).set("p1:s2", "high");
    const untitled = new Y.Map<unknown>();
    untitled.set("title", "");
    painPointsMap(doc).set("pp-untitled", untitled);
    const c = readJourneyContent(doc);
    expect(c.stages.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(c.cards.map((x) => x.id)).toEqual(["weird"]);
    expect(c.cards[0]).toMatchObject({ channel: "other", text: "", position: 0 });
    expect(c.personas.find((p) => p.id === "px")!.colour).toBe("#e11d48");
    expect(c.emotions).toEqual({ p1: { s1: 2 } });
    expect(c.painPoints).toEqual([]);
  });

  it("cuts over-long text to the limit", () => {
    const doc = starter();
    const m = new Y.Map<unknown>();
    m.set("lane", "actions");
    m.set("stageId", "s1");
    m.set("text", "x".repeat(CARD_TEXT_MAX_CHARS + 50));
    cardsMap(doc).set("long", m);
    expect(readJourneyContent(doc).cards[0].text).toHaveLength(CARD_TEXT_MAX_CHARS);
  });
});

describe("writers", () => {
  it("removeCard deletes the card and unpins (never deletes) its pain points", () => {
    const doc = starter();
    putCard(doc, card("t1", "s1", "touchpoints"));
    putPainPoint(doc, pain("pp1", "t1"));
    removeCard(doc, "t1");
    const c = readJourneyContent(doc);
    expect(c.cards).toEqual([]);
    expect(c.painPoints).toHaveLength(1);
    expect(c.painPoints[0].touchpointId).toBeNull();
    expect(painPointsMap(doc).get("pp1")!.get("touchpointId")).toBeNull();
  });

  it("removeStage drops its cards and emotion points, keeps other stages' cards, unpins pain points", () => {
    const doc = starter();
    putCard(doc, card("t1", "s1", "touchpoints"));
    putCard(doc, card("a1", "s1", "actions"));
    putCard(doc, card("a2", "s2", "actions"));
    putPainPoint(doc, pain("pp1", "t1"));
    setEmotion(doc, "p1", "s1", 1);
    setEmotion(doc, "p1", "s2", -1);
    removeStage(doc, "s1");
    const c = readJourneyContent(doc);
    expect(c.stages.map((s) => s.id)).toEqual(["s2"]);
    expect(cardsMap(doc).has("t1")).toBe(false);
    expect(cardsMap(doc).has("a1")).toBe(false);
    expect(c.cards.map((x) => x.id)).toEqual(["a2"]);
    expect(c.emotions).toEqual({ p1: { s2: -1 } });
    expect(c.painPoints[0].touchpointId).toBeNull();
  });

  it("patchCard moves a card between cells, sets a touchpoint's channel, and unpins when it stops being a touchpoint", () => {
    const doc = starter();
    putCard(doc, card("t1", "s1", "touchpoints"));
    putPainPoint(doc, pain("pp1", "t1"));
    expect(patchCard(doc, "t1", { stageId: "s2", position: 5, channel: "web" })).toBe(true);
    let c = readJourneyContent(doc);
    expect(c.cards[0]).toMatchObject({ stageId: "s2", position: 5, channel: "web", lane: "touchpoints" });
    expect(c.painPoints[0].touchpointId).toBe("t1");
    patchCard(doc, "t1", { lane: "systems" });
    c = readJourneyContent(doc);
    expect(c.cards[0]).toMatchObject({ lane: "systems", channel: null });
    expect(c.painPoints[0].touchpointId).toBeNull();
    patchCard(doc, "t1", { lane: "touchpoints" });
    expect(readJourneyContent(doc).cards[0].channel).toBe("other");
    expect(patchCard(doc, "nope", { text: "x" })).toBe(false);
  });

  it("patchPainPoint clamps scores to 1–5 and answers false for a missing one", () => {
    const doc = starter();
    putPainPoint(doc, pain("pp1", null));
    patchPainPoint(doc, "pp1", { severity: 9, reach: -3, title: "New title" });
    expect(readJourneyContent(doc).painPoints[0]).toMatchObject({ severity: 5, reach: 1, title: "New title" });
    expect(patchPainPoint(doc, "missing", { severity: 2 })).toBe(false);
  });

  it("removePersona removes its emotion points; setEmotion clamps and snaps", () => {
    const doc = starter();
    putPersona(doc, { id: "p2", name: "Senior", colour: "#2563eb", position: 2 });
    setEmotion(doc, "p1", "s1", 1.3);
    setEmotion(doc, "p2", "s1", -7);
    expect(readJourneyContent(doc).emotions).toEqual({ p1: { s1: 1.5 }, p2: { s1: -2 } });
    removePersona(doc, "p1");
    expect(emotionsMap(doc).has("p1:s1")).toBe(false);
    expect(readJourneyContent(doc).emotions).toEqual({ p2: { s1: -2 } });
  });
});

describe("positionBetween and clampEmotion", () => {
  it("places between, before, after, or first", () => {
    expect(positionBetween(null, null)).toBe(1);
    expect(positionBetween(null, 3)).toBe(2);
    expect(positionBetween(3, null)).toBe(4);
    expect(positionBetween(1, 2)).toBe(1.5);
    // Repeated inserts at the same spot keep strictly ordered positions.
    let hi = 2;
    for (let i = 0; i < 30; i++) {
      const p = positionBetween(1, hi);
      expect(p).toBeGreaterThan(1);
      expect(p).toBeLessThan(hi);
      hi = p;
    }
  });

  it("snaps to 0.5 within −2…+2 and treats non-numbers as neutral", () => {
    expect(clampEmotion(0.24)).toBe(0);
    expect(clampEmotion(0.26)).toBe(0.5);
    expect(clampEmotion(-1.74)).toBe(-1.5);
    expect(clampEmotion(3)).toBe(2);
    expect(clampEmotion(-3)).toBe(-2);
    expect(clampEmotion(Number.NaN)).toBe(0);
    expect(clampEmotion(Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe("replaceJourneyContent", () => {
  it("makes the live doc equal to the source, including questions, without touching unchanged values", () => {
    const past = starter();
    putCard(past, card("a", "s1", "actions", 1, "old text"));
    setEmotion(past, "p1", "s1", 1);
    questionText(past, "a").insert(0, "Because of price");
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(past));
    patchCard(live, "a", { text: "new text" });
    putCard(live, card("b", "s2", "systems"));
    putStage(live, { id: "s3", name: "Extra", position: 3 });
    questionText(live, "a").insert(0, "Edited: ");

    let stageEvents = 0;
    stagesMap(live).observe((e) => (stageEvents += e.changes.keys.size));
    replaceJourneyContent(live, past);
    expect(readJourneyContent(live)).toEqual(readJourneyContent(past));
    // Only the added stage was deleted; the two unchanged stages were not rewritten.
    expect(stageEvents).toBe(1);
  });

  it("is undoable as one step by an undo manager over the shared types", () => {
    const doc = starter();
    const um = new Y.UndoManager(journeySharedTypes(doc), { trackedOrigins: new Set(["me"]) });
    const before = readJourneyContent(doc);
    const other = new Y.Doc();
    putStage(other, { id: "x", name: "Only", position: 1 });
    doc.transact(() => replaceJourneyContent(doc, other), "me");
    expect(readJourneyContent(doc).stages.map((s) => s.id)).toEqual(["x"]);
    um.undo();
    expect(readJourneyContent(doc)).toEqual(before);
  });
});
