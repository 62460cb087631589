/**
 * The last few measurements of each of a set of KPIs, oldest first, in one windowed query per
 * 500 KPIs. Shared by the KPI board (sparklines), the alert detector (latest value) and the
 * portfolio (latest and previous).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export type KpiPoint = { date: string; value: number };

export async function recentKpiValues(d: Kysely<Database>, kpiIds: string[], n: number): Promise<Map<string, KpiPoint[]>> {
  const out = new Map<string, KpiPoint[]>();
  const CHUNK = 500;
  for (let i = 0; i < kpiIds.length; i += CHUNK) {
    const ranked = d
      .selectFrom("kpi_measurements")
      .select(["kpi_id", "measured_on", "value"])
      .select((eb) => eb.fn.agg<number>("row_number").over((ob) => ob.partitionBy("kpi_id").orderBy("measured_on", "desc")).as("rn"))
      .where("kpi_id", "in", kpiIds.slice(i, i + CHUNK));
    const rows = await d
      .selectFrom(ranked.as("r"))
      .select(["r.kpi_id", "r.measured_on", "r.value"])
      .where("r.rn", "<=", n)
      .orderBy("r.kpi_id")
      .orderBy("r.measured_on")
      .execute();
    for (const r of rows) (out.get(r.kpi_id) ?? out.set(r.kpi_id, []).get(r.kpi_id)!).push({ date: r.measured_on, value: Number(r.value) });
  }
  return out;
}

/** The latest value of each KPI that has one. */
export async function latestKpiValues(d: Kysely<Database>, kpiIds: string[]): Promise<Map<string, KpiPoint>> {
  const recent = await recentKpiValues(d, kpiIds, 1);
  return new Map([...recent].map(([id, points]) => [id, points[points.length - 1]]));
}
