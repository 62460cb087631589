/**
 * Reviewing and rewarding nominations: reviewers evaluate a submitted nomination against the
 * behaviour's guideline (approve, or reject with a reason), then grant an approved one the
 * behaviour's reward (copied at that moment, adjustable with a note). Each transition only moves
 * forward, is a nomination_events row and an audit entry in the same transaction.
 *
 * Who: `nomination.review` (owner, leadership, project team), never on a nomination they sent or
 * one about themselves.
 */
import type { Kysely } from "kysely";
import type { Database, Nomination, NominationStatus } from "../../db/schema";
import { db, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { recordEvent, subjectOf } from "./nomination-trail.server";
import { nominationViewById, requireNominationRow, type NominationView } from "./nomination-views.server";
import { grantedReward, reviewConflict, ReviewInputSchema, RewardInputSchema, transitionRefusal } from "./nominations";

function refuseConflict(row: Nomination, actor: Actor): void {
  const conflict = reviewConflict({ nominatorId: row.nominator_id, nomineeId: row.nominee_id }, actor.user.id);
  if (conflict === "own") throw new DomainError(403, "nominations.errors.reviewOwn");
  if (conflict === "nominee") throw new DomainError(403, "nominations.errors.reviewAsNominee");
}

/** Moves `row` from its status to `to` only if nobody moved it meanwhile (409 otherwise). */
async function moveStatus(tx: Kysely<Database>, row: Nomination, to: NominationStatus, set: Partial<Nomination>, now: string): Promise<void> {
  const res = await tx
    .updateTable("nominations")
    .set({ ...set, status: to, updated_at: now })
    .where("id", "=", row.id)
    .where("status", "=", row.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError(409, to === "rewarded" ? "nominations.errors.alreadyRewarded" : "nominations.errors.alreadyReviewed");
}

/** A reviewer approves, or rejects with a reason, a submitted nomination — not one they sent or one about themselves. */
export async function reviewNomination(actor: Actor, id: unknown, input: unknown): Promise<NominationView> {
  requireCan(actor, "nomination.review");
  const data = parseInput(ReviewInputSchema, input);
  const to: NominationStatus = data.decision === "approve" ? "approved" : "rejected";
  const now = nowIso();
  const nominationId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireNominationRow(tx, actor.program.id, id);
      refuseConflict(row, actor);
      const refusal = transitionRefusal(row.status, to);
      if (refusal) throw new DomainError(409, refusal);
      await moveStatus(tx, row, to, { reviewer_id: actor.user.id, review_reason: data.reason || null, reviewed_at: now }, now);
      await recordEvent(tx, row.id, row.status, to, actor.user.id, data.reason, now);
      const subject = await subjectOf(tx, row);
      await auditAs(tx, actor, {
        entityType: "nomination",
        entityId: row.id,
        action: data.decision,
        before: subject,
        after: data.reason ? { ...subject, reason: data.reason } : subject,
      });
      return row.id;
    });
  return nominationViewById(db(), nominationId);
}

/**
 * A reviewer grants the reward of an approved nomination: the behaviour type's reward as the
 * catalogue has it now, or adjusted (text and/or value) with a note saying why.
 */
export async function rewardNomination(actor: Actor, id: unknown, input: unknown): Promise<NominationView> {
  requireCan(actor, "nomination.review");
  const data = parseInput(RewardInputSchema, input);
  const now = nowIso();
  const nominationId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireNominationRow(tx, actor.program.id, id);
      refuseConflict(row, actor);
      const refusal = transitionRefusal(row.status, "rewarded");
      if (refusal) throw new DomainError(409, refusal);
      const type = await tx.selectFrom("recognition_types").select(["reward_text", "reward_value"]).where("id", "=", row.type_id).executeTakeFirstOrThrow();
      const reward = grantedReward({ rewardText: type.reward_text, rewardValue: Number(type.reward_value) }, data);
      if (!reward.rewardText.trim()) throw new DomainError(422, "errors.invalid_input", { rewardText: "validation.required" });
      if (reward.adjusted && !data.note) throw new DomainError(422, "errors.invalid_input", { note: "nominations.errors.adjustNoteRequired" });
      await moveStatus(tx, row, "rewarded", { reward_text: reward.rewardText, reward_value: reward.rewardValue, rewarded_by: actor.user.id, rewarded_at: now }, now);
      await recordEvent(tx, row.id, row.status, "rewarded", actor.user.id, data.note, now);
      const subject = await subjectOf(tx, row);
      await auditAs(tx, actor, {
        entityType: "nomination",
        entityId: row.id,
        action: "reward",
        before: subject,
        after: { ...subject, reward: reward.rewardValue ? `${reward.rewardText} (${reward.rewardValue})` : reward.rewardText, ...(data.note ? { note: data.note } : {}) },
      });
      return row.id;
    });
  return nominationViewById(db(), nominationId);
}
