/**
 * Measurements of a KPI: add one, add a batch (1…10,000 in ONE transaction, or refused whole with
 * nothing written), import a CSV (columns date, value, note? — decoded and parsed like the feedback
 * import, every bad row reported with its line; only the good rows are written, on confirmation,
 * all in one transaction), list for charts. Needs `measurement.add` (owner, project team).
 *
 * The rule for a day already measured: the later write REPLACES the value (and note and source);
 * inside one batch or file, the later row of the same day wins. Dates more than one day ahead of
 * today (UTC) and non-numeric values are refused. An archived KPI takes no new values (409).
 */
import type { Kysely } from "kysely";
import type { Database, Kpi, LoopCycle } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { decodeFeedbackBytes, FeedbackCsvError, normaliseHeader, parseCsvRecords, parseDate, type CsvRecord } from "./feedback-csv";
import {
  isTooFarAhead,
  MEASUREMENT_BATCH_MAX,
  MEASUREMENT_NOTE_MAX_CHARS,
  MeasurementBatchSchema,
  MeasurementInputSchema,
  parseNumeric,
  KPI_VALUE_MAX_ABS,
  type MeasurementInput,
  type MeasurementSource,
} from "./kpi";
import { detectAfterMeasurement } from "./kpi-alerts.server";
import { requireKpi } from "./kpis.server";

export interface MeasurementView {
  id: string;
  date: string;
  value: number;
  note: string;
  source: MeasurementSource;
  createdBy: string | null;
  updatedAt: string;
}

export interface WriteCounts {
  inserted: number;
  replaced: number;
}

/** Rows per INSERT (Postgres allows 65,535 parameters per statement; 9 columns × 500 stays well under). */
const INSERT_CHUNK = 500;

function requireOpen(kpi: Kpi): void {
  if (kpi.archived_at) throw new DomainError(409, "kpis.errors.archived");
}

/** Writes validated measurements in the caller's transaction: the later row of a day wins. */
async function writeMeasurements(
  tx: Kysely<Database>,
  actor: Actor,
  kpi: Kpi,
  rows: MeasurementInput[],
  source: MeasurementSource,
): Promise<WriteCounts & { from: string; to: string }> {
  const byDay = new Map<string, MeasurementInput>();
  for (const r of rows) {
    byDay.delete(r.date);
    byDay.set(r.date, r);
  }
  const days = [...byDay.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < days.length; i += INSERT_CHUNK) {
    const found = await tx
      .selectFrom("kpi_measurements")
      .select("measured_on")
      .where("kpi_id", "=", kpi.id)
      .where("measured_on", "in", days.slice(i, i + INSERT_CHUNK))
      .execute();
    for (const f of found) existing.add(f.measured_on);
  }
  const now = nowIso();
  const values = [...byDay.values()].map((r) => ({
    id: newId(),
    kpi_id: kpi.id,
    measured_on: r.date,
    value: r.value,
    source,
    note: r.note ?? "",
    created_by: actor.user.id,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await tx
      .insertInto("kpi_measurements")
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(["kpi_id", "measured_on"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          note: eb.ref("excluded.note"),
          source: eb.ref("excluded.source"),
          created_by: eb.ref("excluded.created_by"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
  const sorted = [...days].sort();
  return { inserted: days.length - existing.size, replaced: existing.size, from: sorted[0], to: sorted[sorted.length - 1] };
}

/** Adds (or replaces) the value of one day. */
export async function addMeasurement(actor: Actor, kpiId: unknown, input: unknown, source: MeasurementSource = "manual"): Promise<WriteCounts> {
  requireCan(actor, "measurement.add");
  const kpi = await requireKpi(actor, kpiId);
  const data = parseInput(MeasurementInputSchema, input);
  const counts = await db()
    .transaction()
    .execute(async (tx) => {
      const fresh = await tx.selectFrom("kpis").selectAll().where("id", "=", kpi.id).executeTakeFirstOrThrow();
      requireOpen(fresh);
      const before = await tx
        .selectFrom("kpi_measurements")
        .select(["value", "note", "source"])
        .where("kpi_id", "=", kpi.id)
        .where("measured_on", "=", data.date)
        .executeTakeFirst();
      const counts = await writeMeasurements(tx, actor, fresh, [data], source);
      await auditAs(tx, actor, {
        entityType: "kpi",
        entityId: kpi.id,
        action: before ? "measurement:replace" : "measurement:add",
        before: before ? { date: data.date, value: Number(before.value), note: before.note, source: before.source } : undefined,
        after: { date: data.date, value: data.value, note: data.note, source },
      });
      return { inserted: counts.inserted, replaced: counts.replaced };
    });
  // Step 6: a value past the alert threshold raises an alert (after the write has committed).
  await detectAfterMeasurement(kpi.id);
  return counts;
}

/** Adds 1…10,000 values in ONE transaction; any bad row refuses the whole batch (422, row fields). */
export async function addMeasurements(actor: Actor, kpiId: unknown, input: unknown, source: MeasurementSource = "api"): Promise<WriteCounts> {
  requireCan(actor, "measurement.add");
  const kpi = await requireKpi(actor, kpiId);
  const { measurements } = parseInput(MeasurementBatchSchema, input);
  return writeBatch(actor, kpi, measurements, source, "measurements:batch");
}

async function writeBatch(actor: Actor, kpi: Kpi, rows: MeasurementInput[], source: MeasurementSource, action: string, extra: Record<string, unknown> = {}): Promise<WriteCounts> {
  const written = await db()
    .transaction()
    .execute(async (tx) => {
      const fresh = await tx.selectFrom("kpis").selectAll().where("id", "=", kpi.id).executeTakeFirstOrThrow();
      requireOpen(fresh);
      const counts = await writeMeasurements(tx, actor, fresh, rows, source);
      await auditAs(tx, actor, {
        entityType: "kpi",
        entityId: kpi.id,
        action,
        after: { rows: rows.length, inserted: counts.inserted, replaced: counts.replaced, from: counts.from, to: counts.to, source, ...extra },
      });
      return { inserted: counts.inserted, replaced: counts.replaced };
    });
  await detectAfterMeasurement(kpi.id);
  return written;
}

/** Every value of a KPI, oldest first (the chart and the list). */
export async function listMeasurements(actor: Actor, kpiId: unknown, opts: { from?: string; to?: string } = {}): Promise<MeasurementView[]> {
  const kpi = await requireKpi(actor, kpiId);
  let q = db()
    .selectFrom("kpi_measurements")
    .select(["id", "measured_on", "value", "note", "source", "created_by", "updated_at"])
    .where("kpi_id", "=", kpi.id);
  if (opts.from) q = q.where("measured_on", ">=", opts.from);
  if (opts.to) q = q.where("measured_on", "<=", opts.to);
  const rows = await q.orderBy("measured_on").execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.measured_on,
    value: Number(r.value),
    note: r.note,
    source: r.source,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  }));
}

/** The program's loop cycles, for the chart's cycle boundaries. */
export async function cycleBoundaries(programId: string): Promise<Pick<LoopCycle, "id" | "kind" | "number" | "title" | "starts_on" | "ends_on" | "status">[]> {
  return db()
    .selectFrom("loop_cycles")
    .select(["id", "kind", "number", "title", "starts_on", "ends_on", "status"])
    .where("program_id", "=", programId)
    .orderBy("starts_on")
    .orderBy("kind")
    .execute();
}

// ——— CSV import ———

export const MEASUREMENT_CSV_MAX_BYTES = 2 * 1024 * 1024;
export const MEASUREMENT_CSV_MAX_ERRORS = 200;

export type MeasurementCsvField = "date" | "value" | "note" | "row";
export interface MeasurementRowError {
  line: number;
  field: MeasurementCsvField;
  /** i18n key under kpis.csv.rowErrors. */
  code: "required" | "date" | "future" | "number" | "tooLong" | "columns";
  value: string;
}

export interface MeasurementCsvReport {
  total: number;
  valid: MeasurementInput[];
  errorRows: number;
  errors: MeasurementRowError[];
  /** Days that appear more than once in the file (the later row wins). */
  duplicateDays: number;
}

const HEADER_SYNONYMS: Record<"date" | "value" | "note", string[]> = {
  date: ["date", "day", "measuredon", "period", "日期", "时间", "统计日期", "测量日期"],
  value: ["value", "values", "measurement", "kpi", "result", "数值", "值", "指标值", "结果", "测量值"],
  note: ["note", "notes", "comment", "remark", "备注", "说明", "注释"],
};

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** Which column holds date, value and note (by header; a file without a header row reads as date,value,note). */
function mapColumns(header: string[]): { date: number; value: number; note: number; hasHeader: boolean } {
  const norm = header.map(normaliseHeader);
  const find = (f: "date" | "value" | "note") => norm.findIndex((h) => HEADER_SYNONYMS[f].includes(h));
  const date = find("date");
  const value = find("value");
  if (date >= 0 && value >= 0) return { date, value, note: find("note"), hasHeader: true };
  // No recognisable header: the first record is data when its first cell is a date.
  if (header.length >= 2 && parseDate(header[0] ?? "")) return { date: 0, value: 1, note: header.length > 2 ? 2 : -1, hasHeader: false };
  throw new DomainError(422, "kpis.csv.errors.columns", { file: "kpis.csv.errors.columns" });
}

/** Decodes and checks a measurements CSV; never throws for bad rows (they are reported). */
export function validateMeasurementCsv(bytes: Uint8Array, now = new Date()): MeasurementCsvReport {
  if (bytes.byteLength === 0) throw new DomainError(422, "kpis.csv.errors.empty", { file: "kpis.csv.errors.empty" });
  if (bytes.byteLength > MEASUREMENT_CSV_MAX_BYTES) {
    throw new DomainError(413, "kpis.csv.errors.tooLarge", { file: "kpis.csv.errors.tooLarge" }, { mb: MEASUREMENT_CSV_MAX_BYTES / 1024 / 1024 });
  }
  let records: CsvRecord[];
  try {
    records = parseCsvRecords(decodeFeedbackBytes(bytes).text, { maxRecords: MEASUREMENT_BATCH_MAX + 2 });
  } catch (error) {
    if (error instanceof FeedbackCsvError) throw new DomainError(422, error.key, { file: error.key }, error.vars);
    throw error;
  }
  if (records.length === 0) throw new DomainError(422, "kpis.csv.errors.empty", { file: "kpis.csv.errors.empty" });
  const cols = mapColumns(records[0].cells.map((c) => c.trim()));
  const body = cols.hasHeader ? records.slice(1) : records;
  if (body.length === 0) throw new DomainError(422, "kpis.csv.errors.noRows", { file: "kpis.csv.errors.noRows" });
  if (body.length > MEASUREMENT_BATCH_MAX) {
    throw new DomainError(413, "kpis.csv.errors.tooManyRows", { file: "kpis.csv.errors.tooManyRows" }, { max: MEASUREMENT_BATCH_MAX });
  }
  const width = Math.max(cols.date, cols.value) + 1; // the note may be left off
  const valid: MeasurementInput[] = [];
  const errors: MeasurementRowError[] = [];
  let errorRows = 0;
  const seen = new Set<string>();
  let duplicateDays = 0;
  for (const r of body) {
    const rowErrors: MeasurementRowError[] = [];
    const cell = (i: number) => (i < 0 ? "" : (r.cells[i] ?? "").trim());
    if (r.cells.length < width) rowErrors.push({ line: r.line, field: "row", code: "columns", value: "" });
    const dateRaw = cell(cols.date);
    const valueRaw = cell(cols.value).replace(/[%‰]$/, "");
    const note = cell(cols.note);
    let date: string | null = null;
    if (!dateRaw) rowErrors.push({ line: r.line, field: "date", code: "required", value: "" });
    else {
      date = parseDate(dateRaw);
      if (!date) rowErrors.push({ line: r.line, field: "date", code: "date", value: clip(dateRaw) });
      else if (isTooFarAhead(date, now)) rowErrors.push({ line: r.line, field: "date", code: "future", value: date });
    }
    let value: number | null = null;
    if (!valueRaw) rowErrors.push({ line: r.line, field: "value", code: "required", value: "" });
    else {
      value = parseNumeric(valueRaw);
      if (value === null || Math.abs(value) > KPI_VALUE_MAX_ABS) rowErrors.push({ line: r.line, field: "value", code: "number", value: clip(cell(cols.value)) });
    }
    if (note.length > MEASUREMENT_NOTE_MAX_CHARS) rowErrors.push({ line: r.line, field: "note", code: "tooLong", value: clip(note) });
    if (rowErrors.length) {
      errorRows++;
      for (const e of rowErrors) if (errors.length < MEASUREMENT_CSV_MAX_ERRORS) errors.push(e);
      continue;
    }
    if (seen.has(date!)) duplicateDays++;
    seen.add(date!);
    valid.push({ date: date!, value: value!, note });
  }
  return { total: body.length, valid, errorRows, errors, duplicateDays };
}

/** Checks a CSV for a KPI without writing anything (the preview the user confirms). */
export async function previewMeasurementCsv(actor: Actor, kpiId: unknown, bytes: Uint8Array): Promise<MeasurementCsvReport> {
  requireCan(actor, "measurement.add");
  const kpi = await requireKpi(actor, kpiId);
  requireOpen(kpi);
  return validateMeasurementCsv(bytes);
}

/**
 * Imports the good rows of a CSV (confirmed by the user after the preview): re-validated here,
 * written in one transaction; a file without a single good row is refused.
 */
export async function importMeasurementCsv(actor: Actor, kpiId: unknown, upload: { filename: string; bytes: Uint8Array }): Promise<WriteCounts & { skipped: number }> {
  requireCan(actor, "measurement.add");
  const kpi = await requireKpi(actor, kpiId);
  const report = validateMeasurementCsv(upload.bytes);
  if (report.valid.length === 0) throw new DomainError(422, "kpis.csv.errors.noValidRows", { file: "kpis.csv.errors.noValidRows" });
  const filename = (upload.filename.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200);
  const counts = await writeBatch(actor, kpi, report.valid, "csv", "measurements:import", { filename, skipped: report.errorRows });
  return { ...counts, skipped: report.errorRows };
}
