/**
 * Behaviour guidelines (step 5), shared by server and UI: the input schema (messages are i18n
 * keys), the limits, and the pure flag computation.
 *
 * A guideline cites one quality standard of the published vision by its stable key and keeps a
 * snapshot of the standard as cited (title, description, measurable hint). When the vision is
 * republished, `guidelineFlag` compares that snapshot with the standard in the latest version:
 * unchanged → none; different wording → changed (which fields); gone → removed.
 */
import { z } from "zod";

export const GUIDELINE_TITLE_MAX_CHARS = 120;
export const GUIDELINE_BODY_MAX_CHARS = 2000;
export const GUIDELINE_EXAMPLE_MAX_CHARS = 300;
export const GUIDELINE_MAX_EXAMPLES = 10;

/** The standard's wording as a guideline cites it. */
export interface StandardSnapshot {
  title: string;
  description: string;
  measurableHint: string;
}

export const SNAPSHOT_FIELDS = ["title", "description", "measurableHint"] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

export type GuidelineFlag =
  | { state: "none" }
  | { state: "changed"; fields: SnapshotField[] }
  | { state: "removed" };

/**
 * Whether a guideline needs review: `latest` is the cited standard in the latest published
 * version (undefined when that version no longer has it).
 */
export function guidelineFlag(snapshot: StandardSnapshot, latest: StandardSnapshot | undefined | null): GuidelineFlag {
  if (!latest) return { state: "removed" };
  const fields = SNAPSHOT_FIELDS.filter((f) => (snapshot[f] ?? "") !== (latest[f] ?? ""));
  return fields.length ? { state: "changed", fields } : { state: "none" };
}

export function isFlagged(flag: GuidelineFlag): boolean {
  return flag.state !== "none";
}

/** The snapshot stored as JSON; anything unreadable reads as empty wording (and so flags). */
export function parseSnapshot(json: string): StandardSnapshot {
  try {
    const v = JSON.parse(json) as Partial<StandardSnapshot> | null;
    return {
      title: typeof v?.title === "string" ? v.title : "",
      description: typeof v?.description === "string" ? v.description : "",
      measurableHint: typeof v?.measurableHint === "string" ? v.measurableHint : "",
    };
  } catch {
    return { title: "", description: "", measurableHint: "" };
  }
}

/** A JSON array of strings as stored; anything else reads as no examples. */
export function parseExamples(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Examples arrive as a list (JSON, repeated form fields) or as text with one example per line; blanks are dropped. */
function toExampleList(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  const list = typeof value === "string" ? value.split(/\r?\n/) : value;
  if (!Array.isArray(list)) return list;
  return list.map((x) => (typeof x === "string" ? x.trim() : x)).filter((x) => x !== "");
}

const Examples = z.preprocess(
  toExampleList,
  z
    .array(z.string({ error: "validation.invalid" }).max(GUIDELINE_EXAMPLE_MAX_CHARS, "guidelines.errors.exampleTooLong"), {
      error: "validation.invalid",
    })
    .max(GUIDELINE_MAX_EXAMPLES, "guidelines.errors.tooManyExamples"),
);

export const GuidelineInputSchema = z.object({
  title: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(GUIDELINE_TITLE_MAX_CHARS, "validation.tooLong"),
  /** The behaviour, described. */
  body: z.string({ error: "validation.invalid" }).trim().max(GUIDELINE_BODY_MAX_CHARS, "validation.tooLong").default(""),
  doExamples: Examples,
  dontExamples: Examples,
  /** The stable key of a quality standard in the latest published vision. */
  standardKey: z
    .string({ error: "guidelines.errors.standardRequired" })
    .trim()
    .min(1, "guidelines.errors.standardRequired")
    .max(100, "guidelines.errors.standardUnknown"),
});

export type GuidelineInput = z.output<typeof GuidelineInputSchema>;

export const MOVE_DIRECTIONS = ["up", "down"] as const;
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number];

/** The guideline fields of a submitted form (examples as repeated `doExamples` / `dontExamples` fields). */
export function guidelineInputFromForm(form: FormData): Record<string, unknown> {
  return {
    title: form.get("title") ?? undefined,
    body: form.get("body") ?? undefined,
    standardKey: form.get("standardKey") ?? undefined,
    doExamples: form.getAll("doExamples"),
    dontExamples: form.getAll("dontExamples"),
  };
}

/**
 * The part of a wording that changed, for showing before → after: the common start, the
 * differing middle of each text, and the common end (by characters, so it works for Chinese).
 */
export function changedMiddle(before: string, after: string): { prefix: string; before: string; after: string; suffix: string } {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return {
    prefix: a.slice(0, start).join(""),
    before: a.slice(start, a.length - end).join(""),
    after: b.slice(start, b.length - end).join(""),
    suffix: a.slice(a.length - end).join(""),
  };
}
