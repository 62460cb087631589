/**
 * The process-wide database handle. It lives on globalThis so the Express server (run by tsx)
 * and the Remix server bundle share one connection pool instead of opening two.
 */
import type { Kysely } from "kysely";
import { openDatabase, type DbHandle } from "../db/dialect";
import type { Database } from "../db/schema";
import { env } from "./env.server";

const g = globalThis as typeof globalThis & { __cxDb?: DbHandle };

export function setDbHandle(handle: DbHandle | undefined): void {
  g.__cxDb = handle;
}

export function dbHandle(): DbHandle {
  return (g.__cxDb ??= openDatabase(env().DATABASE_URL));
}

export function db(): Kysely<Database> {
  return dbHandle().db;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function newId(): string {
  return crypto.randomUUID();
}
