/** The loop model without a database: steps, cadences, inputs, the before/after judgement. */
import { describe, expect, it } from "vitest";
import en from "../../app/i18n/en.json";
import zh from "../../app/i18n/zh-CN.json";
import {
  AddItemSchema,
  defaultEndsOn,
  formatValue,
  kpiMove,
  LOOP_STEPS,
  loopStep,
  nextDay,
  parseCycleResult,
  StartCycleSchema,
  UpdateItemSchema,
} from "../../app/models/loops";
import { FeedbackInputSchema } from "../../app/models/feedback-submit.server";

describe("loop steps", () => {
  it("a small loop has four steps and a large loop six, as in seed 004", () => {
    expect(LOOP_STEPS.small.map((s) => s.key)).toEqual(["collect", "initiatives", "processKpis", "outcomeKpis"]);
    expect(LOOP_STEPS.large.map((s) => s.key)).toEqual(["collect", "design", "rollout", "initiatives", "kpis", "next"]);
    expect(LOOP_STEPS.small.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(loopStep("small", 1)?.accepts).toContain("feedback");
    expect(loopStep("large", 2)?.accepts).not.toContain("feedback");
    expect(loopStep("small", 3)?.kpis).toEqual(["process"]);
    expect(loopStep("small", 4)?.kpis).toEqual(["outcome"]);
    expect(loopStep("large", 5)?.kpis).toEqual(["process", "outcome"]);
    expect(loopStep("small", 5)).toBeUndefined();
  });

  it("every step has a title and an explanation in both languages", () => {
    for (const kind of ["small", "large"] as const) {
      for (const s of LOOP_STEPS[kind]) {
        for (const tree of [en, zh] as { loops: { steps: Record<string, Record<string, { title: string; explain: string }>> } }[]) {
          expect(tree.loops.steps[kind][s.key].title, `${kind}.${s.key}`).toBeTruthy();
          expect(tree.loops.steps[kind][s.key].explain, `${kind}.${s.key}`).toBeTruthy();
        }
      }
    }
  });
});

describe("cadences", () => {
  it("a small loop runs two weeks and a large loop a quarter, both ends inclusive", () => {
    expect(defaultEndsOn("small", "2026-03-02")).toBe("2026-03-15");
    expect(defaultEndsOn("small", "2026-02-20")).toBe("2026-03-05");
    expect(defaultEndsOn("large", "2026-01-01")).toBe("2026-03-31");
    expect(defaultEndsOn("large", "2026-10-01")).toBe("2026-12-31");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });
});

describe("inputs", () => {
  it("starting a cycle: kind required, real dates, end not before start", () => {
    expect(StartCycleSchema.safeParse({ kind: "small" }).success).toBe(true);
    expect(StartCycleSchema.safeParse({ kind: "medium" }).success).toBe(false);
    const bad = StartCycleSchema.safeParse({ kind: "small", startsOn: "2026-02-30" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("loops.errors.badDate");
    const order = StartCycleSchema.safeParse({ kind: "large", startsOn: "2026-04-02", endsOn: "2026-04-01" });
    expect(order.error?.issues[0]).toMatchObject({ path: ["endsOn"], message: "loops.errors.endBeforeStart" });
    expect(StartCycleSchema.parse({ kind: "small", title: "  T  ", startsOn: "" })).toMatchObject({ title: "T", startsOn: undefined });
  });

  it("an item: a note needs text, a feedback or initiative item needs its id", () => {
    expect(AddItemSchema.safeParse({ step: "2", itemType: "note", text: "x" }).data?.step).toBe(2);
    expect(AddItemSchema.safeParse({ step: 2, itemType: "note", text: " " }).error?.issues[0].message).toBe("validation.required");
    expect(AddItemSchema.safeParse({ step: 1, itemType: "feedback" }).error?.issues[0].path).toEqual(["refId"]);
    expect(AddItemSchema.safeParse({ step: 7, itemType: "note", text: "x" }).success).toBe(false);
    expect(UpdateItemSchema.safeParse({ status: "archived" }).success).toBe(false);
  });

  it("feedback for the API: one item or a batch of at most 1,000", () => {
    expect(FeedbackInputSchema.safeParse({ text: "hi" }).success).toBe(true);
    expect(FeedbackInputSchema.safeParse({ items: [{ text: "hi", origin: "frontline" }] }).success).toBe(true);
    expect(FeedbackInputSchema.safeParse({ items: [] }).success).toBe(false);
    expect(FeedbackInputSchema.safeParse({ items: Array.from({ length: 1001 }, () => ({ text: "x" })) }).success).toBe(false);
    expect(FeedbackInputSchema.safeParse({ text: "x", origin: "robot" }).success).toBe(false);
    expect(FeedbackInputSchema.safeParse({ text: "x", score: 5, scoreMin: 1, scoreMax: 5 }).success).toBe(true);
    expect(FeedbackInputSchema.safeParse({ text: "x", score: 6, scoreMin: 1, scoreMax: 5 }).success).toBe(false);
  });
});

describe("before and after", () => {
  it("judges a move by the KPI's direction", () => {
    expect(kpiMove("up", 60, 68)).toBe("improved");
    expect(kpiMove("up", 60, 55)).toBe("worsened");
    expect(kpiMove("down", 9, 7.5)).toBe("improved");
    expect(kpiMove("down", 9, 9.5)).toBe("worsened");
    expect(kpiMove("down", 9, 9)).toBe("unchanged");
    expect(kpiMove("up", null, 9)).toBe("unknown");
  });

  it("formats values with their unit and reads stored results defensively", () => {
    expect(formatValue(45.678, "percent")).toBe("45.68%");
    expect(formatValue(1.2, "per_thousand")).toBe("1.2‰");
    expect(formatValue(-12, "points")).toBe("-12");
    expect(formatValue(3.5, "minutes", (k) => (k === "loops.units.minutes" ? "分钟" : k))).toBe("3.5 分钟");
    expect(formatValue(null, "percent")).toBe("—");
    expect(parseCycleResult(null)).toBeNull();
    expect(parseCycleResult("{bad")).toBeNull();
    expect(parseCycleResult('{"kpis":[],"items":{"done":0,"open":0}}')).toEqual({ kpis: [], items: { done: 0, open: 0 } });
  });
});
