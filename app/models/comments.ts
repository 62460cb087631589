/**
 * Comments with @mentions, the shared pure part (server and UI): the targets a comment can sit on,
 * the input schemas (body 1–4,000 characters, at most 20 people mentioned), and the mention token
 * `@[Name](user:<id>)` a body stores for each person mentioned — parsing, rendering as segments
 * (text and mention chips), plain-text excerpts, and the composer's side: finding the "@query" at
 * the caret, filtering people, inserting `@Name`, and turning the visible `@Name` of the people
 * picked back into tokens (and tokens into `@Name` to edit).
 */
import { z } from "zod";
import type { CommentTargetType } from "../../db/schema";

export type { CommentTargetType };

export const COMMENT_TARGET_TYPES = ["sticky", "touchpoint", "pain_point", "initiative", "kpi"] as const satisfies readonly CommentTargetType[];

/** Targets that are objects of a live document (their board or map is the target's context). */
export const DOC_OBJECT_TARGETS: ReadonlySet<CommentTargetType> = new Set(["sticky", "touchpoint", "pain_point"]);

/**
 * Where a target is shown in the app (what a mention notification links to): the initiative and
 * KPI pages at their discussion, the journey canvas with the touchpoint's drawer open (and the
 * pain point selected), the vision board with the note's comments open.
 */
export function commentTargetUrl(
  programId: string,
  target: { type: CommentTargetType; id: string; context: string | null; touchpointId?: string | null },
): string {
  const base = `/programs/${programId}`;
  const qs = (params: Record<string, string | null | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    return p.toString();
  };
  switch (target.type) {
    case "initiative":
      return `${base}/reshape/quick-wins/${target.id}#comments`;
    case "kpi":
      return `${base}/kpis/${target.id}#comments`;
    case "pain_point":
      return `${base}/journeys/${target.context}?${qs({ touchpoint: target.touchpointId, painPoint: target.id })}#comments`;
    case "touchpoint":
      return `${base}/journeys/${target.context}?${qs({ touchpoint: target.id })}#comments`;
    case "sticky":
      return `${base}/vision?${qs({ board: target.context, note: target.id })}`;
  }
}

export const COMMENT_BODY_MAX_CHARS = 4000;
export const COMMENT_MAX_MENTIONS = 20;
/** A person's name inside a token: anything but brackets and line breaks. */
export const MENTION_NAME_MAX_CHARS = 80;

const TOKEN = /@\[([^[\]\r\n]{1,80})\]\(user:([A-Za-z0-9_-]{1,64})\)/g;

export interface MentionRef {
  id: string;
  name: string;
}

export type BodySegment = { kind: "text"; text: string } | { kind: "mention"; userId: string; name: string };

/** A name safe to put in a token: brackets and line breaks removed, trimmed, at most 80 characters. */
export function mentionName(name: string): string {
  const clean = name.replace(/[[\]\r\n]+/g, " ").replace(/\s+/g, " ").trim();
  return [...clean].slice(0, MENTION_NAME_MAX_CHARS).join("") || "?";
}

/** The token that stores a mention of `person` in a body. */
export function mentionToken(person: MentionRef): string {
  return `@[${mentionName(person.name)}](user:${person.id})`;
}

/** The ids of the people a body mentions, each once, in order of first mention. */
export function parseMentions(body: string): string[] {
  const ids: string[] = [];
  for (const m of body.matchAll(TOKEN)) if (!ids.includes(m[2])) ids.push(m[2]);
  return ids;
}

/** The mentions of a body with the names their tokens carry (first token per person). */
export function parseMentionRefs(body: string): MentionRef[] {
  const out: MentionRef[] = [];
  for (const m of body.matchAll(TOKEN)) if (!out.some((r) => r.id === m[2])) out.push({ id: m[2], name: m[1] });
  return out;
}

/** A body as text and mention segments, for rendering mentions as chips (adjacent text merged). */
export function bodySegments(body: string): BodySegment[] {
  const out: BodySegment[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev?.kind === "text") prev.text += text;
    else out.push({ kind: "text", text });
  };
  for (const m of body.matchAll(TOKEN)) {
    pushText(body.slice(last, m.index));
    out.push({ kind: "mention", userId: m[2], name: m[1] });
    last = m.index! + m[0].length;
  }
  pushText(body.slice(last));
  return out;
}

/** A body as plain text (`@Name` for each mention). */
export function plainText(body: string): string {
  return body.replace(TOKEN, (_all, name: string) => `@${name}`);
}

/** A one-line plain-text excerpt of a body, for notifications and the audit log. */
export function commentExcerpt(body: string, max = 140): string {
  const flat = plainText(body).replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

// ---------------------------------------------------------------------------------------------
// Composer: the textarea shows `@Name`; the people picked are kept aside and become tokens on send.

export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** What follows the "@" up to the caret. */
  query: string;
}

const QUERY_MAX_CHARS = 30;

/**
 * The "@query" being typed at the caret, or null: an "@" not glued to a Latin letter or digit
 * (so an email address does not open the list, while "请@陈明" does), then no spaces or brackets
 * up to the caret.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  const prev = at > 0 ? before[at - 1] : "";
  if (prev && /[A-Za-z0-9_.+-]/.test(prev)) return null;
  const query = before.slice(at + 1);
  if (/[\s[\]()@]/.test(query) || [...query].length > QUERY_MAX_CHARS) return null;
  return { start: at, query };
}

export interface MentionCandidate extends MentionRef {
  email?: string;
}

/** People whose name or email matches the query (case-insensitive; names starting with it first), at most `limit`. */
export function filterMentionCandidates<P extends MentionCandidate>(people: P[], query: string, limit = 8): P[] {
  const q = query.trim().toLowerCase();
  if (!q) return people.slice(0, limit);
  const scored: { p: P; score: number }[] = [];
  for (const p of people) {
    const name = p.name.toLowerCase();
    const email = (p.email ?? "").toLowerCase();
    const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : email.startsWith(q) ? 2 : -1;
    if (score >= 0) scored.push({ p, score });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.p);
}

/** Replaces the "@query" at `query.start` (up to `caret`) with `@Name ` and returns the new text and caret. */
export function insertMention(text: string, query: MentionQuery, caret: number, person: MentionRef): { text: string; caret: number } {
  const label = `@${mentionName(person.name)} `;
  const next = text.slice(0, query.start) + label + text.slice(caret);
  return { text: next, caret: query.start + label.length };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The body to send: each visible `@Name` of a person picked becomes their token (longest names
 * first, so "@陈明明" is not read as "@陈明"). A person whose `@Name` was deleted is not mentioned.
 */
export function encodeMentions(text: string, picked: MentionRef[]): string {
  const byName = new Map<string, MentionRef>();
  for (const p of picked) if (!byName.has(mentionName(p.name))) byName.set(mentionName(p.name), p);
  if (byName.size === 0) return text;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![A-Za-z0-9_.+-])@(${names.map(escapeRegExp).join("|")})`, "g");
  return text.replace(re, (_all, name: string) => mentionToken(byName.get(name)!));
}

/** The editable text of a stored body (`@Name`) and the people its tokens mention. */
export function decodeMentions(body: string): { text: string; picked: MentionRef[] } {
  return { text: plainText(body), picked: parseMentionRefs(body) };
}

// ---------------------------------------------------------------------------------------------
// Input schemas (messages are i18n keys)

const id = (message = "validation.invalid") => z.string({ error: message }).trim().min(1, message).max(100, message);

export const CommentBodySchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(COMMENT_BODY_MAX_CHARS, "comments.errors.bodyTooLong")
  .refine((body) => parseMentions(body).length <= COMMENT_MAX_MENTIONS, "comments.errors.tooManyMentions");

export const CommentTargetSchema = z.object({
  targetType: z.enum(COMMENT_TARGET_TYPES, { error: "comments.errors.targetType" }),
  targetId: id("comments.errors.targetNotFound"),
  /** The board or map of a sticky, touchpoint or pain point (looked up when left out). */
  targetContext: z.preprocess((v) => (v === "" ? null : v), id().nullable().optional()),
});

export const CreateCommentSchema = CommentTargetSchema.extend({
  body: CommentBodySchema,
  /** Replies to this thread (its first comment) instead of starting one. */
  threadId: z.preprocess((v) => (v === "" ? null : v), id().nullable().optional()),
});
export type CreateCommentInput = z.infer<typeof CreateCommentSchema>;

export const EditCommentSchema = z.object({ body: CommentBodySchema });

export const ResolveThreadSchema = z.object({ resolved: z.boolean({ error: "validation.invalid" }) });
