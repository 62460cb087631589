/**
 * Nominating a colleague for a behaviour of the catalogue with a story: refused for oneself, for
 * people outside the program, for unknown or archived behaviours and for a story already sent
 * about the same person and behaviour. Recorded as a nomination_events row and an audit entry in
 * the same transaction. Needs `nomination.submit` (everyone but viewers and the CX office).
 */
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import { recordEvent, subjectOf } from "./nomination-trail.server";
import { nominationViewById, type NominationView } from "./nomination-views.server";
import { NominationInputSchema, storyHash } from "./nominations";

/** Nominates a colleague. Refuses self-nomination, unknown people and behaviours, archived behaviours and duplicate stories. */
export async function submitNomination(actor: Actor, input: unknown): Promise<NominationView> {
  requireCan(actor, "nomination.submit");
  const data = parseInput(NominationInputSchema, input);
  if (data.nomineeId === actor.user.id) {
    throw new DomainError(422, "nominations.errors.selfNomination", { nomineeId: "nominations.errors.selfNomination" });
  }
  const hash = await storyHash(data.story);
  const id = newId();
  const now = nowIso();
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const [member, type] = await Promise.all([
          tx
            .selectFrom("program_members")
            .select("user_id")
            .where("program_id", "=", actor.program.id)
            .where("user_id", "=", data.nomineeId)
            .executeTakeFirst(),
          tx.selectFrom("recognition_types").select(["id", "archived_at"]).where("id", "=", data.typeId).where("program_id", "=", actor.program.id).executeTakeFirst(),
        ]);
        const fields: Record<string, string> = {};
        if (!member) fields.nomineeId = "nominations.errors.nomineeUnknown";
        if (!type) fields.typeId = "nominations.errors.typeUnknown";
        else if (type.archived_at) fields.typeId = "nominations.errors.typeArchived";
        if (Object.keys(fields).length) throw new DomainError(422, "errors.invalid_input", fields);
        const same = await tx
          .selectFrom("nominations")
          .select("id")
          .where("program_id", "=", actor.program.id)
          .where("nominee_id", "=", data.nomineeId)
          .where("type_id", "=", data.typeId)
          .where("story_hash", "=", hash)
          .executeTakeFirst();
        if (same) throw duplicate();
        await tx
          .insertInto("nominations")
          .values({
            id,
            program_id: actor.program.id,
            type_id: data.typeId,
            nominee_id: data.nomineeId,
            nominator_id: actor.user.id,
            story: data.story,
            story_hash: hash,
            status: "submitted",
            reviewer_id: null,
            review_reason: null,
            reviewed_at: null,
            reward_text: null,
            reward_value: null,
            rewarded_by: null,
            rewarded_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await recordEvent(tx, id, null, "submitted", actor.user.id, "", now);
        const subject = await subjectOf(tx, { nominee_id: data.nomineeId, type_id: data.typeId });
        // `before` names the nominee only, so the activity feed's change list shows what is new: the behaviour.
        await auditAs(tx, actor, { entityType: "nomination", entityId: id, action: "submit", before: { name: subject.name }, after: subject });
      });
  } catch (error) {
    // Two people sending the same story at once: the unique constraint decides.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return nominationViewById(db(), id);
}

function duplicate(): DomainError {
  return new DomainError(409, "nominations.errors.duplicate");
}
