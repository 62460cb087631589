/**
 * Starting the next loop cycle of a kind (numbered per kind, with dates, a goal and the program's
 * KPIs it tracks): the next cycle carries the last one's open items, and feedback triaged into them
 * follows. Audited in the same transaction. Needs `loop.manage`.
 */
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import { cycleSummaries, type CycleSummary } from "./loop-cycles.server";
import { defaultEndsOn, StartCycleSchema } from "./loops";

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Starts the next cycle of a kind: number = last + 1; refused (409) while the last one is still
 * open. The last cycle's open items are carried (same step, carried_from_id set), and feedback
 * triaged into it follows its item into the new cycle.
 */
export async function startCycle(actor: Actor, input: unknown): Promise<CycleSummary> {
  requireCan(actor, "loop.manage");
  const data = parseInput(StartCycleSchema, input);
  const startsOn = data.startsOn ?? today();
  const endsOn = data.endsOn ?? defaultEndsOn(data.kind, startsOn);
  if (endsOn < startsOn)
    throw new DomainError(422, "errors.invalid_input", {
      endsOn: "loops.errors.endBeforeStart",
    });
  const id = newId();
  const now = nowIso();
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const last = await tx
          .selectFrom("loop_cycles")
          .selectAll()
          .where("program_id", "=", actor.program.id)
          .where("kind", "=", data.kind)
          .orderBy("number", "desc")
          .limit(1)
          .executeTakeFirst();
        if (last && last.status === "open")
          throw new DomainError(409, "loops.errors.stillOpen", undefined, {
            number: last.number,
          });
        let kpiIds: string[];
        if (data.kpiIds) {
          kpiIds = [...new Set(data.kpiIds)];
          if (kpiIds.length) {
            const found = await tx.selectFrom("kpis").select("id").where("program_id", "=", actor.program.id).where("id", "in", kpiIds).execute();
            if (found.length !== kpiIds.length)
              throw new DomainError(422, "errors.invalid_input", {
                kpiIds: "loops.errors.kpiUnknown",
              });
          }
        } else {
          const all = await tx.selectFrom("kpis").select("id").where("program_id", "=", actor.program.id).where("archived_at", "is", null).execute();
          kpiIds = all.map((k) => k.id);
        }
        const number = last ? Number(last.number) + 1 : 1;
        await tx
          .insertInto("loop_cycles")
          .values({
            id,
            program_id: actor.program.id,
            kind: data.kind,
            number,
            title: data.title,
            goal: data.goal,
            starts_on: startsOn,
            ends_on: endsOn,
            status: "open",
            previous_cycle_id: last?.id ?? null,
            result_json: null,
            closed_by: null,
            closed_at: null,
            created_by: actor.user.id,
            created_at: now,
          })
          .execute();
        if (kpiIds.length)
          await tx
            .insertInto("cycle_kpis")
            .values(kpiIds.map((k) => ({ cycle_id: id, kpi_id: k })))
            .execute();
        let carried = 0;
        if (last) {
          const open = await tx
            .selectFrom("cycle_items")
            .selectAll()
            .where("cycle_id", "=", last.id)
            .where("status", "=", "open")
            .orderBy("created_at")
            .orderBy("id")
            .execute();
          if (open.length) {
            await tx
              .insertInto("cycle_items")
              .values(
                open.map((o) => ({
                  id: newId(),
                  cycle_id: id,
                  step: o.step,
                  item_type: o.item_type,
                  ref_id: o.ref_id,
                  text: o.text,
                  status: "open" as const,
                  carried_from_id: o.id,
                  created_by: actor.user.id,
                  created_at: now,
                  updated_at: now,
                })),
              )
              .execute();
            const fb = open.filter((o) => o.item_type === "feedback" && o.ref_id).map((o) => o.ref_id!);
            for (let i = 0; i < fb.length; i += 500) {
              await tx
                .updateTable("feedback_triage")
                .set({ cycle_id: id })
                .where("cycle_id", "=", last.id)
                .where("status", "=", "triaged")
                .where("record_id", "in", fb.slice(i, i + 500))
                .execute();
            }
            carried = open.length;
          }
        }
        await auditAs(tx, actor, {
          entityType: "loop_cycle",
          entityId: id,
          action: "create",
          after: {
            kind: data.kind,
            number,
            title: data.title,
            goal: data.goal,
            startsOn,
            endsOn,
            kpiIds,
            previousCycleId: last?.id ?? null,
            carried,
          },
        });
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "loops.errors.numberTaken");
    throw error;
  }
  return (await cycleSummaries(actor.program.id, [id]))[0];
}
