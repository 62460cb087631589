/**
 * Which periods the CEO report may cover for an organisation: `resolveReportPeriod` checks the
 * requested period against the organisation's history (it begins with the earliest of: the
 * organisation's creation, its programs', its first KPI value or first feedback record — history
 * imported from before the workspace was set up counts) and today (at most one period ahead).
 */
import { db } from "../db.server";
import { DomainError } from "./domain.server";
import { checkPeriod, dayOfInstant, defaultPeriod, periodOptions, todayInZone, type ReportPeriod } from "./report-period";

/** The first day of the organisation's history (see above). */
export async function orgHistoryStart(orgId: string): Promise<string> {
  const d = db();
  const [org, program, measurement, feedback] = await Promise.all([
    d.selectFrom("organizations").select("created_at").where("id", "=", orgId).executeTakeFirst(),
    d.selectFrom("programs").select((eb) => eb.fn.min("created_at").as("v")).where("org_id", "=", orgId).executeTakeFirst(),
    d
      .selectFrom("kpi_measurements as m")
      .innerJoin("kpis as k", "k.id", "m.kpi_id")
      .innerJoin("programs as p", "p.id", "k.program_id")
      .select((eb) => eb.fn.min("m.measured_on").as("v"))
      .where("p.org_id", "=", orgId)
      .executeTakeFirst(),
    d
      .selectFrom("feedback_records as f")
      .innerJoin("programs as p", "p.id", "f.program_id")
      .select((eb) => eb.fn.min("f.occurred_on").as("v"))
      .where("p.org_id", "=", orgId)
      .executeTakeFirst(),
  ]);
  const days = [
    org ? dayOfInstant(org.created_at) : null,
    program?.v ? dayOfInstant(String(program.v)) : null,
    measurement?.v ? String(measurement.v) : null,
    feedback?.v ? String(feedback.v) : null,
  ].filter((x): x is string => !!x);
  return days.length ? days.sort()[0] : todayInZone();
}

export interface PeriodRange {
  historyStart: string;
  today: string;
  /** What the picker offers, newest first. */
  options: { quarters: ReportPeriod[]; months: ReportPeriod[] };
}

/** The organisation's reportable range: from its history's start to one period ahead of today. */
export async function reportPeriodRange(orgId: string, now = new Date()): Promise<PeriodRange> {
  const today = todayInZone(now);
  const historyStart = await orgHistoryStart(orgId);
  const range = { today, historyStart };
  return { today, historyStart, options: { quarters: periodOptions("quarter", range), months: periodOptions("month", range) } };
}

/**
 * The requested period (the default when none is given), checked against the range: malformed →
 * 400 report.errors.malformed; before the organisation's history → 400 report.errors.tooEarly;
 * more than one period ahead → 400 report.errors.tooFarAhead (vars say which periods are allowed).
 */
export function pickReportPeriod(range: PeriodRange, raw: string | null | undefined): ReportPeriod {
  if (raw === null || raw === undefined || raw === "") return defaultPeriod(range.today, range.historyStart);
  const checked = checkPeriod(raw, range);
  if (!checked.ok) throw new DomainError(400, `report.errors.${checked.error}`, undefined, checked.vars);
  return checked.period;
}

/** reportPeriodRange + pickReportPeriod. */
export async function resolveReportPeriod(orgId: string, raw: string | null | undefined, now = new Date()): Promise<PeriodRange & { period: ReportPeriod }> {
  const range = await reportPeriodRange(orgId, now);
  return { ...range, period: pickReportPeriod(range, raw) };
}
