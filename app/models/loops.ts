/**
 * Step 4, rapid iteration (seed 004 · 快速迭代): the steps of a small and of a large loop, what each
 * step holds, default cadences, the inputs of the loop model (zod, messages are i18n keys) and the
 * before/after arithmetic recorded when a cycle closes. Shared by server and UI.
 *
 * Small loop (e.g. every two weeks): ① collect feedback from customers and frontline → ② propose
 * initiatives and make sure they execute → ③ track process KPIs → ④ track outcome KPIs → next cycle.
 * Large loop (e.g. every quarter): ① collect feedback → ② design a new solution → ③ roll it out, the CX
 * team talking with the frontline, and test its effectiveness → ④ derive initiatives and execute →
 * ⑤ track process and outcome KPIs → ⑥ next cycle.
 */
import { z } from "zod";
import type { CycleItemStatus, CycleItemType, KpiDirection, KpiKind, LoopKind } from "../../db/schema";
import { isCalendarDay } from "./initiative";

export type { CycleItemStatus, CycleItemType, LoopKind };

export const LOOP_KINDS = ["small", "large"] as const satisfies readonly LoopKind[];
export const ITEM_TYPES = ["feedback", "initiative", "note"] as const satisfies readonly CycleItemType[];
export const ITEM_STATUSES = ["open", "done"] as const satisfies readonly CycleItemStatus[];

export interface LoopStep {
  /** 1-based. */
  number: number;
  /** i18n: loops.steps.<kind>.<key>.title / .explain */
  key: string;
  /** What may be added to the step. */
  accepts: readonly CycleItemType[];
  /** The KPIs the step tracks (none for steps that do not track KPIs). */
  kpis: readonly KpiKind[];
}

export const LOOP_STEPS: Record<LoopKind, readonly LoopStep[]> = {
  small: [
    { number: 1, key: "collect", accepts: ["feedback", "note"], kpis: [] },
    {
      number: 2,
      key: "initiatives",
      accepts: ["initiative", "note"],
      kpis: [],
    },
    { number: 3, key: "processKpis", accepts: ["note"], kpis: ["process"] },
    { number: 4, key: "outcomeKpis", accepts: ["note"], kpis: ["outcome"] },
  ],
  large: [
    { number: 1, key: "collect", accepts: ["feedback", "note"], kpis: [] },
    { number: 2, key: "design", accepts: ["note"], kpis: [] },
    { number: 3, key: "rollout", accepts: ["note"], kpis: [] },
    {
      number: 4,
      key: "initiatives",
      accepts: ["initiative", "note"],
      kpis: [],
    },
    { number: 5, key: "kpis", accepts: ["note"], kpis: ["process", "outcome"] },
    { number: 6, key: "next", accepts: ["note"], kpis: [] },
  ],
};

export function loopStep(kind: LoopKind, step: number): LoopStep | undefined {
  return LOOP_STEPS[kind].find((s) => s.number === step);
}

/** Circled numbers for the steps (①…⑥). */
export const STEP_MARKS = ["①", "②", "③", "④", "⑤", "⑥"] as const;

/** Default cadences: a small loop runs two weeks, a large loop a quarter. */
export const DEFAULT_CADENCE: Record<LoopKind, { days?: number; months?: number }> = {
  small: { days: 14 },
  large: { months: 3 },
};

/** The last day (inclusive) of a cycle of `kind` starting on `startsOn` with the default cadence. */
export function defaultEndsOn(kind: LoopKind, startsOn: string): string {
  const d = new Date(`${startsOn}T00:00:00Z`);
  const c = DEFAULT_CADENCE[kind];
  if (c.months) d.setUTCMonth(d.getUTCMonth() + c.months);
  if (c.days) d.setUTCDate(d.getUTCDate() + c.days);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const CYCLE_TITLE_MAX_CHARS = 120;
export const CYCLE_GOAL_MAX_CHARS = 2000;
export const ITEM_TEXT_MAX_CHARS = 2000;
export const CYCLE_MAX_KPIS = 50;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const day = z.preprocess(emptyToUndefined, z.string({ error: "validation.invalid" }).refine(isCalendarDay, "loops.errors.badDate").optional());

const text = (max: number) => z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

const id = z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid");

/** Starting a cycle: kind, optional title and goal, dates (default: today and the kind's cadence), KPIs (default: all of the program's). */
export const StartCycleSchema = z
  .object({
    kind: z.enum(LOOP_KINDS, { error: "validation.invalid" }),
    title: text(CYCLE_TITLE_MAX_CHARS),
    goal: text(CYCLE_GOAL_MAX_CHARS),
    startsOn: day,
    endsOn: day,
    kpiIds: z.array(id, { error: "validation.invalid" }).max(CYCLE_MAX_KPIS, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) {
      ctx.addIssue({
        code: "custom",
        path: ["endsOn"],
        message: "loops.errors.endBeforeStart",
      });
    }
  });
export type StartCycleInput = z.infer<typeof StartCycleSchema>;

/** Adding an item to a step: a note (text), an initiative or a feedback record of the program (refId). */
export const AddItemSchema = z
  .object({
    step: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(6, "validation.invalid"),
    itemType: z.enum(ITEM_TYPES, { error: "validation.invalid" }),
    refId: z.preprocess(emptyToUndefined, id.optional()),
    text: text(ITEM_TEXT_MAX_CHARS),
  })
  .superRefine((v, ctx) => {
    if (v.itemType === "note" && !v.text)
      ctx.addIssue({
        code: "custom",
        path: ["text"],
        message: "validation.required",
      });
    if (v.itemType !== "note" && !v.refId)
      ctx.addIssue({
        code: "custom",
        path: ["refId"],
        message: "validation.required",
      });
  });
export type AddItemInput = z.infer<typeof AddItemSchema>;

/** Changing an item: complete or reopen it, move it to another step, or edit a note's text. */
export const UpdateItemSchema = z.object({
  status: z.enum(ITEM_STATUSES, { error: "validation.invalid" }).optional(),
  step: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(6, "validation.invalid").optional(),
  text: z.preprocess(
    (v) => (v == null ? undefined : v),
    z.string({ error: "validation.invalid" }).trim().max(ITEM_TEXT_MAX_CHARS, "validation.tooLong").optional(),
  ),
});
export type UpdateItemInput = z.infer<typeof UpdateItemSchema>;

// ---------------------------------------------------------------------------------------------
// The result of a closed cycle

export type KpiMove = "improved" | "worsened" | "unchanged" | "unknown";

/** How a KPI moved from `before` to `after`, judged by its direction (higher or lower is better). */
export function kpiMove(direction: KpiDirection, before: number | null, after: number | null): KpiMove {
  if (before === null || after === null) return "unknown";
  const delta = after - before;
  if (Math.abs(delta) < 1e-9) return "unchanged";
  return (direction === "up" ? delta > 0 : delta < 0) ? "improved" : "worsened";
}

export interface CycleKpiResult {
  kpiId: string;
  name: string;
  kind: KpiKind;
  unit: string;
  direction: KpiDirection;
  target: number | null;
  /** The latest value before the cycle started, or the KPI's baseline. */
  before: { value: number; on: string | null; baseline: boolean } | null;
  /** The latest value within the cycle. */
  after: { value: number; on: string };
  delta: number | null;
  move: KpiMove;
  /** True when the KPI moved in its direction. */
  improved: boolean;
}

export interface CycleResult {
  kpis: CycleKpiResult[];
  items: { done: number; open: number };
}

/** Reads stored result_json (null when absent or malformed). */
export function parseCycleResult(json: string | null): CycleResult | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as CycleResult;
    return v && Array.isArray(v.kpis) ? v : null;
  } catch {
    return null;
  }
}

/** Formats a KPI value for display: up to two decimals, no trailing zeros, with its unit (`t` translates minutes/seconds/days). */
export function formatValue(value: number | null | undefined, unit?: string, t?: (key: string) => string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const s = String(Math.round(value * 100) / 100);
  if (!unit || unit === "points" || unit === "score" || unit === "count") return s;
  if (unit === "percent" || unit === "%") return `${s}%`;
  if (unit === "per_thousand") return `${s}‰`;
  if (unit === "minutes" || unit === "seconds" || unit === "days") return t ? `${s} ${t(`loops.units.${unit}`)}` : `${s} ${unit}`;
  return `${s} ${unit}`;
}
