/**
 * The doc-kind registry: what a live-document name's kind means. Each feature registers its kind
 * (brief, vision, journey…) with how to find the artefact, who may view and edit it, how to
 * project it into read-model rows, and how to restore a named version of it.
 */
import type * as Y from "yjs";
import type { ProgramAccess } from "../../app/models/permissions";

/** The artefact a doc name points at. */
export interface DocTarget {
  docName: string;
  kind: string;
  id: string;
  programId: string;
  orgId: string;
}

export interface DocKind {
  kind: string;
  /** Finds the artefact; null when there is no such thing (the upgrade answers 404). */
  resolve(id: string): Promise<{ programId: string; orgId: string } | null>;
  canView(access: ProgramAccess): boolean;
  /** May this user change the doc now? (The target lets a kind consult per-artefact state, e.g. a board lock.) */
  canEdit(access: ProgramAccess, target: DocTarget): boolean | Promise<boolean>;
  /** Derives read-model rows from the doc: one transaction, idempotent. Run debounced and on unload. */
  project?(doc: Y.Doc, target: DocTarget): Promise<void>;
  /** Changes `doc` (a copy of the live doc) so its content equals `version`'s: restoring a named version. */
  restore(doc: Y.Doc, version: Y.Doc): void;
}

const kinds = new Map<string, DocKind>();

export function registerDocKind(def: DocKind): void {
  kinds.set(def.kind, def);
}

export function docKind(kind: string): DocKind | undefined {
  return kinds.get(kind);
}

/** Resolves a parsed doc name through its kind; null for an unknown kind or artefact. */
export async function resolveDoc(doc: { name: string; kind: string; id: string }): Promise<{ target: DocTarget; def: DocKind } | null> {
  const def = kinds.get(doc.kind);
  if (!def) return null;
  const found = await def.resolve(doc.id);
  if (!found) return null;
  return { def, target: { docName: doc.name, kind: doc.kind, id: doc.id, ...found } };
}
