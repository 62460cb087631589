/** The KPI model: templates complete in both languages, input schemas, status against target and threshold, trend. */
import { describe, expect, it } from "vitest";
import en from "../../app/i18n/en.json";
import zh from "../../app/i18n/zh-CN.json";
import {
  alertSince,
  formatKpiValue,
  isTooFarAhead,
  KPI_TEMPLATE_KEYS,
  KPI_TEMPLATES,
  KpiInputSchema,
  kpiStatus,
  kpiTrend,
  MeasurementBatchSchema,
  MeasurementInputSchema,
  pairingWarnings,
  parseNumeric,
  withTemplateDefaults,
} from "../../app/models/kpi";
import { tFor } from "../../app/i18n/config";

type Tree = Record<string, unknown>;
const at = (tree: Tree, path: string) => path.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Tree)[k] : undefined), tree);

describe("KPI templates", () => {
  it("cover the ten standard CX metrics of the spec", () => {
    expect([...KPI_TEMPLATE_KEYS].sort()).toEqual(
      ["abandonment", "ces", "churn", "complaint_rate", "csat", "fcr", "aht", "nps", "repeat_contact", "self_service"].sort(),
    );
  });

  it("each has kind, unit, direction, cadence, and a name, formula and reading in both languages", () => {
    for (const key of KPI_TEMPLATE_KEYS) {
      const tpl = KPI_TEMPLATES[key];
      expect(tpl.key).toBe(key);
      expect(["process", "outcome"]).toContain(tpl.kind);
      expect(["up", "down"]).toContain(tpl.direction);
      expect(["weekly", "biweekly", "monthly", "quarterly"]).toContain(tpl.cadence);
      for (const part of ["name", "formula", "reading"]) {
        for (const [lang, tree] of [["en", en], ["zh", zh]] as const) {
          const text = at(tree as Tree, `kpis.templates.${key}.${part}`);
          expect(typeof text === "string" && text.trim().length >= 2, `${lang} kpis.templates.${key}.${part}`).toBe(true);
        }
      }
      // Known units have a label in both languages.
      expect(typeof at(en as Tree, `kpis.unitNames.${tpl.unit}`)).toBe("string");
      expect(typeof at(zh as Tree, `kpis.unitNames.${tpl.unit}`)).toBe("string");
    }
  });

  it("the Chinese formula is Chinese, not a copy of the English one", () => {
    for (const key of KPI_TEMPLATE_KEYS) {
      expect(at(zh as Tree, `kpis.templates.${key}.formula`)).not.toBe(at(en as Tree, `kpis.templates.${key}.formula`));
      expect(String(at(zh as Tree, `kpis.templates.${key}.formula`))).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("fills what a template-based input leaves out, in the caller's language", () => {
    const zhName = (k: string) => String(tFor("zh-CN")(`kpis.templates.${k}.name`));
    const parsed = KpiInputSchema.parse(withTemplateDefaults({ template: "aht", target: 6 }, zhName as never));
    expect(parsed).toMatchObject({ template: "aht", name: "平均处理时长（AHT）", kind: "process", unit: "minutes", direction: "down", cadence: "weekly", target: 6 });
    // What the caller gives wins over the template.
    const own = KpiInputSchema.parse(withTemplateDefaults({ template: "nps", name: "NPS of cards", cadence: "quarterly" }, zhName as never));
    expect(own).toMatchObject({ name: "NPS of cards", cadence: "quarterly", kind: "outcome" });
  });
});

describe("KPI input", () => {
  const base = { name: "Approval lead time", kind: "process", unit: "days", direction: "down" };

  it("accepts a custom KPI and numbers written as text", () => {
    expect(KpiInputSchema.parse({ ...base, target: "3", alertThreshold: "6", baseline: "" })).toMatchObject({ target: 3, alertThreshold: 6, baseline: null });
  });

  it("refuses a threshold on the good side of the target, per direction", () => {
    const down = KpiInputSchema.safeParse({ ...base, target: 3, alertThreshold: 2 });
    expect(down.success).toBe(false);
    expect(down.error!.issues[0]).toMatchObject({ path: ["alertThreshold"], message: "kpis.errors.thresholdSide_down" });
    const up = KpiInputSchema.safeParse({ ...base, direction: "up", target: 80, alertThreshold: 85 });
    expect(up.error!.issues[0].message).toBe("kpis.errors.thresholdSide_up");
  });

  it("refuses non-numeric targets, unknown templates and a touchpoint without its map", () => {
    const r = KpiInputSchema.safeParse({ ...base, target: "abc", template: "made_up", touchpointId: "tp1" });
    const msgs = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(msgs).toMatchObject({ target: "kpis.errors.notNumber", template: "kpis.errors.unknownTemplate" });
    const tp = KpiInputSchema.safeParse({ ...base, touchpointId: "tp1" });
    expect(tp.error!.issues[0]).toMatchObject({ path: ["journeyMapId"], message: "kpis.errors.touchpointNeedsMap" });
  });
});

describe("measurement input", () => {
  const today = new Date().toISOString().slice(0, 10);
  const plus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  it("accepts today and tomorrow, refuses two days ahead", () => {
    expect(MeasurementInputSchema.safeParse({ date: today, value: 1 }).success).toBe(true);
    expect(MeasurementInputSchema.safeParse({ date: plus(1), value: 1 }).success).toBe(true);
    const r = MeasurementInputSchema.safeParse({ date: plus(2), value: 1 });
    expect(r.error!.issues[0].message).toBe("kpis.errors.futureDate");
    expect(isTooFarAhead("2026-01-03", new Date("2026-01-01T23:00:00Z"))).toBe(true);
    expect(isTooFarAhead("2026-01-02", new Date("2026-01-01T23:00:00Z"))).toBe(false);
  });

  it("refuses non-numeric values, impossible dates and non-finite numbers", () => {
    for (const value of ["abc", "12abc", "", null, true, Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = MeasurementInputSchema.safeParse({ date: today, value });
      expect(r.success, String(value)).toBe(false);
    }
    expect(MeasurementInputSchema.safeParse({ date: "2026-02-30", value: 1 }).error!.issues[0].message).toBe("kpis.errors.badDate");
    expect(MeasurementInputSchema.parse({ date: today, value: " 1,234.5 " }).value).toBe(1234.5);
  });

  it("takes batches of 1 to 10,000", () => {
    const row = { date: today, value: 1 };
    expect(MeasurementBatchSchema.safeParse({ measurements: [] }).success).toBe(false);
    expect(MeasurementBatchSchema.safeParse({ measurements: Array(10_000).fill(row) }).success).toBe(true);
    expect(MeasurementBatchSchema.safeParse({ measurements: Array(10_001).fill(row) }).error!.issues[0].message).toBe("kpis.errors.batchTooLarge");
  });

  it("reads numbers the way people write them", () => {
    expect(parseNumeric("１２.５")).toBe(12.5);
    expect(parseNumeric("-3")).toBe(-3);
    expect(parseNumeric("1e3")).toBe(1000);
    expect(parseNumeric("12%")).toBeNull();
    expect(parseNumeric("")).toBeNull();
  });
});

describe("status and trend", () => {
  const up = { direction: "up" as const, target: 80, alertThreshold: 65 };
  const down = { direction: "down" as const, target: 6, alertThreshold: 8 };

  it("places a value against target and threshold, in either direction", () => {
    expect(kpiStatus(up, null)).toBe("no_data");
    expect(kpiStatus(up, 80)).toBe("on_target");
    expect(kpiStatus(up, 79.9)).toBe("off_target");
    expect(kpiStatus(up, 65)).toBe("off_target");
    expect(kpiStatus(up, 64.9)).toBe("alert");
    expect(kpiStatus(down, 6)).toBe("on_target");
    expect(kpiStatus(down, 7)).toBe("off_target");
    expect(kpiStatus(down, 8.1)).toBe("alert");
    expect(kpiStatus({ direction: "up", target: null, alertThreshold: null }, 5)).toBe("no_target");
    expect(kpiStatus({ direction: "up", target: null, alertThreshold: 10 }, 5)).toBe("alert");
  });

  it("reads the trend in the KPI's direction", () => {
    expect(kpiTrend("up", [1])).toEqual({ trend: "none", delta: null });
    expect(kpiTrend("up", [70, 72]).trend).toBe("improving");
    expect(kpiTrend("down", [70, 72]).trend).toBe("worsening");
    expect(kpiTrend("down", [7.6, 7.2]).trend).toBe("improving");
    expect(kpiTrend("up", [100, 100.2]).trend).toBe("flat");
    expect(kpiTrend("up", [0, 0]).trend).toBe("flat");
  });

  it("tells since when a KPI is in the alert zone", () => {
    const pts = [
      { date: "2026-01-05", value: 9 },
      { date: "2026-01-12", value: 7 },
      { date: "2026-01-19", value: 8.5 },
      { date: "2026-01-26", value: 8.7 },
    ];
    expect(alertSince(down, pts)).toBe("2026-01-19");
    expect(alertSince(down, pts.slice(0, 2))).toBeNull();
  });

  it("warns an initiative that lacks a process or an outcome KPI", () => {
    expect(pairingWarnings([])).toEqual([{ key: "noProcessKpi" }, { key: "noOutcomeKpi" }]);
    expect(pairingWarnings(["process", "process"])).toEqual([{ key: "noOutcomeKpi" }]);
    expect(pairingWarnings(["outcome", "process"])).toEqual([]);
  });

  it("writes values with their unit", () => {
    const t = tFor("zh-CN") as unknown as (k: string) => string;
    expect(formatKpiValue(42.5, "percent", t, "zh-CN")).toBe("42.5%");
    expect(formatKpiValue(3.5, "minutes", t, "zh-CN")).toBe("3.5 分钟");
    expect(formatKpiValue(1.6, "per_thousand", t)).toBe("1.6‰");
    expect(formatKpiValue(4, "天", t)).toBe("4 天");
    expect(formatKpiValue(null, "percent", t)).toBe("—");
  });
});
