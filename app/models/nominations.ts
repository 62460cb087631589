/**
 * The recognition workflow's rules, shared by server and UI (no .server suffix): statuses and the
 * only transitions allowed (submitted → approved | rejected; approved → rewarded), who may not
 * review a nomination (its nominator and its nominee), the input schemas (messages are i18n keys),
 * story normalisation and its SHA-256 (the same story for the same person and behaviour is a
 * duplicate), whether a granted reward departs from the catalogue, and the recognition wall's
 * periods. Nothing here touches the database.
 */
import { z } from "zod";
import type { NominationStatus } from "../../db/schema";

export type { NominationStatus };

export const NOMINATION_STATUSES = ["submitted", "approved", "rejected", "rewarded"] as const satisfies readonly NominationStatus[];

/** The happy path, in order (rejected is a side exit): what a status bar shows. */
export const NOMINATION_PATH = ["submitted", "approved", "rewarded"] as const satisfies readonly NominationStatus[];

/** Allowed transitions; rejected and rewarded are final (a new story is a new nomination). */
export const NOMINATION_TRANSITIONS: Record<NominationStatus, readonly NominationStatus[]> = {
  submitted: ["approved", "rejected"],
  approved: ["rewarded"],
  rejected: [],
  rewarded: [],
};

export function canTransition(from: NominationStatus, to: NominationStatus): boolean {
  return NOMINATION_TRANSITIONS[from].includes(to);
}

export function isNominationStatus(v: unknown): v is NominationStatus {
  return typeof v === "string" && (NOMINATION_STATUSES as readonly string[]).includes(v);
}

/**
 * The i18n key (nominations.errors.*) refusing a move from `from` to `to`, or null when allowed.
 * Every refusal is a 409: the nomination is no longer (or not yet) where the move starts.
 */
export function transitionRefusal(from: NominationStatus, to: NominationStatus): string | null {
  if (canTransition(from, to)) return null;
  if (to === "rewarded") return from === "rewarded" ? "nominations.errors.alreadyRewarded" : "nominations.errors.notApproved";
  return "nominations.errors.alreadyReviewed";
}

/**
 * Why a person may not review or reward a nomination: they sent it ("own"), or it is about them
 * ("nominee"); null when they are independent of it.
 */
export function reviewConflict(n: { nominatorId: string; nomineeId: string }, userId: string): "own" | "nominee" | null {
  if (n.nominatorId === userId) return "own";
  if (n.nomineeId === userId) return "nominee";
  return null;
}

export const STORY_MIN_CHARS = 20;
export const STORY_MAX_CHARS = 2000;
export const REASON_MAX_CHARS = 1000;
export const NOTE_MAX_CHARS = 1000;
export const REWARD_TEXT_MAX_CHARS = 200;
export const REWARD_VALUE_MAX = 1_000_000;

/** Characters as people count them (code points: an emoji or a rare 汉字 is one). */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * The story as compared for duplicates: Unicode NFKC (full-width letters and digits typed with a
 * Chinese keyboard become their ASCII forms), trimmed, every run of white space collapsed to one
 * space, case-folded.
 */
export function normaliseStory(story: string): string {
  return story.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

/** SHA-256 (hex) of the normalised story, stored in nominations.story_hash. Web Crypto: server and browser alike. */
export async function storyHash(story: string): Promise<string> {
  const bytes = new TextEncoder().encode(normaliseStory(story));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const id = (required: string) =>
  z.preprocess((v) => (v == null ? "" : v), z.string({ error: required }).trim().min(1, required).max(100, "validation.invalid"));

const optionalText = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

/** A nomination as a form or the API sends it. */
export const NominationInputSchema = z.object({
  nomineeId: id("nominations.errors.nomineeRequired"),
  typeId: id("nominations.errors.typeRequired"),
  story: z.preprocess(
    (v) => (v == null ? "" : v),
    z
      .string({ error: "nominations.errors.storyRequired" })
      .trim()
      .refine((s) => s.length > 0, "nominations.errors.storyRequired")
      .refine((s) => s.length === 0 || charCount(s) >= STORY_MIN_CHARS, "nominations.errors.storyTooShort")
      .refine((s) => charCount(s) <= STORY_MAX_CHARS, "nominations.errors.storyTooLong"),
  ),
});
export type NominationInput = z.infer<typeof NominationInputSchema>;

export const REVIEW_DECISIONS = ["approve", "reject"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A reviewer's decision; a rejection must say why (the nominator reads it). */
export const ReviewInputSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, { error: "nominations.errors.decisionRequired" }),
    reason: optionalText(REASON_MAX_CHARS),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "nominations.errors.reasonRequired" });
  });
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * Granting the reward: without `rewardText`/`rewardValue` the behaviour type's reward is granted as
 * the catalogue has it; either may be adjusted, and an adjustment must carry a note saying why.
 */
export const RewardInputSchema = z.object({
  rewardText: z.preprocess(
    emptyToUndefined,
    z.string({ error: "validation.invalid" }).trim().min(1, "validation.required").max(REWARD_TEXT_MAX_CHARS, "validation.tooLong").optional(),
  ),
  rewardValue: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "nominations.errors.rewardValue" })
      .refine((n) => Number.isFinite(n), "nominations.errors.rewardValue")
      .min(0, "nominations.errors.rewardValue")
      .max(REWARD_VALUE_MAX, "nominations.errors.rewardValue")
      .optional(),
  ),
  note: optionalText(NOTE_MAX_CHARS),
});
export type RewardInput = z.infer<typeof RewardInputSchema>;

/** The reward actually granted, and whether it departs from the catalogue's. */
export function grantedReward(catalogue: { rewardText: string; rewardValue: number }, input: RewardInput): { rewardText: string; rewardValue: number; adjusted: boolean } {
  const rewardText = input.rewardText ?? catalogue.rewardText;
  const rewardValue = input.rewardValue ?? catalogue.rewardValue;
  return { rewardText, rewardValue, adjusted: rewardText !== catalogue.rewardText || rewardValue !== catalogue.rewardValue };
}

/** The recognition wall's period filter. */
export const WALL_PERIODS = ["30d", "90d", "365d", "all"] as const;
export type WallPeriod = (typeof WALL_PERIODS)[number];

export function isWallPeriod(v: unknown): v is WallPeriod {
  return typeof v === "string" && (WALL_PERIODS as readonly string[]).includes(v);
}

/** The earliest reward time (ISO) a period includes, or null for all time. */
export function periodStart(period: WallPeriod, now: Date = new Date()): string | null {
  const days = { "30d": 30, "90d": 90, "365d": 365, all: null }[period];
  return days === null ? null : new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** Reads the nominate form. */
export function nominationInputFromForm(form: FormData): Record<string, unknown> {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  return { nomineeId: get("nomineeId"), typeId: get("typeId"), story: get("story") };
}
