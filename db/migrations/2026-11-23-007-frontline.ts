/**
 * Step 5, empower the frontline: behaviour guidelines that cite a quality standard of the
 * published vision (with a snapshot of the standard as cited, so a republished vision that
 * changes it flags the guideline for review); the recognition catalogue (behaviour types, the
 * reward for each, who agreed on it in the leadership + frontline workshop and when);
 * nominations with their full transition history (never deleted); frontline ideas (a feedback
 * record of source "idea" plus what only an idea has: author, optional photo, journey and
 * touchpoint, the small-loop cycle it was addressed to); and leaderboard opt-outs.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("guidelines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    /** JSON array of strings. */
    .addColumn("do_examples", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("dont_examples", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("standard_key", "text", (c) => c.notNull())
    .addColumn("standard_version", "integer", (c) => c.notNull())
    /** JSON {title, description, measurableHint} of the standard as it was when cited or last reviewed. */
    .addColumn("standard_snapshot", "text", (c) => c.notNull())
    .addColumn("position", "double precision", (c) => c.notNull())
    .addColumn("reviewed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewed_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema.createIndex("guidelines_program_idx").on("guidelines").columns(["program_id", "archived_at"]).execute();

  await db.schema
    .createTable("recognition_types")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("guideline_id", "text", (c) => c.references("guidelines.id").onDelete("set null"))
    .addColumn("reward_kind", "text", (c) => c.notNull())
    .addColumn("reward_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reward_value", "double precision", (c) => c.notNull().defaultTo(0))
    /** YYYY-MM-DD of the workshop that agreed on it. */
    .addColumn("agreed_on", "text", (c) => c.notNull())
    .addColumn("agreed_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema.createIndex("recognition_types_program_idx").on("recognition_types").column("program_id").execute();

  await db.schema
    .createTable("recognition_agreements")
    .addColumn("type_id", "text", (c) => c.notNull().references("recognition_types.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    /** The person's program role when they agreed (leadership, frontline…). */
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("recognition_agreements_pk", ["type_id", "user_id"])
    .execute();

  await db.schema
    .createTable("nominations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("type_id", "text", (c) => c.notNull().references("recognition_types.id"))
    .addColumn("nominee_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("nominator_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("story", "text", (c) => c.notNull())
    /** SHA-256 of the normalised story: the same story for the same person and behaviour is refused. */
    .addColumn("story_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reviewer_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("review_reason", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("reward_text", "text")
    .addColumn("reward_value", "double precision")
    .addColumn("rewarded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("rewarded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("nominations_story_uq", ["program_id", "nominee_id", "type_id", "story_hash"])
    .execute();
  await db.schema.createIndex("nominations_program_idx").on("nominations").columns(["program_id", "status"]).execute();
  await db.schema.createIndex("nominations_nominee_idx").on("nominations").column("nominee_id").execute();

  await db.schema
    .createTable("nomination_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("nomination_id", "text", (c) => c.notNull().references("nominations.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("nomination_events_nomination_idx").on("nomination_events").columns(["nomination_id", "created_at"]).execute();

  await db.schema
    .createTable("ideas")
    .addColumn("record_id", "text", (c) => c.primaryKey().references("feedback_records.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("map_id", "text", (c) => c.references("journey_maps.id").onDelete("set null"))
    .addColumn("touchpoint_id", "text")
    /** The open small-loop cycle when the idea was sent (its feedback step is where it is headed). */
    .addColumn("cycle_id", "text", (c) => c.references("loop_cycles.id").onDelete("set null"))
    .addColumn("photo_path", "text")
    .addColumn("photo_type", "text")
    .addColumn("photo_size", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ideas_program_idx").on("ideas").columns(["program_id", "created_at"]).execute();
  await db.schema.createIndex("ideas_author_idx").on("ideas").column("author_id").execute();

  await db.schema
    .createTable("leaderboard_opt_outs")
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("leaderboard_opt_outs_pk", ["program_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "leaderboard_opt_outs",
    "ideas",
    "nomination_events",
    "nominations",
    "recognition_agreements",
    "recognition_types",
    "guidelines",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
