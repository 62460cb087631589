/**
 * Exports a whole program as one JSON file (format `cx-workspace.program`, version 1): the program
 * row, its members as emails and roles, every row of every program-scoped table (the list and the
 * meaning of each column are in program-export-spec.ts), the people those rows name (id, email,
 * name — accounts are per installation), the state of each of its live documents read through
 * the live rooms (so a document open right now is exported as it is now), and its uploaded files
 * (base64, with size and SHA-256; more than EXPORT_MAX_FILE_BYTES is refused with 413).
 * Needs program.export (owners; the CX office and admins of the organisation). Audited.
 */
import { createHash } from "node:crypto";
import { db } from "../db.server";
import { auditAs, DomainError, requireCan, type Actor } from "./domain.server";
import { liveDocs } from "./live-docs.server";
import { getOrg } from "./org.server";
import {
  EXPORT_FORMAT,
  EXPORT_MAX_FILE_BYTES,
  EXPORT_TABLES,
  EXPORT_VERSION,
  PROGRAM_COLUMNS,
  programDocNames,
  type Col,
  type Row,
  type TableName,
} from "./program-export-spec";
import type { ProgramExportFile } from "./program-export-format";
import { readUpload } from "./upload-store.server";

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toBase64(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  throw new Error("binary column is not binary");
}

/** The row with exactly the spec's columns, values as JSON carries them. */
function pick(row: Row, columns: Record<string, Col>): Row {
  const out: Row = {};
  for (const [name, col] of Object.entries(columns)) {
    const v = row[name];
    if (col.k === "bin") out[name] = toBase64(v);
    else if (typeof v === "bigint") out[name] = Number(v);
    else out[name] = v === undefined ? null : v;
  }
  return out;
}

function compareRows(pk: string[]) {
  return (a: Row, b: Row) => {
    for (const k of pk) {
      const x = String(a[k]);
      const y = String(b[k]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

// Kysely cannot type a table name chosen at run time; the spec is checked against the schema by tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const anyDb = () => db() as any;

async function selectWhere(table: TableName, column: string, values: string[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunks(values)) {
    const rows = (await anyDb().selectFrom(table).selectAll().where(column, "in", part).execute()) as Row[];
    out.push(...rows);
  }
  return out;
}

export interface ProgramExport {
  file: ProgramExportFile;
  /** A download name: ASCII, dated. */
  filename: string;
}

export async function exportProgram(actor: Actor): Promise<ProgramExport> {
  requireCan(actor, "program.export");
  const programId = actor.program.id;
  const program = await db().selectFrom("programs").selectAll().where("id", "=", programId).executeTakeFirst();
  if (!program) throw new DomainError(404, "errors.programNotFound");

  const tables: Record<string, Row[]> = {};
  for (const spec of EXPORT_TABLES) {
    if (spec.scope.by !== "program") continue;
    tables[spec.table] = (await anyDb().selectFrom(spec.table).selectAll().where("program_id", "=", programId).execute()) as Row[];
  }
  const boardIds = () => (tables.vision_boards ?? []).map((r) => String(r.id));
  const mapIds = () => (tables.journey_maps ?? []).map((r) => String(r.id));
  const docNames = () => programDocNames(programId, boardIds(), mapIds());
  for (const spec of EXPORT_TABLES) {
    if (spec.scope.by === "parent") {
      const parentIds = (tables[spec.scope.parent] ?? []).map((r) => String(r.id));
      tables[spec.table] = await selectWhere(spec.table, spec.scope.column, parentIds);
    } else if (spec.scope.by === "doc") {
      tables[spec.table] = await selectWhere(spec.table, "doc_name", docNames());
    }
  }
  // In the spec's order (parents first), each table's rows sorted by their key.
  const ordered: Record<string, Row[]> = {};
  for (const spec of EXPORT_TABLES) ordered[spec.table] = (tables[spec.table] ?? []).map((r) => pick(r, spec.columns)).sort(compareRows(spec.pk));

  const members = await db()
    .selectFrom("program_members")
    .innerJoin("users", "users.id", "program_members.user_id")
    .select(["users.email", "users.name", "program_members.role", "program_members.created_at"])
    .where("program_members.program_id", "=", programId)
    .orderBy("users.email")
    .execute();

  // Everyone the rows name, with the email that identifies them in another installation.
  const userIds = new Set<string>();
  if (program.created_by) userIds.add(program.created_by);
  const teamIds = new Set<string>();
  const filePaths = new Set<string>();
  for (const spec of EXPORT_TABLES) {
    for (const row of ordered[spec.table]) {
      for (const [name, col] of Object.entries(spec.columns)) {
        const v = row[name];
        if (typeof v !== "string") continue;
        if (col.k === "user") userIds.add(v);
        else if (col.k === "team") teamIds.add(v);
        else if (col.k === "file") filePaths.add(v);
      }
    }
  }
  const people = (await selectWhere("users", "id", [...userIds]))
    .map((u) => ({ id: String(u.id), email: String(u.email), name: String(u.name) }))
    .sort((a, b) => (a.email < b.email ? -1 : 1));
  const officeTeams = (await selectWhere("office_teams", "id", [...teamIds])).map((t) => ({
    id: String(t.id),
    key: t.key as ProgramExportFile["officeTeams"][number]["key"],
  }));

  const files: ProgramExportFile["files"] = [];
  let fileBytes = 0;
  for (const path of [...filePaths].sort()) {
    const bytes = await readUpload(path);
    if (!bytes) continue; // already gone from disk: the row is exported without its file
    fileBytes += bytes.byteLength;
    if (fileBytes > EXPORT_MAX_FILE_BYTES) {
      throw new DomainError(413, "programExport.errors.tooLarge", undefined, { max: Math.round(EXPORT_MAX_FILE_BYTES / 1024 / 1024) });
    }
    files.push({ path, size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex"), data: bytes.toString("base64") });
  }

  const docs: ProgramExportFile["docs"] = [];
  const live = liveDocs();
  for (const name of docNames()) docs.push({ name, state: toBase64(await live.readState(name)) });

  const org = await getOrg(program.org_id);
  const exportedAt = new Date().toISOString();
  const file: ProgramExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    source: { programId, orgId: program.org_id, orgName: org?.name ?? "" },
    program: pick(program as unknown as Row, PROGRAM_COLUMNS),
    people,
    members: members.map((m) => ({ email: m.email, name: m.name, role: m.role, joinedAt: m.created_at })),
    officeTeams,
    tables: ordered,
    docs,
    files,
  };

  const rows = Object.values(ordered).reduce((n, t) => n + t.length, 0);
  await db()
    .transaction()
    .execute((tx) =>
      auditAs(tx, actor, {
        entityType: "program",
        entityId: programId,
        action: "export",
        after: { name: program.name, rows, docs: docs.length, files: files.length },
      }),
    );
  return { file, filename: exportFilename(program.name_en ?? program.name, programId, exportedAt) };
}

/** `cx-program-<ascii name or id>-<YYYYMMDD>.json` */
export function exportFilename(name: string, programId: string, at: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60);
  return `cx-program-${slug || programId.slice(0, 8)}-${at.slice(0, 10).replace(/-/g, "")}.json`;
}
