/**
 * Feedback CSV import: stage (the file is checked, decoded — UTF-8 or GBK/GB18030 — parsed and
 * kept on disk under `${DATA_DIR}/uploads/<programId>/imports/<importId>.csv`; a feedback_imports
 * row "staged"), map and validate (column mapping + score scale; a row-level error report), then
 * commit (every valid row in ONE transaction with batched multi-row inserts — a failure rolls
 * everything back, the import stays staged) or cancel (nothing is kept). Needs `journey.edit`;
 * staging, validation, commit and cancel are audited.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { FeedbackImport } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { env } from "../env.server";
import { tFor, type Locale } from "../i18n/config";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import {
  csvCell,
  decodeFeedbackBytes,
  duplicateColumns,
  FEEDBACK_FIELDS,
  FeedbackCsvError,
  guessMapping,
  guessScale,
  missingColumns,
  parseCsvRecords,
  SCORE_SCALES,
  validateRecords,
  type ColumnMapping,
  type CsvRecord,
  type Encoding,
  type RowError,
  type ScoreScale,
  type ValidationResult,
} from "./feedback-csv";
import { insertFeedbackRecords } from "./feedback-records.server";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 500_000;
export const MAX_IMPORT_COLUMNS = 100;
export const SAMPLE_ROWS = 5;

interface Parsed {
  header: string[];
  records: CsvRecord[];
  encoding: Encoding;
}

// The last parsed files, so mapping → validate → commit do not re-read and re-parse a large file.
const g = globalThis as typeof globalThis & { __cxFeedbackParsed?: Map<string, Parsed> };
const parsedCache = (g.__cxFeedbackParsed ??= new Map());
function remember(id: string, p: Parsed) {
  parsedCache.delete(id);
  parsedCache.set(id, p);
  while (parsedCache.size > 2) parsedCache.delete(parsedCache.keys().next().value as string);
}

function parseFile(bytes: Uint8Array): Parsed {
  let records: CsvRecord[];
  let encoding: Encoding;
  try {
    const decoded = decodeFeedbackBytes(bytes);
    encoding = decoded.encoding;
    records = parseCsvRecords(decoded.text, { maxRecords: MAX_IMPORT_ROWS + 2 });
  } catch (error) {
    if (error instanceof FeedbackCsvError) throw new DomainError(422, error.key, { file: error.key }, error.vars);
    throw error;
  }
  if (records.length > MAX_IMPORT_ROWS + 1) throw new DomainError(413, "feedback.errors.tooManyRows", undefined, { max: MAX_IMPORT_ROWS });
  const [head, ...body] = records;
  const header = (head?.cells ?? []).map((h) => h.trim());
  if (!header.length || header.every((h) => !h)) throw new DomainError(422, "feedback.errors.noHeader");
  if (header.length > MAX_IMPORT_COLUMNS) throw new DomainError(422, "feedback.errors.tooManyColumns", undefined, { max: MAX_IMPORT_COLUMNS });
  if (!body.length) throw new DomainError(422, "feedback.errors.noRows");
  return { header, records: body, encoding };
}

function uploadsRoot(): string {
  return path.resolve(env().DATA_DIR);
}

export interface ImportSummary {
  id: string;
  filename: string;
  encoding: string;
  status: FeedbackImport["status"];
  header: string[];
  mapping: ColumnMapping | null;
  scoreScale: ScoreScale | null;
  totalRows: number;
  validRows: number;
  errorRows: number;
  importedRows: number;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportDetail extends ImportSummary {
  sample: string[][];
  suggestedMapping: ColumnMapping;
  suggestedScale: ScoreScale;
  /** Set once validated (the stored part of the report). */
  errors: RowError[] | null;
  errorsTruncated: boolean;
  validated: boolean;
}

function summary(r: FeedbackImport, names: Record<string, string> = {}): ImportSummary {
  return {
    id: r.id,
    filename: r.filename,
    encoding: r.encoding,
    status: r.status,
    header: JSON.parse(r.header_json) as string[],
    mapping: r.mapping_json ? (JSON.parse(r.mapping_json) as ColumnMapping) : null,
    scoreScale: (r.score_scale as ScoreScale | null) ?? null,
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    errorRows: r.error_rows,
    importedRows: r.imported_rows,
    createdBy: r.created_by,
    createdByName: r.created_by ? (names[r.created_by] ?? null) : null,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Checks and stages an uploaded CSV; needs `journey.edit`. */
export async function stageFeedbackImport(actor: Actor, upload: { filename: string; bytes: Uint8Array }): Promise<ImportDetail> {
  requireCan(actor, "journey.edit");
  const filename = (upload.filename.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "feedback.csv";
  if (!upload.bytes.byteLength) throw new DomainError(422, "feedback.errors.empty", { file: "feedback.errors.empty" });
  if (upload.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new DomainError(413, "feedback.errors.tooLarge", { file: "feedback.errors.tooLarge" }, { mb: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
  if (!/\.(csv|txt|tsv)$/i.test(filename)) throw new DomainError(422, "feedback.errors.fileType", { file: "feedback.errors.fileType" });
  const parsed = parseFile(upload.bytes);
  const id = newId();
  const relative = path.posix.join("uploads", actor.program.id, "imports", `${id}.csv`);
  const target = path.join(uploadsRoot(), relative);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(`${target}.part`, upload.bytes, { flag: "wx" });
  await fs.rename(`${target}.part`, target);
  const row: FeedbackImport = {
    id,
    program_id: actor.program.id,
    filename,
    encoding: parsed.encoding,
    storage_path: relative,
    header_json: JSON.stringify(parsed.header),
    mapping_json: null,
    score_scale: null,
    status: "staged",
    total_rows: parsed.records.length,
    valid_rows: 0,
    error_rows: 0,
    errors_json: null,
    imported_rows: 0,
    created_by: actor.user.id,
    created_at: nowIso(),
    finished_at: null,
  };
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto("feedback_imports").values(row).execute();
        await auditAs(tx, actor, {
          entityType: "feedback_import",
          entityId: id,
          action: "stage",
          after: { filename, encoding: parsed.encoding, rows: parsed.records.length, size: upload.bytes.byteLength },
        });
      });
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
  remember(id, parsed);
  return detail(row, parsed, {});
}

function detail(row: FeedbackImport, parsed: Parsed | null, names: Record<string, string>): ImportDetail {
  const header = JSON.parse(row.header_json) as string[];
  const sample = parsed ? parsed.records.slice(0, SAMPLE_ROWS).map((r) => r.cells) : [];
  const suggestedMapping = guessMapping(header);
  const scoreCol = suggestedMapping.score;
  const suggestedScale =
    parsed && scoreCol !== undefined ? guessScale(parsed.records.slice(0, 5000).map((r) => r.cells[scoreCol] ?? "")) : "1-5";
  const errors = row.errors_json ? (JSON.parse(row.errors_json) as { errors: RowError[]; truncated: boolean }) : null;
  return {
    ...summary(row, names),
    sample,
    suggestedMapping,
    suggestedScale,
    errors: errors?.errors ?? null,
    errorsTruncated: errors?.truncated ?? false,
    validated: row.mapping_json !== null,
  };
}

async function requireImport(actor: Actor, importId: unknown): Promise<FeedbackImport> {
  if (typeof importId !== "string" || !importId || importId.length > 100) throw new DomainError(404, "feedback.errors.importNotFound");
  const row = await db().selectFrom("feedback_imports").selectAll().where("id", "=", importId).where("program_id", "=", actor.program.id).executeTakeFirst();
  if (!row) throw new DomainError(404, "feedback.errors.importNotFound");
  return row;
}

async function loadParsed(row: FeedbackImport): Promise<Parsed> {
  const cached = parsedCache.get(row.id);
  if (cached) return cached;
  if (!row.storage_path) throw new DomainError(409, "feedback.errors.notStaged");
  const root = uploadsRoot();
  const file = path.resolve(root, row.storage_path);
  if (!file.startsWith(root + path.sep)) throw new DomainError(404, "feedback.errors.importNotFound");
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new DomainError(409, "feedback.errors.notStaged");
  }
  const parsed = parseFile(bytes);
  remember(row.id, parsed);
  return parsed;
}

/** An import with its sample rows and suggested mapping (anyone who can view the program). */
export async function getFeedbackImport(actor: Actor, importId: unknown): Promise<ImportDetail> {
  const row = await requireImport(actor, importId);
  const parsed = row.status === "staged" ? await loadParsed(row).catch(() => null) : null;
  const names: Record<string, string> = {};
  if (row.created_by) {
    const u = await db().selectFrom("users").select(["id", "name"]).where("id", "=", row.created_by).executeTakeFirst();
    if (u) names[u.id] = u.name;
  }
  return detail(row, parsed, names);
}

/** The program's imports, newest first, with who ran them. */
export async function listFeedbackImports(actor: Actor, opts: { limit?: number } = {}): Promise<ImportSummary[]> {
  const rows = await db()
    .selectFrom("feedback_imports")
    .leftJoin("users", "users.id", "feedback_imports.created_by")
    .selectAll("feedback_imports")
    .select("users.name as user_name")
    .where("feedback_imports.program_id", "=", actor.program.id)
    .orderBy("feedback_imports.created_at", "desc")
    .limit(opts.limit ?? 50)
    .execute();
  return rows.map((r) => summary(r, r.created_by && r.user_name ? { [r.created_by]: r.user_name } : {}));
}

export const MappingSchema = z.object({
  mapping: z.partialRecord(z.enum(FEEDBACK_FIELDS), z.number().int().min(-1).max(MAX_IMPORT_COLUMNS)),
  scale: z.enum(SCORE_SCALES, { error: "feedback.errors.scale" }),
});

function requireStaged(row: FeedbackImport): void {
  if (row.status !== "staged") throw new DomainError(409, row.status === "committed" ? "feedback.errors.alreadyCommitted" : "feedback.errors.cancelled");
}

function checkMapping(mapping: ColumnMapping, header: string[], locale: Locale): void {
  const t = tFor(locale);
  const names = (fields: string[]) => fields.map((f) => String(t(`feedback.fields.${f}`))).join(locale === "zh-CN" ? "、" : ", ");
  const clean: ColumnMapping = {};
  for (const [f, i] of Object.entries(mapping)) if (i !== undefined && i >= 0) clean[f as keyof ColumnMapping] = i;
  const missing = missingColumns(clean, header.length);
  if (missing.length) throw new DomainError(422, "feedback.errors.missingColumns", { mapping: "feedback.errors.missingColumns" }, { fields: names(missing), list: missing });
  const dup = duplicateColumns(clean);
  if (dup.length) throw new DomainError(422, "feedback.errors.duplicateColumns", { mapping: "feedback.errors.duplicateColumns" }, { fields: names(dup), list: dup });
}

function cleanMapping(mapping: ColumnMapping): ColumnMapping {
  const clean: ColumnMapping = {};
  for (const f of FEEDBACK_FIELDS) {
    const i = mapping[f];
    if (i !== undefined && i >= 0) clean[f] = i;
  }
  return clean;
}

/** Validates every row with a mapping and scale and stores the report; needs `journey.edit`. */
export async function validateFeedbackImport(actor: Actor, importId: unknown, input: unknown, locale: Locale = "en"): Promise<ImportDetail> {
  requireCan(actor, "journey.edit");
  const row = await requireImport(actor, importId);
  requireStaged(row);
  const { mapping: raw, scale } = parseInput(MappingSchema, input);
  const header = JSON.parse(row.header_json) as string[];
  const mapping = cleanMapping(raw);
  checkMapping(mapping, header, locale);
  const parsed = await loadParsed(row);
  const result = validateRecords(parsed.records, mapping, scale, header.length);
  const patch = {
    mapping_json: JSON.stringify(mapping),
    score_scale: scale,
    valid_rows: result.valid.length,
    error_rows: result.errorRows,
    errors_json: JSON.stringify({ errors: result.errors, truncated: result.truncated }),
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      const done = await tx.updateTable("feedback_imports").set(patch).where("id", "=", row.id).where("status", "=", "staged").executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new DomainError(409, "feedback.errors.notStaged");
      await auditAs(tx, actor, {
        entityType: "feedback_import",
        entityId: row.id,
        action: "validate",
        after: { mapping, scale, valid: result.valid.length, errors: result.errorRows },
      });
    });
  return detail({ ...row, ...patch }, parsed, {});
}

export interface CommitProgress {
  phase: "validating" | "inserting" | "done";
  done: number;
  total: number;
}

/**
 * Commits a validated import: every valid row in one transaction. With row errors the caller must
 * pass `acceptErrors: true` (the user confirmed "import the valid rows, skip the rest").
 * `onProgress` is called after each insert batch (throwing from it aborts and rolls back).
 */
export async function commitFeedbackImport(
  actor: Actor,
  importId: unknown,
  input: { acceptErrors?: boolean },
  onProgress?: (p: CommitProgress) => void | Promise<void>,
): Promise<ImportSummary> {
  requireCan(actor, "journey.edit");
  const row = await requireImport(actor, importId);
  requireStaged(row);
  if (!row.mapping_json || !row.score_scale) throw new DomainError(409, "feedback.errors.notValidated");
  const mapping = JSON.parse(row.mapping_json) as ColumnMapping;
  const scale = row.score_scale as ScoreScale;
  const header = JSON.parse(row.header_json) as string[];
  const parsed = await loadParsed(row);
  await onProgress?.({ phase: "validating", done: 0, total: row.valid_rows });
  const result: ValidationResult = validateRecords(parsed.records, mapping, scale, header.length);
  if (result.errorRows > 0 && !input.acceptErrors) {
    throw new DomainError(409, "feedback.errors.confirmSkip", undefined, { valid: result.valid.length, errors: result.errorRows });
  }
  if (!result.valid.length) throw new DomainError(422, "feedback.errors.nothingValid");
  const finishedAt = nowIso();
  await db()
    .transaction()
    .execute(async (tx) => {
      // Claims the import first: a second commit of the same import finds it no longer staged.
      const claimed = await tx
        .updateTable("feedback_imports")
        .set({ status: "committed", imported_rows: result.valid.length, valid_rows: result.valid.length, error_rows: result.errorRows, finished_at: finishedAt, storage_path: null })
        .where("id", "=", row.id)
        .where("status", "=", "staged")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new DomainError(409, "feedback.errors.notStaged");
      await insertFeedbackRecords(tx, actor.program.id, result.valid, {
        importId: row.id,
        source: "import",
        createdBy: actor.user.id,
        createdAt: finishedAt,
        onProgress: (done, total) => onProgress?.({ phase: "inserting", done, total }),
      });
      await auditAs(tx, actor, {
        entityType: "feedback_import",
        entityId: row.id,
        action: "commit",
        after: { filename: row.filename, imported: result.valid.length, skipped: result.errorRows },
      });
    });
  parsedCache.delete(row.id);
  if (row.storage_path) await fs.rm(path.resolve(uploadsRoot(), row.storage_path), { force: true });
  await onProgress?.({ phase: "done", done: result.valid.length, total: result.valid.length });
  return summary({ ...row, status: "committed", imported_rows: result.valid.length, valid_rows: result.valid.length, error_rows: result.errorRows, finished_at: finishedAt, storage_path: null });
}

/** Cancels a staged import: its file is removed, nothing is imported; needs `journey.edit`. */
export async function cancelFeedbackImport(actor: Actor, importId: unknown): Promise<void> {
  requireCan(actor, "journey.edit");
  const row = await requireImport(actor, importId);
  requireStaged(row);
  await db()
    .transaction()
    .execute(async (tx) => {
      const done = await tx
        .updateTable("feedback_imports")
        .set({ status: "cancelled", finished_at: nowIso(), storage_path: null })
        .where("id", "=", row.id)
        .where("status", "=", "staged")
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new DomainError(409, "feedback.errors.notStaged");
      await auditAs(tx, actor, { entityType: "feedback_import", entityId: row.id, action: "cancel", before: { filename: row.filename, rows: row.total_rows } });
    });
  parsedCache.delete(row.id);
  if (row.storage_path) await fs.rm(path.resolve(uploadsRoot(), row.storage_path), { force: true });
}

/** The row-level error report as CSV in the user's language (line, field, value, problem). */
export async function importErrorsCsv(actor: Actor, importId: unknown, locale: Locale): Promise<{ filename: string; body: string }> {
  const row = await requireImport(actor, importId);
  const t = tFor(locale);
  const stored = row.errors_json ? (JSON.parse(row.errors_json) as { errors: RowError[]; truncated: boolean }) : { errors: [], truncated: false };
  const lines = [[t("feedback.report.line"), t("feedback.report.field"), t("feedback.report.value"), t("feedback.report.problem")].map((x) => csvCell(String(x))).join(",")];
  for (const e of stored.errors) {
    lines.push(
      [e.line, String(t(`feedback.fields.${e.field}`)), e.value, String(t(`feedback.rowErrors.${e.code}`, e.vars ?? {}))].map((x) => csvCell(x)).join(","),
    );
  }
  if (stored.truncated) lines.push(csvCell(String(t("feedback.report.truncated", { max: stored.errors.length }))));
  const base = row.filename.replace(/\.[^.]+$/, "");
  // A BOM so Excel opens the UTF-8 report with Chinese text intact.
  return { filename: `${base}-errors.csv`, body: `\uFEFF${lines.join("\r\n")}\r\n` };
}
