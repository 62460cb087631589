/**
 * The KPI model, shared by server and UI (no .server suffix): kinds (process | outcome),
 * directions (higher or lower is better), cadences, units, the standard CX templates (NPS, CSAT,
 * CES, FCR, AHT, repeat contacts, complaints, churn, abandonment, self-service adoption — each
 * with its formula explained under `kpis.templates.<key>.*` in both languages), the input schemas
 * (messages are i18n keys) and the pure helpers the registry, the charts and the CX office use:
 * the status of a value against the target and the alert threshold, and the trend.
 *
 * Measurements: one value per KPI and day. Writing a value for a day that already has one
 * REPLACES it (the later write wins; inside one batch, the later row wins). A day more than one
 * day ahead of today (UTC) is refused, so a team a time zone ahead can still record "today".
 */
import { z } from "zod";
import type { KpiCadence, KpiDirection, KpiKind, MeasurementSource } from "../../db/schema";

export type { KpiCadence, KpiDirection, KpiKind, MeasurementSource };

export const KPI_KINDS = ["process", "outcome"] as const satisfies readonly KpiKind[];
export const KPI_DIRECTIONS = ["up", "down"] as const satisfies readonly KpiDirection[];
export const KPI_CADENCES = ["weekly", "biweekly", "monthly", "quarterly"] as const satisfies readonly KpiCadence[];
export const MEASUREMENT_SOURCES = ["manual", "csv", "api"] as const satisfies readonly MeasurementSource[];

/** Units with a translated label (`kpis.units.<key>`); any other unit text is shown as typed. */
export const KPI_UNITS = ["points", "percent", "score", "minutes", "seconds", "days", "per_thousand", "count"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KPI_TEMPLATE_KEYS = [
  "nps",
  "csat",
  "ces",
  "fcr",
  "aht",
  "repeat_contact",
  "complaint_rate",
  "churn",
  "abandonment",
  "self_service",
] as const;
export type KpiTemplateKey = (typeof KPI_TEMPLATE_KEYS)[number];

export interface KpiTemplate {
  key: KpiTemplateKey;
  kind: KpiKind;
  unit: KpiUnit;
  direction: KpiDirection;
  cadence: KpiCadence;
  /** The range a value can take, when the formula bounds it. */
  min: number | null;
  max: number | null;
}

/**
 * The templates. Name, formula and "how to read it" are i18n keys: kpis.templates.<key>.name,
 * .formula, .reading. Process KPIs are tracked during execution (operations: FCR, handle time,
 * repeat contacts, abandonment, self-service); outcome KPIs on results (what customers say and do).
 */
export const KPI_TEMPLATES: Record<KpiTemplateKey, KpiTemplate> = {
  nps: { key: "nps", kind: "outcome", unit: "points", direction: "up", cadence: "monthly", min: -100, max: 100 },
  csat: { key: "csat", kind: "outcome", unit: "percent", direction: "up", cadence: "monthly", min: 0, max: 100 },
  ces: { key: "ces", kind: "outcome", unit: "score", direction: "up", cadence: "monthly", min: 1, max: 7 },
  fcr: { key: "fcr", kind: "process", unit: "percent", direction: "up", cadence: "weekly", min: 0, max: 100 },
  aht: { key: "aht", kind: "process", unit: "minutes", direction: "down", cadence: "weekly", min: 0, max: null },
  repeat_contact: { key: "repeat_contact", kind: "process", unit: "percent", direction: "down", cadence: "weekly", min: 0, max: 100 },
  complaint_rate: { key: "complaint_rate", kind: "outcome", unit: "per_thousand", direction: "down", cadence: "monthly", min: 0, max: 1000 },
  churn: { key: "churn", kind: "outcome", unit: "percent", direction: "down", cadence: "quarterly", min: 0, max: 100 },
  abandonment: { key: "abandonment", kind: "process", unit: "percent", direction: "down", cadence: "weekly", min: 0, max: 100 },
  self_service: { key: "self_service", kind: "process", unit: "percent", direction: "up", cadence: "monthly", min: 0, max: 100 },
};

export function isTemplateKey(v: unknown): v is KpiTemplateKey {
  return typeof v === "string" && (KPI_TEMPLATE_KEYS as readonly string[]).includes(v);
}

export function isKnownUnit(u: string): u is KpiUnit {
  return (KPI_UNITS as readonly string[]).includes(u);
}

/** The short unit written after a value ("%", "‰", "pts", "min", a typed unit), or "" for plain scores and counts. */
export function unitSuffix(unit: string, t: (key: string) => string): string {
  if (unit === "percent") return "%";
  if (unit === "per_thousand") return "‰";
  if (unit === "score" || unit === "count" || unit === "") return "";
  return isKnownUnit(unit) ? t(`kpis.units.${unit}`) : unit;
}

/** How a value is written with its unit: "42%", "-12 pts", "3.5 min", "1.2‰", or "12 天" for a typed unit. */
export function formatKpiValue(value: number | null | undefined, unit: string, t: (key: string) => string, locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const n = new Intl.NumberFormat(locale === "zh-CN" ? "zh-CN" : "en", { maximumFractionDigits: 2 }).format(value);
  if (unit === "percent") return `${n}%`;
  if (unit === "per_thousand") return `${n}‰`;
  if (unit === "score" || unit === "count" || unit === "") return n;
  if (isKnownUnit(unit)) return `${n} ${t(`kpis.units.${unit}`)}`;
  return `${n} ${unit}`;
}

export const KPI_NAME_MAX_CHARS = 120;
export const KPI_TEXT_MAX_CHARS = 2000;
export const KPI_UNIT_MAX_CHARS = 30;
export const KPI_MAX_INITIATIVES = 50;
export const MEASUREMENT_NOTE_MAX_CHARS = 500;
export const MEASUREMENT_BATCH_MAX = 10_000;
/** Values beyond this magnitude are refused (no KPI is measured in quadrillions). */
export const KPI_VALUE_MAX_ABS = 1e12;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The latest day a measurement may carry: tomorrow (UTC). */
export function latestAllowedDay(now = new Date()): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** True when `day` is more than one day in the future. */
export function isTooFarAhead(day: string, now = new Date()): boolean {
  return day > latestAllowedDay(now);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A numeric string (spaces and thousands separators allowed: "1,234.5", "１２") → number; otherwise null. */
export function parseNumeric(raw: string): number | null {
  const s = raw.normalize("NFKC").trim().replace(/[\s,，]/g, "");
  if (!NUMBER.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
/** Strings that read as numbers become numbers (forms); anything else is left for zod to refuse. */
const numericString = (v: unknown) => (typeof v === "string" ? (parseNumeric(v) ?? v) : v);

const optionalNumber = z.preprocess(
  (v) => numericString(emptyToNull(v)),
  z
    .number({ error: "kpis.errors.notNumber" })
    .refine((n) => Number.isFinite(n) && Math.abs(n) <= KPI_VALUE_MAX_ABS, "kpis.errors.notNumber")
    .nullable(),
);

const optionalId = z.preprocess(emptyToNull, z.string({ error: "validation.invalid" }).max(100, "validation.invalid").nullable());

const text = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

/**
 * What a form or the API sends to create or edit a KPI. With `template`, the template fills what
 * is left out (kind, unit, direction, cadence; the name in the caller's language) — see
 * `withTemplateDefaults`.
 */
export const KpiInputSchema = z
  .object({
    template: z.preprocess(emptyToNull, z.enum(KPI_TEMPLATE_KEYS, { error: "kpis.errors.unknownTemplate" }).nullable()).default(null),
    name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(KPI_NAME_MAX_CHARS, "validation.tooLong"),
    kind: z.enum(KPI_KINDS, { error: "kpis.errors.kindRequired" }),
    description: text(KPI_TEXT_MAX_CHARS),
    unit: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(KPI_UNIT_MAX_CHARS, "validation.tooLong"),
    direction: z.enum(KPI_DIRECTIONS, { error: "kpis.errors.directionRequired" }),
    baseline: optionalNumber.default(null),
    target: optionalNumber.default(null),
    alertThreshold: optionalNumber.default(null),
    ownerId: optionalId.default(null),
    cadence: z.enum(KPI_CADENCES, { error: "validation.invalid" }).default("monthly"),
    journeyMapId: optionalId.default(null),
    touchpointId: optionalId.default(null),
    initiativeIds: z
      .array(z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"), { error: "validation.invalid" })
      .max(KPI_MAX_INITIATIVES, "validation.tooLong")
      .default([]),
    /** The published quality standard it serves (its stable key); "" or null: none; left out: unchanged on edit. */
    standardKey: z.preprocess((v) => (v === "" ? null : v), z.string({ error: "validation.invalid" }).max(100, "validation.invalid").nullable().optional()),
  })
  .superRefine((v, ctx) => {
    if (v.touchpointId && !v.journeyMapId) ctx.addIssue({ code: "custom", path: ["journeyMapId"], message: "kpis.errors.touchpointNeedsMap" });
    if (v.target !== null && v.alertThreshold !== null) {
      const wrongSide = v.direction === "up" ? v.alertThreshold > v.target : v.alertThreshold < v.target;
      if (wrongSide) ctx.addIssue({ code: "custom", path: ["alertThreshold"], message: `kpis.errors.thresholdSide_${v.direction}` });
    }
  });
export type KpiInput = z.infer<typeof KpiInputSchema>;

/** Fills a template's kind, unit, direction, cadence and (translated) name into input that leaves them out. */
export function withTemplateDefaults(input: unknown, templateName: (key: KpiTemplateKey) => string): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const raw = input as Record<string, unknown>;
  if (!isTemplateKey(raw.template)) return input;
  const tpl = KPI_TEMPLATES[raw.template];
  const missing = (k: string) => raw[k] === undefined || raw[k] === null || raw[k] === "";
  return {
    ...raw,
    name: missing("name") ? templateName(tpl.key) : raw.name,
    kind: missing("kind") ? tpl.kind : raw.kind,
    unit: missing("unit") ? tpl.unit : raw.unit,
    direction: missing("direction") ? tpl.direction : raw.direction,
    cadence: missing("cadence") ? tpl.cadence : raw.cadence,
  };
}

/** One dated value: {date: YYYY-MM-DD, value: number, note?}. A day already measured is replaced. */
export const MeasurementInputSchema = z.object({
  date: z
    .string({ error: "kpis.errors.badDate" })
    .trim()
    .refine(isCalendarDay, "kpis.errors.badDate")
    .refine((d) => !isTooFarAhead(d), "kpis.errors.futureDate"),
  value: z.preprocess(
    numericString,
    z
      .number({ error: "kpis.errors.notNumber" })
      .refine((n) => Number.isFinite(n) && Math.abs(n) <= KPI_VALUE_MAX_ABS, "kpis.errors.notNumber"),
  ),
  note: text(MEASUREMENT_NOTE_MAX_CHARS).optional().default(""),
});
export type MeasurementInput = z.infer<typeof MeasurementInputSchema>;

/** 1…10,000 measurements, written in one transaction or not at all. */
export const MeasurementBatchSchema = z.object({
  measurements: z
    .array(MeasurementInputSchema, { error: "kpis.errors.batchRequired" })
    .min(1, "kpis.errors.batchRequired")
    .max(MEASUREMENT_BATCH_MAX, "kpis.errors.batchTooLarge"),
});
export type MeasurementBatch = z.infer<typeof MeasurementBatchSchema>;

/** Reads the KPI form. */
export function kpiInputFromForm(form: FormData): Record<string, unknown> {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  return {
    template: get("template") || null,
    name: get("name"),
    kind: get("kind") || undefined,
    description: get("description"),
    unit: get("unit"),
    direction: get("direction") || undefined,
    baseline: get("baseline"),
    target: get("target"),
    alertThreshold: get("alertThreshold"),
    ownerId: get("ownerId"),
    cadence: get("cadence") || undefined,
    journeyMapId: get("journeyMapId"),
    touchpointId: get("touchpointId"),
    standardKey: get("standardKey"),
    initiativeIds: form.getAll("initiativeId").filter((v): v is string => typeof v === "string" && v !== ""),
  };
}

export type KpiStatus = "no_data" | "no_target" | "on_target" | "off_target" | "alert";

/**
 * Where a value stands. Alert: past the alert threshold in the bad direction (below it when higher
 * is better, above it when lower is better). On target: at or past the target in the good
 * direction. Off target: in between. No target: neither a target nor a threshold is set.
 */
export function kpiStatus(
  kpi: { direction: KpiDirection; target: number | null; alertThreshold: number | null },
  value: number | null | undefined,
): KpiStatus {
  if (value === null || value === undefined || !Number.isFinite(value)) return "no_data";
  const better = (a: number, b: number) => (kpi.direction === "up" ? a >= b : a <= b);
  if (kpi.alertThreshold !== null && !better(value, kpi.alertThreshold)) return "alert";
  if (kpi.target !== null) return better(value, kpi.target) ? "on_target" : "off_target";
  return kpi.alertThreshold !== null ? "off_target" : "no_target";
}

export type KpiTrend = "improving" | "worsening" | "flat" | "none";

/**
 * The trend from the previous value to the latest (values in date order). Flat when the change is
 * within 0.5% of the previous value's magnitude (or exactly zero).
 */
export function kpiTrend(direction: KpiDirection, values: number[]): { trend: KpiTrend; delta: number | null } {
  if (values.length < 2) return { trend: "none", delta: null };
  const last = values[values.length - 1];
  const prev = values[values.length - 2];
  const delta = last - prev;
  const tolerance = Math.abs(prev) * 0.005;
  if (delta === 0 || Math.abs(delta) <= tolerance) return { trend: "flat", delta };
  const up = delta > 0;
  return { trend: up === (direction === "up") ? "improving" : "worsening", delta };
}

/** The day the series last entered the alert zone (it is still there), or null. */
export function alertSince(
  kpi: { direction: KpiDirection; target: number | null; alertThreshold: number | null },
  points: { date: string; value: number }[],
): string | null {
  let since: string | null = null;
  for (const p of points) {
    if (kpiStatus(kpi, p.value) === "alert") since ??= p.date;
    else since = null;
  }
  return since;
}

/** Progress from baseline to target as 0…1 (clamped), or null when either is missing or they are equal. */
export function progressToTarget(kpi: { baseline: number | null; target: number | null }, value: number | null): number | null {
  if (value === null || kpi.baseline === null || kpi.target === null || kpi.baseline === kpi.target) return null;
  const p = (value - kpi.baseline) / (kpi.target - kpi.baseline);
  return Math.max(0, Math.min(1, p));
}

export interface InitiativeKpiWarning {
  /** i18n key under kpis.warnings. */
  key: "noProcessKpi" | "noOutcomeKpi";
}

/** The pairing rule: an initiative tracks at least one process KPI and one outcome KPI. */
export function pairingWarnings(kinds: readonly KpiKind[]): InitiativeKpiWarning[] {
  const out: InitiativeKpiWarning[] = [];
  if (!kinds.includes("process")) out.push({ key: "noProcessKpi" });
  if (!kinds.includes("outcome")) out.push({ key: "noOutcomeKpi" });
  return out;
}
