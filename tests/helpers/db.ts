/**
 * Test databases on both dialects. SQLite: a fresh file per call. Postgres: a fresh schema per call
 * in TEST_DATABASE_URL (search_path set on every connection), dropped by cleanup().
 * Without TEST_DATABASE_URL, Postgres tests skip loudly outside CI and fail under CI=true.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";

export interface TestDb {
  handle: DbHandle;
  /** A DATABASE_URL another process (the real server) can open to reach the same data. */
  url: string;
  cleanup(): Promise<void>;
}

export const PG_URL = process.env.TEST_DATABASE_URL;

export function postgresAvailable(): boolean {
  if (PG_URL) return true;
  if (process.env.CI === "true") throw new Error("CI=true but TEST_DATABASE_URL is not set: Postgres tests must run in CI");
  console.warn("\n!!! TEST_DATABASE_URL is not set: SKIPPING the Postgres variant of the database tests !!!\n");
  return false;
}

/** The dialects the database tests run on. */
export function dialects(): ("sqlite" | "postgres")[] {
  return postgresAvailable() ? ["sqlite", "postgres"] : ["sqlite"];
}

export function tmpSqlitePath(label = "test"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cx-${label}-`));
  return path.join(dir, "cx.sqlite");
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

export async function createTestDb(dialect: "sqlite" | "postgres", opts: { migrate?: boolean } = {}): Promise<TestDb> {
  if (dialect === "sqlite") {
    const file = tmpSqlitePath();
    const handle = openDatabase(file);
    if (opts.migrate !== false) await migrateToLatest(handle.db);
    return {
      handle,
      url: file,
      cleanup: async () => {
        await handle.close();
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `t_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = withSearchPath(PG_URL, schema);
  const handle = openDatabase(url);
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return {
    handle,
    url,
    cleanup: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
