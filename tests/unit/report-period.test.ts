/** Report periods: parsing, days covered, neighbours, the default, the allowed range and labels. */
import { describe, expect, it } from "vitest";
import {
  checkPeriod,
  dayOfInstant,
  defaultPeriod,
  isOpenPeriod,
  parsePeriodKey,
  periodContaining,
  periodInstants,
  periodLabel,
  periodOptions,
  shiftPeriod,
} from "../../app/models/report-period";

describe("parsePeriodKey", () => {
  it("reads quarters and months with their first and last day", () => {
    expect(parsePeriodKey("2026-Q4")).toEqual({ key: "2026-Q4", kind: "quarter", year: 2026, index: 4, start: "2026-10-01", end: "2026-12-31" });
    expect(parsePeriodKey(" 2026q1 ")).toMatchObject({ key: "2026-Q1", start: "2026-01-01", end: "2026-03-31" });
    expect(parsePeriodKey("2026-11")).toEqual({ key: "2026-11", kind: "month", year: 2026, index: 11, start: "2026-11-01", end: "2026-11-30" });
    expect(parsePeriodKey("2024-2")).toMatchObject({ key: "2024-02", end: "2024-02-29" });
    expect(parsePeriodKey("2026-02")?.end).toBe("2026-02-28");
  });

  it("refuses anything else", () => {
    for (const bad of ["", "2026", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "Q4-2026", "2026-11-01", "1999-Q4", "2101-01", "abcd-Q1", "2026-Q4; drop table", null, 2026, undefined]) {
      expect(parsePeriodKey(bad), String(bad)).toBeNull();
    }
  });
});

describe("neighbours and containment", () => {
  it("shifts across year boundaries", () => {
    expect(shiftPeriod(parsePeriodKey("2026-Q4")!, 1).key).toBe("2027-Q1");
    expect(shiftPeriod(parsePeriodKey("2026-Q1")!, -1).key).toBe("2025-Q4");
    expect(shiftPeriod(parsePeriodKey("2026-01")!, -1).key).toBe("2025-12");
    expect(shiftPeriod(parsePeriodKey("2026-11")!, 2).key).toBe("2027-01");
  });

  it("finds the period holding a day", () => {
    expect(periodContaining("quarter", "2026-11-23").key).toBe("2026-Q4");
    expect(periodContaining("quarter", "2026-03-31").key).toBe("2026-Q1");
    expect(periodContaining("month", "2026-11-23").key).toBe("2026-11");
  });

  it("covers instants in China Standard Time", () => {
    expect(periodInstants(parsePeriodKey("2026-Q4")!)).toEqual({ from: "2026-09-30T16:00:00.000Z", to: "2026-12-31T16:00:00.000Z" });
    expect(dayOfInstant("2026-09-30T17:00:00.000Z")).toBe("2026-10-01");
    expect(isOpenPeriod(parsePeriodKey("2026-Q4")!, "2026-11-23")).toBe(true);
    expect(isOpenPeriod(parsePeriodKey("2026-Q3")!, "2026-11-23")).toBe(false);
  });
});

describe("defaultPeriod", () => {
  it("is the last full quarter", () => {
    expect(defaultPeriod("2026-11-23").key).toBe("2026-Q3");
    expect(defaultPeriod("2026-01-05").key).toBe("2025-Q4");
    expect(defaultPeriod("2026-11-23", "2026-05-01").key).toBe("2026-Q3");
  });
  it("is the current quarter when the organisation's history starts after the last one", () => {
    expect(defaultPeriod("2026-11-23", "2026-10-15").key).toBe("2026-Q4");
  });
});

describe("checkPeriod", () => {
  const range = { today: "2026-11-23", historyStart: "2026-05-25" };
  it("accepts periods from the history's start to one period ahead", () => {
    for (const ok of ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2026-05", "2026-11", "2026-12"]) {
      expect(checkPeriod(ok, range).ok, ok).toBe(true);
    }
  });
  it("says why it refuses", () => {
    expect(checkPeriod("2026-Q9", range)).toEqual({ ok: false, error: "malformed", vars: { value: "2026-Q9" } });
    expect(checkPeriod("2026-Q1", range)).toEqual({ ok: false, error: "tooEarly", vars: { value: "2026-Q1", start: "2026-05-25" } });
    expect(checkPeriod("2026-04", range)).toMatchObject({ ok: false, error: "tooEarly" });
    expect(checkPeriod("2027-Q2", range)).toEqual({ ok: false, error: "tooFarAhead", vars: { value: "2027-Q2", latest: "2027-Q1" } });
    expect(checkPeriod("2027-01", range)).toEqual({ ok: false, error: "tooFarAhead", vars: { value: "2027-01", latest: "2026-12" } });
  });
});

describe("periodOptions and labels", () => {
  it("lists the allowed periods newest first", () => {
    expect(periodOptions("quarter", { today: "2026-11-23", historyStart: "2026-05-25" }).map((p) => p.key)).toEqual(["2027-Q1", "2026-Q4", "2026-Q3", "2026-Q2"]);
    expect(periodOptions("month", { today: "2026-11-23", historyStart: "2026-09-02" }).map((p) => p.key)).toEqual(["2026-12", "2026-11", "2026-10", "2026-09"]);
    expect(periodOptions("month", { today: "2026-11-23", historyStart: "2000-01-01" }, 3)).toHaveLength(3);
  });
  it("names periods in both languages", () => {
    expect(periodLabel(parsePeriodKey("2026-Q4")!, "en")).toBe("Q4 2026");
    expect(periodLabel(parsePeriodKey("2026-Q4")!, "zh-CN")).toBe("2026年第四季度");
    expect(periodLabel(parsePeriodKey("2026-11")!, "en")).toBe("November 2026");
    expect(periodLabel(parsePeriodKey("2026-11")!, "zh-CN")).toBe("2026年11月");
  });
});
