/**
 * The two live documents of a vision workshop board, shared by server and client (no .server suffix).
 *
 * `vision:<boardId>` — the board, edited by participants through the collaboration socket:
 *   - Y.Map `prompts`:  id → {title, kind, position}            (plain JSON values)
 *   - Y.Map `notes`:    id → Y.Map {text, promptId, colour, clusterId, authorId, authorName, createdAt}
 *   - Y.Map `clusters`: id → {name, promptId}                     (plain JSON values)
 *
 * `vision-control:<boardId>` — the facilitation state, written only by the server (from the
 * relational rows, see vision-control.server.ts); every client connection to it is read-only:
 *   - Y.Map `control`: {locked, anonymous, agenda, currentSectionId, timer, done, vote}
 *
 * The readers below never trust the document: a malformed entry (an old client, a hostile one)
 * is skipped or given defaults rather than crashing the page or the server.
 */
import * as Y from "yjs";
import { z } from "zod";

export const PROMPT_KINDS = ["customer", "frontline", "leadership", "scope", "custom"] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const NOTE_COLOURS = ["yellow", "pink", "blue", "green", "orange", "purple"] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];

export const NOTE_MAX_CHARS = 500;
export const CLUSTER_NAME_MAX_CHARS = 80;
export const PROMPT_TITLE_MAX_CHARS = 120;

export function visionBoardDocName(boardId: string): string {
  return `vision:${boardId}`;
}

export function visionControlDocName(boardId: string): string {
  return `vision-control:${boardId}`;
}

/** Sticky text: trimmed, 1–500 characters. Messages are i18n keys. */
export const NoteTextSchema = z
  .string({ error: "vision.errors.noteEmpty" })
  .trim()
  .min(1, "vision.errors.noteEmpty")
  .max(NOTE_MAX_CHARS, "vision.errors.noteTooLong");

export const ClusterNameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(CLUSTER_NAME_MAX_CHARS, "validation.tooLong");

export const PromptTitleSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(PROMPT_TITLE_MAX_CHARS, "validation.tooLong");

export interface VisionPrompt {
  id: string;
  title: string;
  kind: PromptKind;
  position: number;
}

export interface VisionNote {
  id: string;
  text: string;
  promptId: string;
  colour: NoteColour;
  clusterId: string | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export interface VisionCluster {
  id: string;
  name: string;
  promptId: string;
}

export interface VisionBoardContent {
  prompts: VisionPrompt[];
  notes: VisionNote[];
  clusters: VisionCluster[];
}

/** The four standard prompts of SPEC.md §1, in order; titles are i18n keys until renamed. */
export const DEFAULT_PROMPTS: { kind: PromptKind; titleKey: string }[] = [
  { kind: "customer", titleKey: "vision.prompts.customer" },
  { kind: "frontline", titleKey: "vision.prompts.frontline" },
  { kind: "leadership", titleKey: "vision.prompts.leadership" },
  { kind: "scope", titleKey: "vision.prompts.scope" },
];

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function promptsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("prompts");
}
function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("notes");
}
function clustersMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("clusters");
}

function readPrompt(id: string, v: unknown): VisionPrompt | null {
  if (!isObj(v)) return null;
  const kind = (PROMPT_KINDS as readonly string[]).includes(str(v.kind)) ? (v.kind as PromptKind) : "custom";
  return { id, title: str(v.title).slice(0, PROMPT_TITLE_MAX_CHARS), kind, position: typeof v.position === "number" ? v.position : 0 };
}

function readNote(id: string, v: unknown): VisionNote | null {
  if (!(v instanceof Y.Map)) return null;
  const colour = str(v.get("colour"));
  const promptId = str(v.get("promptId"));
  if (!promptId) return null;
  return {
    id,
    text: str(v.get("text")).slice(0, NOTE_MAX_CHARS),
    promptId,
    colour: (NOTE_COLOURS as readonly string[]).includes(colour) ? (colour as NoteColour) : "yellow",
    clusterId: strOrNull(v.get("clusterId")),
    authorId: strOrNull(v.get("authorId")),
    authorName: strOrNull(v.get("authorName")),
    createdAt: str(v.get("createdAt")),
  };
}

function readCluster(id: string, v: unknown): VisionCluster | null {
  if (!isObj(v)) return null;
  return { id, name: str(v.name).slice(0, CLUSTER_NAME_MAX_CHARS), promptId: str(v.promptId) };
}

/** The board as plain objects: prompts by position, notes by creation time, clusters by name. */
export function readBoardContent(doc: Y.Doc): VisionBoardContent {
  const prompts: VisionPrompt[] = [];
  promptsMap(doc).forEach((v, id) => {
    const p = readPrompt(id, v);
    if (p) prompts.push(p);
  });
  prompts.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const clusters: VisionCluster[] = [];
  clustersMap(doc).forEach((v, id) => {
    const c = readCluster(id, v);
    if (c) clusters.push(c);
  });
  clusters.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const clusterIds = new Set(clusters.map((c) => c.id));
  const notes: VisionNote[] = [];
  notesMap(doc).forEach((v, id) => {
    const n = readNote(id, v);
    // A note whose cluster was deleted (e.g. by a concurrent merge) is simply unclustered.
    if (n) notes.push(n.clusterId && !clusterIds.has(n.clusterId) ? { ...n, clusterId: null } : n);
  });
  notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { prompts, notes, clusters };
}

/** Whether a note or a cluster of that id exists on the board (a vote's target). */
export function boardHasTarget(doc: Y.Doc, targetId: string): "note" | "cluster" | null {
  if (notesMap(doc).has(targetId)) return "note";
  if (clustersMap(doc).has(targetId)) return "cluster";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Writers: used by the client (through its live Y.Doc) and by the server (inside changeDoc).
// Each runs inside the caller's transaction if there is one.

export function putPrompt(doc: Y.Doc, prompt: VisionPrompt): void {
  promptsMap(doc).set(prompt.id, { title: prompt.title, kind: prompt.kind, position: prompt.position });
}

export function removePrompt(doc: Y.Doc, promptId: string): void {
  promptsMap(doc).delete(promptId);
}

export function putNote(doc: Y.Doc, note: VisionNote): void {
  const m = new Y.Map<unknown>();
  m.set("text", note.text.slice(0, NOTE_MAX_CHARS));
  m.set("promptId", note.promptId);
  m.set("colour", note.colour);
  m.set("clusterId", note.clusterId);
  m.set("authorId", note.authorId);
  m.set("authorName", note.authorName);
  m.set("createdAt", note.createdAt);
  notesMap(doc).set(note.id, m);
}

export type NotePatch = Partial<Pick<VisionNote, "text" | "promptId" | "colour" | "clusterId">>;

/** Changes some fields of a note; returns false when the note no longer exists. */
export function patchNote(doc: Y.Doc, noteId: string, patch: NotePatch): boolean {
  const m = notesMap(doc).get(noteId);
  if (!(m instanceof Y.Map)) return false;
  doc.transact(() => {
    if (patch.text !== undefined) m.set("text", patch.text.slice(0, NOTE_MAX_CHARS));
    if (patch.promptId !== undefined) m.set("promptId", patch.promptId);
    if (patch.colour !== undefined) m.set("colour", patch.colour);
    if (patch.clusterId !== undefined) m.set("clusterId", patch.clusterId);
  });
  return true;
}

export function removeNote(doc: Y.Doc, noteId: string): void {
  notesMap(doc).delete(noteId);
}

export function putCluster(doc: Y.Doc, cluster: VisionCluster): void {
  clustersMap(doc).set(cluster.id, { name: cluster.name, promptId: cluster.promptId });
}

/** Moves every note of `fromId` into `intoId` and deletes `fromId`. */
export function mergeClusters(doc: Y.Doc, fromId: string, intoId: string): void {
  if (fromId === intoId) return;
  doc.transact(() => {
    notesMap(doc).forEach((m) => {
      if (m instanceof Y.Map && m.get("clusterId") === fromId) m.set("clusterId", intoId);
    });
    clustersMap(doc).delete(fromId);
  });
}

/** Deletes a cluster; its notes stay on the board, unclustered. */
export function removeCluster(doc: Y.Doc, clusterId: string): void {
  doc.transact(() => {
    notesMap(doc).forEach((m) => {
      if (m instanceof Y.Map && m.get("clusterId") === clusterId) m.set("clusterId", null);
    });
    clustersMap(doc).delete(clusterId);
  });
}

// ---------------------------------------------------------------------------------------------
// The control document (server-written).

export type VoteRoundStatus = "open" | "closed" | "revealed";

export interface VoteResult {
  targetId: string;
  votes: number;
}

export interface VisionAgendaItem {
  id: string;
  title: string;
  minutes: number;
}

export interface VisionTimer {
  running: boolean;
  /** Epoch ms at which a running countdown reaches zero. */
  endsAtMs: number | null;
  /** What is left of a paused countdown. */
  remainingMs: number | null;
}

export interface VisionVoteState {
  roundId: string;
  status: VoteRoundStatus;
  budget: number;
  /** Present once the facilitator has revealed the round: every target with at least one dot, most first. */
  results?: VoteResult[];
}

export interface VisionControlState {
  locked: boolean;
  anonymous: boolean;
  agenda: VisionAgendaItem[];
  currentSectionId: string | null;
  timer: VisionTimer;
  /** section id → ids of the people who said they are done. */
  done: Record<string, string[]>;
  vote: VisionVoteState | null;
}

export const EMPTY_CONTROL: VisionControlState = {
  locked: false,
  anonymous: false,
  agenda: [],
  currentSectionId: null,
  timer: { running: false, endsAtMs: null, remainingMs: null },
  done: {},
  vote: null,
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function readControlState(doc: Y.Doc): VisionControlState {
  const m = doc.getMap<unknown>("control");
  const agendaRaw = m.get("agenda");
  const timerRaw = m.get("timer");
  const doneRaw = m.get("done");
  const voteRaw = m.get("vote");
  const agenda = Array.isArray(agendaRaw)
    ? agendaRaw.filter(isObj).map((a) => ({ id: str(a.id), title: str(a.title), minutes: num(a.minutes) ?? 0 }))
    : [];
  const timer: VisionTimer = isObj(timerRaw)
    ? { running: timerRaw.running === true, endsAtMs: num(timerRaw.endsAtMs), remainingMs: num(timerRaw.remainingMs) }
    : { ...EMPTY_CONTROL.timer };
  const done: Record<string, string[]> = {};
  if (isObj(doneRaw)) {
    for (const [k, v] of Object.entries(doneRaw)) if (Array.isArray(v)) done[k] = v.filter((x): x is string => typeof x === "string");
  }
  let vote: VisionVoteState | null = null;
  if (isObj(voteRaw) && typeof voteRaw.roundId === "string") {
    const status = ["open", "closed", "revealed"].includes(str(voteRaw.status)) ? (voteRaw.status as VoteRoundStatus) : "closed";
    vote = { roundId: voteRaw.roundId, status, budget: num(voteRaw.budget) ?? 0 };
    if (Array.isArray(voteRaw.results)) {
      vote.results = voteRaw.results
        .filter(isObj)
        .map((r) => ({ targetId: str(r.targetId), votes: num(r.votes) ?? 0 }))
        .filter((r) => r.targetId);
    }
  }
  return {
    locked: m.get("locked") === true,
    anonymous: m.get("anonymous") === true,
    agenda,
    currentSectionId: strOrNull(m.get("currentSectionId")),
    timer,
    done,
    vote,
  };
}

/** Writes the control state, touching only the keys whose value changed (keeps the document small). */
export function writeControlState(doc: Y.Doc, state: VisionControlState): void {
  const m = doc.getMap<unknown>("control");
  const entries: [keyof VisionControlState, unknown][] = Object.entries(state) as [keyof VisionControlState, unknown][];
  doc.transact(() => {
    for (const [k, v] of entries) {
      const value = v === undefined ? null : v;
      if (JSON.stringify(m.get(k) ?? null) !== JSON.stringify(value)) m.set(k, JSON.parse(JSON.stringify(value)));
    }
  });
}

/** Milliseconds left on the shared countdown at `nowMs` (never negative); null when no timer is set. */
export function timerRemaining(timer: VisionTimer, nowMs: number): number | null {
  if (timer.running && timer.endsAtMs !== null) return Math.max(0, timer.endsAtMs - nowMs);
  return timer.remainingMs;
}
