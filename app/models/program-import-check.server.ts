/**
 * Validates a program export file completely before anything is written: it must be ours
 * (`format`), of a version we read, match the schema (every table's columns and value types),
 * and hold together — unique keys, every reference to a row of the file, every person named in
 * `people`, every live document's state a valid Yjs update, every file's size and SHA-256 right.
 * A file that fails any check is refused whole (DomainError 422) with the place it failed.
 */
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { DomainError } from "./domain.server";
import { ExportFileSchema, type ProgramExportFile } from "./program-export-format";
import {
  DOC_KINDS,
  EXPORT_FORMAT,
  EXPORT_MAX_FILE_BYTES,
  EXPORT_TABLES,
  EXPORT_VERSION,
  PROGRAM_COLUMNS,
  type Row,
  type TableName,
} from "./program-export-spec";

export interface CheckedFile {
  file: ProgramExportFile;
  /** Each live document's decoded state, by its name in the file. */
  docStates: Map<string, Uint8Array>;
  /** Each file's bytes, by its storage path in the file. */
  fileBytes: Map<string, Buffer>;
}

function corrupted(path: string, reason = "programExport.reasons.invalid"): DomainError {
  return new DomainError(422, "programExport.errors.corrupted", { [path || "_form"]: reason }, { path });
}

/** Decodes a Yjs update and checks it applies completely (nothing left pending). */
export function decodeDocState(base64: string): Uint8Array | null {
  const bytes = new Uint8Array(Buffer.from(base64, "base64"));
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, bytes);
    if (doc.store.pendingStructs || doc.store.pendingDs) return null;
    return bytes;
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

export function checkExportFile(input: unknown): CheckedFile {
  if (!input || typeof input !== "object" || Array.isArray(input) || (input as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new DomainError(422, "programExport.errors.notOurs");
  }
  const version = (input as { version?: unknown }).version;
  if (version !== EXPORT_VERSION) {
    throw new DomainError(422, "programExport.errors.unsupportedVersion", undefined, { version: String(version ?? "?"), supported: EXPORT_VERSION });
  }
  const parsed = ExportFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupted(issue.path.join("."));
  }
  const file = parsed.data as unknown as ProgramExportFile;
  const programId = String(file.program.id);
  const orgId = file.source.orgId;
  if (programId !== file.source.programId) throw corrupted("program.id", "programExport.reasons.mismatch");
  if (file.program.org_id !== orgId) throw corrupted("program.org_id", "programExport.reasons.mismatch");

  const people = new Set<string>();
  const emails = new Set<string>();
  file.people.forEach((p, i) => {
    const email = p.email.toLowerCase();
    if (people.has(p.id) || emails.has(email)) throw corrupted(`people.${i}`, "programExport.reasons.duplicate");
    people.add(p.id);
    emails.add(email);
  });
  const teams = new Set(file.officeTeams.map((t) => t.id));

  // The ids of each table's rows (and of the program), for references.
  const ids = new Map<TableName, Set<string>>([["programs", new Set([programId])]]);
  for (const spec of EXPORT_TABLES) {
    const rows = file.tables[spec.table];
    const seen = new Set<string>();
    const own = new Set<string>();
    rows.forEach((row, i) => {
      const key = JSON.stringify(spec.pk.map((k) => row[k]));
      if (seen.has(key)) throw corrupted(`tables.${spec.table}.${i}`, "programExport.reasons.duplicate");
      seen.add(key);
      if ("id" in spec.columns) own.add(String(row.id));
    });
    ids.set(spec.table, own);
  }

  const docNames = new Set<string>();
  const docStates = new Map<string, Uint8Array>();
  file.docs.forEach((d, i) => {
    const at = d.name.indexOf(":");
    const kind = d.name.slice(0, at);
    const table = DOC_KINDS[kind];
    if (at <= 0 || !table || !ids.get(table)?.has(d.name.slice(at + 1))) throw corrupted(`docs.${i}.name`, "programExport.reasons.unknownDoc");
    if (docNames.has(d.name)) throw corrupted(`docs.${i}.name`, "programExport.reasons.duplicate");
    const state = decodeDocState(d.state);
    if (!state) throw corrupted(`docs.${i}.state`, "programExport.reasons.badDoc");
    docNames.add(d.name);
    docStates.set(d.name, state);
  });

  const fileBytes = new Map<string, Buffer>();
  let total = 0;
  file.files.forEach((f, i) => {
    const bytes = Buffer.from(f.data, "base64");
    total += bytes.byteLength;
    if (fileBytes.has(f.path)) throw corrupted(`files.${i}.path`, "programExport.reasons.duplicate");
    if (bytes.byteLength !== f.size || createHash("sha256").update(bytes).digest("hex") !== f.sha256) {
      throw corrupted(`files.${i}`, "programExport.reasons.badFile");
    }
    fileBytes.set(f.path, bytes);
  });
  if (total > EXPORT_MAX_FILE_BYTES) {
    throw new DomainError(413, "programExport.errors.tooLarge", undefined, { max: Math.round(EXPORT_MAX_FILE_BYTES / 1024 / 1024) });
  }

  const checkRow = (row: Row, columns: typeof PROGRAM_COLUMNS, path: string) => {
    for (const [name, col] of Object.entries(columns)) {
      const v = row[name];
      const at = `${path}.${name}`;
      if (v === null) continue;
      switch (col.k) {
        case "program":
          if (v !== programId) throw corrupted(at, "programExport.reasons.mismatch");
          break;
        case "org":
          if (v !== orgId) throw corrupted(at, "programExport.reasons.mismatch");
          break;
        case "ref":
          if (!ids.get(col.table)?.has(String(v))) throw corrupted(at, "programExport.reasons.brokenReference");
          break;
        case "poly": {
          const target = col.pick(row);
          if (target !== "keep" && !ids.get(target)?.has(String(v))) throw corrupted(at, "programExport.reasons.brokenReference");
          break;
        }
        case "user":
          if (!people.has(String(v))) throw corrupted(at, "programExport.reasons.unknownPerson");
          break;
        case "team":
          if (!teams.has(String(v))) throw corrupted(at, "programExport.reasons.brokenReference");
          break;
        case "doc":
          if (!docNames.has(String(v))) throw corrupted(at, "programExport.reasons.unknownDoc");
          break;
        case "bin":
          if (!decodeDocState(String(v))) throw corrupted(at, "programExport.reasons.badDoc");
          break;
        default:
          break;
      }
    }
  };
  checkRow(file.program, PROGRAM_COLUMNS, "program");
  for (const spec of EXPORT_TABLES) file.tables[spec.table].forEach((row, i) => checkRow(row, spec.columns, `tables.${spec.table}.${i}`));

  return { file, docStates, fileBytes };
}
