/**
 * The workshop's output, shared by server and UI: the vision statement and its quality standards
 * (input schemas, plain types) and the comparison of two versions (pure, unit-tested).
 *
 * A standard's `key` is stable across versions (kept when a standard is edited, new for a new
 * one), so step 5 can tell that "the standard its guideline cites" changed rather than vanished.
 */
import { z } from "zod";

export const STATEMENT_MAX_CHARS = 2000;
export const MAX_STANDARDS = 20;

export interface VisionStandardContent {
  key: string;
  title: string;
  description: string;
  measurableHint: string;
}

export interface VisionContent {
  statement: string;
  standards: VisionStandardContent[];
}

export const StandardInputSchema = z.object({
  /** Absent for a new standard (the server gives it a key). */
  key: z.string().trim().max(100).regex(/^[A-Za-z0-9_-]*$/, "validation.invalid").optional(),
  title: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(120, "validation.tooLong"),
  description: z.string().trim().max(1000, "validation.tooLong").default(""),
  measurableHint: z.string().trim().max(300, "validation.tooLong").default(""),
});

export const DraftInputSchema = z.object({
  statement: z.string({ error: "validation.required" }).trim().max(STATEMENT_MAX_CHARS, "validation.tooLong"),
  standards: z.array(StandardInputSchema).max(MAX_STANDARDS, "vision.errors.tooManyStandards").default([]),
});

export type DraftInput = z.input<typeof DraftInputSchema>;

export interface StandardChange {
  key: string;
  before: VisionStandardContent;
  after: VisionStandardContent;
  fields: ("title" | "description" | "measurableHint")[];
  moved: boolean;
}

export interface VisionDiff {
  statementChanged: boolean;
  added: VisionStandardContent[];
  removed: VisionStandardContent[];
  changed: StandardChange[];
  unchanged: string[];
  /** True when nothing at all differs (order included). */
  same: boolean;
}

/** What changed from `before` to `after`: the statement, and standards matched by key. */
export function diffVisions(before: VisionContent, after: VisionContent): VisionDiff {
  const beforeByKey = new Map(before.standards.map((s, i) => [s.key, { s, i }]));
  const afterByKey = new Map(after.standards.map((s, i) => [s.key, { s, i }]));
  const added = after.standards.filter((s) => !beforeByKey.has(s.key));
  const removed = before.standards.filter((s) => !afterByKey.has(s.key));
  // Positions compare among the standards both versions share, so an insertion does not "move" the rest.
  const sharedBefore = before.standards.filter((s) => afterByKey.has(s.key)).map((s) => s.key);
  const sharedAfter = after.standards.filter((s) => beforeByKey.has(s.key)).map((s) => s.key);
  const changed: StandardChange[] = [];
  const unchanged: string[] = [];
  for (const s of after.standards) {
    const prev = beforeByKey.get(s.key)?.s;
    if (!prev) continue;
    const fields = (["title", "description", "measurableHint"] as const).filter((f) => prev[f] !== s[f]);
    const moved = sharedBefore.indexOf(s.key) !== sharedAfter.indexOf(s.key);
    if (fields.length || moved) changed.push({ key: s.key, before: prev, after: s, fields: [...fields], moved });
    else unchanged.push(s.key);
  }
  const statementChanged = before.statement !== after.statement;
  return {
    statementChanged,
    added,
    removed,
    changed,
    unchanged,
    same: !statementChanged && !added.length && !removed.length && !changed.length,
  };
}
