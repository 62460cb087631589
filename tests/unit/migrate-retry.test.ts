/**
 * migrateToLatest retries when Kysely's listing of every schema's tables races with another
 * schema being dropped (parallel test schemas on one Postgres), and never retries a failure of a
 * migration itself.
 */
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type DatabaseIntrospector, type Kysely as KyselyType } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";

/** A SQLite database whose table listing fails the first `failures` times with `message`. */
function racingDb(failures: number, message: string) {
  let calls = 0;
  class RacingDialect extends SqliteDialect {
    createIntrospector(db: KyselyType<any>): DatabaseIntrospector {
      const real = super.createIntrospector(db);
      return {
        getSchemas: () => real.getSchemas(),
        getMetadata: (o) => real.getMetadata(o),
        getTables: async (o) => {
          calls++;
          if (calls <= failures) throw new Error(message);
          return real.getTables(o);
        },
      };
    }
  }
  const db = new Kysely<any>({ dialect: new RacingDialect({ database: new SQLite(":memory:") }) });
  return { db, calls: () => calls };
}

const RACE = 'column "title" of relation "journey_evidence" does not exist';

describe("migrateToLatest", () => {
  it("tries again when the listing of tables races with a dropped schema, and migrates", async () => {
    const { db, calls } = racingDb(1, RACE);
    await migrateToLatest(db);
    expect(calls()).toBeGreaterThan(1);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain("journey_evidence");
    await db.destroy();
  });

  it("gives up after three attempts with the original error", async () => {
    const { db } = racingDb(10, RACE);
    await expect(migrateToLatest(db)).rejects.toThrow(RACE);
    await db.destroy();
  });

  it("does not retry other failures", async () => {
    const { db, calls } = racingDb(10, "disk I/O error");
    await expect(migrateToLatest(db)).rejects.toThrow("disk I/O error");
    expect(calls()).toBe(1);
    await db.destroy();
  });
});
