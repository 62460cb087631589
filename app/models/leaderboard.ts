/**
 * The frontline leaderboard's pure parts (step 5), shared by server and UI: periods (this month,
 * this quarter, a month `2026-11`, a quarter `2026-Q4`) in China Standard Time with their instant
 * bounds, the recent periods to pick from, and competition ranking (ties share a rank: 1, 1, 3).
 */

export type PeriodKind = "month" | "quarter";

export interface Period {
  /** Canonical key: `2026-11` or `2026-Q4`. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12 or quarter 1–4. */
  index: number;
  /** First and last calendar day (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** Bounds as ISO instants in UTC: from (inclusive), to (exclusive) — compare with stored timestamps. */
  from: string;
  to: string;
  /** The period holds today. */
  current: boolean;
}

export type PeriodError = "malformed" | "outOfRange" | "future";

/** The earliest year a period may be in. */
export const MIN_PERIOD_YEAR = 2000;
/** Where the periods' days begin and end (China Standard Time, like every date on screen). */
export const PERIOD_OFFSET = "+08:00";

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function instant(day: string): string {
  return new Date(`${day}T00:00:00${PERIOD_OFFSET}`).toISOString();
}

function build(kind: PeriodKind, year: number, index: number, today: string): Period {
  const firstMonth = kind === "month" ? index : (index - 1) * 3 + 1;
  const lastMonth = kind === "month" ? index : firstMonth + 2;
  const firstDay = `${year}-${pad(firstMonth)}-01`;
  const lastDay = `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`;
  const nextYear = lastMonth === 12 ? year + 1 : year;
  const nextMonth = lastMonth === 12 ? 1 : lastMonth + 1;
  return {
    key: kind === "month" ? `${year}-${pad(index)}` : `${year}-Q${index}`,
    kind,
    year,
    index,
    firstDay,
    lastDay,
    from: instant(firstDay),
    to: instant(`${nextYear}-${pad(nextMonth)}-01`),
    current: firstDay <= today && today <= lastDay,
  };
}

/** The month or quarter holding `today` (YYYY-MM-DD). */
export function currentPeriod(kind: PeriodKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return build(kind, year, kind === "month" ? month : Math.ceil(month / 3), today);
}

/**
 * Reads a period: empty or `month` → this month, `quarter` → this quarter, `YYYY-MM`, `YYYY-Qn`
 * (case-insensitive). Refuses what is not a period (malformed), a month or quarter that does not
 * exist or lies before MIN_PERIOD_YEAR (outOfRange), and one that has not started yet (future).
 */
export function parsePeriod(raw: string | null | undefined, today: string): { ok: true; period: Period } | { ok: false; error: PeriodError } {
  const value = (raw ?? "").trim();
  if (value === "" || value === "month") return { ok: true, period: currentPeriod("month", today) };
  if (value === "quarter") return { ok: true, period: currentPeriod("quarter", today) };
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  const q = /^(\d{4})-[Qq](\d)$/.exec(value);
  if (!m && !q) return { ok: false, error: "malformed" };
  const year = Number((m ?? q)![1]);
  const index = Number((m ?? q)![2]);
  const kind: PeriodKind = m ? "month" : "quarter";
  if (year < MIN_PERIOD_YEAR || index < 1 || index > (kind === "month" ? 12 : 4)) return { ok: false, error: "outOfRange" };
  const period = build(kind, year, index, today);
  if (period.firstDay > today) return { ok: false, error: "future" };
  return { ok: true, period };
}

/** The period before (a month before a month, a quarter before a quarter). */
export function previousPeriod(p: Period, today: string): Period {
  if (p.index > 1) return build(p.kind, p.year, p.index - 1, today);
  return build(p.kind, p.year - 1, p.kind === "month" ? 12 : 4, today);
}

/** This month and the months before it, then this quarter and the quarters before it (newest first). */
export function recentPeriods(today: string, months = 12, quarters = 4): Period[] {
  const out: Period[] = [];
  let p = currentPeriod("month", today);
  for (let i = 0; i < months; i++, p = previousPeriod(p, today)) out.push(p);
  p = currentPeriod("quarter", today);
  for (let i = 0; i < quarters; i++, p = previousPeriod(p, today)) out.push(p);
  return out;
}

export interface Tally {
  userId: string;
  name: string;
  count: number;
}

export interface RankedTally extends Tally {
  rank: number;
}

/**
 * Ranks people by count, highest first, leaving out zero counts. Equal counts share a rank and the
 * next rank skips accordingly (1, 1, 3); people of equal rank are listed by name.
 */
export function rankTallies(tallies: readonly Tally[]): RankedTally[] {
  const sorted = tallies
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "zh-CN") || a.userId.localeCompare(b.userId));
  const out: RankedTally[] = [];
  sorted.forEach((t, i) => {
    const rank = i > 0 && sorted[i - 1].count === t.count ? out[i - 1].rank : i + 1;
    out.push({ ...t, rank });
  });
  return out;
}
