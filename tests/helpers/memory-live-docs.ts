/**
 * A test double for the collaboration server's side of app/models/live-docs.server.ts: documents
 * held in memory, updates applied in order. Only for tests of models that read or change live
 * documents; the real implementation is the socket server's rooms.
 */
import * as Y from "yjs";
import { registerLiveDocs, type LiveDocs } from "../../app/models/live-docs.server";

export interface MemoryLiveDocs extends LiveDocs {
  docs: Map<string, Y.Doc>;
  /** Every update applied, in order, per document. */
  log: Map<string, Uint8Array[]>;
  doc(name: string): Y.Doc;
}

export function memoryLiveDocs(): MemoryLiveDocs {
  const docs = new Map<string, Y.Doc>();
  const log = new Map<string, Uint8Array[]>();
  const doc = (name: string) => {
    let d = docs.get(name);
    if (!d) docs.set(name, (d = new Y.Doc()));
    return d;
  };
  return {
    docs,
    log,
    doc,
    async applyUpdate(name, update) {
      await Promise.resolve();
      Y.applyUpdate(doc(name), update, "server");
      (log.get(name) ?? log.set(name, []).get(name)!).push(update);
    },
    async readState(name) {
      await Promise.resolve();
      return Y.encodeStateAsUpdate(doc(name));
    },
    async read(name, read) {
      await Promise.resolve();
      return read(doc(name));
    },
  };
}

/** Registers a fresh in-memory implementation and returns it. */
export function useMemoryLiveDocs(): MemoryLiveDocs {
  const impl = memoryLiveDocs();
  registerLiveDocs(impl);
  return impl;
}
