/**
 * Report periods of the CEO report (pure, shared by server and UI): calendar quarters written
 * `2026-Q4` and months written `2026-11`. Parsing, the days a period covers, its neighbours, the
 * default (the last full quarter), the allowed range (not before the organisation's history
 * began, at most one period ahead of today) and the picker's options. Days are calendar days
 * YYYY-MM-DD; instants are compared in the display zone (China Standard Time, see utils/format).
 */

export type PeriodKind = "quarter" | "month";

export interface ReportPeriod {
  /** `2026-Q4` or `2026-11`. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1–4 for a quarter, 1–12 for a month. */
  index: number;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
}

export type PeriodError = "malformed" | "tooEarly" | "tooFarAhead";

export type PeriodCheck = { ok: true; period: ReportPeriod } | { ok: false; error: PeriodError; vars: Record<string, string> };

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** The offset of the display zone: a timestamp belongs to the day it is in China. */
export const PERIOD_ZONE_OFFSET = "+08:00";

const QUARTER = /^(\d{4})-?Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{1,2})$/;

const pad = (n: number) => String(n).padStart(2, "0");
const dayOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period of a kind, year and index (1-based). */
export function makePeriod(kind: PeriodKind, year: number, index: number): ReportPeriod {
  if (kind === "quarter") {
    const firstMonth = (index - 1) * 3 + 1;
    return { key: `${year}-Q${index}`, kind, year, index, start: dayOf(year, firstMonth, 1), end: dayOf(year, firstMonth + 2, lastDayOfMonth(year, firstMonth + 2)) };
  }
  return { key: `${year}-${pad(index)}`, kind, year, index, start: dayOf(year, index, 1), end: dayOf(year, index, lastDayOfMonth(year, index)) };
}

/** `2026-Q4`, `2026q4`, `2026-11` or `2026-1` → the period; anything else (or a year outside 2000–2100) → null. */
export function parsePeriodKey(raw: unknown): ReportPeriod | null {
  if (typeof raw !== "string") return null;
  const s = raw.trim();
  if (s.length > 12) return null;
  const q = QUARTER.exec(s);
  if (q) {
    const year = Number(q[1]);
    return year >= MIN_YEAR && year <= MAX_YEAR ? makePeriod("quarter", year, Number(q[2])) : null;
  }
  const m = MONTH.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
    return makePeriod("month", year, month);
  }
  return null;
}

const perYear = (kind: PeriodKind) => (kind === "quarter" ? 4 : 12);

/** A running number of the period (consecutive periods of a kind differ by one). */
export function periodOrdinal(p: Pick<ReportPeriod, "kind" | "year" | "index">): number {
  return p.year * perYear(p.kind) + (p.index - 1);
}

/** The period `n` periods after `p` (before it when n < 0). */
export function shiftPeriod(p: ReportPeriod, n: number): ReportPeriod {
  const ord = periodOrdinal(p) + n;
  const size = perYear(p.kind);
  return makePeriod(p.kind, Math.floor(ord / size), (ord % size) + 1);
}

/** The period of a kind holding a day (YYYY-MM-DD). */
export function periodContaining(kind: PeriodKind, day: string): ReportPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return makePeriod(kind, year, kind === "quarter" ? Math.floor((month - 1) / 3) + 1 : month);
}

/** Today's calendar day in the display zone. */
export function todayInZone(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar day (display zone) of an ISO timestamp. */
export function dayOfInstant(iso: string): string {
  return todayInZone(new Date(iso));
}

/**
 * The default: the last full quarter before today — unless the organisation's history starts
 * after it ended, then the current quarter.
 */
export function defaultPeriod(today: string, historyStart?: string | null): ReportPeriod {
  const last = shiftPeriod(periodContaining("quarter", today), -1);
  if (historyStart && last.end < historyStart) return periodContaining("quarter", today);
  return last;
}

/**
 * Checks a requested period: malformed → `malformed`; ending before the organisation's history
 * starts (`historyStart`, a day) → `tooEarly`; more than one period after the current one →
 * `tooFarAhead`. The next period is allowed (to plan), the current one shows what is known so far.
 */
export function checkPeriod(raw: unknown, opts: { today: string; historyStart: string }): PeriodCheck {
  const period = parsePeriodKey(raw);
  if (!period) return { ok: false, error: "malformed", vars: { value: typeof raw === "string" ? raw.slice(0, 40) : "" } };
  if (period.end < opts.historyStart) return { ok: false, error: "tooEarly", vars: { value: period.key, start: opts.historyStart } };
  const current = periodContaining(period.kind, opts.today);
  if (periodOrdinal(period) > periodOrdinal(current) + 1) {
    return { ok: false, error: "tooFarAhead", vars: { value: period.key, latest: shiftPeriod(current, 1).key } };
  }
  return { ok: true, period };
}

/** The periods the picker offers, newest first: from the next one back to the one holding historyStart (at most `max` of each kind). */
export function periodOptions(kind: PeriodKind, opts: { today: string; historyStart: string }, max = kind === "quarter" ? 12 : 24): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  const first = periodOrdinal(periodContaining(kind, opts.historyStart));
  let p = shiftPeriod(periodContaining(kind, opts.today), 1);
  while (periodOrdinal(p) >= first && out.length < max) {
    out.push(p);
    p = shiftPeriod(p, -1);
  }
  return out;
}

/** The instant a day begins in the display zone, as an ISO string comparable with stored timestamps. */
export function dayStartInstant(day: string): string {
  return new Date(`${day}T00:00:00${PERIOD_ZONE_OFFSET}`).toISOString();
}

/** [from, to): the instants of a period, to compare with ISO timestamps (created_at, status_changed_at). */
export function periodInstants(p: ReportPeriod): { from: string; to: string } {
  return { from: dayStartInstant(p.start), to: dayStartInstant(shiftPeriod(p, 1).start) };
}

/** True when the period has not ended yet on `today`. */
export function isOpenPeriod(p: ReportPeriod, today: string): boolean {
  return today <= p.end;
}

/** "2026 Q4" / "2026年第四季度", "November 2026" / "2026年11月". */
export function periodLabel(p: Pick<ReportPeriod, "kind" | "year" | "index">, locale: string): string {
  if (p.kind === "quarter") {
    if (locale === "zh-CN") return `${p.year}年第${"一二三四"[p.index - 1]}季度`;
    return `Q${p.index} ${p.year}`;
  }
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en", { year: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(p.year, p.index - 1, 15)),
  );
}
