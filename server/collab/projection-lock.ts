/**
 * The transaction a document's projection writes its read-model rows in. Several instances may
 * hold the same doc and project it (each after its own and the others' changes): on Postgres the
 * transaction first takes `pg_advisory_xact_lock(PROJECTION_LOCK_CLASS, hashtext(docName))`, so
 * two projections of one doc never interleave — one writes all its rows, then the other writes
 * all of its own. Every instance converges on the same doc, so the last projection written is of
 * the converged state. On SQLite (one connection, one instance) a transaction is already exclusive.
 */
import { sql, type Kysely } from "kysely";
import { dbHandle } from "../../app/db.server";
import type { Database } from "../../db/schema";

/** First key of the projection locks (the compaction lock is the one-key `hashtext(doc_name)`). */
export const PROJECTION_LOCK_CLASS = 0x43580001;

export function projectionTransaction<T>(docName: string, write: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = dbHandle();
  return handle.db.transaction().execute(async (tx) => {
    if (handle.dialect === "postgres") {
      await sql`select pg_advisory_xact_lock(${PROJECTION_LOCK_CLASS}::int, hashtext(${docName}))`.execute(tx);
    }
    return write(tx);
  });
}
