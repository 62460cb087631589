import { describe, expect, it } from "vitest";
import type { JourneyCard, JourneyContent } from "../../app/models/journey-doc";
import {
  CARD_H,
  CARD_W,
  cellAt,
  cellKey,
  EMOTION_H,
  HEADER_H,
  LABEL_W,
  laneHeight,
  layoutJourney,
  neighbourCell,
  smoothPath,
  STAGE_W,
  yToEmotion,
  emotionToY,
} from "../../app/models/journey-layout";

const card = (id: string, stageId: string, lane: JourneyCard["lane"], position: number): JourneyCard => ({
  id,
  stageId,
  lane,
  position,
  text: id,
  channel: lane === "touchpoints" ? "web" : null,
  createdBy: null,
  createdAt: "",
});

function content(cards: JourneyCard[] = []): JourneyContent {
  return {
    stages: [
      { id: "s1", name: "Awareness", position: 1 },
      { id: "s2", name: "Purchase", position: 2 },
      { id: "s3", name: "Service", position: 3 },
    ],
    cards,
    personas: [
      { id: "p1", name: "Young", colour: "#e11d48", position: 1 },
      { id: "p2", name: "Senior", colour: "#2563eb", position: 2 },
    ],
    emotions: { p1: { s1: 1, s3: -2 } },
    painPoints: [],
    questions: { a: "", b: "", c: "", d: "", e: "", f: "" },
  };
}

describe("layoutJourney", () => {
  it("puts stages in columns after the label column and lanes in the fixed order under the emotion row", () => {
    const l = layoutJourney(content());
    expect(l.stages.map((s) => [s.id, s.x])).toEqual([
      ["s1", LABEL_W],
      ["s2", LABEL_W + STAGE_W],
      ["s3", LABEL_W + 2 * STAGE_W],
    ]);
    expect(l.lanes.map((x) => x.lane)).toEqual(["actions", "touchpoints", "frontstage", "backstage", "systems"]);
    expect(l.emotion.y).toBe(HEADER_H);
    expect(l.lanes[0].y).toBe(HEADER_H + EMOTION_H);
    for (let i = 1; i < l.lanes.length; i++) expect(l.lanes[i].y).toBe(l.lanes[i - 1].y + l.lanes[i - 1].height);
    expect(l.height).toBe(l.lanes[4].y + l.lanes[4].height);
  });

  it("stacks the cards of a cell by position and grows the lane to its fullest cell", () => {
    const l = layoutJourney(content([card("b", "s1", "actions", 2), card("a", "s1", "actions", 1), card("c", "s1", "actions", 3), card("d", "s2", "actions", 1)]));
    expect(l.cells.get(cellKey("s1", "actions"))).toEqual(["a", "b", "c"]);
    const [a, b, c, d] = ["a", "b", "c", "d"].map((id) => l.cards.get(id)!);
    expect(a.y).toBeLessThan(b.y);
    expect(b.y).toBeLessThan(c.y);
    expect(d.y).toBe(a.y);
    expect(d.x).toBe(a.x + STAGE_W);
    expect(a.width).toBe(CARD_W);
    expect(l.lanes[0].height).toBe(laneHeight(3));
    expect(l.lanes[1].height).toBe(laneHeight(0));
    // No overlap inside the cell, and the last card ends inside the lane.
    expect(b.y - a.y).toBeGreaterThanOrEqual(CARD_H);
    expect(c.y + CARD_H).toBeLessThanOrEqual(l.lanes[0].y + l.lanes[0].height);
  });

  it("ignores cards of unknown stages and makes room for a draft card", () => {
    const l = layoutJourney(content([card("x", "gone", "actions", 1), card("a", "s1", "systems", 1)]), { id: "draft", stageId: "s1", lane: "systems", position: 0.5 });
    expect(l.cards.has("x")).toBe(false);
    expect(l.cells.get(cellKey("s1", "systems"))).toEqual(["draft", "a"]);
    expect(l.lanes[4].height).toBe(laneHeight(2));
  });

  it("draws an emotion point only where a persona has a value, higher for happier", () => {
    const l = layoutJourney(content());
    const young = l.emotion.curves.find((c) => c.personaId === "p1")!;
    expect(young.points.map((p) => p.stageId)).toEqual(["s1", "s3"]);
    expect(young.points[0].y).toBeLessThan(young.points[1].y);
    expect(young.points[0].x).toBe(l.stages[0].cx);
    expect(l.emotion.curves.find((c) => c.personaId === "p2")!.points).toEqual([]);
  });

  it("turns heights back into emotion values snapped to 0.5 and clamped to −2…+2", () => {
    const l = layoutJourney(content());
    for (const v of [-2, -1.5, -0.5, 0, 0.5, 1, 2]) expect(yToEmotion(l, emotionToY(l, v))).toBe(v);
    expect(yToEmotion(l, emotionToY(l, 0.7))).toBe(0.5);
    expect(yToEmotion(l, -10_000)).toBe(2);
    expect(yToEmotion(l, 10_000)).toBe(-2);
  });
});

describe("cellAt", () => {
  const l = layoutJourney(content([card("a", "s2", "touchpoints", 1), card("b", "s2", "touchpoints", 2)]));
  const lane = l.lanes[1];
  const a = l.cards.get("a")!;
  const b = l.cards.get("b")!;

  it("finds the stage and lane under a point and the slot among the cell's cards", () => {
    expect(cellAt(l, { x: l.stages[1].x + 10, y: lane.y + 2 })).toMatchObject({ stageId: "s2", lane: "touchpoints", index: 0, beforeId: null, afterId: "a" });
    expect(cellAt(l, { x: l.stages[1].cx, y: (a.y + a.height / 2 + b.y + b.height / 2) / 2 })).toMatchObject({ index: 1, beforeId: "a", afterId: "b" });
    expect(cellAt(l, { x: l.stages[1].cx, y: lane.y + lane.height - 1 })).toMatchObject({ index: 2, beforeId: "b", afterId: null });
  });

  it("does not count the card being dragged", () => {
    expect(cellAt(l, { x: l.stages[1].cx, y: b.y + b.height }, "a")).toMatchObject({ index: 1, beforeId: "b", afterId: null });
  });

  it("answers null outside the grid: label column, header, emotion row, right of the last stage, below the last lane", () => {
    expect(cellAt(l, { x: LABEL_W - 1, y: lane.y + 5 })).toBeNull();
    expect(cellAt(l, { x: l.stages[0].cx, y: 5 })).toBeNull();
    expect(cellAt(l, { x: l.stages[0].cx, y: l.emotion.zeroY })).toBeNull();
    expect(cellAt(l, { x: l.addStageX + 5, y: lane.y + 5 })).toBeNull();
    expect(cellAt(l, { x: l.stages[0].cx, y: l.height + 1 })).toBeNull();
  });
});

describe("neighbourCell", () => {
  const l = layoutJourney(content());
  it("moves one stage or lane and stops at the edges", () => {
    expect(neighbourCell(l, { stageId: "s1", lane: "actions" }, "right")).toEqual({ stageId: "s2", lane: "actions" });
    expect(neighbourCell(l, { stageId: "s2", lane: "actions" }, "down")).toEqual({ stageId: "s2", lane: "touchpoints" });
    expect(neighbourCell(l, { stageId: "s1", lane: "actions" }, "left")).toBeNull();
    expect(neighbourCell(l, { stageId: "s1", lane: "actions" }, "up")).toBeNull();
    expect(neighbourCell(l, { stageId: "s3", lane: "systems" }, "right")).toBeNull();
    expect(neighbourCell(l, { stageId: "s3", lane: "systems" }, "down")).toBeNull();
  });
});

describe("smoothPath", () => {
  it("passes through every point", () => {
    expect(smoothPath([])).toBe("");
    expect(smoothPath([{ x: 1, y: 2 }])).toBe("M1,2");
    const d = smoothPath([
      { x: 0, y: 10 },
      { x: 100, y: 50 },
      { x: 200, y: 0 },
    ]);
    expect(d.startsWith("M0,10")).toBe(true);
    expect(d).toMatch(/ 100,50 C/);
    expect(d.endsWith(" 200,0")).toBe(true);
    expect(d.match(/C/g)).toHaveLength(2);
  });
});
