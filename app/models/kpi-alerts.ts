/**
 * The KPI alert rules, shared by server and UI (no .server suffix) — "find new problems early":
 *
 * - **threshold**: the LATEST value of a KPI is past its alert threshold on the bad side (higher is
 *   better: value < threshold; lower is better: value > threshold; exactly at the threshold is not
 *   past it). One alert per KPI and measurement day (`period_key` = the day measured). While a
 *   threshold alert of the KPI is still open, a later bad value raises no second one (it is the
 *   same problem, already on the board); once acknowledged, the next bad value raises a new one.
 * - **stale**: a KPI is unmeasured past its cadence plus a grace, counted from its last value (or
 *   from its creation when it has none). The next value is due one cadence after the last one
 *   (weekly: 7 days, every 2 weeks: 14 days, monthly: one calendar month, quarterly: three); the
 *   grace is a quarter of the cadence, at least 2 days (2, 4, 8, 23 days). The KPI is stale once
 *   today is past due + grace; `period_key` = the day the next value was due, so one stale spell
 *   raises one alert however often detection runs.
 *
 * Alerts are history: a later good value does not close an open alert (only acknowledging does);
 * the board shows the KPI as recovered instead (`alertRecovered`). Days are UTC calendar days
 * (YYYY-MM-DD), as measurements are.
 */
import type { KpiAlertKind, KpiAlertStatus } from "../../db/schema";
import type { KpiCadence, KpiDirection } from "./kpi";
import { can, type ProgramAccess } from "./permissions";

export type { KpiAlertKind, KpiAlertStatus };

export const KPI_ALERT_KINDS = ["threshold", "stale"] as const satisfies readonly KpiAlertKind[];
export const KPI_ALERT_STATUSES = ["open", "acknowledged"] as const satisfies readonly KpiAlertStatus[];
/** The alert list's filter: open, acknowledged or both. */
export const ALERT_FILTERS = ["open", "acknowledged", "all"] as const;
export type AlertFilter = (typeof ALERT_FILTERS)[number];

export const ACK_NOTE_MAX_CHARS = 1000;

/** The nominal length of each cadence in days (monthly and quarterly are calendar months when counting a due day). */
export const CADENCE_DAYS: Record<KpiCadence, number> = { weekly: 7, biweekly: 14, monthly: 31, quarterly: 92 };

const DAY_MS = 86_400_000;

function dayToMs(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return msToDay(dayToMs(day) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayToMs(to) - dayToMs(from)) / DAY_MS);
}

/** `day` plus n calendar months; the 31st of a short month becomes its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return msToDay(Date.UTC(y, m, Math.min(d, last)));
}

/** The UTC calendar day of an instant (or of now). */
export function utcDay(at: Date | string = new Date()): string {
  return (typeof at === "string" ? new Date(at) : at).toISOString().slice(0, 10);
}

/** The day the next value is due after a value (or the KPI's creation) on `lastDay`. */
export function nextDueDay(cadence: KpiCadence, lastDay: string): string {
  if (cadence === "monthly") return addMonths(lastDay, 1);
  if (cadence === "quarterly") return addMonths(lastDay, 3);
  return addDays(lastDay, CADENCE_DAYS[cadence]);
}

/** Days of grace after the due day before a KPI counts as stale: a quarter of the cadence, at least 2. */
export function staleGraceDays(cadence: KpiCadence): number {
  return Math.max(2, Math.ceil(CADENCE_DAYS[cadence] * 0.25));
}

/** The last day a KPI is still on time: due day + grace. From the next day on it is stale. */
export function staleAfterDay(cadence: KpiCadence, lastDay: string): string {
  return addDays(nextDueDay(cadence, lastDay), staleGraceDays(cadence));
}

/** True when a KPI last measured (or created) on `lastDay` is unmeasured past its cadence and grace on `today`. */
export function isStale(cadence: KpiCadence, lastDay: string, today: string): boolean {
  return today > staleAfterDay(cadence, lastDay);
}

/** True when a value is past the alert threshold on the bad side (never when no threshold is set). */
export function isPastThreshold(direction: KpiDirection, threshold: number | null, value: number | null | undefined): boolean {
  if (threshold === null || value === null || value === undefined || !Number.isFinite(value)) return false;
  return direction === "up" ? value < threshold : value > threshold;
}

/** What detection knows about one KPI. */
export interface AlertRuleInput {
  direction: KpiDirection;
  cadence: KpiCadence;
  alertThreshold: number | null;
  /** The KPI's creation instant (ISO) or day: where staleness counts from when it has no value. */
  createdAt: string;
  latest: { date: string; value: number } | null;
  /** True when the KPI already has an open threshold alert. */
  hasOpenThresholdAlert: boolean;
}

export interface AlertCandidate {
  kind: KpiAlertKind;
  periodKey: string;
  /** threshold: the value past it; stale: null. */
  value: number | null;
  threshold: number | null;
  /** stale: the day of the last value (null when the KPI was never measured). */
  lastMeasuredOn: string | null;
}

/** The alerts a KPI should have on `today` (the store's unique key makes raising one twice a no-op). */
export function alertCandidates(kpi: AlertRuleInput, today: string): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const { latest } = kpi;
  if (latest && !kpi.hasOpenThresholdAlert && isPastThreshold(kpi.direction, kpi.alertThreshold, latest.value)) {
    out.push({ kind: "threshold", periodKey: latest.date, value: latest.value, threshold: kpi.alertThreshold, lastMeasuredOn: latest.date });
  }
  const base = latest?.date ?? utcDay(kpi.createdAt);
  if (isStale(kpi.cadence, base, today)) {
    out.push({ kind: "stale", periodKey: nextDueDay(kpi.cadence, base), value: null, threshold: null, lastMeasuredOn: latest?.date ?? null });
  }
  return out;
}

/**
 * Whether the KPI has since recovered from an alert (it stays open until acknowledged, but the
 * board says so): threshold — the latest value is back within the threshold (judged against the
 * threshold as it is now); stale — a value has arrived since, so the next one is due after the
 * alert's due day.
 */
export function alertRecovered(
  alert: { kind: KpiAlertKind; periodKey: string },
  kpi: { direction: KpiDirection; cadence: KpiCadence; alertThreshold: number | null; latest: { date: string; value: number } | null },
): boolean {
  if (alert.kind === "threshold") {
    if (!kpi.latest || kpi.latest.date < alert.periodKey) return false;
    return !isPastThreshold(kpi.direction, kpi.alertThreshold, kpi.latest.value);
  }
  if (!kpi.latest) return false;
  return nextDueDay(kpi.cadence, kpi.latest.date) > alert.periodKey;
}

/** Who may acknowledge an alert: the KPI's program editors (kpi.edit) and the CX office. */
export function canAcknowledgeAlert(access: ProgramAccess | null | undefined): boolean {
  return !!access && (access.office || can(access, "kpi.edit"));
}
