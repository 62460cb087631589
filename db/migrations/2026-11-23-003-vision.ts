/**
 * Step 1, define the vision: workshop boards (their facilitation state: lock, anonymous mode,
 * agenda, shared timer, "done" signals), dot-voting rounds with per-person ballots, evidence
 * attached to a board, and the output: one draft per program plus immutable numbered versions
 * with their quality standards. The sticky notes themselves live in the board's live document.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vision_boards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("current_section_id", "text")
    .addColumn("timer_running", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("timer_ends_at_ms", "bigint")
    .addColumn("timer_remaining_ms", "bigint")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema.createIndex("vision_boards_program_idx").on("vision_boards").columns(["program_id", "created_at"]).execute();

  await db.schema
    .createTable("vision_sections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("vision_boards.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vision_sections_board_idx").on("vision_sections").columns(["board_id", "position"]).execute();

  await db.schema
    .createTable("vision_section_done")
    .addColumn("section_id", "text", (c) => c.notNull().references("vision_sections.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vision_section_done_pk", ["section_id", "user_id"])
    .execute();

  await db.schema
    .createTable("vision_vote_rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("vision_boards.id").onDelete("cascade"))
    .addColumn("budget", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("revealed_at", "text")
    .execute();
  await db.schema.createIndex("vision_vote_rounds_board_idx").on("vision_vote_rounds").columns(["board_id", "opened_at"]).execute();
  // At most one open round per board, even when two facilitator tabs open one at once (both dialects).
  await sql`create unique index vision_vote_rounds_one_open on vision_vote_rounds (board_id) where status = 'open'`.execute(db);

  await db.schema
    .createTable("vision_ballots")
    .addColumn("round_id", "text", (c) => c.notNull().references("vision_vote_rounds.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("used", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("vision_ballots_pk", ["round_id", "user_id"])
    .execute();

  await db.schema
    .createTable("vision_votes")
    .addColumn("round_id", "text", (c) => c.notNull().references("vision_vote_rounds.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("vision_votes_pk", ["round_id", "user_id", "target_id"])
    .execute();

  await db.schema
    .createTable("vision_evidence")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("vision_boards.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("filename", "text")
    .addColumn("mime", "text")
    .addColumn("size_bytes", "bigint")
    .addColumn("storage_path", "text")
    .addColumn("csv_header_json", "text")
    .addColumn("csv_rows_preview_json", "text")
    .addColumn("row_count", "integer")
    .addColumn("uploaded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vision_evidence_board_idx").on("vision_evidence").columns(["board_id", "created_at"]).execute();

  await db.schema
    .createTable("vision_drafts")
    .addColumn("program_id", "text", (c) => c.primaryKey().references("programs.id").onDelete("cascade"))
    .addColumn("statement", "text", (c) => c.notNull())
    .addColumn("standards_json", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("based_on_version", "integer")
    .execute();

  await db.schema
    .createTable("vision_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("statement", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addUniqueConstraint("vision_versions_program_version_uq", ["program_id", "version"])
    .execute();

  await db.schema
    .createTable("vision_standards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version_id", "text", (c) => c.notNull().references("vision_versions.id").onDelete("cascade"))
    .addColumn("standard_key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("measurable_hint", "text", (c) => c.notNull())
    .addUniqueConstraint("vision_standards_version_key_uq", ["version_id", "standard_key"])
    .execute();
  await db.schema.createIndex("vision_standards_key_idx").on("vision_standards").column("standard_key").execute();

  // Read model projected from the live board documents (vision:<boardId>): notes and clusters
  // as rows, for counts, search, export and traceability. Removed objects are marked deleted.
  await db.schema
    .createTable("vision_notes")
    .addColumn("board_id", "text", (c) => c.notNull().references("vision_boards.id").onDelete("cascade"))
    .addColumn("doc_object_id", "text", (c) => c.notNull())
    .addColumn("prompt_id", "text", (c) => c.notNull())
    .addColumn("cluster_id", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("vision_notes_pk", ["board_id", "doc_object_id"])
    .execute();
  await db.schema
    .createTable("vision_clusters")
    .addColumn("board_id", "text", (c) => c.notNull().references("vision_boards.id").onDelete("cascade"))
    .addColumn("doc_object_id", "text", (c) => c.notNull())
    .addColumn("prompt_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("vision_clusters_pk", ["board_id", "doc_object_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "vision_clusters",
    "vision_notes",
    "vision_standards",
    "vision_versions",
    "vision_drafts",
    "vision_evidence",
    "vision_votes",
    "vision_ballots",
    "vision_vote_rounds",
    "vision_section_done",
    "vision_sections",
    "vision_boards",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
