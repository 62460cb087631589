/**
 * The CX office's KPI board: every active KPI of every program the viewer sees in the organisation
 * (CX office and admins: all programs), each with its last values for a sparkline, the latest value
 * against target, the trend, the board status, whether it is overdue (stale) and its open alerts.
 *
 * `listKpiBoard(viewer, filters)` is the one source of these numbers: the board page, the API
 * (GET /api/v1/office/kpi-board) and the CEO report call it, so they always agree. Status and
 * trend are the registry's (kpiStatus, kpiTrend in kpi.ts); staleness is kpi-alerts.ts's rule.
 */
import { db } from "../db.server";
import type { KpiCadence, KpiDirection, KpiKind } from "../../db/schema";
import { kpiStatus, kpiTrend, type KpiStatus, type KpiTrend } from "./kpi";
import { isStale, nextDueDay, utcDay } from "./kpi-alerts";
import { openAlertCounts } from "./kpi-alerts.server";
import { recentKpiValues } from "./kpi-recent-values.server";
import {
  BOARD_SPARKLINE_POINTS,
  BOARD_STATUSES,
  boardStatus,
  boardStatusRank,
  boardTrend,
  type BoardFilters,
  type BoardStatus,
  type BoardTrend,
  type OfficeViewer,
} from "./kpi-board";
import { listVisiblePrograms } from "./program.server";

export type { BoardFilters, OfficeViewer };

export interface KpiBoardRow {
  id: string;
  name: string;
  kind: KpiKind;
  unit: string;
  direction: KpiDirection;
  cadence: KpiCadence;
  baseline: number | null;
  target: number | null;
  alertThreshold: number | null;
  owner: { id: string; name: string } | null;
  program: { id: string; name: string; nameEn: string | null };
  latest: { date: string; value: number } | null;
  previous: { date: string; value: number } | null;
  /** The last values, oldest first (up to BOARD_SPARKLINE_POINTS). */
  sparkline: { date: string; value: number }[];
  /** The registry's status and trend (latest value against target and threshold; latest against previous). */
  kpiStatus: KpiStatus;
  kpiTrend: KpiTrend;
  status: BoardStatus;
  trend: BoardTrend;
  /** Unmeasured past its cadence and grace today (a stale alert is or will be raised). */
  overdue: boolean;
  /** The day the next value is due. */
  nextDue: string;
  openAlerts: number;
  url: string;
  traceUrl: string;
}

export interface KpiBoard {
  /** The rows after every filter, worst status first, then by program and name. */
  kpis: KpiBoardRow[];
  /** Counts over the program and kind filters (not the status and alerts filters, so they can be used to pick one). */
  summary: { total: number; byStatus: Record<BoardStatus, number>; overdue: number; openAlerts: number; kpisWithOpenAlerts: number };
  /** The programs the viewer sees (for the program filter). */
  programs: { id: string; name: string; nameEn: string | null }[];
}

/**
 * The KPI board for a viewer (a user in one organisation; see OfficeViewer) with filters (program,
 * kind, status, alerts only). A program filter naming a program the viewer cannot see yields an
 * empty board. `today` (UTC day) decides what is overdue.
 */
export async function listKpiBoard(
  viewer: OfficeViewer,
  filters: Partial<BoardFilters> = {},
  opts: { today?: string } = {},
): Promise<KpiBoard> {
  const today = opts.today ?? utcDay();
  const visible = await listVisiblePrograms(viewer.userId, viewer.orgId);
  const programs = visible.map((p) => ({ id: p.id, name: p.name, nameEn: p.name_en }));
  const programIds = programs.map((p) => p.id).filter((id) => !filters.programId || id === filters.programId);
  const byStatus = Object.fromEntries(BOARD_STATUSES.map((s) => [s, 0])) as Record<BoardStatus, number>;
  const empty: KpiBoard = { kpis: [], summary: { total: 0, byStatus, overdue: 0, openAlerts: 0, kpisWithOpenAlerts: 0 }, programs };
  if (programIds.length === 0) return empty;

  let q = db()
    .selectFrom("kpis as k")
    .leftJoin("users as u", "u.id", "k.owner_id")
    .select([
      "k.id",
      "k.program_id",
      "k.name",
      "k.kind",
      "k.unit",
      "k.direction",
      "k.cadence",
      "k.baseline",
      "k.target",
      "k.alert_threshold",
      "k.owner_id",
      "u.name as owner_name",
      "k.created_at",
    ])
    .where("k.program_id", "in", programIds)
    .where("k.archived_at", "is", null);
  if (filters.kind) q = q.where("k.kind", "=", filters.kind);
  const kpis = await q.execute();
  if (kpis.length === 0) return empty;

  const [values, alerts] = await Promise.all([recentKpiValues(db(), kpis.map((k) => k.id), BOARD_SPARKLINE_POINTS), openAlertCounts(programIds)]);
  const programById = new Map(programs.map((p) => [p.id, p]));
  const num = (v: number | null) => (v === null ? null : Number(v));

  const rows: KpiBoardRow[] = kpis.map((k) => {
    const series = values.get(k.id) ?? [];
    const rule = { direction: k.direction, target: num(k.target), alertThreshold: num(k.alert_threshold) };
    const latest = series.at(-1) ?? null;
    const st = kpiStatus(rule, latest?.value);
    const tr = kpiTrend(k.direction, series.slice(-2).map((p) => p.value)).trend;
    const base = latest?.date ?? utcDay(k.created_at);
    return {
      id: k.id,
      name: k.name,
      kind: k.kind,
      unit: k.unit,
      direction: k.direction,
      cadence: k.cadence,
      baseline: num(k.baseline),
      target: rule.target,
      alertThreshold: rule.alertThreshold,
      owner: k.owner_id && k.owner_name ? { id: k.owner_id, name: k.owner_name } : null,
      program: programById.get(k.program_id)!,
      latest,
      previous: series.at(-2) ?? null,
      sparkline: series,
      kpiStatus: st,
      kpiTrend: tr,
      status: boardStatus(st),
      trend: boardTrend(tr),
      overdue: isStale(k.cadence, base, today),
      nextDue: nextDueDay(k.cadence, base),
      openAlerts: alerts.get(k.id) ?? 0,
      url: `/programs/${k.program_id}/kpis/${k.id}`,
      traceUrl: `/programs/${k.program_id}/trace/kpi/${k.id}`,
    };
  });

  const summary = { total: rows.length, byStatus, overdue: 0, openAlerts: 0, kpisWithOpenAlerts: 0 };
  for (const r of rows) {
    byStatus[r.status]++;
    if (r.overdue) summary.overdue++;
    summary.openAlerts += r.openAlerts;
    if (r.openAlerts > 0) summary.kpisWithOpenAlerts++;
  }

  const programOrder = new Map(programs.map((p, i) => [p.id, i]));
  const shown = rows
    .filter((r) => !filters.status || r.status === filters.status)
    .filter((r) => !filters.alertsOnly || r.status === "past_threshold" || r.openAlerts > 0)
    .sort(
      (a, b) =>
        boardStatusRank(a.status) - boardStatusRank(b.status) ||
        b.openAlerts - a.openAlerts ||
        (programOrder.get(a.program.id) ?? 0) - (programOrder.get(b.program.id) ?? 0) ||
        a.name.localeCompare(b.name, "zh-CN"),
    );
  return { kpis: shown, summary, programs };
}
