/**
 * Triage of the feedback inbox: records of the program go, in bulk, into an open cycle's step ①, or
 * are dismissed with a required reason (they stay in the inbox under "dismissed"; nothing is
 * deleted). Every change is audited in the same transaction. Needs `feedback.triage`.
 */
import { z } from "zod";
import { db, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { FEEDBACK_BATCH_MAX } from "./feedback-submit.server";
import { requireOpenCycle } from "./loop-cycle-guards.server";
import { triageIntoCycle } from "./loop-items.server";

export const DISMISS_REASON_MAX_CHARS = 500;

const recordIds = z
  .array(z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"), { error: "inbox.errors.noneSelected" })
  .min(1, "inbox.errors.noneSelected")
  .max(FEEDBACK_BATCH_MAX, "inbox.errors.batchTooLarge");

export const TriageInputSchema = z.object({
  recordIds,
  cycleId: z.string({ error: "inbox.errors.cycleRequired" }).min(1, "inbox.errors.cycleRequired").max(100, "validation.invalid"),
});

export const DismissInputSchema = z.object({
  recordIds,
  reason: z.string({ error: "inbox.errors.reasonRequired" }).trim().min(1, "inbox.errors.reasonRequired").max(DISMISS_REASON_MAX_CHARS, "validation.tooLong"),
});

/** Triages records of the program into an open cycle's step ① (bulk). */
export async function triageRecords(actor: Actor, input: unknown): Promise<{ added: number }> {
  requireCan(actor, "feedback.triage");
  const data = parseInput(TriageInputSchema, input);
  const added = await db()
    .transaction()
    .execute(async (tx) => {
      const cycle = await requireOpenCycle(tx, actor, data.cycleId).catch((e: unknown) => {
        if (e instanceof DomainError && e.status === 404)
          throw new DomainError(422, "errors.invalid_input", {
            cycleId: "inbox.errors.cycleUnknown",
          });
        throw e;
      });
      return triageIntoCycle(tx, actor, cycle, data.recordIds);
    });
  return { added };
}

/** Dismisses records with a reason (required); they stay in the inbox under "dismissed". */
export async function dismissRecords(actor: Actor, input: unknown): Promise<{ dismissed: number }> {
  requireCan(actor, "feedback.triage");
  const data = parseInput(DismissInputSchema, input);
  const ids = [...new Set(data.recordIds)];
  await db()
    .transaction()
    .execute(async (tx) => {
      const found = await tx.selectFrom("feedback_records").select("id").where("program_id", "=", actor.program.id).where("id", "in", ids).execute();
      if (found.length !== ids.length)
        throw new DomainError(422, "errors.invalid_input", {
          recordIds: "inbox.errors.recordUnknown",
        });
      const before = new Map((await tx.selectFrom("feedback_triage").selectAll().where("record_id", "in", ids).execute()).map((b) => [b.record_id, b]));
      const now = nowIso();
      for (const recordId of ids) {
        await tx
          .insertInto("feedback_triage")
          .values({
            record_id: recordId,
            program_id: actor.program.id,
            status: "dismissed",
            cycle_id: null,
            reason: data.reason,
            triaged_by: actor.user.id,
            triaged_at: now,
          })
          .onConflict((oc) =>
            oc.column("record_id").doUpdateSet({
              status: "dismissed",
              cycle_id: null,
              reason: data.reason,
              triaged_by: actor.user.id,
              triaged_at: now,
            }),
          )
          .execute();
        const b = before.get(recordId);
        await auditAs(tx, actor, {
          entityType: "feedback_record",
          entityId: recordId,
          action: "dismiss",
          before: b ? { status: b.status, cycleId: b.cycle_id, reason: b.reason } : { status: "new" },
          after: { status: "dismissed", reason: data.reason },
        });
      }
    });
  return { dismissed: ids.length };
}
