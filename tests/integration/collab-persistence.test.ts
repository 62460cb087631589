/**
 * The update log, snapshots and room lifecycle on every dialect (SQLite and Postgres): appends come
 * back in order, compaction replaces the log by a snapshot in one step, and a room reloaded from
 * the store has exactly the state it had (compared byte for byte after a fresh-doc round trip).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createUpdateStore, type UpdateStore } from "../../server/collab/persistence";
import { Room } from "../../server/collab/room";
import type { DocKind, DocTarget } from "../../server/collab/registry";
import type { CollabLimits } from "../../server/collab/limits";
import { createTestDb, dialects, type TestDb } from "../helpers/db";

const kind: DocKind = { kind: "test", resolve: async () => null, canView: () => true, canEdit: () => true, restore: () => {} };
const limits = (compactUpdates: number): CollabLimits => ({
  maxFrameBytes: 1 << 20,
  maxMessagesPerSec: 1000,
  maxBufferedBytes: 1 << 24,
  idleUnloadMs: 0,
  compactUpdates,
  compactBytes: 1 << 30,
  accessRecheckMs: 1000,
  projectionDebounceMs: 0,
});
const target = (docName: string): DocTarget => ({ docName, kind: "test", id: docName, programId: "p", orgId: "o" });

function canonical(state: Uint8Array): Uint8Array {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return Y.encodeStateAsUpdate(d);
}

/** Edits made in a client doc, each captured as the update a client would send. */
function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i++) {
    doc.getText("t").insert(doc.getText("t").length, `line ${i}\n`);
    if (i % 4 === 3) doc.getText("t").delete(0, 3);
  }
  return out;
}

describe.each(dialects())("collab persistence on %s", (dialect) => {
  let t: TestDb;
  let store: UpdateStore;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    store = createUpdateStore(t.handle);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("appends in order and compacts the log into a snapshot in one step", async () => {
    const updates = edits(10);
    const seqs: number[] = [];
    for (const u of updates) seqs.push(await store.append("doc-a", u));
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const loaded = await store.load("doc-a");
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map((u) => Buffer.from(u).toString("hex"))).toEqual(updates.map((u) => Buffer.from(u).toString("hex")));
    expect(loaded.lastSeq).toBe(seqs[seqs.length - 1]);

    const merged = Y.mergeUpdates(updates);
    await store.compact("doc-a", merged, seqs[seqs.length - 4]);
    const after = await store.load("doc-a");
    expect(after.snapshot && Buffer.from(after.snapshot).toString("hex")).toBe(Buffer.from(merged).toString("hex"));
    expect(after.updates).toHaveLength(3);
    expect(after.lastSeq).toBe(seqs[seqs.length - 1]);
    // Another doc's log is untouched.
    await store.append("doc-b", updates[0]);
    expect((await store.load("doc-b")).updates).toHaveLength(1);
  });

  it("a room logs every server change, compacts past the threshold, and reloads byte-for-byte", async () => {
    const room = new Room(target("doc-room"), kind, store, limits(5), () => {});
    await room.ready;
    for (const u of edits(23)) await room.applyServerUpdate(u);
    const expected = canonical(await room.durableState());
    const stored = await store.load("doc-room");
    expect(stored.snapshot).not.toBeNull(); // the threshold (5) was crossed
    expect(stored.updates.length).toBeLessThan(5);
    await room.unload();
    const compacted = await store.load("doc-room");
    expect(compacted.updates).toHaveLength(0);

    const again = new Room(target("doc-room"), kind, store, limits(5), () => {});
    await again.ready;
    expect(canonical(Y.encodeStateAsUpdate(again.doc))).toEqual(expected);
    await again.unload();
  });

  it("does not log a change that adds nothing new", async () => {
    const room = new Room(target("doc-dup"), kind, store, limits(1000), () => {});
    await room.ready;
    const [first] = edits(1);
    await room.applyServerUpdate(first);
    await room.applyServerUpdate(first);
    expect((await store.load("doc-dup")).updates).toHaveLength(1);
    await room.unload();
  });

  it("an update accepted while an app transaction is open is logged outside it: a rollback cannot take it away", async () => {
    const room = new Room(target("doc-tx"), kind, store, limits(1000), () => {});
    await room.ready;
    const [first, second] = edits(2);
    await room.applyServerUpdate(first);
    let applied: Promise<void> | null = null;
    await expect(
      t.handle.db.transaction().execute(async (tx) => {
        await tx.selectFrom("doc_updates").select("seq").execute();
        applied = room.applyServerUpdate(second);
        // Give the room several turns to flush while the transaction is still open.
        await new Promise((r) => setTimeout(r, 20));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await applied;
    expect((await store.load("doc-tx")).updates).toHaveLength(2);
    await room.unload();
  });

  it("an update accepted during a run of back-to-back app transactions is logged right after the current one, not after the run", async () => {
    const room = new Room(target("doc-busy"), kind, store, limits(1000), () => {});
    await room.ready;
    const [first] = edits(1);
    let finished = 0;
    let finishedWhenLogged = -1;
    const run = (async () => {
      for (let i = 0; i < 40; i++) {
        await t.handle.db.transaction().execute(async (tx) => {
          await tx.selectFrom("doc_updates").select("seq").execute();
          // Work that yields to the event loop while the transaction is open (I/O, streaming progress).
          await new Promise((r) => setImmediate(r));
          await tx.selectFrom("doc_snapshots").select("doc_name").execute();
        });
        finished++;
      }
    })();
    // Once the run is under way, a change arrives: it must not wait for all 40 transactions.
    while (finished === 0) await new Promise((r) => setImmediate(r));
    await room.applyServerUpdate(first).then(() => (finishedWhenLogged = finished));
    await run;
    expect((await store.load("doc-busy")).updates).toHaveLength(1);
    expect(finishedWhenLogged).toBeGreaterThanOrEqual(1);
    expect(finishedWhenLogged).toBeLessThan(40);
    await room.unload();
  });
});
