import { Migrator, sql, type Kysely, type MigrationProvider } from "kysely";
import { isPostgres } from "./migrations/helpers";
import { migrations } from "./migrations/index";

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema to the latest migration; concurrent callers are serialised by Kysely's lock.
 * On Postgres the migration tables are looked up in the connection's current schema: Kysely's
 * introspection lists every schema, so without this a database where another schema already has
 * `kysely_migration*` (e.g. parallel test schemas) would skip creating its own and fail.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Kysely looks for its tables by listing every schema's tables and columns; a schema or table
  // dropped by someone else in the middle of that listing (parallel test schemas) fails it with
  // 'schema "…" does not exist' or 'column "…" of relation "…" does not exist'. No migration has
  // run at that point, so trying again is safe; a migration's own failure is never retried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db);
    } catch (error) {
      const listingRaced =
        error instanceof BeforeMigrationsError && /(schema|relation|column) "[^"]+"( of relation "[^"]+")? does not exist/.test(error.message);
      if (!listingRaced || attempt >= 3) throw error instanceof BeforeMigrationsError && error.cause instanceof Error ? error.cause : error;
    }
  }
}

/** Kysely failed before running any migration (while finding or creating its own tables). */
class BeforeMigrationsError extends Error {
  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function migrateOnce(db: Kysely<any>): Promise<void> {
  let migrationTableSchema: string | undefined;
  if (isPostgres(db)) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
  }
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Error") console.error(`[db] migration ${r.migrationName} failed`);
  }
  if (error) {
    if (!(results ?? []).some((r) => r.status === "Error")) throw new BeforeMigrationsError(error);
    throw error instanceof Error ? error : new Error(String(error));
  }
}
