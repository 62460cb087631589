/**
 * Uploaded files on disk, shared by every kind of evidence: checked against an allow-list of
 * types (size, extension, declared MIME type, magic bytes), stored under
 * `${DATA_DIR}/uploads/<programId>/<id>` (written to a `.part` file, then renamed, so a crash
 * never leaves half a file under the real name), read back only from inside that folder, removed.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "../env.server";

export interface FileType {
  /** The MIME type we store and serve (never the browser's). */
  mime: string;
  /** Declared types a browser may send for this extension (besides empty and octet-stream). */
  accepts: string[];
  check: (b: Uint8Array) => boolean;
  inline: boolean;
}

export type UploadProblem = "tooLarge" | "empty" | "type" | "mismatch";

/** The lower-case extension of a filename ("" when there is none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
}

/** What is wrong with an upload, or the type it is. The filename must already be sanitised. */
export function checkUpload(
  bytes: Uint8Array,
  filename: string,
  declaredMime: string | undefined,
  types: Record<string, FileType>,
  maxBytes: number,
): { ok: true; ext: string; type: FileType } | { ok: false; ext: string; problem: UploadProblem } {
  const ext = extensionOf(filename);
  if (bytes.byteLength > maxBytes) return { ok: false, ext, problem: "tooLarge" };
  if (bytes.byteLength === 0) return { ok: false, ext, problem: "empty" };
  const type = types[ext];
  if (!type) return { ok: false, ext, problem: "type" };
  const declared = (declaredMime ?? "").split(";")[0].trim().toLowerCase();
  if (declared && declared !== "application/octet-stream" && !type.accepts.includes(declared)) return { ok: false, ext, problem: "mismatch" };
  if (!type.check(bytes)) return { ok: false, ext, problem: "mismatch" };
  return { ok: true, ext, type };
}

function dataRoot(): string {
  return path.resolve(env().DATA_DIR);
}

/** Writes the bytes as upload `id` of the program; returns the storage path (relative to DATA_DIR). */
export async function storeUpload(programId: string, id: string, bytes: Uint8Array): Promise<string> {
  const relative = path.posix.join("uploads", programId, id);
  const target = path.join(dataRoot(), relative);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(`${target}.part`, bytes, { flag: "wx" });
  await fs.rename(`${target}.part`, target);
  return relative;
}

/** The stored bytes, or null when the path leaves the data folder or the file is gone. */
export async function readUpload(storagePath: string): Promise<Buffer | null> {
  const root = dataRoot();
  const file = path.resolve(root, storagePath);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

export async function removeUpload(storagePath: string): Promise<void> {
  const root = dataRoot();
  const file = path.resolve(root, storagePath);
  if (file.startsWith(root + path.sep)) await fs.rm(file, { force: true });
}

/** A stored file ready to send: our MIME type, and whether the browser may show it inline. */
export interface EvidenceFile {
  filename: string;
  mime: string;
  size: number;
  inline: boolean;
  body: Buffer;
}

/** Reads an evidence row's file; null when the row has none or the file is gone. */
export async function readEvidenceFile(
  row: { storage_path: string | null; filename: string | null; mime: string | null },
  types: Record<string, FileType>,
): Promise<EvidenceFile | null> {
  if (!row.storage_path || !row.filename) return null;
  const body = await readUpload(row.storage_path);
  if (!body) return null;
  const type = types[extensionOf(row.filename)];
  return { filename: row.filename, mime: row.mime ?? "application/octet-stream", size: body.byteLength, inline: type?.inline ?? false, body };
}
