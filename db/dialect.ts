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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: "sqlite",
    sqlite,
    pgPool: null,
    close: () => db.destroy(),
  };
}
