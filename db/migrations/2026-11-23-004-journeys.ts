/**
 * Step 2, identify pain points: journey maps (their content lives in the live document
 * `journey:<mapId>`; the tables below marked "read model" are projected from it), feedback
 * records imported from CSV (and later typed in or posted by API), file and link evidence,
 * links from evidence to touchpoints, pain points and key questions, the program's
 * triangulation margin and leadership's reviews of flagged pain points.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("journey_maps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("persona", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema.createIndex("journey_maps_program_idx").on("journey_maps").columns(["program_id", "created_at"]).execute();

  // Read model: the stages (columns) of each map.
  await db.schema
    .createTable("journey_stages")
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("doc_object_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "double precision", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("journey_stages_pk", ["map_id", "doc_object_id"])
    .execute();

  // Read model: the cards of each map, one per cell entry (lane × stage); touchpoints carry a channel.
  await db.schema
    .createTable("journey_cards")
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("doc_object_id", "text", (c) => c.notNull())
    .addColumn("stage_id", "text", (c) => c.notNull())
    .addColumn("lane", "text", (c) => c.notNull())
    .addColumn("channel", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("position", "double precision", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("journey_cards_pk", ["map_id", "doc_object_id"])
    .execute();
  await db.schema.createIndex("journey_cards_lane_idx").on("journey_cards").columns(["map_id", "lane"]).execute();

  // Read model: personas and their emotion curves (one value −2…+2 per persona and stage).
  await db.schema
    .createTable("journey_personas")
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("doc_object_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("journey_personas_pk", ["map_id", "doc_object_id"])
    .execute();
  await db.schema
    .createTable("journey_emotions")
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("persona_id", "text", (c) => c.notNull())
    .addColumn("stage_id", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("journey_emotions_pk", ["map_id", "persona_id", "stage_id"])
    .execute();

  // Read model: pain points pinned on touchpoints.
  await db.schema
    .createTable("pain_points")
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("doc_object_id", "text", (c) => c.notNull())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("touchpoint_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("severity", "integer", (c) => c.notNull())
    .addColumn("reach", "integer", (c) => c.notNull())
    .addColumn("impact", "integer", (c) => c.notNull())
    .addColumn("effort", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("pain_points_pk", ["map_id", "doc_object_id"])
    .execute();
  await db.schema.createIndex("pain_points_program_idx").on("pain_points").columns(["program_id", "deleted_at"]).execute();

  // Read model: each map's key questions (seed 004's a–f) and their answers.
  await db.schema
    .createTable("journey_questions")
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("question_key", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("projected_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("journey_questions_pk", ["map_id", "question_key"])
    .execute();

  // A CSV upload of feedback records: staged (file on disk), validated, then committed whole or cancelled.
  await db.schema
    .createTable("feedback_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addColumn("storage_path", "text")
    .addColumn("header_json", "text", (c) => c.notNull())
    .addColumn("mapping_json", "text")
    .addColumn("score_scale", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("valid_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("errors_json", "text")
    .addColumn("imported_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("feedback_imports_program_idx").on("feedback_imports").columns(["program_id", "created_at"]).execute();

  // Customer (and later frontline) feedback records: the bottom-up data of the outside-in analysis.
  await db.schema
    .createTable("feedback_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("import_id", "text", (c) => c.references("feedback_imports.id").onDelete("set null"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("occurred_on", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("contact_reason", "text", (c) => c.notNull())
    .addColumn("score", "double precision")
    .addColumn("score_min", "double precision")
    .addColumn("score_max", "double precision")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("customer_id", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("feedback_records_date_idx").on("feedback_records").columns(["program_id", "occurred_on"]).execute();
  await db.schema
    .createIndex("feedback_records_customer_idx")
    .on("feedback_records")
    .columns(["program_id", "customer_id", "occurred_on"])
    .execute();
  await db.schema.createIndex("feedback_records_import_idx").on("feedback_records").column("import_id").execute();

  // File and link evidence of a program's journey work (recordings, images, documents, links).
  await db.schema
    .createTable("journey_evidence")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("filename", "text")
    .addColumn("mime", "text")
    .addColumn("size_bytes", "bigint")
    .addColumn("storage_path", "text")
    .addColumn("uploaded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("journey_evidence_program_idx").on("journey_evidence").columns(["program_id", "created_at"]).execute();

  // Evidence (a feedback record, a file or a link) linked to a touchpoint, a pain point or a key question of a map.
  await db.schema
    .createTable("journey_evidence_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("evidence_type", "text", (c) => c.notNull())
    .addColumn("evidence_id", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("journey_evidence_links_uq", ["map_id", "target_type", "target_id", "evidence_type", "evidence_id"])
    .execute();
  await db.schema.createIndex("journey_evidence_links_evidence_idx").on("journey_evidence_links").columns(["evidence_type", "evidence_id"]).execute();

  // Per program: how far the top-down and bottom-up scores of a pain point may differ before it is flagged.
  await db.schema
    .createTable("pain_point_settings")
    .addColumn("program_id", "text", (c) => c.primaryKey().references("programs.id").onDelete("cascade"))
    .addColumn("triangulation_margin", "double precision", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Leadership's review of a flagged pain point: the flag stays cleared while both scores stay as reviewed.
  await db.schema
    .createTable("pain_point_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("pain_point_id", "text", (c) => c.notNull())
    .addColumn("top_down_score", "double precision", (c) => c.notNull())
    .addColumn("bottom_up_score", "double precision", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pain_point_reviews_target_idx").on("pain_point_reviews").columns(["map_id", "pain_point_id", "reviewed_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "pain_point_reviews",
    "pain_point_settings",
    "journey_evidence_links",
    "journey_evidence",
    "feedback_records",
    "feedback_imports",
    "journey_questions",
    "pain_points",
    "journey_emotions",
    "journey_personas",
    "journey_cards",
    "journey_stages",
    "journey_maps",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
