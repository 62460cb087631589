/**
 * An id-insensitive canonical form of a program export, to compare an export with the export of
 * its import: every row id becomes a label derived from the row's content (its columns with the
 * rows it points at replaced by their labels, recursively), people become their email, files
 * their SHA-256, office teams their key; every string that contains a known id (JSON, mention
 * tokens, ids recorded inside documents) has it replaced by its label; live documents are read
 * with the app's own content readers. Rows are then sorted, so two exports of the same content
 * are equal whatever ids and row order they carry.
 */
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { BRIEF_FIELDS } from "../../app/models/brief";
import { readJourneyContent } from "../../app/models/journey-doc";
import type { ProgramExportFile } from "../../app/models/program-export-format";
import { EXPORT_TABLES, PROGRAM_COLUMNS, type Col, type Row, type TableName } from "../../app/models/program-export-spec";
import { readBoardContent, readControlState } from "../../app/models/vision-doc";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function hash(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

export function docContent(kind: string, state: Uint8Array): unknown {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  try {
    if (kind === "brief") return Object.fromEntries(BRIEF_FIELDS.map((f) => [f, doc.getText(f).toString()]));
    if (kind === "vision") return readBoardContent(doc);
    if (kind === "vision-control") {
      // Who is done with a section is a set (rows written at the same moment come back in any order).
      const state = readControlState(doc);
      return { ...state, done: Object.fromEntries(Object.entries(state.done).map(([k, v]) => [k, [...v].sort()])) };
    }
    if (kind === "journey") return readJourneyContent(doc);
    throw new Error(`unknown document kind ${kind}`);
  } finally {
    doc.destroy();
  }
}

export interface Canonical {
  program: Row;
  members: unknown[];
  people: string[];
  tables: Record<string, unknown[]>;
  docs: Record<string, unknown>;
}

export function canonicalExport(file: ProgramExportFile): Canonical {
  const labels = new Map<string, string>();
  labels.set(String(file.program.id), "program");
  labels.set(file.source.orgId, "org");
  for (const p of file.people) labels.set(p.id, `user:${p.email}`);
  for (const t of file.officeTeams) labels.set(t.id, `team:${t.key}`);
  const fileHash = new Map(file.files.map((f) => [f.path, `file:${f.sha256}`]));

  const relabel = (text: string) => text.replace(UUID, (id) => labels.get(id) ?? id);
  const deep = (value: unknown): unknown => {
    if (typeof value === "string") return relabel(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [relabel(k), deep(v)]));
    }
    return value;
  };
  const docName = (name: string) => {
    const at = name.indexOf(":");
    return `${name.slice(0, at)}:${labels.get(name.slice(at + 1)) ?? name.slice(at + 1)}`;
  };
  const value = (col: Col, v: unknown, row: Row): unknown => {
    if (v === null || v === undefined) return null;
    switch (col.k) {
      case "file":
        return fileHash.get(String(v)) ?? null;
      case "doc":
        return docName(String(v));
      case "bin": {
        const kind = String(row.doc_name).split(":")[0];
        return deep(docContent(kind, new Uint8Array(Buffer.from(String(v), "base64"))));
      }
      case "id":
        return null;
      case "num":
      case "int":
        return v;
      default:
        return typeof v === "string" ? (labels.get(v) ?? relabel(v)) : v;
    }
  };
  const order = new Map(EXPORT_TABLES.map((s, i) => [s.table, i]));
  /** Columns pointing at this table or a later one are left out of the label (not labelled yet). */
  const forward = (table: TableName, col: Col): boolean =>
    col.k === "ref" && (order.get(col.table) ?? -1) >= (order.get(table) ?? 0);

  // Labels, parents first.
  for (const spec of EXPORT_TABLES) {
    if (!("id" in spec.columns)) continue;
    for (const row of file.tables[spec.table]) {
      const content = Object.entries(spec.columns)
        .filter(([, c]) => !forward(spec.table, c))
        .map(([n, c]) => [n, value(c, row[n], row)]);
      labels.set(String(row.id), `${spec.table}:${hash(content)}`);
    }
  }

  const tables: Record<string, unknown[]> = {};
  for (const spec of EXPORT_TABLES) {
    tables[spec.table] = file.tables[spec.table]
      .map((row) => {
        const out: Row = {};
        for (const [n, c] of Object.entries(spec.columns)) out[n] = c.k === "id" ? labels.get(String(row.id)) : value(c, row[n], row);
        return out;
      })
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }

  const program: Row = {};
  for (const [n, c] of Object.entries(PROGRAM_COLUMNS)) program[n] = c.k === "id" ? "program" : value(c, file.program[n], file.program);

  const docs: Record<string, unknown> = {};
  for (const d of file.docs) {
    const kind = d.name.split(":")[0];
    docs[docName(d.name)] = deep(docContent(kind, new Uint8Array(Buffer.from(d.state, "base64"))));
  }

  return {
    program,
    members: [...file.members].sort((a, b) => (a.email < b.email ? -1 : 1)),
    people: file.people.map((p) => p.email).sort(),
    tables,
    docs,
  };
}
