/**
 * The CEO report (step 6): for one period (a quarter or a month, report-period.ts) and the active
 * organisation's programs the viewer may report on (`report.view`: the CX office and admins across
 * the organisation, leadership and owners for their programs), per program:
 *
 * - Satisfaction results — the NPS, CSAT and CES KPIs (by template): the value at the period's
 *   start (the last value before it began, else its first value) and end (the last value up to
 *   its last day), the target, the status at the end, and the period's values for a small chart.
 * - Initiative status — counts by status and by RAG health, the red ones with their reasons, and
 *   those done in the period. Health comes from the CX office portfolio (portfolio.server.ts
 *   `listPortfolio`, rule in rag-health.ts), so the report shows the same numbers as the board;
 *   like the board it is the health as of today.
 * - New problems — pain points created in the period (with their triangulation flag) and the KPI
 *   alerts raised for days of the period (threshold: the value's day; stale: the day it was due).
 * - Next steps — open initiatives due in the next period, open small/large loop cycles with their
 *   goals, unacknowledged alerts and flagged pain points awaiting leadership review.
 *
 * Which periods may be asked for: report-period-range.server.ts.
 */
import type { InitiativeKind, InitiativeStatus, KpiAlertKind, KpiAlertStatus, KpiDirection } from "../../db/schema";
import { db } from "../db.server";
import type { Locale } from "../i18n/config";
import { DomainError } from "./domain.server";
import { kpiStatus, kpiTrend, type KpiStatus, type KpiTrend } from "./kpi";
import { alertUrl } from "./kpi-alerts.server";
import type { CycleSummary } from "./loop-cycles.server";
import { localName } from "./org.server";
import { listProgramPainPoints } from "./pain-points.server";
import { can, orgRoleSeesAllPrograms } from "./permissions";
import { initiativeUrl } from "./portfolio";
import { listPortfolio } from "./portfolio.server";
import { listVisiblePrograms } from "./program.server";
import { PORTFOLIO_HEALTHS, type PortfolioHealth, type RagReason } from "./rag-health";
import { dayOfInstant, isOpenPeriod, periodInstants, shiftPeriod, todayInZone, type ReportPeriod } from "./report-period";
import { INITIATIVE_STATUSES } from "./initiative";

/** The KPI templates the satisfaction section reports. */
export const SATISFACTION_TEMPLATES = ["nps", "csat", "ces"] as const;

export interface ReportViewer {
  userId: string;
  orgId: string;
  locale: Locale;
}

export interface ReportScope {
  programs: { id: string; name: string }[];
  /** Reads every program of the organisation (CX office, admin). */
  seesAll: boolean;
}

export interface SatisfactionKpi {
  id: string;
  name: string;
  template: string;
  unit: string;
  direction: KpiDirection;
  target: number | null;
  alertThreshold: number | null;
  start: { date: string; value: number } | null;
  end: { date: string; value: number } | null;
  /** end − start, when both exist and are different measurements. */
  change: number | null;
  trend: KpiTrend;
  status: KpiStatus;
  /** The period's values, oldest first (the chart). */
  points: { date: string; value: number }[];
  url: string;
  traceUrl: string;
}

export interface ReportInitiative {
  id: string;
  title: string;
  kind: InitiativeKind;
  status: InitiativeStatus;
  dueDate: string | null;
  owner: string | null;
  health: PortfolioHealth;
  reasons: RagReason[];
  /** The office's hand-set reason, when the health is overridden. */
  overrideReason: string | null;
  url: string;
}

export interface ReportPainPoint {
  mapId: string;
  mapName: string;
  id: string;
  title: string;
  severity: number;
  flagged: boolean;
  createdAt: string;
  url: string;
}

export interface ReportAlert {
  id: string;
  kpiId: string;
  kpiName: string;
  unit: string;
  kind: KpiAlertKind;
  status: KpiAlertStatus;
  /** The day it is about (threshold: the value's day; stale: the day a value was due). */
  day: string;
  value: number | null;
  threshold: number | null;
  detectedAt: string;
  url: string;
}

/** A loop cycle as the loops pages summarise it, with its address. */
export type ReportCycle = Pick<CycleSummary, "id" | "kind" | "number" | "title" | "goal" | "startsOn" | "endsOn"> & { url: string };

export interface ProgramReport {
  id: string;
  name: string;
  satisfaction: SatisfactionKpi[];
  initiatives: {
    byStatus: Record<InitiativeStatus, number>;
    byHealth: Record<PortfolioHealth, number>;
    red: ReportInitiative[];
    doneInPeriod: { id: string; title: string; kind: InitiativeKind; doneOn: string; resultNotes: string; url: string }[];
  };
  problems: { painPoints: ReportPainPoint[]; alerts: ReportAlert[] };
  nextSteps: { dueNext: ReportInitiative[]; cycles: ReportCycle[]; openAlerts: ReportAlert[]; awaitingReview: ReportPainPoint[] };
}

export interface ReportSummary {
  programs: number;
  satisfactionKpis: number;
  onTarget: number;
  improving: number;
  worsening: number;
  openInitiatives: number;
  red: number;
  amber: number;
  green: number;
  doneInPeriod: number;
  newPainPoints: number;
  flaggedNew: number;
  alerts: number;
  dueNext: number;
  openCycles: number;
  openAlerts: number;
  awaitingReview: number;
}

export interface CeoReport {
  period: ReportPeriod & { next: ReportPeriod; previous: ReportPeriod; open: boolean };
  /** The day the report was made (China Standard Time): status and health are as of this day. */
  asOf: string;
  generatedAt: string;
  seesAll: boolean;
  summary: ReportSummary;
  programs: ProgramReport[];
}

/** The programs of the organisation the viewer may report on. */
export async function reportScope(viewer: Pick<ReportViewer, "userId" | "orgId" | "locale">): Promise<ReportScope> {
  const [programs, membership] = await Promise.all([
    listVisiblePrograms(viewer.userId, viewer.orgId),
    db().selectFrom("org_members").select("role").where("org_id", "=", viewer.orgId).where("user_id", "=", viewer.userId).executeTakeFirst(),
  ]);
  return {
    programs: programs.filter((p) => can({ role: p.role, office: p.office }, "report.view")).map((p) => ({ id: p.id, name: localName(p, viewer.locale) })),
    seesAll: orgRoleSeesAllPrograms(membership?.role),
  };
}

/** Refuses (403) a viewer who may report on nothing: not the office or an admin, and no report.view in any program. */
export async function requireReportScope(viewer: ReportViewer): Promise<ReportScope> {
  const scope = await reportScope(viewer);
  if (!scope.seesAll && scope.programs.length === 0) throw new DomainError(403, "report.errors.forbidden");
  return scope;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));
const inPeriod = (iso: string, p: { from: string; to: string }) => iso >= p.from && iso < p.to;

/** Builds the report for a checked period over the viewer's report scope. */
export async function buildCeoReport(viewer: ReportViewer, period: ReportPeriod, opts: { today?: string; scope?: ReportScope } = {}): Promise<CeoReport> {
  const today = opts.today ?? todayInZone();
  const scope = opts.scope ?? (await requireReportScope(viewer));
  const programIds = scope.programs.map((p) => p.id);
  const next = shiftPeriod(period, 1);
  const span = periodInstants(period);

  const [satisfaction, portfolio, done, alerts, openAlerts, cycles, dueNext, painPoints] = await Promise.all([
    satisfactionOf(programIds, period),
    programIds.length ? listPortfolio({ userId: viewer.userId, orgId: viewer.orgId, locale: viewer.locale }, {}, { today }) : Promise.resolve(null),
    programIds.length
      ? db()
          .selectFrom("initiatives")
          .select(["id", "program_id", "title", "kind", "status_changed_at", "result_notes"])
          .where("program_id", "in", programIds)
          .where("status", "=", "done")
          .where("status_changed_at", ">=", span.from)
          .where("status_changed_at", "<", span.to)
          .orderBy("status_changed_at")
          .execute()
      : Promise.resolve([]),
    alertsOf(programIds, (q) => q.where("a.period_key", ">=", period.start).where("a.period_key", "<=", period.end)),
    alertsOf(programIds, (q) => q.where("a.status", "=", "open")),
    programIds.length
      ? db()
          .selectFrom("loop_cycles")
          .select(["id", "program_id", "kind", "number", "title", "goal", "starts_on", "ends_on"])
          .where("program_id", "in", programIds)
          .where("status", "=", "open")
          .orderBy("kind", "desc")
          .orderBy("starts_on")
          .execute()
      : Promise.resolve([]),
    programIds.length
      ? db()
          .selectFrom("initiatives")
          .select(["id"])
          .where("program_id", "in", programIds)
          .where("status", "in", ["idea", "approved", "in_progress"])
          .where("due_date", ">=", next.start)
          .where("due_date", "<=", next.end)
          .execute()
      : Promise.resolve([]),
    Promise.all(programIds.map(async (id) => [id, await listProgramPainPoints(id)] as const)),
  ]);

  const items = (portfolio?.items ?? []).filter((i) => programIds.includes(i.programId));
  const dueNextIds = new Set(dueNext.map((r) => r.id));
  const painByProgram = new Map(painPoints);
  const toInitiative = (i: (typeof items)[number]): ReportInitiative => ({
    id: i.id,
    title: i.title,
    kind: i.kind,
    status: i.status,
    dueDate: i.dueDate,
    owner: i.owner?.name ?? null,
    health: i.health,
    reasons: i.reasons,
    overrideReason: i.override && i.health === i.override.health ? i.override.reason : null,
    url: i.url,
  });

  const programs: ProgramReport[] = scope.programs.map((p) => {
    const mine = items.filter((i) => i.programId === p.id);
    const byStatus = Object.fromEntries(INITIATIVE_STATUSES.map((s) => [s, mine.filter((i) => i.status === s).length])) as Record<InitiativeStatus, number>;
    const byHealth = Object.fromEntries(PORTFOLIO_HEALTHS.map((h) => [h, mine.filter((i) => i.health === h).length])) as Record<PortfolioHealth, number>;
    const pains = (painByProgram.get(p.id) ?? []).map((pp) => ({
      mapId: pp.map.id,
      mapName: pp.map.name,
      id: pp.id,
      title: pp.title,
      severity: pp.severity,
      flagged: pp.flagged,
      createdAt: pp.createdAt,
      url: `/programs/${p.id}/journeys/${pp.map.id}?painPoint=${encodeURIComponent(pp.id)}`,
    }));
    const newPains = pains.filter((pp) => inPeriod(pp.createdAt, span)).sort((a, b) => b.severity - a.severity || (a.createdAt < b.createdAt ? -1 : 1));
    return {
      id: p.id,
      name: p.name,
      satisfaction: satisfaction.filter((k) => k.programId === p.id).map(({ programId: _programId, ...k }) => k),
      initiatives: {
        byStatus,
        byHealth,
        red: mine.filter((i) => i.health === "red").map(toInitiative),
        doneInPeriod: done
          .filter((r) => r.program_id === p.id)
          .map((r) => ({ id: r.id, title: r.title, kind: r.kind, doneOn: dayOfInstant(r.status_changed_at), resultNotes: r.result_notes, url: initiativeUrl(p.id, r.id) })),
      },
      problems: { painPoints: newPains, alerts: alerts.filter((a) => a.programId === p.id).map(({ programId: _programId, ...a }) => a) },
      nextSteps: {
        dueNext: mine.filter((i) => dueNextIds.has(i.id)).sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? "")).map(toInitiative),
        cycles: cycles
          .filter((c) => c.program_id === p.id)
          .map((c) => ({ id: c.id, kind: c.kind, number: Number(c.number), title: c.title, goal: c.goal, startsOn: c.starts_on, endsOn: c.ends_on, url: `/programs/${p.id}/loops/${c.id}` })),
        openAlerts: openAlerts.filter((a) => a.programId === p.id).map(({ programId: _programId, ...a }) => a),
        awaitingReview: pains.filter((pp) => pp.flagged && !newPains.some((n) => n.mapId === pp.mapId && n.id === pp.id)),
      },
    };
  });

  const all = <T,>(f: (p: ProgramReport) => T[]) => programs.flatMap(f);
  const sat = all((p) => p.satisfaction);
  const summary: ReportSummary = {
    programs: programs.length,
    satisfactionKpis: sat.length,
    onTarget: sat.filter((k) => k.status === "on_target").length,
    improving: sat.filter((k) => k.trend === "improving").length,
    worsening: sat.filter((k) => k.trend === "worsening").length,
    openInitiatives: programs.reduce((n, p) => n + p.initiatives.byHealth.red + p.initiatives.byHealth.amber + p.initiatives.byHealth.green, 0),
    red: programs.reduce((n, p) => n + p.initiatives.byHealth.red, 0),
    amber: programs.reduce((n, p) => n + p.initiatives.byHealth.amber, 0),
    green: programs.reduce((n, p) => n + p.initiatives.byHealth.green, 0),
    doneInPeriod: all((p) => p.initiatives.doneInPeriod).length,
    newPainPoints: all((p) => p.problems.painPoints).length,
    flaggedNew: all((p) => p.problems.painPoints).filter((pp) => pp.flagged).length,
    alerts: all((p) => p.problems.alerts).length,
    dueNext: all((p) => p.nextSteps.dueNext).length,
    openCycles: all((p) => p.nextSteps.cycles).length,
    openAlerts: all((p) => p.nextSteps.openAlerts).length,
    awaitingReview: all((p) => p.nextSteps.awaitingReview).length,
  };

  return {
    period: { ...period, next, previous: shiftPeriod(period, -1), open: isOpenPeriod(period, today) },
    asOf: today,
    generatedAt: new Date().toISOString(),
    seesAll: scope.seesAll,
    summary,
    programs,
  };
}

async function satisfactionOf(programIds: string[], period: ReportPeriod): Promise<(SatisfactionKpi & { programId: string })[]> {
  if (!programIds.length) return [];
  const { from } = periodInstants(period);
  const kpis = await db()
    .selectFrom("kpis")
    .select(["id", "program_id", "name", "template", "unit", "direction", "target", "alert_threshold", "archived_at", "created_at"])
    .where("program_id", "in", programIds)
    .where("template", "in", [...SATISFACTION_TEMPLATES])
    .where((eb) => eb.or([eb("archived_at", "is", null), eb("archived_at", ">=", from)]))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (!kpis.length) return [];
  const values = await db()
    .selectFrom("kpi_measurements")
    .select(["kpi_id", "measured_on", "value"])
    .where("kpi_id", "in", kpis.map((k) => k.id))
    .where("measured_on", "<=", period.end)
    .orderBy("kpi_id")
    .orderBy("measured_on")
    .execute();
  const byKpi = new Map<string, { date: string; value: number }[]>();
  for (const v of values) (byKpi.get(v.kpi_id) ?? byKpi.set(v.kpi_id, []).get(v.kpi_id)!).push({ date: v.measured_on, value: Number(v.value) });
  const order = (t: string | null) => SATISFACTION_TEMPLATES.indexOf((t ?? "") as (typeof SATISFACTION_TEMPLATES)[number]);
  return kpis
    .sort((a, b) => order(a.template) - order(b.template))
    .map((k) => {
      const series = byKpi.get(k.id) ?? [];
      const before = series.filter((p) => p.date < period.start);
      const points = series.filter((p) => p.date >= period.start);
      const start = before.at(-1) ?? points[0] ?? null;
      const end = series.at(-1) ?? null;
      const rule = { direction: k.direction, target: num(k.target), alertThreshold: num(k.alert_threshold) };
      const distinct = start && end && start.date !== end.date;
      return {
        programId: k.program_id,
        id: k.id,
        name: k.name,
        template: k.template ?? "",
        unit: k.unit,
        direction: k.direction,
        target: rule.target,
        alertThreshold: rule.alertThreshold,
        start,
        end,
        change: distinct ? Math.round((end.value - start.value) * 1000) / 1000 : null,
        trend: distinct ? kpiTrend(k.direction, [start.value, end.value]).trend : "none",
        status: kpiStatus(rule, end?.value),
        points,
        url: `/programs/${k.program_id}/kpis/${k.id}`,
        traceUrl: `/programs/${k.program_id}/trace/kpi/${k.id}`,
      };
    });
}

type AlertQuery = ReturnType<typeof alertBase>;
function alertBase(programIds: string[]) {
  return db()
    .selectFrom("kpi_alerts as a")
    .innerJoin("kpis as k", "k.id", "a.kpi_id")
    .select(["a.id", "a.program_id", "a.kpi_id", "k.name", "k.unit", "a.kind", "a.status", "a.period_key", "a.value", "a.threshold", "a.detected_at"])
    .where("a.program_id", "in", programIds);
}

async function alertsOf(programIds: string[], narrow: (q: AlertQuery) => AlertQuery): Promise<(ReportAlert & { programId: string })[]> {
  if (!programIds.length) return [];
  const rows = await narrow(alertBase(programIds)).orderBy("a.period_key", "desc").orderBy("a.id").limit(500).execute();
  return rows.map((r) => ({
    programId: r.program_id,
    id: r.id,
    kpiId: r.kpi_id,
    kpiName: r.name,
    unit: r.unit,
    kind: r.kind,
    status: r.status,
    day: r.period_key,
    value: num(r.value),
    threshold: num(r.threshold),
    detectedAt: r.detected_at,
    url: alertUrl(r.id),
  }));
}
