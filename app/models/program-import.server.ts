/**
 * Imports a program export (program-export.server.ts) into an organisation as a new program.
 *
 * The file is validated whole first (program-import-check.server.ts); then every row gets a new
 * id, and every reference (foreign keys, polymorphic ids, ids inside JSON and mention tokens) is
 * mapped through one id map. Contents of live documents keep their internal object ids, so the
 * read models keyed by them (pain points, cards, votes on notes…) keep them too; only row ids and
 * document names change. People are mapped by email to accounts that are members of the target
 * organisation: a member without one is skipped and reported, a reference to someone unknown is
 * cleared, and a row that cannot exist without that person (a vote, a nomination of them) is left
 * out and counted. The importer becomes the program's owner.
 *
 * Nothing is half-imported: uploaded files are written first under the new program's folder
 * (removed again on any failure), then the program, its rows and its documents' states (as
 * snapshots of the new document names) are written in ONE transaction, with one audit entry.
 * The control documents of workshop boards (`vision-control:`) mirror rows, so they are rebuilt
 * from the imported rows rather than copied. Needs the admin role in the target organisation.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import * as Y from "yjs";
import type { Database } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { env } from "../env.server";
import { recordAudit } from "./audit.server";
import { DomainError } from "./domain.server";
import { orgRoleOf } from "./org.server";
import type { ImportResult, ImportSummary, MemberOutcome } from "./program-export-format";
import { checkExportFile, type CheckedFile } from "./program-import-check.server";
import { DERIVED_DOC_KINDS, DOC_KINDS, EXPORT_TABLES, PROGRAM_COLUMNS, type Col, type Row, type TableName, type TableSpec } from "./program-export-spec";
import { removeUpload, storeUpload } from "./upload-store.server";
import { loadControlState } from "./vision-control.server";
import { writeControlState } from "./vision-doc";

export interface ImportOptions {
  /** For tests: runs inside the transaction after each table's rows are written (throw to inject a failure). */
  afterTable?: (table: TableName) => void | Promise<void>;
}

interface Plan {
  programId: string;
  program: Row;
  members: { userId: string; role: string; createdAt: string }[];
  summary: ImportSummary;
  /** Rows to insert per table, already mapped, in insert order. */
  rows: { spec: TableSpec; rows: Row[] }[];
  /** New document name → state (derived kinds are rebuilt inside the transaction). */
  docs: { name: string; kind: string; id: string; state: Uint8Array }[];
  /** Files the imported rows use, each under a new id in the new program's upload folder. */
  files: { id: string; bytes: Buffer }[];
}

const CHUNK_PARAMS = 5000;

/** Who may import into the organisation: its admins. Others see 403, non-members 404. */
export async function requireOrgAdmin(userId: string, orgId: string): Promise<void> {
  const role = await orgRoleOf(userId, orgId);
  if (!role) throw new DomainError(404, "programExport.errors.orgNotFound");
  if (role !== "admin") throw new DomainError(403, "errors.forbidden");
}

/** Accounts that are members of the organisation, by (lower-case) email. */
async function accountsByEmail(orgId: string, emails: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db()
      .selectFrom("users")
      .innerJoin("org_members", (j) => j.onRef("org_members.user_id", "=", "users.id").on("org_members.org_id", "=", orgId))
      .select(["users.id", "users.email"])
      .where("users.email", "in", wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.email.toLowerCase(), r.id);
  }
  return out;
}

/** Rows pointing at a row of their own table come after it (parents first); cycles keep file order. */
function orderSelfReferences(spec: TableSpec, rows: Row[]): Row[] {
  const selfCols = Object.entries(spec.columns)
    .filter(([, c]) => c.k === "ref" && c.table === spec.table)
    .map(([n]) => n);
  if (selfCols.length === 0 || !("id" in spec.columns)) return rows;
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const out: Row[] = [];
  const visit = (row: Row) => {
    const id = String(row.id);
    if (placed.has(id) || visiting.has(id)) return;
    visiting.add(id);
    for (const c of selfCols) {
      const parent = row[c];
      if (typeof parent === "string" && byId.has(parent)) visit(byId.get(parent)!);
    }
    visiting.delete(id);
    placed.add(id);
    out.push(row);
  };
  for (const r of rows) visit(r);
  return out;
}

async function plan(checked: CheckedFile, orgId: string, importerId: string): Promise<Plan> {
  const { file } = checked;
  const programId = newId();
  const accounts = await accountsByEmail(orgId, [...file.people.map((p) => p.email), ...file.members.map((m) => m.email)]);
  // Source person id → account in the target organisation, matched by email.
  const people = new Map<string, string>();
  for (const p of file.people) {
    const account = accounts.get(p.email.toLowerCase());
    if (account) people.set(p.id, account);
  }
  const user = (old: string) => people.get(old) ?? null;

  const teamKeys = new Map(file.officeTeams.map((t) => [t.id, t.key]));
  const targetTeams = new Map(
    (await db().selectFrom("office_teams").select(["id", "key"]).where("org_id", "=", orgId).execute()).map((t) => [t.key as string, t.id]),
  );

  // Pass 1: which rows are kept, and their new ids. A row is left out when a person it cannot do
  // without has no account in the organisation, or when a row it cannot do without was left out.
  const ids = new Map<TableName, Map<string, string>>([["programs", new Map([[String(file.program.id), programId]])]]);
  const kept = new Map<TableName, Row[]>();
  const dropped: Record<string, number> = {};
  const requiredTarget = (col: Col, row: Row): TableName | null => {
    if (col.k === "ref" && !col.nullable) return col.table;
    if (col.k === "poly" && !col.nullable) {
      const t = col.pick(row);
      return t === "keep" ? null : t;
    }
    return null;
  };
  for (const spec of EXPORT_TABLES) {
    const map = new Map<string, string>();
    const keep: Row[] = [];
    for (const row of file.tables[spec.table]) {
      const ok = Object.entries(spec.columns).every(([name, col]) => {
        const v = row[name];
        if (v === null || v === undefined) return true;
        if (col.k === "user" && !col.nullable) return people.has(String(v));
        const t = requiredTarget(col, row);
        // Targets come earlier in the order (the file's references are already checked).
        return !t || t === spec.table || !ids.has(t) || ids.get(t)!.has(String(v));
      });
      if (!ok) {
        dropped[spec.table] = (dropped[spec.table] ?? 0) + 1;
        continue;
      }
      if ("id" in spec.columns) map.set(String(row.id), newId());
      keep.push(row);
    }
    ids.set(spec.table, map);
    kept.set(spec.table, keep);
  }
  const idOf = (table: TableName, old: string) => ids.get(table)?.get(old) ?? null;

  // Files: a new storage path per file the kept rows use.
  const filePaths = new Map<string, string>();
  const files: Plan["files"] = [];
  const storagePath = (old: string): string | null => {
    if (filePaths.has(old)) return filePaths.get(old)!;
    const bytes = checked.fileBytes.get(old);
    if (!bytes) return null;
    const id = newId();
    const next = path.posix.join("uploads", programId, id);
    filePaths.set(old, next);
    files.push({ id, bytes });
    return next;
  };

  const docName = (old: string): string => {
    const at = old.indexOf(":");
    const kind = old.slice(0, at);
    return `${kind}:${idOf(DOC_KINDS[kind], old.slice(at + 1))}`;
  };

  const mapRow = (row: Row, columns: Record<string, Col>, self: TableName | null): Row => {
    const out: Row = {};
    for (const [name, col] of Object.entries(columns)) {
      const v = row[name];
      if (v === null || v === undefined) {
        out[name] = null;
        continue;
      }
      const s = String(v);
      switch (col.k) {
        case "id":
          out[name] = self ? idOf(self, s) : s;
          break;
        case "program":
          out[name] = programId;
          break;
        case "org":
          out[name] = orgId;
          break;
        case "ref":
          out[name] = idOf(col.table, s);
          break;
        case "poly": {
          const t = col.pick(row);
          out[name] = t === "keep" ? v : idOf(t, s);
          break;
        }
        case "user":
          out[name] = user(s);
          break;
        case "team": {
          const key = teamKeys.get(s);
          out[name] = key ? (targetTeams.get(key) ?? null) : null;
          break;
        }
        case "file":
          out[name] = storagePath(s);
          break;
        case "doc":
          out[name] = docName(s);
          break;
        case "bin":
          out[name] = Buffer.from(s, "base64");
          break;
        default:
          out[name] = v;
      }
    }
    return out;
  };

  const rewriteCtx = { id: idOf, user };
  const rows: Plan["rows"] = [];
  const tables: Record<string, number> = {};
  let total = 0;
  for (const spec of EXPORT_TABLES) {
    const mapped = orderSelfReferences(spec, kept.get(spec.table)!).map((r) => {
      const m = mapRow(r, spec.columns, spec.table);
      return spec.rewrite ? spec.rewrite(m, rewriteCtx) : m;
    });
    rows.push({ spec, rows: mapped });
    tables[spec.table] = mapped.length;
    total += mapped.length;
  }

  const program = mapRow(file.program, PROGRAM_COLUMNS, null);
  program.id = programId;
  program.created_by = program.created_by ?? importerId;

  // Members: everyone with an account in the organisation, with their role; the importer as owner.
  const memberOutcomes: ImportSummary["members"] = [];
  const members = new Map<string, { userId: string; role: string; createdAt: string }>();
  for (const m of file.members) {
    const userId = accounts.get(m.email.toLowerCase()) ?? null;
    let outcome: MemberOutcome = "skipped";
    if (userId) {
      const role = userId === importerId ? "owner" : m.role;
      outcome = userId === importerId ? "owner" : "added";
      members.set(userId, { userId, role, createdAt: m.joinedAt });
    }
    memberOutcomes.push({ email: m.email, name: m.name, role: m.role, outcome });
  }
  if (!members.has(importerId)) {
    members.set(importerId, { userId: importerId, role: "owner", createdAt: nowIso() });
    const me = await db().selectFrom("users").select(["email", "name"]).where("id", "=", importerId).executeTakeFirst();
    if (me) memberOutcomes.push({ email: me.email, name: me.name, role: "owner", outcome: "owner" });
  }

  const docs: Plan["docs"] = [];
  for (const d of file.docs) {
    const name = docName(d.name);
    const at = name.indexOf(":");
    docs.push({ name, kind: name.slice(0, at), id: name.slice(at + 1), state: checked.docStates.get(d.name)! });
  }

  const fileBytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  return {
    programId,
    program,
    members: [...members.values()],
    rows,
    docs,
    files,
    summary: {
      program: { name: String(file.program.name), nameEn: (file.program.name_en as string | null) ?? null, description: String(file.program.description) },
      source: { orgName: file.source.orgName, exportedAt: file.exportedAt },
      tables,
      rows: total,
      docs: docs.length,
      files: files.length,
      fileBytes,
      members: memberOutcomes,
      unknownPeople: file.people.filter((p) => !people.has(p.id)).map((p) => ({ email: p.email, name: p.name })),
      dropped,
    },
  };
}

// Kysely cannot type a table name chosen at run time; the spec is checked against the schema by tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTx = Kysely<any>;

async function insertRows(tx: AnyTx, table: TableName, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(CHUNK_PARAMS / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per) await tx.insertInto(table).values(rows.slice(i, i + per)).execute();
}

async function writeDocs(tx: Kysely<Database>, docs: Plan["docs"]): Promise<void> {
  const now = nowIso();
  for (const d of docs) {
    let state = d.state;
    if (DERIVED_DOC_KINDS.has(d.kind)) {
      const control = await loadControlState(tx, d.id);
      if (!control) continue;
      const doc = new Y.Doc();
      writeControlState(doc, control);
      state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
    }
    await tx
      .insertInto("doc_snapshots")
      .values({ doc_name: d.name, state: Buffer.from(state.buffer, state.byteOffset, state.byteLength), through_seq: 0, updated_at: now })
      .execute();
  }
}

/** Validates the file and reports what an import would do, writing nothing. */
export async function previewProgramImport(userId: string, orgId: string, input: unknown): Promise<ImportSummary> {
  await requireOrgAdmin(userId, orgId);
  const checked = checkExportFile(input);
  return (await plan(checked, orgId, userId)).summary;
}

export async function importProgram(importer: { id: string }, orgId: string, input: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  await requireOrgAdmin(importer.id, orgId);
  const checked = checkExportFile(input);
  const p = await plan(checked, orgId, importer.id);

  const stored: string[] = [];
  try {
    for (const f of p.files) stored.push(await storeUpload(p.programId, f.id, f.bytes));
    await db()
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto("programs").values(p.program as never).execute();
        await insertRows(tx, "program_members", p.members.map((m) => ({ program_id: p.programId, user_id: m.userId, role: m.role, created_at: m.createdAt })));
        for (const { spec, rows } of p.rows) {
          await insertRows(tx, spec.table, rows);
          await options.afterTable?.(spec.table);
        }
        await writeDocs(tx, p.docs);
        await recordAudit(tx, {
          orgId,
          programId: p.programId,
          actorId: importer.id,
          entityType: "program",
          entityId: p.programId,
          action: "import",
          after: {
            name: p.summary.program.name,
            name_en: p.summary.program.nameEn,
            from: p.summary.source.orgName,
            rows: p.summary.rows,
            docs: p.summary.docs,
            files: p.summary.files,
          },
        });
      });
  } catch (error) {
    for (const s of stored) await removeUpload(s).catch(() => undefined);
    await fs.rmdir(path.resolve(env().DATA_DIR, "uploads", p.programId)).catch(() => undefined);
    throw error;
  }
  return { programId: p.programId, ...p.summary };
}
