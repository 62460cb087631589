/**
 * The live document of a journey map, `journey:<mapId>`, shared by server and client (no .server
 * suffix). Project teams, leadership and functional representatives co-edit it through the
 * collaboration socket; the server projects it into the journey_* and pain_points tables.
 *
 *   - Y.Map `stages`:     id → {name, position}                                 (plain JSON values)
 *   - Y.Map `cards`:      id → Y.Map {lane, stageId, text, channel, position, createdBy, createdAt}
 *   - Y.Map `personas`:   id → {name, colour, position}                         (plain JSON values)
 *   - Y.Map `emotions`:   "<personaId>:<stageId>" → number −2…+2
 *   - Y.Map `painPoints`: id → Y.Map {touchpointId, title, description, severity, reach, impact,
 *                         effort, source, status, createdBy, createdAt}
 *   - Y.Text `question:<key>` for each key question a–f: the team's answer
 *
 * Cards are placed by cell (stage × lane) and an order within the cell, never by pixels, so
 * the layout is the same for everyone and the projection can diff maps (step 3).
 * Positions are fractional: inserting between two neighbours never renumbers the others.
 *
 * The readers never trust the document: a malformed entry (an old client, a hostile one) is
 * skipped or given defaults rather than crashing the page or the server.
 */
import * as Y from "yjs";
import { z } from "zod";
import {
  JOURNEY_LANES,
  TOUCHPOINT_CHANNELS,
  type JourneyLane,
  type PainPointSource,
  type PainPointStatus,
  type TouchpointChannel,
} from "../../db/schema";

export { JOURNEY_LANES, TOUCHPOINT_CHANNELS, type JourneyLane, type TouchpointChannel, type PainPointSource, type PainPointStatus };

export const PAIN_POINT_SOURCES = ["top_down", "bottom_up"] as const satisfies readonly PainPointSource[];
export const PAIN_POINT_STATUSES = ["open", "confirmed", "addressed", "dismissed"] as const satisfies readonly PainPointStatus[];
/** Seed 004, step 2: the key questions a–f every map answers. */
export const KEY_QUESTIONS = ["a", "b", "c", "d", "e", "f"] as const;
export type KeyQuestion = (typeof KEY_QUESTIONS)[number];

/** The customer lifecycle (seeds 000/003): the default stages of a new map; names are i18n keys. */
export const DEFAULT_STAGE_KEYS = [
  "journey.stages.awareness",
  "journey.stages.purchase",
  "journey.stages.onboarding",
  "journey.stages.service",
  "journey.stages.loyalty",
] as const;

export const PERSONA_COLOURS = ["#e11d48", "#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0891b2"] as const;

export const STAGE_NAME_MAX_CHARS = 60;
export const CARD_TEXT_MAX_CHARS = 280;
export const PERSONA_NAME_MAX_CHARS = 60;
export const PAIN_TITLE_MAX_CHARS = 120;
export const PAIN_DESCRIPTION_MAX_CHARS = 2000;
export const QUESTION_ANSWER_MAX_CHARS = 5000;
export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

export function journeyDocName(mapId: string): string {
  return `journey:${mapId}`;
}

export function questionTextName(key: KeyQuestion): string {
  return `question:${key}`;
}

export interface JourneyStage {
  id: string;
  name: string;
  position: number;
}

export interface JourneyCard {
  id: string;
  lane: JourneyLane;
  stageId: string;
  text: string;
  /** Set for touchpoints only. */
  channel: TouchpointChannel | null;
  position: number;
  createdBy: string | null;
  createdAt: string;
}

export interface JourneyPersona {
  id: string;
  name: string;
  colour: string;
  position: number;
}

export interface PainPoint {
  id: string;
  /** The touchpoint card it is pinned on (null when that card was deleted). */
  touchpointId: string | null;
  title: string;
  description: string;
  /** 1–5: how bad it is, as assessed (the top-down score of triangulation). */
  severity: number;
  /** 1–5: how many customers meet it, how often. */
  reach: number;
  /** 1–5: the value of fixing it (prioritisation matrix). */
  impact: number;
  /** 1–5: the effort of fixing it (prioritisation matrix). */
  effort: number;
  source: PainPointSource;
  status: PainPointStatus;
  createdBy: string | null;
  createdAt: string;
}

export interface JourneyContent {
  stages: JourneyStage[];
  cards: JourneyCard[];
  personas: JourneyPersona[];
  /** personaId → stageId → value −2…+2 (only the points that were set). */
  emotions: Record<string, Record<string, number>>;
  painPoints: PainPoint[];
  questions: Record<KeyQuestion, string>;
}

// ---------------------------------------------------------------------------------------------
// Input schemas (messages are i18n keys), for forms, API and the client before it writes.

const score = z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(5, "validation.invalid");

export const StageNameSchema = z.string().trim().min(1, "validation.required").max(STAGE_NAME_MAX_CHARS, "validation.tooLong");
export const CardTextSchema = z.string().trim().min(1, "validation.required").max(CARD_TEXT_MAX_CHARS, "validation.tooLong");
export const PersonaNameSchema = z.string().trim().min(1, "validation.required").max(PERSONA_NAME_MAX_CHARS, "validation.tooLong");

export const PainPointInputSchema = z.object({
  title: z.string().trim().min(1, "validation.required").max(PAIN_TITLE_MAX_CHARS, "validation.tooLong"),
  description: z.string().trim().max(PAIN_DESCRIPTION_MAX_CHARS, "validation.tooLong").default(""),
  severity: score,
  reach: score,
  impact: score.default(3),
  effort: score.default(3),
  source: z.enum(PAIN_POINT_SOURCES, { error: "validation.invalid" }),
  status: z.enum(PAIN_POINT_STATUSES, { error: "validation.invalid" }).default("open"),
});
export type PainPointInput = z.infer<typeof PainPointInputSchema>;

// ---------------------------------------------------------------------------------------------
// Readers

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const clampInt = (v: unknown, lo: number, hi: number, fallback: number): number =>
  Math.min(hi, Math.max(lo, Math.round(num(v, fallback))));

export function clampEmotion(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, Math.round(value * 2) / 2));
}

export const stagesMap = (doc: Y.Doc) => doc.getMap<unknown>("stages");
export const cardsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("cards");
export const personasMap = (doc: Y.Doc) => doc.getMap<unknown>("personas");
export const emotionsMap = (doc: Y.Doc) => doc.getMap<number>("emotions");
export const painPointsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("painPoints");
export const questionText = (doc: Y.Doc, key: KeyQuestion) => doc.getText(questionTextName(key));

/** Every shared type of a journey doc: what an undo manager tracks and what a restore replaces. */
export function journeySharedTypes(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [stagesMap(doc), cardsMap(doc), personasMap(doc), emotionsMap(doc), painPointsMap(doc), ...KEY_QUESTIONS.map((k) => questionText(doc, k))] as Y.AbstractType<unknown>[];
}

export function readStage(id: string, v: unknown): JourneyStage | null {
  if (!isObj(v)) return null;
  return { id, name: str(v.name).slice(0, STAGE_NAME_MAX_CHARS), position: num(v.position, 0) };
}

export function readCard(id: string, v: unknown): JourneyCard | null {
  if (!(v instanceof Y.Map)) return null;
  const lane = str(v.get("lane"));
  const stageId = str(v.get("stageId"));
  if (!(JOURNEY_LANES as readonly string[]).includes(lane) || !stageId) return null;
  const channel = str(v.get("channel"));
  return {
    id,
    lane: lane as JourneyLane,
    stageId,
    text: str(v.get("text")).slice(0, CARD_TEXT_MAX_CHARS),
    channel:
      lane === "touchpoints" ? ((TOUCHPOINT_CHANNELS as readonly string[]).includes(channel) ? (channel as TouchpointChannel) : "other") : null,
    position: num(v.get("position"), 0),
    createdBy: strOrNull(v.get("createdBy")),
    createdAt: str(v.get("createdAt")),
  };
}

export function readPersona(id: string, v: unknown): JourneyPersona | null {
  if (!isObj(v)) return null;
  const colour = str(v.colour);
  return {
    id,
    name: str(v.name).slice(0, PERSONA_NAME_MAX_CHARS),
    colour: /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : PERSONA_COLOURS[0],
    position: num(v.position, 0),
  };
}

export function readPainPoint(id: string, v: unknown): PainPoint | null {
  if (!(v instanceof Y.Map)) return null;
  const title = str(v.get("title")).slice(0, PAIN_TITLE_MAX_CHARS);
  if (!title) return null;
  const source = str(v.get("source"));
  const status = str(v.get("status"));
  return {
    id,
    touchpointId: strOrNull(v.get("touchpointId")),
    title,
    description: str(v.get("description")).slice(0, PAIN_DESCRIPTION_MAX_CHARS),
    severity: clampInt(v.get("severity"), 1, 5, 3),
    reach: clampInt(v.get("reach"), 1, 5, 3),
    impact: clampInt(v.get("impact"), 1, 5, 3),
    effort: clampInt(v.get("effort"), 1, 5, 3),
    source: (PAIN_POINT_SOURCES as readonly string[]).includes(source) ? (source as PainPointSource) : "top_down",
    status: (PAIN_POINT_STATUSES as readonly string[]).includes(status) ? (status as PainPointStatus) : "open",
    createdBy: strOrNull(v.get("createdBy")),
    createdAt: str(v.get("createdAt")),
  };
}

const byPosition = <T extends { position: number; id: string }>(a: T, b: T) => a.position - b.position || a.id.localeCompare(b.id);

/**
 * The map as plain objects: stages and personas by position, cards by stage, lane and position,
 * pain points by creation time. Cards of a deleted stage are dropped (they cannot be placed);
 * a pain point whose touchpoint is gone keeps its data with touchpointId null.
 */
export function readJourneyContent(doc: Y.Doc): JourneyContent {
  const stages: JourneyStage[] = [];
  stagesMap(doc).forEach((v, id) => {
    const s = readStage(id, v);
    if (s) stages.push(s);
  });
  stages.sort(byPosition);
  const stageIds = new Set(stages.map((s) => s.id));
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));

  const cards: JourneyCard[] = [];
  cardsMap(doc).forEach((v, id) => {
    const c = readCard(id, v);
    if (c && stageIds.has(c.stageId)) cards.push(c);
  });
  cards.sort(
    (a, b) =>
      stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
      JOURNEY_LANES.indexOf(a.lane) - JOURNEY_LANES.indexOf(b.lane) ||
      byPosition(a, b),
  );
  const touchpointIds = new Set(cards.filter((c) => c.lane === "touchpoints").map((c) => c.id));

  const personas: JourneyPersona[] = [];
  personasMap(doc).forEach((v, id) => {
    const p = readPersona(id, v);
    if (p) personas.push(p);
  });
  personas.sort(byPosition);
  const personaIds = new Set(personas.map((p) => p.id));

  const emotions: Record<string, Record<string, number>> = {};
  emotionsMap(doc).forEach((v, key) => {
    const [personaId, stageId] = key.split(":");
    if (!personaIds.has(personaId) || !stageIds.has(stageId) || typeof v !== "number") return;
    (emotions[personaId] ??= {})[stageId] = clampEmotion(v);
  });

  const painPoints: PainPoint[] = [];
  painPointsMap(doc).forEach((v, id) => {
    const p = readPainPoint(id, v);
    if (!p) return;
    painPoints.push(p.touchpointId && !touchpointIds.has(p.touchpointId) ? { ...p, touchpointId: null } : p);
  });
  painPoints.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

  const questions = {} as Record<KeyQuestion, string>;
  for (const key of KEY_QUESTIONS) questions[key] = questionText(doc, key).toString().slice(0, QUESTION_ANSWER_MAX_CHARS);

  return { stages, cards, personas, emotions, painPoints, questions };
}

/** A position between two neighbours (either may be missing): fractional ordering. */
export function positionBetween(before: number | null | undefined, after: number | null | undefined): number {
  if (before == null && after == null) return 1;
  if (before == null) return after! - 1;
  if (after == null) return before + 1;
  return (before + after) / 2;
}

// ---------------------------------------------------------------------------------------------
// Writers: used by the client (through its live Y.Doc) and by the server (inside changeDoc).
// Each runs inside the caller's transaction if there is one.

export function putStage(doc: Y.Doc, stage: JourneyStage): void {
  stagesMap(doc).set(stage.id, { name: stage.name.slice(0, STAGE_NAME_MAX_CHARS), position: stage.position });
}

/** Deletes a stage with its cards (and unpins the pain points of its touchpoints). */
export function removeStage(doc: Y.Doc, stageId: string): void {
  doc.transact(() => {
    const cards = cardsMap(doc);
    for (const [id, m] of [...cards.entries()]) if (m instanceof Y.Map && m.get("stageId") === stageId) removeCard(doc, id);
    for (const key of [...emotionsMap(doc).keys()]) if (key.endsWith(`:${stageId}`)) emotionsMap(doc).delete(key);
    stagesMap(doc).delete(stageId);
  });
}

export function putCard(doc: Y.Doc, card: JourneyCard): void {
  const m = new Y.Map<unknown>();
  m.set("lane", card.lane);
  m.set("stageId", card.stageId);
  m.set("text", card.text.slice(0, CARD_TEXT_MAX_CHARS));
  m.set("channel", card.lane === "touchpoints" ? (card.channel ?? "other") : null);
  m.set("position", card.position);
  m.set("createdBy", card.createdBy);
  m.set("createdAt", card.createdAt);
  cardsMap(doc).set(card.id, m);
}

export type CardPatch = Partial<Pick<JourneyCard, "lane" | "stageId" | "text" | "channel" | "position">>;

/** Changes some fields of a card; returns false when the card no longer exists. */
export function patchCard(doc: Y.Doc, cardId: string, patch: CardPatch): boolean {
  const m = cardsMap(doc).get(cardId);
  if (!(m instanceof Y.Map)) return false;
  doc.transact(() => {
    if (patch.text !== undefined) m.set("text", patch.text.slice(0, CARD_TEXT_MAX_CHARS));
    if (patch.stageId !== undefined) m.set("stageId", patch.stageId);
    if (patch.position !== undefined) m.set("position", patch.position);
    const lane = patch.lane ?? (m.get("lane") as JourneyLane);
    if (patch.lane !== undefined) m.set("lane", patch.lane);
    if (lane !== "touchpoints") {
      if (m.get("channel") !== null) m.set("channel", null);
    } else if (patch.channel !== undefined || m.get("channel") == null) {
      m.set("channel", patch.channel ?? "other");
    }
    if (lane !== "touchpoints") unpinFrom(doc, cardId);
  });
  return true;
}

function unpinFrom(doc: Y.Doc, touchpointId: string): void {
  painPointsMap(doc).forEach((p) => {
    if (p instanceof Y.Map && p.get("touchpointId") === touchpointId) p.set("touchpointId", null);
  });
}

/** Deletes a card; pain points pinned on it stay, unpinned (they are never lost with a card). */
export function removeCard(doc: Y.Doc, cardId: string): void {
  doc.transact(() => {
    unpinFrom(doc, cardId);
    cardsMap(doc).delete(cardId);
  });
}

export function putPersona(doc: Y.Doc, persona: JourneyPersona): void {
  personasMap(doc).set(persona.id, { name: persona.name.slice(0, PERSONA_NAME_MAX_CHARS), colour: persona.colour, position: persona.position });
}

export function removePersona(doc: Y.Doc, personaId: string): void {
  doc.transact(() => {
    for (const key of [...emotionsMap(doc).keys()]) if (key.startsWith(`${personaId}:`)) emotionsMap(doc).delete(key);
    personasMap(doc).delete(personaId);
  });
}

export function setEmotion(doc: Y.Doc, personaId: string, stageId: string, value: number): void {
  emotionsMap(doc).set(`${personaId}:${stageId}`, clampEmotion(value));
}

export function putPainPoint(doc: Y.Doc, p: PainPoint): void {
  const m = new Y.Map<unknown>();
  m.set("touchpointId", p.touchpointId);
  m.set("title", p.title.slice(0, PAIN_TITLE_MAX_CHARS));
  m.set("description", p.description.slice(0, PAIN_DESCRIPTION_MAX_CHARS));
  for (const k of ["severity", "reach", "impact", "effort"] as const) m.set(k, clampInt(p[k], 1, 5, 3));
  m.set("source", p.source);
  m.set("status", p.status);
  m.set("createdBy", p.createdBy);
  m.set("createdAt", p.createdAt);
  painPointsMap(doc).set(p.id, m);
}

export type PainPointPatch = Partial<Omit<PainPoint, "id" | "createdBy" | "createdAt">>;

/** Changes some fields of a pain point; returns false when it no longer exists. */
export function patchPainPoint(doc: Y.Doc, id: string, patch: PainPointPatch): boolean {
  const m = painPointsMap(doc).get(id);
  if (!(m instanceof Y.Map)) return false;
  doc.transact(() => {
    if (patch.touchpointId !== undefined) m.set("touchpointId", patch.touchpointId);
    if (patch.title !== undefined) m.set("title", patch.title.slice(0, PAIN_TITLE_MAX_CHARS));
    if (patch.description !== undefined) m.set("description", patch.description.slice(0, PAIN_DESCRIPTION_MAX_CHARS));
    for (const k of ["severity", "reach", "impact", "effort"] as const) {
      const v = patch[k];
      if (v !== undefined) m.set(k, clampInt(v, 1, 5, 3));
    }
    if (patch.source !== undefined) m.set("source", patch.source);
    if (patch.status !== undefined) m.set("status", patch.status);
  });
  return true;
}

export function removePainPoint(doc: Y.Doc, id: string): void {
  painPointsMap(doc).delete(id);
}

/** Makes `doc`'s content equal to `source`'s (named-version restore, duplicating a map). */
export function replaceJourneyContent(doc: Y.Doc, source: Y.Doc): void {
  const copy = (v: unknown): unknown => {
    if (v instanceof Y.Map) {
      const m = new Y.Map<unknown>();
      v.forEach((x, k) => m.set(k, copy(x)));
      return m;
    }
    return v;
  };
  doc.transact(() => {
    for (const name of ["stages", "cards", "personas", "emotions", "painPoints"] as const) {
      const live = doc.getMap<unknown>(name);
      const past = source.getMap<unknown>(name);
      for (const key of [...live.keys()]) if (!past.has(key)) live.delete(key);
      past.forEach((v, k) => {
        const next = copy(v);
        // Plain values that did not change are left alone (keeps the update and the history small).
        if (!(next instanceof Y.Map) && JSON.stringify(live.get(k)) === JSON.stringify(next)) return;
        live.set(k, next);
      });
    }
    for (const key of KEY_QUESTIONS) {
      const live = questionText(doc, key);
      const past = questionText(source, key).toString();
      if (live.toString() !== past) {
        live.delete(0, live.length);
        live.insert(0, past);
      }
    }
  });
}
