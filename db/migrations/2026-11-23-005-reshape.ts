/**
 * Step 3, reshape journeys: a journey map is either a current state or the future state of one
 * (its `current_map_id`, at most one future per current map); initiatives — quick wins now,
 * small-loop initiatives and large-loop solutions later (step 4), all in one table so the CX office
 * portfolio sees them together — with the pain points they address; and the team's marks of which
 * future touchpoint resolves which pain point of the current map.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("journey_maps")
    .addColumn("state", "text", (c) => c.notNull().defaultTo("current"))
    .execute();
  await db.schema
    .alterTable("journey_maps")
    .addColumn("current_map_id", "text", (c) => c.references("journey_maps.id").onDelete("set null"))
    .execute();
  // One future state per current map (NULLs — current maps — do not collide on either dialect).
  await db.schema.createIndex("journey_maps_current_map_uq").on("journey_maps").column("current_map_id").unique().execute();

  await db.schema
    .createTable("initiatives")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("lever", "text", (c) => c.notNull())
    .addColumn("lever_custom", "text")
    .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("expected_result", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("start_date", "text")
    .addColumn("due_date", "text")
    .addColumn("team_size", "integer")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_changed_at", "text", (c) => c.notNull())
    .addColumn("result_notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("initiatives_program_idx").on("initiatives").columns(["program_id", "kind", "status"]).execute();
  await db.schema.createIndex("initiatives_owner_idx").on("initiatives").column("owner_id").execute();

  // The pain points an initiative addresses (a pain point is a doc object of a map: map_id + id).
  await db.schema
    .createTable("initiative_pain_points")
    .addColumn("initiative_id", "text", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("pain_point_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("initiative_pain_points_pk", ["initiative_id", "map_id", "pain_point_id"])
    .execute();
  await db.schema.createIndex("initiative_pain_points_target_idx").on("initiative_pain_points").columns(["map_id", "pain_point_id"]).execute();

  // "This touchpoint of the future state resolves that pain point of the current state."
  await db.schema
    .createTable("pain_point_resolutions")
    .addColumn("future_map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("future_touchpoint_id", "text", (c) => c.notNull())
    .addColumn("current_map_id", "text", (c) => c.notNull().references("journey_maps.id").onDelete("cascade"))
    .addColumn("pain_point_id", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("pain_point_resolutions_pk", ["future_map_id", "future_touchpoint_id", "pain_point_id"])
    .execute();
  await db.schema
    .createIndex("pain_point_resolutions_pain_idx")
    .on("pain_point_resolutions")
    .columns(["current_map_id", "pain_point_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["pain_point_resolutions", "initiative_pain_points", "initiatives"]) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.dropIndex("journey_maps_current_map_uq").ifExists().execute();
  await db.schema.alterTable("journey_maps").dropColumn("current_map_id").execute();
  await db.schema.alterTable("journey_maps").dropColumn("state").execute();
}
