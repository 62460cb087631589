/**
 * Step 6's demo alerts: runs the real KPI alert detection over the demo program. The KPI seed put
 * two KPIs past their alert threshold in the last weeks (average handle time, complaint rate), and
 * every demo KPI was measured within its cadence, so detection raises exactly two threshold alerts
 * — notifying the KPI owners, the program's owner and leadership and the CX office. The program
 * owner (陈明) has already acknowledged the complaint-rate alert with a note; the handle-time alert
 * is open for the CX office to pick up. Stale alerts appear only when the demo data really goes
 * stale (a demo left running for weeks).
 *
 * Needs the process's database handle (setDbHandle) to be `db`, as at server start.
 */
import type { Kysely } from "kysely";
import { acknowledgeKpiAlert, detectKpiAlerts } from "../../app/models/kpi-alerts.server";
import type { Database, KpiAlert } from "../schema";
import type { DemoIds } from "./demo-foundation";

export const DEMO_ACK_NOTE =
  "卡系统升级后部分账单显示有误，投诉集中在升级后的一周。科技部已确认本周修复；投诉处理团队已逐一回电致歉，下月复核投诉率。";

export async function seedDemoAlerts(db: Kysely<Database>, ids: DemoIds, today?: string): Promise<KpiAlert[]> {
  const created = await detectKpiAlerts({ programId: ids.programId, database: db, today });
  const complaints = await db
    .selectFrom("kpi_alerts as a")
    .innerJoin("kpis as k", "k.id", "a.kpi_id")
    .select("a.id")
    .where("a.program_id", "=", ids.programId)
    .where("a.kind", "=", "threshold")
    .where("a.status", "=", "open")
    .where("k.template", "=", "complaint_rate")
    .executeTakeFirst();
  if (complaints) await acknowledgeKpiAlert({ id: ids.users.lead }, complaints.id, { note: DEMO_ACK_NOTE });
  if (created.filter((a) => a.kind === "threshold").length !== 2) {
    console.warn(`[seed] expected 2 demo threshold alerts, detection raised ${created.length} alert(s)`);
  }
  return created;
}
