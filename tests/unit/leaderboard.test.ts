/** The leaderboard's pure parts: periods (parsing, bounds in China Standard Time, refusals) and ranking with ties. */
import { describe, expect, it } from "vitest";
import { currentPeriod, parsePeriod, previousPeriod, rankTallies, recentPeriods } from "../../app/models/leaderboard";

const TODAY = "2026-11-23";

describe("periods", () => {
  it("defaults to this month; `quarter` is this quarter", () => {
    for (const raw of [null, undefined, "", "  ", "month"]) {
      const r = parsePeriod(raw, TODAY);
      expect(r.ok && r.period.key, String(raw)).toBe("2026-11");
    }
    const q = parsePeriod("quarter", TODAY);
    expect(q.ok && q.period).toMatchObject({ key: "2026-Q4", kind: "quarter", firstDay: "2026-10-01", lastDay: "2026-12-31", current: true });
  });

  it("reads a month or a quarter, with bounds at midnight China Standard Time", () => {
    const m = parsePeriod("2026-02", TODAY);
    expect(m.ok && m.period).toEqual({
      key: "2026-02",
      kind: "month",
      year: 2026,
      index: 2,
      firstDay: "2026-02-01",
      lastDay: "2026-02-28",
      from: "2026-01-31T16:00:00.000Z",
      to: "2026-02-28T16:00:00.000Z",
      current: false,
    });
    const leap = parsePeriod("2024-02", TODAY);
    expect(leap.ok && leap.period.lastDay).toBe("2024-02-29");
    const q = parsePeriod("2025-q4", TODAY);
    expect(q.ok && q.period).toMatchObject({ key: "2025-Q4", firstDay: "2025-10-01", lastDay: "2025-12-31", from: "2025-09-30T16:00:00.000Z", to: "2025-12-31T16:00:00.000Z" });
    const dec = parsePeriod("2025-12", TODAY);
    expect(dec.ok && dec.period.to).toBe("2025-12-31T16:00:00.000Z");
  });

  it("refuses what is not a period, what does not exist, and what has not begun", () => {
    for (const raw of ["2026-1", "2026/11", "November", "2026-Q", "2026-11-01", "26-11", "2026-W45", "2026-Q10"]) expect(parsePeriod(raw, TODAY), raw).toEqual({ ok: false, error: "malformed" });
    for (const raw of ["2026-13", "2026-00", "2026-Q5", "2026-Q0", "1999-12"]) expect(parsePeriod(raw, TODAY), raw).toEqual({ ok: false, error: "outOfRange" });
    for (const raw of ["2026-12", "2027-Q1", "2030-01"]) expect(parsePeriod(raw, TODAY), raw).toEqual({ ok: false, error: "future" });
    expect(parsePeriod("2026-11", "2026-11-01").ok).toBe(true);
  });

  it("steps back over year ends and lists the recent periods newest first", () => {
    expect(previousPeriod(currentPeriod("month", "2026-01-15"), "2026-01-15").key).toBe("2025-12");
    expect(previousPeriod(currentPeriod("quarter", "2026-02-15"), "2026-02-15").key).toBe("2025-Q4");
    const recent = recentPeriods(TODAY, 3, 2).map((p) => p.key);
    expect(recent).toEqual(["2026-11", "2026-10", "2026-09", "2026-Q4", "2026-Q3"]);
  });
});

describe("ranking", () => {
  it("ranks by count, ties share a rank and the next rank skips; zero counts are left out", () => {
    const ranked = rankTallies([
      { userId: "a", name: "王芳", count: 2 },
      { userId: "b", name: "张伟", count: 5 },
      { userId: "c", name: "李静", count: 2 },
      { userId: "d", name: "陈明", count: 0 },
      { userId: "e", name: "刘洋", count: 1 },
      { userId: "f", name: "艾丽", count: 5 },
    ]);
    expect(ranked.map((r) => [r.rank, r.userId, r.count])).toEqual([
      [1, "f", 5],
      [1, "b", 5],
      [3, "c", 2],
      [3, "a", 2],
      [5, "e", 1],
    ]);
    expect(rankTallies([])).toEqual([]);
  });
});
