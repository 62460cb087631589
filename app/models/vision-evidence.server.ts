/**
 * Evidence attached to a vision board: focus-group notes and survey results as files (stored on
 * disk under `${DATA_DIR}/uploads/<programId>/<evidenceId>`), CSV survey answers parsed and
 * previewed (first 50 rows), and links.
 *
 * Uploads are checked three ways: size (20 MiB), extension (an allow-list), and content (magic
 * bytes for binary types, strict UTF-8 for text types; the declared MIME type must fit the
 * extension). The stored MIME type is ours, derived from the extension, never the browser's.
 * The original filename is kept (sanitised) for display and download only; the path on disk is
 * the evidence id. CSV must be UTF-8 (a BOM is fine); GBK/GB18030 is out of scope and refused
 * with a message asking for "CSV UTF-8".
 */
import { z } from "zod";
import type { VisionEvidence } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { CsvError, decodeUtf8, parseCsv } from "../utils/csv";
import { can } from "./permissions";
import { checkUpload, extensionOf, readEvidenceFile, removeUpload, storeUpload, type EvidenceFile, type FileType } from "./upload-store.server";
export type { EvidenceFile } from "./upload-store.server";
import { parseInput, requireActiveBoard, requireBoard, requireCan, VisionError, type VisionActor, auditVision } from "./vision-common.server";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const CSV_PREVIEW_ROWS = 50;
export const CSV_MAX_ROWS = 100_000;
export const CSV_MAX_COLUMNS = 100;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** An OOXML package: a zip whose entries include the folder of its kind (word/, xl/, ppt/). */
function isOoxml(folder: string) {
  const needle = Buffer.from(folder, "latin1");
  return (b: Uint8Array) => startsWith(b, ZIP) && Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(needle);
}

function isText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    decodeUtf8(b);
    return true;
  } catch {
    return false;
  }
}

export const FILE_TYPES: Record<string, FileType> = {
  pdf: { mime: "application/pdf", accepts: ["application/pdf", "application/x-pdf"], check: (b) => startsWith(b, ascii("%PDF-")), inline: true },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    accepts: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"],
    check: isOoxml("word/"),
    inline: false,
  },
  xlsx: {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    accepts: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"],
    check: isOoxml("xl/"),
    inline: false,
  },
  pptx: {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    accepts: ["application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip"],
    check: isOoxml("ppt/"),
    inline: false,
  },
  txt: { mime: "text/plain; charset=utf-8", accepts: ["text/plain"], check: isText, inline: false },
  md: { mime: "text/markdown; charset=utf-8", accepts: ["text/markdown", "text/x-markdown", "text/plain"], check: isText, inline: false },
  csv: {
    mime: "text/csv; charset=utf-8",
    accepts: ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/x-csv", "text/comma-separated-values"],
    check: isText,
    inline: false,
  },
  png: { mime: "image/png", accepts: ["image/png"], check: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), inline: true },
  jpg: { mime: "image/jpeg", accepts: ["image/jpeg", "image/pjpeg"], check: (b) => startsWith(b, [0xff, 0xd8, 0xff]), inline: true },
  jpeg: { mime: "image/jpeg", accepts: ["image/jpeg", "image/pjpeg"], check: (b) => startsWith(b, [0xff, 0xd8, 0xff]), inline: true },
  webp: { mime: "image/webp", accepts: ["image/webp"], check: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8), inline: true },
};

export const ALLOWED_EXTENSIONS = Object.keys(FILE_TYPES);

/** A display-safe filename: no path, no control or reserved characters, at most 120 characters, extension kept. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  let clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (clean.length > 120) {
    const dot = clean.lastIndexOf(".");
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || "file";
}

export { extensionOf };

const CsvHeaderSchema = z
  .array(z.string().trim().min(1, "vision.errors.csvHeader").max(200, "vision.errors.csvHeader"))
  .min(1, "vision.errors.csvHeader")
  .max(CSV_MAX_COLUMNS, "vision.errors.csvColumns")
  .refine((h) => new Set(h).size === h.length, "vision.errors.csvHeader");

function csvRowSchema(columns: number) {
  return z.array(z.string().max(10_000, "vision.errors.csvCell")).length(columns, "vision.errors.csvRow");
}

export interface ParsedCsv {
  header: string[];
  preview: string[][];
  rowCount: number;
}

/** Parses and validates a survey CSV: a unique, non-empty header, then rows of exactly as many cells. */
export function parseSurveyCsv(bytes: Uint8Array): ParsedCsv {
  let rows: string[][];
  try {
    rows = parseCsv(decodeUtf8(bytes), { maxRows: CSV_MAX_ROWS + 1 });
  } catch (error) {
    if (error instanceof CsvError) throw new VisionError(422, "errors.invalid_input", { file: error.key }, error.vars);
    throw error;
  }
  const [headerRaw, ...body] = rows;
  const header = CsvHeaderSchema.safeParse(headerRaw ?? []);
  if (!header.success) throw new VisionError(422, "errors.invalid_input", { file: header.error.issues[0].message }, { line: 1 });
  const rowSchema = csvRowSchema(header.data.length);
  for (const [i, r] of body.entries()) {
    const ok = rowSchema.safeParse(r);
    if (!ok.success) throw new VisionError(422, "errors.invalid_input", { file: ok.error.issues[0].message }, { line: i + 2 });
  }
  return { header: header.data, preview: body.slice(0, CSV_PREVIEW_ROWS), rowCount: body.length };
}

const UploadMetaSchema = z.object({
  title: z.string().trim().max(200, "validation.tooLong").optional(),
  filename: z.string({ error: "vision.errors.fileMissing" }).min(1, "vision.errors.fileMissing").max(1000),
  mime: z.string().max(200).optional(),
});

export interface EvidenceUpload {
  title?: string;
  filename: string;
  /** What the browser declared (checked, not trusted). */
  mime?: string;
  bytes: Uint8Array;
}

export interface EvidenceSummary {
  id: string;
  boardId: string;
  kind: VisionEvidence["kind"];
  title: string;
  url: string | null;
  filename: string | null;
  mime: string | null;
  sizeBytes: number | null;
  rowCount: number | null;
  csvHeader: string[] | null;
  uploadedBy: string | null;
  createdAt: string;
}

export interface EvidenceDetail extends EvidenceSummary {
  csvPreview: string[][] | null;
}

function summary(e: VisionEvidence): EvidenceSummary {
  return {
    id: e.id,
    boardId: e.board_id,
    kind: e.kind,
    title: e.title,
    url: e.url,
    filename: e.filename,
    mime: e.mime,
    sizeBytes: e.size_bytes === null ? null : Number(e.size_bytes),
    rowCount: e.row_count,
    csvHeader: e.csv_header_json ? (JSON.parse(e.csv_header_json) as string[]) : null,
    uploadedBy: e.uploaded_by,
    createdAt: e.created_at,
  };
}


/** Checks and stores an uploaded file (a CSV is parsed and previewed); needs `vision.edit`. */
export async function addVisionEvidenceFile(actor: VisionActor, boardId: unknown, upload: EvidenceUpload): Promise<EvidenceDetail> {
  requireCan(actor, "vision.edit");
  const board = await requireActiveBoard(actor, boardId);
  const meta = parseInput(UploadMetaSchema, { title: upload.title, filename: upload.filename, mime: upload.mime });
  const bytes = upload.bytes;
  const filename = sanitizeFilename(meta.filename);
  const checked = checkUpload(bytes, filename, meta.mime, FILE_TYPES, MAX_UPLOAD_BYTES);
  if (!checked.ok) {
    switch (checked.problem) {
      case "tooLarge":
        throw new VisionError(413, "vision.errors.fileTooLarge", { file: "vision.errors.fileTooLarge" }, { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
      case "empty":
        throw new VisionError(422, "errors.invalid_input", { file: "vision.errors.fileEmpty" });
      case "type":
        throw new VisionError(422, "errors.invalid_input", { file: "vision.errors.fileType" }, { types: ALLOWED_EXTENSIONS.join(", ") });
      case "mismatch": {
        // A CSV that is text but not UTF-8 (a GBK export from Excel): say how to fix it.
        const notUtf8 = checked.ext === "csv" && !bytes.includes(0);
        throw new VisionError(422, "errors.invalid_input", { file: notUtf8 ? "vision.errors.csvEncoding" : "vision.errors.fileMismatch" });
      }
    }
  }
  const { ext, type } = checked;
  const csv = ext === "csv" ? parseSurveyCsv(bytes) : null;

  const id = newId();
  const relative = await storeUpload(actor.program.id, id, bytes);

  const row: VisionEvidence = {
    id,
    board_id: board.id,
    kind: csv ? "csv" : "file",
    title: meta.title || filename,
    url: null,
    filename,
    mime: type.mime,
    size_bytes: bytes.byteLength,
    storage_path: relative,
    csv_header_json: csv ? JSON.stringify(csv.header) : null,
    csv_rows_preview_json: csv ? JSON.stringify(csv.preview) : null,
    row_count: csv ? csv.rowCount : null,
    uploaded_by: actor.user.id,
    created_at: nowIso(),
  };
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto("vision_evidence").values(row).execute();
        await auditVision(tx, actor, {
          entityType: "vision_evidence",
          entityId: id,
          action: "upload",
          after: { boardId: board.id, title: row.title, filename, size: row.size_bytes, rows: row.row_count },
        });
      });
  } catch (error) {
    await removeUpload(relative);
    throw error;
  }
  return { ...summary(row), csvPreview: csv?.preview ?? null };
}

const LinkSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  url: z
    .string({ error: "validation.required" })
    .trim()
    .max(2000, "validation.tooLong")
    .url("vision.errors.url")
    .refine((u) => /^https?:\/\//i.test(u), "vision.errors.url"),
});

/** Attaches a link (e.g. to a survey tool's report); needs `vision.edit`. */
export async function addVisionEvidenceLink(actor: VisionActor, boardId: unknown, input: unknown): Promise<EvidenceSummary> {
  requireCan(actor, "vision.edit");
  const board = await requireActiveBoard(actor, boardId);
  const { title, url } = parseInput(LinkSchema, input);
  const row: VisionEvidence = {
    id: newId(),
    board_id: board.id,
    kind: "link",
    title,
    url,
    filename: null,
    mime: null,
    size_bytes: null,
    storage_path: null,
    csv_header_json: null,
    csv_rows_preview_json: null,
    row_count: null,
    uploaded_by: actor.user.id,
    created_at: nowIso(),
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("vision_evidence").values(row).execute();
      await auditVision(tx, actor, {
        entityType: "vision_evidence",
        entityId: row.id,
        action: "link",
        after: { boardId: board.id, title, url },
      });
    });
  return summary(row);
}

export async function listVisionEvidence(actor: VisionActor, boardId: unknown): Promise<EvidenceSummary[]> {
  const board = await requireBoard(actor, boardId);
  const rows = await db().selectFrom("vision_evidence").selectAll().where("board_id", "=", board.id).orderBy("created_at", "desc").execute();
  return rows.map(summary);
}

async function requireEvidence(actor: VisionActor, evidenceId: unknown): Promise<VisionEvidence> {
  if (typeof evidenceId !== "string" || !evidenceId || evidenceId.length > 100) throw new VisionError(404, "vision.errors.evidenceNotFound");
  const row = await db()
    .selectFrom("vision_evidence")
    .innerJoin("vision_boards", "vision_boards.id", "vision_evidence.board_id")
    .selectAll("vision_evidence")
    .where("vision_evidence.id", "=", evidenceId)
    .where("vision_boards.program_id", "=", actor.program.id)
    .executeTakeFirst();
  if (!row) throw new VisionError(404, "vision.errors.evidenceNotFound");
  return row;
}

/** One piece of evidence with its CSV preview (anyone who can view the program). */
export async function getVisionEvidence(actor: VisionActor, evidenceId: unknown): Promise<EvidenceDetail> {
  const row = await requireEvidence(actor, evidenceId);
  return { ...summary(row), csvPreview: row.csv_rows_preview_json ? (JSON.parse(row.csv_rows_preview_json) as string[][]) : null };
}

/** The stored file, for the download route (anyone who can view the program). */
export async function readVisionEvidenceFile(actor: VisionActor, evidenceId: unknown): Promise<EvidenceFile> {
  const row = await requireEvidence(actor, evidenceId);
  const file = await readEvidenceFile(row, FILE_TYPES);
  if (!file) throw new VisionError(404, "vision.errors.evidenceNotFound");
  return file;
}

/** Removes evidence: its uploader, or the facilitator. The file goes once the row is gone. */
export async function deleteVisionEvidence(actor: VisionActor, evidenceId: unknown): Promise<void> {
  const row = await requireEvidence(actor, evidenceId);
  const mine = row.uploaded_by === actor.user.id && can(actor.access, "vision.edit");
  if (!mine) requireCan(actor, "vision.facilitate");
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.deleteFrom("vision_evidence").where("id", "=", row.id).execute();
      await auditVision(tx, actor, {
        entityType: "vision_evidence",
        entityId: row.id,
        action: "delete",
        before: { title: row.title, filename: row.filename, url: row.url },
      });
    });
  if (row.storage_path) await removeUpload(row.storage_path);
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string, inline: boolean): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
