/** The KPI alert rules and the KPI board's pure parts: thresholds in both directions, cadences and grace, boundaries, recovery, board status, trend and sparkline geometry. */
import { describe, expect, it } from "vitest";
import {
  addMonths,
  alertCandidates,
  alertRecovered,
  canAcknowledgeAlert,
  isPastThreshold,
  isStale,
  nextDueDay,
  staleAfterDay,
  staleGraceDays,
  type AlertRuleInput,
} from "../../app/models/kpi-alerts";
import { boardFiltersFromSearch, boardStatus, boardTrend, sparklineGeometry, sparklineShape } from "../../app/models/kpi-board";
import { kpiTrend } from "../../app/models/kpi";

const kpi = (over: Partial<AlertRuleInput> = {}): AlertRuleInput => ({
  direction: "up",
  cadence: "weekly",
  alertThreshold: 60,
  createdAt: "2026-01-01T08:00:00.000Z",
  latest: { date: "2026-03-02", value: 70 },
  hasOpenThresholdAlert: false,
  ...over,
});

describe("past the alert threshold", () => {
  it("higher is better: below the threshold is past it; at it is not", () => {
    expect(isPastThreshold("up", 60, 59.99)).toBe(true);
    expect(isPastThreshold("up", 60, 60)).toBe(false);
    expect(isPastThreshold("up", 60, 75)).toBe(false);
  });

  it("lower is better: above the threshold is past it; at it is not", () => {
    expect(isPastThreshold("down", 8, 8.01)).toBe(true);
    expect(isPastThreshold("down", 8, 8)).toBe(false);
    expect(isPastThreshold("down", 8, 6.5)).toBe(false);
  });

  it("never without a threshold or a value; negative thresholds work (NPS)", () => {
    expect(isPastThreshold("up", null, -100)).toBe(false);
    expect(isPastThreshold("up", 0, null)).toBe(false);
    expect(isPastThreshold("up", 0, Number.NaN)).toBe(false);
    expect(isPastThreshold("up", -5, -6)).toBe(true);
    expect(isPastThreshold("up", -5, -5)).toBe(false);
  });
});

describe("cadences and staleness", () => {
  it("the next value is due one cadence after the last one (months on the calendar)", () => {
    expect(nextDueDay("weekly", "2026-03-02")).toBe("2026-03-09");
    expect(nextDueDay("biweekly", "2026-03-02")).toBe("2026-03-16");
    expect(nextDueDay("monthly", "2026-01-31")).toBe("2026-02-28");
    expect(nextDueDay("monthly", "2024-01-31")).toBe("2024-02-29");
    expect(nextDueDay("monthly", "2026-12-01")).toBe("2027-01-01");
    expect(nextDueDay("quarterly", "2026-11-30")).toBe("2027-02-28");
    expect(addMonths("2026-05-15", -2)).toBe("2026-03-15");
  });

  it("grace is a quarter of the cadence, at least two days", () => {
    expect(staleGraceDays("weekly")).toBe(2);
    expect(staleGraceDays("biweekly")).toBe(4);
    expect(staleGraceDays("monthly")).toBe(8);
    expect(staleGraceDays("quarterly")).toBe(23);
  });

  it.each([
    ["weekly", "2026-03-02", "2026-03-11"],
    ["biweekly", "2026-03-02", "2026-03-20"],
    ["monthly", "2026-03-01", "2026-04-09"],
    ["quarterly", "2026-01-01", "2026-04-24"],
  ] as const)("%s from %s: on time through %s, stale the day after", (cadence, last, lastOnTime) => {
    expect(staleAfterDay(cadence, last)).toBe(lastOnTime);
    expect(isStale(cadence, last, lastOnTime)).toBe(false);
    const dayAfter = new Date(Date.parse(`${lastOnTime}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(isStale(cadence, last, dayAfter)).toBe(true);
  });
});

describe("alert candidates", () => {
  it("a latest value past the threshold raises one threshold alert for its day", () => {
    expect(alertCandidates(kpi({ latest: { date: "2026-03-02", value: 55 } }), "2026-03-03")).toEqual([
      { kind: "threshold", periodKey: "2026-03-02", value: 55, threshold: 60, lastMeasuredOn: "2026-03-02" },
    ]);
    expect(alertCandidates(kpi({ direction: "down", alertThreshold: 8, latest: { date: "2026-03-02", value: 8.55 } }), "2026-03-03")).toEqual([
      { kind: "threshold", periodKey: "2026-03-02", value: 8.55, threshold: 8, lastMeasuredOn: "2026-03-02" },
    ]);
  });

  it("nothing within the threshold, at it, or without one", () => {
    expect(alertCandidates(kpi({ latest: { date: "2026-03-02", value: 60 } }), "2026-03-03")).toEqual([]);
    expect(alertCandidates(kpi({ alertThreshold: null, latest: { date: "2026-03-02", value: -50 } }), "2026-03-03")).toEqual([]);
  });

  it("an open threshold alert covers a later bad value (it is the same problem)", () => {
    expect(alertCandidates(kpi({ latest: { date: "2026-03-09", value: 50 }, hasOpenThresholdAlert: true }), "2026-03-10")).toEqual([]);
  });

  it("stale counts from the last value, or from creation without one; the period is the due day", () => {
    expect(alertCandidates(kpi({ latest: { date: "2026-03-02", value: 70 } }), "2026-03-12")).toEqual([
      { kind: "stale", periodKey: "2026-03-09", value: null, threshold: null, lastMeasuredOn: "2026-03-02" },
    ]);
    expect(alertCandidates(kpi({ latest: { date: "2026-03-02", value: 70 } }), "2026-03-11")).toEqual([]);
    expect(alertCandidates(kpi({ latest: null, cadence: "monthly", createdAt: "2026-01-10T23:30:00.000Z" }), "2026-02-18")).toEqual([]);
    expect(alertCandidates(kpi({ latest: null, cadence: "monthly", createdAt: "2026-01-10T23:30:00.000Z" }), "2026-02-19")).toEqual([
      { kind: "stale", periodKey: "2026-02-10", value: null, threshold: null, lastMeasuredOn: null },
    ]);
  });

  it("a bad value that is also old raises both", () => {
    const c = alertCandidates(kpi({ latest: { date: "2026-03-02", value: 10 } }), "2026-04-01");
    expect(c.map((x) => x.kind)).toEqual(["threshold", "stale"]);
  });
});

describe("recovery", () => {
  const rule = { direction: "down" as const, cadence: "weekly" as const, alertThreshold: 8 };
  it("threshold: the latest value (of the alert's day or later) is back within the threshold", () => {
    const alert = { kind: "threshold" as const, periodKey: "2026-03-02" };
    expect(alertRecovered(alert, { ...rule, latest: { date: "2026-03-02", value: 8.5 } })).toBe(false);
    expect(alertRecovered(alert, { ...rule, latest: { date: "2026-03-09", value: 7.9 } })).toBe(true);
    expect(alertRecovered(alert, { ...rule, latest: { date: "2026-03-09", value: 8 } })).toBe(true);
    expect(alertRecovered(alert, { ...rule, latest: { date: "2026-03-09", value: 9 } })).toBe(false);
  });
  it("stale: a value arrived after the one the alert was about", () => {
    const alert = { kind: "stale" as const, periodKey: "2026-03-09" };
    expect(alertRecovered(alert, { ...rule, latest: { date: "2026-03-02", value: 7 } })).toBe(false);
    expect(alertRecovered(alert, { ...rule, latest: { date: "2026-03-13", value: 7 } })).toBe(true);
    expect(alertRecovered(alert, { ...rule, latest: null })).toBe(false);
  });
});

describe("who may acknowledge", () => {
  it("program editors (kpi.edit) and the CX office; not leadership-only, frontline or viewers", () => {
    expect(canAcknowledgeAlert({ role: "owner", office: false })).toBe(true);
    expect(canAcknowledgeAlert({ role: "project_team", office: false })).toBe(true);
    expect(canAcknowledgeAlert({ role: null, office: true })).toBe(true);
    expect(canAcknowledgeAlert({ role: "viewer", office: true })).toBe(true);
    expect(canAcknowledgeAlert({ role: "leadership", office: false })).toBe(false);
    expect(canAcknowledgeAlert({ role: "frontline", office: false })).toBe(false);
    expect(canAcknowledgeAlert({ role: "viewer", office: false })).toBe(false);
    expect(canAcknowledgeAlert(null)).toBe(false);
  });
});

describe("the board", () => {
  it("names the registry's status in the board's words", () => {
    expect(boardStatus("alert")).toBe("past_threshold");
    expect(boardStatus("off_target")).toBe("off_target");
    expect(boardStatus("on_target")).toBe("on_target");
    expect(boardStatus("no_target")).toBe("no_target");
    expect(boardStatus("no_data")).toBe("unmeasured");
  });

  it("trend against the direction: a falling handle time is better, a falling NPS worse", () => {
    expect(boardTrend(kpiTrend("down", [7.2, 6.8]).trend)).toBe("better");
    expect(boardTrend(kpiTrend("up", [20, 18]).trend)).toBe("worse");
    expect(boardTrend(kpiTrend("up", [20, 20.05]).trend)).toBe("flat");
    expect(boardTrend(kpiTrend("up", [20]).trend)).toBe("none");
  });

  it("reads filters from the URL and ignores what it does not know", () => {
    expect(boardFiltersFromSearch(new URLSearchParams("program=p1&kind=outcome&status=past_threshold&alerts=1"))).toEqual({
      programId: "p1",
      kind: "outcome",
      status: "past_threshold",
      alertsOnly: true,
    });
    expect(boardFiltersFromSearch(new URLSearchParams("kind=sideways&status=red&alerts=yes"))).toEqual({ programId: null, kind: null, status: null, alertsOnly: false });
  });
});

describe("sparkline", () => {
  it("spans the box, puts higher values higher and includes the target in the range", () => {
    const g = sparklineGeometry([1, 2, 3], { width: 100, height: 40, pad: 0, target: 5 })!;
    expect(g.points).toBe("0,40 50,30 100,20");
    expect(g.targetY).toBe(0);
    expect(g.last).toEqual({ x: 100, y: 20 });
  });

  it("draws the threshold only inside the range; a flat line sits in the middle; needs two values", () => {
    const g = sparklineGeometry([10, 10], { width: 60, height: 20, pad: 2, threshold: 100 })!;
    expect(g.points).toBe("2,10 58,10");
    expect(g.thresholdY).toBeNull();
    expect(sparklineGeometry([1, 5], { width: 60, height: 20, pad: 0, threshold: 3 })!.thresholdY).toBe(10);
    expect(sparklineGeometry([1], { width: 60, height: 20 })).toBeNull();
    expect(sparklineGeometry([], { width: 60, height: 20 })).toBeNull();
  });

  it("says whether the series rose, fell or held over the window", () => {
    expect(sparklineShape([6.4, 6.5, 8.3, 8.55])).toBe("rising");
    expect(sparklineShape([2.4, 2.1, 1.7])).toBe("falling");
    expect(sparklineShape([50, 52, 50.1])).toBe("steady");
    expect(sparklineShape([1])).toBe("none");
  });
});
