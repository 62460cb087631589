/**
 * Where everything of a journey map goes on the canvas, computed from the doc content alone (the
 * doc stores cells and orders, never pixels), so every client and the exporter draw the same map:
 *
 *   ┌ lane labels ┬ stage 1 ┬ stage 2 ┬ … ┬ (+ stage)
 *   │             │ header  │ header  │   │
 *   │ emotions    │  •──────┼──•      │   │     one curve per persona, −2 … +2
 *   │ actions     │ cards   │ cards   │   │     one row per lane, as tall as its fullest cell
 *   │ touchpoints │ …       │         │   │
 *
 * Pure: no DOM, no Yjs. Also the reverse: which cell (and slot in it) a point falls in, and which
 * emotion value a height means.
 */
import {
  clampEmotion,
  EMOTION_MAX,
  EMOTION_MIN,
  JOURNEY_LANES,
  type JourneyContent,
  type JourneyLane,
} from "./journey-doc";

export const LABEL_W = 168;
export const STAGE_W = 264;
export const HEADER_H = 64;
export const EMOTION_H = 200;
export const CARD_W = 236;
export const CARD_H = 84;
export const CARD_GAP = 10;
export const CELL_PAD = 14;
/** Room under the last card of a cell for its "+" button. */
export const ADD_H = 34;
export const ADD_STAGE_W = 180;
/** Vertical margin of the emotion scale inside its row. */
const EMOTION_MARGIN = 30;

export interface StageBox {
  id: string;
  name: string;
  index: number;
  x: number;
  width: number;
  /** Centre of the column (where the emotion points sit). */
  cx: number;
}

export interface LaneBox {
  lane: JourneyLane;
  index: number;
  y: number;
  height: number;
}

export interface CardBox {
  id: string;
  stageId: string;
  lane: JourneyLane;
  /** Order inside its cell, 0 first. */
  slot: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EmotionPoint {
  stageId: string;
  x: number;
  y: number;
  value: number;
}

export interface EmotionCurve {
  personaId: string;
  name: string;
  colour: string;
  /** Only the stages where this persona has a value, left to right. */
  points: EmotionPoint[];
}

export interface JourneyLayout {
  width: number;
  height: number;
  header: { y: number; height: number };
  emotion: { y: number; height: number; zeroY: number; curves: EmotionCurve[] };
  stages: StageBox[];
  lanes: LaneBox[];
  cards: Map<string, CardBox>;
  /** Card ids of each cell, in order: key `${stageId}|${lane}`. */
  cells: Map<string, string[]>;
  addStageX: number;
  /** Bounds of the whole lane grid (without the header and emotion rows). */
  grid: { x: number; y: number; width: number; height: number };
}

/** A card being written that is not in the doc yet (it takes a slot so the cell grows). */
export interface DraftSlot {
  id: string;
  stageId: string;
  lane: JourneyLane;
  position: number;
}

export const cellKey = (stageId: string, lane: JourneyLane) => `${stageId}|${lane}`;

export function laneHeight(cardCount: number): number {
  return CELL_PAD + Math.max(1, cardCount) * (CARD_H + CARD_GAP) - CARD_GAP + CELL_PAD + ADD_H;
}

export function emotionToY(layout: { emotion: { height: number; zeroY: number } }, value: number): number {
  const half = layout.emotion.height / 2 - EMOTION_MARGIN;
  return layout.emotion.zeroY - (clampEmotion(value) / EMOTION_MAX) * half;
}

/** The value (snapped to 0.5, clamped to −2…+2) a height in the emotion row means. */
export function yToEmotion(layout: { emotion: { height: number; zeroY: number } }, y: number): number {
  const half = layout.emotion.height / 2 - EMOTION_MARGIN;
  return clampEmotion(((layout.emotion.zeroY - y) / half) * EMOTION_MAX);
}

export function layoutJourney(content: Pick<JourneyContent, "stages" | "cards" | "personas" | "emotions">, draft?: DraftSlot | null): JourneyLayout {
  const stageIds = new Set(content.stages.map((s) => s.id));
  const stages: StageBox[] = content.stages.map((s, index) => {
    const x = LABEL_W + index * STAGE_W;
    return { id: s.id, name: s.name, index, x, width: STAGE_W, cx: x + STAGE_W / 2 };
  });

  // Cards per cell, by position (the draft slots in where its position says).
  const entries: { id: string; stageId: string; lane: JourneyLane; position: number }[] = content.cards.filter((c) => stageIds.has(c.stageId));
  if (draft && stageIds.has(draft.stageId)) entries.push(draft);
  const cells = new Map<string, string[]>();
  const byCell = new Map<string, typeof entries>();
  for (const e of entries) {
    const key = cellKey(e.stageId, e.lane);
    const list = byCell.get(key) ?? [];
    list.push(e);
    byCell.set(key, list);
  }
  for (const [key, list] of byCell) {
    list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    cells.set(
      key,
      list.map((e) => e.id),
    );
  }

  const header = { y: 0, height: HEADER_H };
  const emotionY = HEADER_H;
  const lanes: LaneBox[] = [];
  let y = emotionY + EMOTION_H;
  JOURNEY_LANES.forEach((lane, index) => {
    let max = 0;
    for (const s of stages) max = Math.max(max, cells.get(cellKey(s.id, lane))?.length ?? 0);
    const height = laneHeight(max);
    lanes.push({ lane, index, y, height });
    y += height;
  });

  const laneOf = new Map(lanes.map((l) => [l.lane, l]));
  const stageOf = new Map(stages.map((s) => [s.id, s]));
  const cards = new Map<string, CardBox>();
  for (const [key, ids] of cells) {
    const [stageId, lane] = key.split("|") as [string, JourneyLane];
    const s = stageOf.get(stageId)!;
    const l = laneOf.get(lane)!;
    ids.forEach((id, slot) => {
      cards.set(id, {
        id,
        stageId,
        lane,
        slot,
        x: s.x + (STAGE_W - CARD_W) / 2,
        y: l.y + CELL_PAD + slot * (CARD_H + CARD_GAP),
        width: CARD_W,
        height: CARD_H,
      });
    });
  }

  const gridWidth = stages.length * STAGE_W;
  const emotion = { y: emotionY, height: EMOTION_H, zeroY: emotionY + EMOTION_H / 2, curves: [] as EmotionCurve[] };
  for (const p of content.personas) {
    const values = content.emotions[p.id] ?? {};
    const points: EmotionPoint[] = [];
    for (const s of stages) {
      const v = values[s.id];
      if (typeof v === "number") points.push({ stageId: s.id, x: s.cx, y: emotionToY({ emotion }, v), value: clampEmotion(v) });
    }
    emotion.curves.push({ personaId: p.id, name: p.name, colour: p.colour, points });
  }

  return {
    width: LABEL_W + gridWidth + ADD_STAGE_W,
    height: y,
    header,
    emotion,
    stages,
    lanes,
    cards,
    cells,
    addStageX: LABEL_W + gridWidth,
    grid: { x: LABEL_W, y: emotionY + EMOTION_H, width: gridWidth, height: y - (emotionY + EMOTION_H) },
  };
}

export interface CellHit {
  stageId: string;
  lane: JourneyLane;
  /** The slot a card dropped here takes (0 = first), counting the cell's cards without `ignoreId`. */
  index: number;
  /** The neighbours around that slot, for positionBetween. */
  beforeId: string | null;
  afterId: string | null;
}

/** The cell under a point of the canvas (flow coordinates), or null outside the lane grid. */
export function cellAt(layout: JourneyLayout, point: { x: number; y: number }, ignoreId?: string): CellHit | null {
  const col = Math.floor((point.x - LABEL_W) / STAGE_W);
  const stage = layout.stages[col];
  if (!stage || point.x < LABEL_W) return null;
  const lane = layout.lanes.find((l) => point.y >= l.y && point.y < l.y + l.height);
  if (!lane) return null;
  const ids = (layout.cells.get(cellKey(stage.id, lane.lane)) ?? []).filter((id) => id !== ignoreId);
  let index = 0;
  for (const id of ids) {
    const box = layout.cards.get(id)!;
    if (box.y + box.height / 2 < point.y) index++;
    else break;
  }
  return { stageId: stage.id, lane: lane.lane, index, beforeId: ids[index - 1] ?? null, afterId: ids[index] ?? null };
}

/** A point one cell away from a card's cell (arrow keys), or null at the edge of the grid. */
export function neighbourCell(
  layout: JourneyLayout,
  from: { stageId: string; lane: JourneyLane },
  direction: "left" | "right" | "up" | "down",
): { stageId: string; lane: JourneyLane } | null {
  const si = layout.stages.findIndex((s) => s.id === from.stageId);
  const li = JOURNEY_LANES.indexOf(from.lane);
  if (si < 0 || li < 0) return null;
  const ns = si + (direction === "left" ? -1 : direction === "right" ? 1 : 0);
  const nl = li + (direction === "up" ? -1 : direction === "down" ? 1 : 0);
  if (ns < 0 || ns >= layout.stages.length || nl < 0 || nl >= JOURNEY_LANES.length) return null;
  return { stageId: layout.stages[ns].id, lane: JOURNEY_LANES[nl] };
}

/**
 * A smooth path through the points (Catmull-Rom turned into cubic Béziers), for the emotion
 * curves on the canvas and in the export. One point gives a dot-sized path; none gives "".
 */
export function smoothPath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  if (points.length === 1) return `M${f(points[0].x)},${f(points[0].y)}`;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[i + 2] ?? p2;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C${f(c1.x)},${f(c1.y)} ${f(c2.x)},${f(c2.y)} ${f(p2.x)},${f(p2.y)}`;
  }
  return d;
}

export const EMOTION_TICKS = [EMOTION_MAX, 1, 0, -1, EMOTION_MIN] as const;
