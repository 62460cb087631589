/**
 * The update log and snapshots of live documents, on SQLite or Postgres.
 *
 * The log is the source of truth: a room appends every accepted batch (one merged update) before
 * it broadcasts it. On SQLite the raw better-sqlite3 handle appends synchronously (WAL,
 * synchronous=NORMAL: durable against a process crash) inside the room's event-loop turn; on
 * Postgres one INSERT per batch. Compaction merges the log into the snapshot in one transaction.
 *
 * Postgres may be shared by several instances. Their compactions of one doc are serialised by
 * `pg_advisory_xact_lock(hashtext(doc_name))` inside the compaction transaction, and the rooms
 * compact with compactFromLog: the snapshot and log rows are read under the lock, merged, and
 * written back as the snapshot through the highest seq read — never a room's doc in memory,
 * which may lack updates another instance logged and has not yet published. Only the rows that
 * were merged are deleted: a row with a lower seq that commits late (seqs are allocated before
 * commit) stays in the log and is merged next time (loads read every row left, whatever its seq).
 *
 * SQLite has one connection, shared with the app's Kysely transactions (an import, a CSV commit).
 * An append made while such a transaction is open would join it: invisible to a crash until the
 * commit, and gone if it rolls back. So while the connection is inside a transaction, the append
 * (or compaction) queues for the connection behind it on Kysely's connection mutex — first come,
 * first served, no polling — and runs right after the transaction ends (a promise, as on
 * Postgres); the room broadcasts only after that. No transaction in the app waits on a live
 * document, so the queue always drains.
 */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import * as Y from "yjs";
import type { DbHandle } from "../../db/dialect";

export interface StoredDoc {
  /** The compacted snapshot, if the doc was ever compacted. */
  snapshot: Uint8Array | null;
  /** Updates logged after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The seq of the newest logged update (0 if none). */
  lastSeq: number;
  /** Size of the log after the snapshot, for the compaction threshold. */
  logBytes: number;
}

export interface UpdateStore {
  load(docName: string): Promise<StoredDoc>;
  /** Appends one update; returns its seq. Synchronous on SQLite, a promise on Postgres. */
  append(docName: string, update: Uint8Array): number | Promise<number>;
  /** Replaces the snapshot with `state` and deletes the log up to `throughSeq`, in one transaction. */
  compact(docName: string, state: Uint8Array, throughSeq: number): void | Promise<void>;
  /**
   * Shared stores only (Postgres): merges the stored snapshot and log into a new snapshot under a
   * per-doc advisory lock. Rooms use it instead of compact() when it is there.
   */
  compactFromLog?(docName: string): Promise<void>;
}

const toBytes = (b: Uint8Array | Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function sqliteStore(sqlite: SQLite.Database, db: DbHandle["db"]): UpdateStore {
  /** Runs `write` now, or — while a transaction holds the connection — right after it, holding the connection. */
  const outsideTransactions = <T>(write: () => T): T | Promise<T> =>
    sqlite.inTransaction ? db.connection().execute(async () => write()) : write();
  const insert = sqlite.prepare("insert into doc_updates (doc_name, update_data) values (?, ?)");
  const selectSnapshot = sqlite.prepare("select state, through_seq from doc_snapshots where doc_name = ?");
  const selectUpdates = sqlite.prepare("select seq, update_data from doc_updates where doc_name = ? order by seq").raw(true);
  const upsertSnapshot = sqlite.prepare(
    `insert into doc_snapshots (doc_name, state, through_seq, updated_at) values (?, ?, ?, ?)
     on conflict (doc_name) do update set state = excluded.state, through_seq = excluded.through_seq, updated_at = excluded.updated_at`,
  );
  const deleteThrough = sqlite.prepare("delete from doc_updates where doc_name = ? and seq <= ?");
  const compact = sqlite.transaction((docName: string, state: Uint8Array, throughSeq: number) => {
    upsertSnapshot.run(docName, Buffer.from(state.buffer, state.byteOffset, state.byteLength), throughSeq, new Date().toISOString());
    deleteThrough.run(docName, throughSeq);
  });
  return {
    async load(docName) {
      const snap = selectSnapshot.get(docName) as { state: Buffer; through_seq: number } | undefined;
      const rows = selectUpdates.all(docName) as [number, Buffer][];
      let logBytes = 0;
      const updates = rows.map(([, data]) => {
        logBytes += data.byteLength;
        return toBytes(data);
      });
      const lastSeq = rows.length > 0 ? rows[rows.length - 1][0] : Number(snap?.through_seq ?? 0);
      return { snapshot: snap ? toBytes(snap.state) : null, updates, lastSeq, logBytes };
    },
    append(docName, update) {
      return outsideTransactions(() => Number(insert.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength)).lastInsertRowid));
    },
    compact(docName, state, throughSeq) {
      return outsideTransactions(() => compact(docName, state, throughSeq));
    },
  };
}

function postgresStore(handle: DbHandle): UpdateStore {
  const db = handle.db;
  return {
    async load(docName) {
      const snap = await db
        .selectFrom("doc_snapshots")
        .select(["state", "through_seq"])
        .where("doc_name", "=", docName)
        .executeTakeFirst();
      const rows = await db
        .selectFrom("doc_updates")
        .select(["seq", "update_data"])
        .where("doc_name", "=", docName)
        .orderBy("seq")
        .execute();
      let logBytes = 0;
      const updates = rows.map((r) => {
        logBytes += r.update_data.byteLength;
        return toBytes(r.update_data);
      });
      const lastSeq = rows.length > 0 ? Number(rows[rows.length - 1].seq) : Number(snap?.through_seq ?? 0);
      return { snapshot: snap ? toBytes(snap.state) : null, updates, lastSeq, logBytes };
    },
    async append(docName, update) {
      const row = await db
        .insertInto("doc_updates")
        .values({ doc_name: docName, update_data: Buffer.from(update.buffer, update.byteOffset, update.byteLength) })
        .returning("seq")
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    },
    async compact(docName, state, throughSeq) {
      const buf = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
      const now = new Date().toISOString();
      await db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${docName}))`.execute(tx);
        await tx
          .insertInto("doc_snapshots")
          .values({ doc_name: docName, state: buf, through_seq: throughSeq, updated_at: now })
          .onConflict((oc) => oc.column("doc_name").doUpdateSet({ state: buf, through_seq: throughSeq, updated_at: now }))
          .execute();
        await tx.deleteFrom("doc_updates").where("doc_name", "=", docName).where("seq", "<=", throughSeq).execute();
      });
    },
    async compactFromLog(docName) {
      await db.transaction().execute(async (tx) => {
        // Two instances never compact one doc at once; the second waits, then finds a short log.
        await sql`select pg_advisory_xact_lock(hashtext(${docName}))`.execute(tx);
        const rows = await tx
          .selectFrom("doc_updates")
          .select(["seq", "update_data"])
          .where("doc_name", "=", docName)
          .orderBy("seq")
          .execute();
        if (rows.length === 0) return;
        const snap = await tx
          .selectFrom("doc_snapshots")
          .select(["state", "through_seq"])
          .where("doc_name", "=", docName)
          .executeTakeFirst();
        const doc = new Y.Doc();
        let state: Uint8Array;
        try {
          doc.transact(() => {
            if (snap) Y.applyUpdate(doc, toBytes(snap.state));
            for (const r of rows) Y.applyUpdate(doc, toBytes(r.update_data));
          });
          state = Y.encodeStateAsUpdate(doc);
        } finally {
          doc.destroy();
        }
        const seqs = rows.map((r) => Number(r.seq));
        const through = Math.max(seqs[seqs.length - 1], Number(snap?.through_seq ?? 0));
        const buf = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
        const now = new Date().toISOString();
        await tx
          .insertInto("doc_snapshots")
          .values({ doc_name: docName, state: buf, through_seq: through, updated_at: now })
          .onConflict((oc) => oc.column("doc_name").doUpdateSet({ state: buf, through_seq: through, updated_at: now }))
          .execute();
        await tx
          .deleteFrom("doc_updates")
          .where("doc_name", "=", docName)
          .where(sql<boolean>`seq = any(${seqs}::bigint[])`)
          .execute();
      });
    },
  };
}

export function createUpdateStore(handle: DbHandle): UpdateStore {
  return handle.sqlite ? sqliteStore(handle.sqlite, handle.db) : postgresStore(handle);
}
