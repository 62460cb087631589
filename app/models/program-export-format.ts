/**
 * The program export file (`cx-workspace.program`, version 1) as zod schemas, built from the
 * table spec (program-export-spec.ts): every table's rows are objects with exactly the spec's
 * columns and value types, so an import never writes a column or a value type we did not list.
 * Also the summary an import answers with. Shared by server and UI (no database access).
 */
import { z } from "zod";
import { EXPORT_FORMAT, EXPORT_TABLES, EXPORT_VERSION, MEMBER_ROLES, PROGRAM_COLUMNS, type Col, type Row } from "./program-export-spec";

/** Row ids and user ids: what fits in a live-document name. */
export const EXPORT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const Id = z.string().regex(EXPORT_ID);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const MAX_TEXT = 5_000_000;

function columnSchema(col: Col): z.ZodType {
  switch (col.k) {
    case "id":
    case "program":
    case "org":
      return Id;
    case "ref":
    case "user":
      return col.nullable ? Id.nullable() : Id;
    case "poly": {
      const s = z.string().min(1).max(200);
      return col.nullable ? s.nullable() : s;
    }
    case "team":
      return Id.nullable();
    case "file":
      return z.string().min(1).max(500).nullable();
    case "doc":
      return z.string().min(3).max(140);
    case "bin":
      return Base64;
    case "str": {
      const s = z.string().max(col.max ?? MAX_TEXT);
      return col.nullable ? s.nullable() : s;
    }
    case "num": {
      const s = z.number();
      return col.nullable ? s.nullable() : s;
    }
    case "int": {
      const s = z.number().int();
      return col.nullable ? s.nullable() : s;
    }
    case "enum": {
      const s = z.enum(col.values as [string, ...string[]]);
      return col.nullable ? s.nullable() : s;
    }
    case "raw": {
      const s = z.string().max(1000);
      return col.nullable ? s.nullable() : s;
    }
  }
}

function rowSchema(columns: Record<string, Col>) {
  return z.object(Object.fromEntries(Object.entries(columns).map(([name, col]) => [name, columnSchema(col)]))).strict();
}

export const PersonSchema = z.object({ id: Id, email: z.string().min(3).max(254), name: z.string().max(200) }).strict();
export const MemberSchema = z.object({ email: z.string().min(3).max(254), name: z.string().max(200), role: z.enum(MEMBER_ROLES), joinedAt: z.string().max(40) }).strict();

export const ExportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.string().max(40),
    source: z.object({ programId: Id, orgId: Id, orgName: z.string().max(500) }).strict(),
    program: rowSchema(PROGRAM_COLUMNS),
    people: z.array(PersonSchema),
    members: z.array(MemberSchema),
    officeTeams: z.array(z.object({ id: Id, key: z.enum(["new_cx", "call_center", "analytics"]) }).strict()),
    tables: z.object(Object.fromEntries(EXPORT_TABLES.map((s) => [s.table, z.array(rowSchema(s.columns))]))).strict(),
    docs: z.array(z.object({ name: z.string().min(3).max(140), state: Base64 }).strict()),
    files: z.array(
      z
        .object({
          path: z.string().min(1).max(500),
          size: z.number().int().min(0),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          data: Base64,
        })
        .strict(),
    ),
  })
  .strict();

/** A program export as written and read (tables as plain rows). */
export interface ProgramExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  source: { programId: string; orgId: string; orgName: string };
  program: Row;
  people: z.infer<typeof PersonSchema>[];
  members: z.infer<typeof MemberSchema>[];
  officeTeams: { id: string; key: "new_cx" | "call_center" | "analytics" }[];
  tables: Record<string, Row[]>;
  docs: { name: string; state: string }[];
  files: { path: string; size: number; sha256: string; data: string }[];
}

export type MemberOutcome = "added" | "owner" | "skipped";

/** What an import did (or, previewed, would do). */
export interface ImportSummary {
  program: { name: string; nameEn: string | null; description: string };
  source: { orgName: string; exportedAt: string };
  /** Rows per table that are (or would be) written. */
  tables: Record<string, number>;
  rows: number;
  docs: number;
  files: number;
  fileBytes: number;
  /** The program's members: added with their role, the importer as owner, or skipped (no account in the organisation). */
  members: { email: string; name: string; role: string; outcome: MemberOutcome }[];
  /** People named in the file who have no account in the target organisation (their references are cleared). */
  unknownPeople: { email: string; name: string }[];
  /** Rows left out per table because the person they need has no account in the organisation. */
  dropped: Record<string, number>;
}

export interface ImportResult extends ImportSummary {
  programId: string;
}
