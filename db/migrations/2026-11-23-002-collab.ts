/**
 * Live documents: the append-only update log (source of truth), one compacted snapshot per doc,
 * named versions, and the program brief's read model (the brief doc's projection).
 */
import type { Kysely } from "kysely";
import { binaryType, isPostgres, serialType } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("doc_updates")
    // SQLite: AUTOINCREMENT so a seq is never reused after compaction deletes the log's tail.
    .addColumn("seq", serialType(db), (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("doc_name", "text", (c) => c.notNull())
    .addColumn("update_data", binaryType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("doc_updates_doc_seq_idx").on("doc_updates").columns(["doc_name", "seq"]).execute();

  await db.schema
    .createTable("doc_snapshots")
    .addColumn("doc_name", "text", (c) => c.primaryKey())
    .addColumn("state", binaryType(db), (c) => c.notNull())
    .addColumn("through_seq", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("doc_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("doc_name", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("state", binaryType(db), (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("doc_versions_doc_idx").on("doc_versions").columns(["doc_name", "created_at"]).execute();

  await db.schema
    .createTable("program_briefs")
    .addColumn("program_id", "text", (c) => c.primaryKey().references("programs.id").onDelete("cascade"))
    .addColumn("ambition", "text", (c) => c.notNull())
    .addColumn("customers_scope", "text", (c) => c.notNull())
    .addColumn("success_measures", "text", (c) => c.notNull())
    .addColumn("constraints", "text", (c) => c.notNull())
    .addColumn("team_agreements", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("program_briefs").execute();
  await db.schema.dropTable("doc_versions").execute();
  await db.schema.dropTable("doc_snapshots").execute();
  await db.schema.dropTable("doc_updates").execute();
}
