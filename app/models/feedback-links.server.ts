/**
 * Links of feedback records to pain points of the program's journey maps or to its initiatives,
 * and the targets to choose from. Audited in the same transaction. Needs `feedback.triage`.
 */
import { z } from "zod";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";

/** A link of a record as the inbox shows it, with its target's title. */
export interface InboxLink {
  id: string;
  targetType: "pain_point" | "initiative";
  mapId: string | null;
  targetId: string;
  title: string;
}

export const LinkInputSchema = z.object({
  recordId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  targetType: z.enum(["pain_point", "initiative"], {
    error: "validation.invalid",
  }),
  /** For a pain point: "mapId:painPointId"; for an initiative: its id. */
  target: z.string({ error: "inbox.errors.targetRequired" }).min(1, "inbox.errors.targetRequired").max(201, "validation.invalid"),
});

/** Links a record to a pain point of one of the program's maps or to one of its initiatives. */
export async function linkRecord(actor: Actor, input: unknown): Promise<InboxLink> {
  requireCan(actor, "feedback.triage");
  const data = parseInput(LinkInputSchema, input);
  const id = newId();
  let mapId: string | null = null;
  let targetId = data.target;
  let title = "";
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const rec = await tx
          .selectFrom("feedback_records")
          .select("id")
          .where("id", "=", data.recordId)
          .where("program_id", "=", actor.program.id)
          .executeTakeFirst();
        if (!rec) throw new DomainError(404, "inbox.errors.recordNotFound");
        if (data.targetType === "pain_point") {
          const i = data.target.indexOf(":");
          mapId = i > 0 ? data.target.slice(0, i) : null;
          targetId = i > 0 ? data.target.slice(i + 1) : data.target;
          const pp = mapId
            ? await tx
                .selectFrom("pain_points")
                .select("title")
                .where("program_id", "=", actor.program.id)
                .where("map_id", "=", mapId)
                .where("doc_object_id", "=", targetId)
                .where("deleted_at", "is", null)
                .executeTakeFirst()
            : undefined;
          if (!pp)
            throw new DomainError(422, "errors.invalid_input", {
              target: "inbox.errors.painPointUnknown",
            });
          title = pp.title;
        } else {
          const ini = await tx
            .selectFrom("initiatives")
            .select("title")
            .where("id", "=", targetId)
            .where("program_id", "=", actor.program.id)
            .executeTakeFirst();
          if (!ini)
            throw new DomainError(422, "errors.invalid_input", {
              target: "inbox.errors.initiativeUnknown",
            });
          title = ini.title;
        }
        await tx
          .insertInto("feedback_links")
          .values({
            id,
            record_id: data.recordId,
            program_id: actor.program.id,
            target_type: data.targetType,
            map_id: mapId,
            target_id: targetId,
            created_by: actor.user.id,
            created_at: nowIso(),
          })
          .execute();
        await auditAs(tx, actor, {
          entityType: "feedback_record",
          entityId: data.recordId,
          action: "link",
          after: { targetType: data.targetType, mapId, targetId },
        });
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "inbox.errors.alreadyLinked");
    throw error;
  }
  return { id, targetType: data.targetType, mapId, targetId, title };
}

/** Pain points (by map) and initiatives of the program to link records to. */
export async function linkTargets(programId: string): Promise<{
  painPoints: { value: string; title: string; mapName: string }[];
  initiatives: { value: string; title: string }[];
}> {
  const pps = await db()
    .selectFrom("pain_points")
    .innerJoin("journey_maps", "journey_maps.id", "pain_points.map_id")
    .select(["pain_points.map_id", "pain_points.doc_object_id", "pain_points.title", "journey_maps.name as map_name"])
    .where("pain_points.program_id", "=", programId)
    .where("pain_points.deleted_at", "is", null)
    .orderBy("journey_maps.name")
    .orderBy("pain_points.title")
    .execute();
  const inis = await db().selectFrom("initiatives").select(["id", "title"]).where("program_id", "=", programId).orderBy("created_at", "desc").execute();
  return {
    painPoints: pps.map((p) => ({
      value: `${p.map_id}:${p.doc_object_id}`,
      title: p.title,
      mapName: p.map_name,
    })),
    initiatives: inis.map((i) => ({ value: i.id, title: i.title })),
  };
}
