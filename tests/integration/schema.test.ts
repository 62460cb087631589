/**
 * The hand-written Database interface (db/schema.ts) must agree with what the migrations create,
 * on both dialects. COLUMNS is checked against the interface by the type checker (every table and
 * every column must be listed), and against the real databases at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { createTestDb, dialects, type TestDb } from "../helpers/db";

const COLUMNS = {
  users: ["id", "email", "name", "password_hash", "locale", "active_org_id", "created_at"],
  sessions: ["id", "user_id", "created_at", "expires_at", "user_agent"],
  login_throttle: ["key", "failures", "window_start", "locked_until"],
  organizations: ["id", "name", "name_en", "created_by", "created_at"],
  org_members: ["org_id", "user_id", "role", "created_at"],
  programs: ["id", "org_id", "name", "name_en", "description", "created_by", "created_at", "archived_at"],
  program_members: ["program_id", "user_id", "role", "created_at"],
  invites: [
    "id", "token_hash", "org_id", "program_id", "email", "role", "invited_by",
    "created_at", "expires_at", "accepted_at", "accepted_by", "revoked_at",
  ],
  audit_log: [
    "id", "org_id", "program_id", "actor_id", "entity_type", "entity_id", "action",
    "before_summary", "after_summary", "created_at",
  ],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T])[] };

// Every column of the interface is listed (the type checker fails here otherwise).
type Unlisted = { [T in keyof Database]: Exclude<keyof Database[T], (typeof COLUMNS)[T][number]> }[keyof Database];
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;

describe.each(dialects())("schema on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("has exactly the tables and columns the Database interface describes", async () => {
    expect(everyColumnListed).toBe(true);
    const tables = await t.handle.db.introspection.getTables();
    const actual = Object.fromEntries(
      tables.filter((tb) => !tb.name.startsWith("kysely_")).map((tb) => [tb.name, tb.columns.map((c) => c.name).sort()]),
    );
    const expected = Object.fromEntries(Object.entries(COLUMNS).map(([k, v]) => [k, [...v].sort()]));
    expect(actual).toEqual(expected);
  });

  it("migrations run again without error (idempotent up)", async () => {
    const { migrateToLatest } = await import("../../db/migrate");
    await expect(migrateToLatest(t.handle.db)).resolves.toBeUndefined();
  });
});
