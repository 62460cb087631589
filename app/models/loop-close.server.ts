/**
 * Closing a loop cycle: only once every KPI of the cycle has a measurement dated within the cycle,
 * recording each KPI's value before and after (and the items done and open) as the cycle's result.
 * A closed cycle is read-only. Audited in the same transaction.
 *
 * Who: `loop.manage` closes both kinds; leadership (`approve`) may also close a large loop.
 */
import type { Kysely } from "kysely";
import type { Database, LoopCycle } from "../../db/schema";
import { db, nowIso } from "../db.server";
import { auditAs, DomainError, type Actor } from "./domain.server";
import { requireCycleRow, requireOpen } from "./loop-cycle-guards.server";
import { cycleSummaries, kpisOfCycle, type CycleSummary } from "./loop-cycles.server";
import { kpiMove, type CycleKpiResult, type CycleResult } from "./loops";
import { can } from "./permissions";

/**
 * The before/after of a cycle (inside `tx`): per KPI of the cycle, the value before (latest
 * measurement before starts_on, or the baseline) and after (latest within [starts_on, ends_on]),
 * and the names of the KPIs without a measurement in the period.
 */
export async function computeCycleResult(
  tx: Kysely<Database>,
  cycle: Pick<LoopCycle, "id" | "starts_on" | "ends_on">,
): Promise<{ result: CycleResult; missing: string[] }> {
  const kpis = await kpisOfCycle(tx, cycle.id);
  const results: CycleKpiResult[] = [];
  const missing: string[] = [];
  for (const k of kpis) {
    const after = await tx
      .selectFrom("kpi_measurements")
      .select(["value", "measured_on"])
      .where("kpi_id", "=", k.id)
      .where("measured_on", ">=", cycle.starts_on)
      .where("measured_on", "<=", cycle.ends_on)
      .orderBy("measured_on", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!after) {
      missing.push(k.name);
      continue;
    }
    const prior = await tx
      .selectFrom("kpi_measurements")
      .select(["value", "measured_on"])
      .where("kpi_id", "=", k.id)
      .where("measured_on", "<", cycle.starts_on)
      .orderBy("measured_on", "desc")
      .limit(1)
      .executeTakeFirst();
    const before = prior
      ? { value: Number(prior.value), on: prior.measured_on, baseline: false }
      : k.baseline !== null
      ? { value: Number(k.baseline), on: null, baseline: true }
      : null;
    const afterValue = Number(after.value);
    const move = kpiMove(k.direction, before?.value ?? null, afterValue);
    results.push({
      kpiId: k.id,
      name: k.name,
      kind: k.kind,
      unit: k.unit,
      direction: k.direction,
      target: k.target === null ? null : Number(k.target),
      before,
      after: { value: afterValue, on: after.measured_on },
      delta: before ? Math.round((afterValue - before.value) * 1e6) / 1e6 : null,
      move,
      improved: move === "improved",
    });
  }
  const items = await tx.selectFrom("cycle_items").select("status").where("cycle_id", "=", cycle.id).execute();
  const done = items.filter((i) => i.status === "done").length;
  return {
    result: { kpis: results, items: { done, open: items.length - done } },
    missing,
  };
}

/**
 * Closes a cycle: refused (409, naming the KPIs) unless every KPI of the cycle has a measurement
 * dated within [starts_on, ends_on]. Records per KPI the value before (latest before starts_on, or
 * the baseline) and after (latest within the cycle) and whether it moved in the KPI's direction.
 */
export async function closeCycle(actor: Actor, cycleId: unknown): Promise<CycleSummary> {
  const id = await db()
    .transaction()
    .execute(async (tx) => {
      const cycle = await requireCycleRow(tx, actor.program.id, cycleId);
      const allowed = can(actor.access, "loop.manage") || (cycle.kind === "large" && can(actor.access, "approve"));
      if (!allowed) throw new DomainError(403, "errors.forbidden");
      requireOpen(cycle);
      const { result, missing } = await computeCycleResult(tx, cycle);
      if (missing.length)
        throw new DomainError(409, "loops.errors.kpisMissing", { kpis: "loops.errors.kpisMissing" }, { kpis: missing.join(", "), count: missing.length });
      const now = nowIso();
      await tx
        .updateTable("loop_cycles")
        .set({
          status: "closed",
          result_json: JSON.stringify(result),
          closed_by: actor.user.id,
          closed_at: now,
        })
        .where("id", "=", cycle.id)
        .where("status", "=", "open")
        .execute();
      await auditAs(tx, actor, {
        entityType: "loop_cycle",
        entityId: cycle.id,
        action: "close",
        before: { status: "open" },
        after: { status: "closed", result },
      });
      return cycle.id;
    });
  return (await cycleSummaries(actor.program.id, [id]))[0];
}
