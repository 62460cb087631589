/**
 * The recognition catalogue (step 5), shared by server and UI: the behaviour types worth
 * recognising, the reward for each (points | certificate | bonus | other, a text and a value) and
 * the workshop that agreed on it (a day not in the future, a note, who agreed). Input schema with
 * i18n-key messages, the agreement rule (at least one owner-or-leadership member AND at least one
 * frontline member: it is a leadership + frontline workshop) and duplicate-name matching.
 */
import { z } from "zod";
import type { RewardKind } from "../../db/schema";
import { dayInDisplayZone } from "../utils/format";
import { parseNumeric } from "./kpi";

export type { RewardKind };

export const REWARD_KINDS = ["points", "certificate", "bonus", "other"] as const satisfies readonly RewardKind[];

export const TYPE_NAME_MAX_CHARS = 120;
export const TYPE_DESCRIPTION_MAX_CHARS = 2000;
export const REWARD_TEXT_MAX_CHARS = 200;
export const AGREED_NOTE_MAX_CHARS = 1000;
export const REWARD_VALUE_MAX = 1_000_000_000;
export const MAX_AGREED_BY = 50;

/** Roles that speak for the leadership side of the workshop. */
export const LEADERSHIP_SIDE = ["owner", "leadership"] as const;
/** The role that speaks for the frontline side. */
export const FRONTLINE_SIDE = ["frontline"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today where our users work (China Standard Time): the latest day a workshop can have happened. */
export function todayInDisplayZone(now = new Date()): string {
  return dayInDisplayZone(now.toISOString());
}

const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const text = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

export const RecognitionTypeInputSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(TYPE_NAME_MAX_CHARS, "validation.tooLong"),
  description: text(TYPE_DESCRIPTION_MAX_CHARS),
  /** The guideline reviewers evaluate nominations against (an active guideline of the program). */
  guidelineId: z.preprocess(emptyToNull, z.string({ error: "validation.invalid" }).max(100, "catalogue.errors.guidelineUnknown").nullable()).default(null),
  rewardKind: z.enum(REWARD_KINDS, { error: "catalogue.errors.rewardKindRequired" }),
  rewardText: text(REWARD_TEXT_MAX_CHARS),
  rewardValue: z
    .preprocess(
      (v) => (v === "" || v == null ? 0 : typeof v === "string" ? (parseNumeric(v) ?? v) : v),
      z.number({ error: "catalogue.errors.valueNotNumber" }).refine(Number.isFinite, "catalogue.errors.valueNotNumber"),
    )
    .refine((n) => n >= 0, "catalogue.errors.valueNegative")
    .refine((n) => n <= REWARD_VALUE_MAX, "catalogue.errors.valueTooLarge"),
  agreedOn: z
    .string({ error: "catalogue.errors.agreedOnRequired" })
    .trim()
    .min(1, "catalogue.errors.agreedOnRequired")
    .refine(isCalendarDay, "catalogue.errors.badDate")
    .refine((d) => d <= todayInDisplayZone(), "catalogue.errors.agreedInFuture"),
  agreedNote: text(AGREED_NOTE_MAX_CHARS),
  /** The program members who agreed on it in the workshop. */
  agreedBy: z.preprocess(
    (v) => (typeof v === "string" ? [v] : v == null ? [] : v),
    z
      .array(z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"), { error: "validation.invalid" })
      .max(MAX_AGREED_BY, "catalogue.errors.tooManyAgreed")
      .transform((ids) => [...new Set(ids)]),
  ),
});

export type RecognitionTypeInput = z.output<typeof RecognitionTypeInputSchema>;

/**
 * What the people who agreed lack: the i18n key of the first missing side, or null when both the
 * leadership side (owner or leadership) and the frontline side are there.
 */
export function agreementProblem(roles: readonly string[]): string | null {
  if (roles.length === 0) return "catalogue.errors.agreedRequired";
  if (!roles.some((r) => (LEADERSHIP_SIDE as readonly string[]).includes(r))) return "catalogue.errors.needsLeadership";
  if (!roles.some((r) => (FRONTLINE_SIDE as readonly string[]).includes(r))) return "catalogue.errors.needsFrontline";
  return null;
}

/** Names compare without case and surrounding spaces (NFKC, so full-width letters match too). */
export function sameTypeName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFKC").trim().toLocaleLowerCase();
  return norm(a) === norm(b);
}

/** The catalogue fields of a submitted form (who agreed as repeated `agreedBy` fields). */
export function recognitionTypeInputFromForm(form: FormData): Record<string, unknown> {
  const get = (k: string) => form.get(k) ?? undefined;
  return {
    name: get("name"),
    description: get("description"),
    guidelineId: get("guidelineId"),
    rewardKind: get("rewardKind"),
    rewardText: get("rewardText"),
    rewardValue: get("rewardValue"),
    agreedOn: get("agreedOn"),
    agreedNote: get("agreedNote"),
    agreedBy: form.getAll("agreedBy"),
  };
}
