/**
 * Step 4, rapid iteration: the KPI registry (process and outcome KPIs, from templates or custom)
 * with dated measurements (one value per KPI and day: a later write of the same day replaces the
 * earlier one), links from KPIs to initiatives; loop cycles (small and large) with their KPIs and
 * the items each step of the cycle holds; the feedback inbox's triage of feedback records (new,
 * triaged into a cycle, dismissed with a reason — never deleted) and its links to pain points and
 * initiatives; and personal access tokens for the REST API (stored hashed, scoped read or write).
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("kpis")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("template", "text")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("baseline", "double precision")
    .addColumn("target", "double precision")
    .addColumn("alert_threshold", "double precision")
    .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("cadence", "text", (c) => c.notNull())
    .addColumn("journey_map_id", "text", (c) => c.references("journey_maps.id").onDelete("set null"))
    .addColumn("touchpoint_id", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema.createIndex("kpis_program_idx").on("kpis").columns(["program_id", "archived_at"]).execute();

  await db.schema
    .createTable("kpi_initiatives")
    .addColumn("kpi_id", "text", (c) => c.notNull().references("kpis.id").onDelete("cascade"))
    .addColumn("initiative_id", "text", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("kpi_initiatives_pk", ["kpi_id", "initiative_id"])
    .execute();
  await db.schema.createIndex("kpi_initiatives_initiative_idx").on("kpi_initiatives").column("initiative_id").execute();

  await db.schema
    .createTable("kpi_measurements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kpi_id", "text", (c) => c.notNull().references("kpis.id").onDelete("cascade"))
    .addColumn("measured_on", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("kpi_measurements_kpi_day_uq", ["kpi_id", "measured_on"])
    .execute();

  await db.schema
    .createTable("loop_cycles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("goal", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("previous_cycle_id", "text", (c) => c.references("loop_cycles.id").onDelete("set null"))
    .addColumn("result_json", "text")
    .addColumn("closed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("closed_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("loop_cycles_number_uq", ["program_id", "kind", "number"])
    .execute();

  await db.schema
    .createTable("cycle_kpis")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("loop_cycles.id").onDelete("cascade"))
    .addColumn("kpi_id", "text", (c) => c.notNull().references("kpis.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("cycle_kpis_pk", ["cycle_id", "kpi_id"])
    .execute();

  // What a step of a cycle holds: a triaged feedback record, an initiative, a note (a solution design,
  // a roll-out note), each open or done; an open item of a closed cycle is carried into the next.
  await db.schema
    .createTable("cycle_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("loop_cycles.id").onDelete("cascade"))
    .addColumn("step", "integer", (c) => c.notNull())
    .addColumn("item_type", "text", (c) => c.notNull())
    .addColumn("ref_id", "text")
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("carried_from_id", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("cycle_items_cycle_idx").on("cycle_items").columns(["cycle_id", "step"]).execute();

  // Who the feedback is from: a customer (surveys, complaints, contact logs) or a frontline colleague.
  await db.schema
    .alterTable("feedback_records")
    .addColumn("origin", "text", (c) => c.notNull().defaultTo("customer"))
    .execute();

  // The inbox state of a feedback record; no row means "new".
  await db.schema
    .createTable("feedback_triage")
    .addColumn("record_id", "text", (c) => c.primaryKey().references("feedback_records.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.references("loop_cycles.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("triaged_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("triaged_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("feedback_triage_program_idx").on("feedback_triage").columns(["program_id", "status"]).execute();

  await db.schema
    .createTable("feedback_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("record_id", "text", (c) => c.notNull().references("feedback_records.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("map_id", "text")
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("feedback_links_uq", ["record_id", "target_type", "target_id"])
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").columns(["user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["api_tokens", "feedback_links", "feedback_triage", "cycle_items", "cycle_kpis", "loop_cycles", "kpi_measurements", "kpi_initiatives", "kpis"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable("feedback_records").dropColumn("origin").execute();
}
