/**
 * The bridge from models (HTTP actions, seeds, imports) to live documents. The collaboration
 * server registers itself here at start-up; a model that must change a document (a facilitator
 * action decided on the server, the demo seed, an import) calls changeDoc, and the update goes
 * through the same room code path as a client's: appended to the update log, then broadcast.
 *
 * It lives on globalThis because the Remix bundle and the server (run by tsx) load this module
 * separately, and must share one registration.
 */
import * as Y from "yjs";

export interface LiveDocs {
  /** Applies a Yjs update to the named document as the server: logged, then broadcast. */
  applyUpdate(docName: string, update: Uint8Array): Promise<void>;
  /** The document's current state as one update (loading it if it is not open). */
  readState(docName: string): Promise<Uint8Array>;
  /** Runs `read` on the live document itself, without copying it; `read` must not change it. */
  read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
}

const g = globalThis as typeof globalThis & { __cxLiveDocs?: LiveDocs };

export function registerLiveDocs(impl: LiveDocs | undefined): void {
  g.__cxLiveDocs = impl;
}

export function liveDocs(): LiveDocs {
  if (!g.__cxLiveDocs) throw new Error("live documents are not available: the collaboration server is not running");
  return g.__cxLiveDocs;
}

/** Reads a document in place (loading it if it is not open): `read` must not change it. */
export async function readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
  return liveDocs().read(docName, read);
}

/** Changes a document on the server's behalf: runs `change` on a copy and applies the resulting update. */
export async function changeDoc(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  const docs = liveDocs();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await docs.readState(docName));
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  doc.transact(() => change(doc), "server");
  doc.destroy();
  // No update event: the change changed nothing, so nothing is logged or broadcast.
  if (updates.length > 0) await docs.applyUpdate(docName, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
}
