/** The RAG health rule of the CX office portfolio: red, amber, green, closed, the reasons, the override. */
import { describe, expect, it } from "vitest";
import { computeRagHealth, effectiveHealth, healthRank, type RagKpi } from "../../app/models/rag-health";

const today = "2026-03-10";
const kpi = (over: Partial<RagKpi> = {}): RagKpi => ({ name: "NPS", direction: "up", target: 20, alertThreshold: 0, latest: 10, previous: 10, ...over });

describe("computeRagHealth", () => {
  it("is closed for done and dropped initiatives, whatever the dates and KPIs", () => {
    for (const status of ["done", "dropped"] as const) {
      expect(computeRagHealth({ status, dueDate: "2026-01-01", kpis: [kpi({ latest: -5 })] }, today)).toEqual({
        health: "closed",
        reasons: [{ code: "closed" }],
      });
    }
  });

  it("is red when overdue and not done, counting the days late", () => {
    expect(computeRagHealth({ status: "in_progress", dueDate: "2026-03-07", kpis: [kpi()] }, today)).toEqual({
      health: "red",
      reasons: [{ code: "overdue", days: 3 }],
    });
    expect(computeRagHealth({ status: "idea", dueDate: "2026-03-09", kpis: [] }, today).health).toBe("red");
  });

  it("is not overdue on the due day itself", () => {
    expect(computeRagHealth({ status: "in_progress", dueDate: today, kpis: [kpi()] }, today).health).toBe("green");
  });

  it("is red when a linked KPI's latest value is past its alert threshold in the bad direction (either direction)", () => {
    expect(computeRagHealth({ status: "approved", dueDate: "2026-06-01", kpis: [kpi({ latest: -2, previous: 3 })] }, today)).toEqual({
      health: "red",
      reasons: [{ code: "kpiAlert", kpi: "NPS" }],
    });
    const aht = kpi({ name: "AHT", direction: "down", target: 6, alertThreshold: 8, latest: 8.5, previous: 8.6 });
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [aht] }, today).reasons).toEqual([{ code: "kpiAlert", kpi: "AHT" }]);
    // Exactly at the threshold is not past it.
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [kpi({ latest: 0, previous: 0 })] }, today).health).toBe("green");
  });

  it("is amber when due within 14 days while not started, but not when already in progress", () => {
    expect(computeRagHealth({ status: "approved", dueDate: "2026-03-24", kpis: [] }, today)).toEqual({
      health: "amber",
      reasons: [{ code: "dueSoon", days: 14 }],
    });
    expect(computeRagHealth({ status: "idea", dueDate: today, kpis: [] }, today).reasons).toEqual([{ code: "dueSoon", days: 0 }]);
    expect(computeRagHealth({ status: "approved", dueDate: "2026-03-25", kpis: [] }, today).health).toBe("green");
    expect(computeRagHealth({ status: "in_progress", dueDate: "2026-03-12", kpis: [kpi()] }, today).health).toBe("green");
  });

  it("is amber when a linked KPI got worse than its previous value (against its direction, beyond the flat tolerance)", () => {
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [kpi({ latest: 8, previous: 12 })] }, today)).toEqual({
      health: "amber",
      reasons: [{ code: "kpiWorsening", kpi: "NPS" }],
    });
    const down = kpi({ name: "Repeat calls", direction: "down", target: 10, alertThreshold: 16, latest: 13, previous: 12 });
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [down] }, today).health).toBe("amber");
    // Improving, flat (within 0.5%), or a single value: fine.
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [kpi({ latest: 12, previous: 8 })] }, today).health).toBe("green");
    expect(
      computeRagHealth({ status: "in_progress", dueDate: null, kpis: [kpi({ latest: 100, previous: 100.4, target: 200, alertThreshold: 50 })] }, today).health
    ).toBe("green");
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [kpi({ previous: null })] }, today).health).toBe("green");
  });

  it("is amber when in progress with no KPI linked (an idea or an approved one without KPI is not)", () => {
    expect(computeRagHealth({ status: "in_progress", dueDate: "2026-05-01", kpis: [] }, today)).toEqual({ health: "amber", reasons: [{ code: "noKpi" }] });
    expect(computeRagHealth({ status: "approved", dueDate: "2026-05-01", kpis: [] }, today).health).toBe("green");
  });

  it("a KPI with no measurement yet counts as linked but raises nothing", () => {
    expect(computeRagHealth({ status: "in_progress", dueDate: null, kpis: [kpi({ latest: null, previous: null })] }, today)).toEqual({
      health: "green",
      reasons: [{ code: "onTrack" }],
    });
  });

  it("lists every signal, red ones first, and red wins over amber", () => {
    const r = computeRagHealth(
      {
        status: "in_progress",
        dueDate: "2026-03-01",
        kpis: [kpi({ name: "CSAT", latest: 70, previous: 75, alertThreshold: 60 }), kpi({ name: "NPS", latest: -3 })],
      },
      today
    );
    expect(r.health).toBe("red");
    expect(r.reasons).toEqual([
      { code: "overdue", days: 9 },
      { code: "kpiAlert", kpi: "NPS" },
      { code: "kpiWorsening", kpi: "CSAT" },
    ]);
  });

  it("is green with on-track as the reason otherwise", () => {
    expect(computeRagHealth({ status: "idea", dueDate: null, kpis: [] }, today)).toEqual({ health: "green", reasons: [{ code: "onTrack" }] });
  });
});

describe("effectiveHealth", () => {
  it("shows the override on an open initiative, the computed health without one, and closed stays closed", () => {
    expect(effectiveHealth("red", { health: "amber", reason: "one-off spike" })).toEqual({ health: "amber", overridden: true });
    expect(effectiveHealth("green", null)).toEqual({ health: "green", overridden: false });
    expect(effectiveHealth("closed", { health: "red", reason: "old" })).toEqual({ health: "closed", overridden: false });
  });

  it("ranks red first and closed last", () => {
    expect(["green", "closed", "red", "amber"].sort((a, b) => healthRank(a as never) - healthRank(b as never))).toEqual(["red", "amber", "green", "closed"]);
  });
});
