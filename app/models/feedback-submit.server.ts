/**
 * Feedback typed in on the inbox page (source manual) or posted by the API (source api): one item
 * or a batch of at most 1,000, from customers or from frontline staff, stored all together or not
 * at all and audited in the same transaction. Needs `feedback.submit` (everyone but viewers).
 */
import { z } from "zod";
import { db, newId } from "../db.server";
import { MAX_CUSTOMER_ID_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS, type FeedbackRow } from "./feedback-csv";
import { insertFeedbackRecords } from "./feedback-records.server";
import { auditAs, parseInput, requireCan, type Actor } from "./domain.server";
import { isCalendarDay } from "./initiative";
import { FEEDBACK_ORIGINS } from "./feedback-inbox";

/** Most records one POST (or one bulk triage) may carry. */
export const FEEDBACK_BATCH_MAX = 1000;

function todayPlus(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const label = z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(MAX_LABEL_CHARS, "validation.tooLong"));

/** One feedback item as typed in or posted by the API. `occurredOn` defaults to today; no later than tomorrow. */
export const FeedbackItemSchema = z
  .object({
    text: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAX_TEXT_CHARS, "validation.tooLong"),
    origin: z.enum(FEEDBACK_ORIGINS, { error: "validation.invalid" }).default("customer"),
    occurredOn: z
      .string({ error: "validation.invalid" })
      .refine(isCalendarDay, "inbox.errors.badDate")
      .refine((d) => d <= todayPlus(1), "inbox.errors.futureDate")
      .optional(),
    channel: label,
    segment: label,
    contactReason: label,
    score: z.number({ error: "validation.invalid" }).finite("validation.invalid").nullable().optional(),
    scoreMin: z.number({ error: "validation.invalid" }).finite("validation.invalid").optional(),
    scoreMax: z.number({ error: "validation.invalid" }).finite("validation.invalid").optional(),
    customerId: z.string({ error: "validation.invalid" }).trim().max(MAX_CUSTOMER_ID_CHARS, "validation.tooLong").nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const min = v.scoreMin ?? 0;
    const max = v.scoreMax ?? 10;
    if (min >= max)
      ctx.addIssue({
        code: "custom",
        path: ["scoreMax"],
        message: "inbox.errors.scoreRange",
      });
    else if (v.score != null && (v.score < min || v.score > max))
      ctx.addIssue({
        code: "custom",
        path: ["score"],
        message: "inbox.errors.scoreRange",
      });
  });
export type FeedbackItemInput = z.infer<typeof FeedbackItemSchema>;

export const FeedbackBatchSchema = z.object({
  items: z.array(FeedbackItemSchema, { error: "validation.invalid" }).min(1, "validation.required").max(FEEDBACK_BATCH_MAX, "inbox.errors.batchTooLarge"),
});

/**
 * The body of `POST /api/v1/programs/:programId/feedback`: one item, or `{items: [...]}` with at
 * most 1,000 items (stored all together or not at all).
 */
export const FeedbackInputSchema = z.union([FeedbackItemSchema, FeedbackBatchSchema]);
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

/** Parses one item or a batch with field errors that point into the right shape. */
function parseFeedbackInput(input: unknown): FeedbackItemInput[] {
  if (input && typeof input === "object" && !Array.isArray(input) && "items" in input) return parseInput(FeedbackBatchSchema, input).items;
  return [parseInput(FeedbackItemSchema, input)];
}

function toRow(i: FeedbackItemInput): FeedbackRow {
  const hasScore = i.score != null;
  return {
    occurredOn: i.occurredOn ?? todayPlus(0),
    channel: i.channel,
    segment: i.segment,
    contactReason: i.contactReason,
    score: hasScore ? i.score! : null,
    scoreMin: hasScore ? i.scoreMin ?? 0 : null,
    scoreMax: hasScore ? i.scoreMax ?? 10 : null,
    text: i.text,
    customerId: i.customerId ? i.customerId : null,
  };
}

/** Stores typed-in (source manual) or posted (source api) feedback, all or nothing; returns the new ids. */
export async function submitFeedback(actor: Actor, input: unknown, source: "manual" | "api"): Promise<{ created: number; ids: string[] }> {
  requireCan(actor, "feedback.submit");
  const items = parseFeedbackInput(input);
  const ids = items.map(() => newId());
  await db()
    .transaction()
    .execute(async (tx) => {
      for (const origin of FEEDBACK_ORIGINS) {
        const idx = items.map((it, i) => (it.origin === origin ? i : -1)).filter((i) => i >= 0);
        if (idx.length === 0) continue;
        await insertFeedbackRecords(
          tx,
          actor.program.id,
          idx.map((i) => toRow(items[i])),
          {
            source,
            origin,
            ids: idx.map((i) => ids[i]),
            createdBy: actor.user.id,
          },
        );
      }
      await auditAs(tx, actor, {
        entityType: "feedback_record",
        entityId: ids.length === 1 ? ids[0] : actor.program.id,
        action: "create",
        after: {
          source,
          count: ids.length,
          ids: ids.slice(0, 50),
          origins: {
            customer: items.filter((i) => i.origin === "customer").length,
            frontline: items.filter((i) => i.origin === "frontline").length,
          },
        },
      });
    });
  return { created: ids.length, ids };
}
