/**
 * Opens the database named by a URL: a SQLite file path (default) or postgres://….
 * SQLite runs in WAL mode with synchronous=NORMAL: durable against a process crash.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "postgres";

export interface DbHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle when on SQLite (fast synchronous paths, e.g. the update log). */
  sqlite: SQLite.Database | null;
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

// Postgres returns BIGINT (int8) and NUMERIC as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 compiles SQL on every prepare(); Kysely prepares every query it runs. Reusing the
 * compiled statement for the same SQL text removes that cost from every request. (Safe because
 * statements run to completion synchronously; Kysely's streaming `iterate` is not used here.)
 *
 * Kysely opens transactions with a plain (deferred) `begin`. A deferred transaction that reads
 * and then writes fails at once with "database is locked" when another process (a CLI, a test,
 * a second instance) is writing, because SQLite cannot wait for a lock upgrade without risking a
 * deadlock. `begin immediate` takes the write lock up front, so busy_timeout applies and the
 * transaction waits its turn instead.
 */
function withStatementCache(sqlite: SQLite.Database): { prepare: SQLite.Database["prepare"]; close: () => void } {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = ((text: string) => {
    const source = text === "begin" ? "begin immediate" : text;
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  }) as SQLite.Database["prepare"];
  return { prepare, close: () => sqlite.close() };
}

export function openDatabase(url: string): DbHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: "postgres",
      sqlite: null,
      pgPool: pool,
      close: () => db.destroy(),
    };
  }
  const file = url.replace(/^sqlite:(\/\/)?/i, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: "sqlite",
    sqlite,
    pgPool: null,
    close: () => db.destroy(),
  };
}
