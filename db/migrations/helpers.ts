/** Dialect-neutral column helpers for migrations (frozen: migrations must not import app code). */
import { PostgresAdapter, type Kysely } from "kysely";

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Binary column type: bytea on Postgres, blob on SQLite. */
export function binaryType(db: Kysely<any>): "bytea" | "blob" {
  return isPostgres(db) ? "bytea" : "blob";
}

/** An auto-increasing 64-bit id: bigserial on Postgres, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite. */
export function serialType(db: Kysely<any>): "bigserial" | "integer" {
  return isPostgres(db) ? "bigserial" : "integer";
}
