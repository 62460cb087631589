/**
 * Step 6, continuous improvement: the central CX office's teams and their members (per
 * organisation); the owning team and a RAG health override (with its reason) on initiatives;
 * KPI alerts (a value past its threshold, or a KPI unmeasured past its cadence: detected once per
 * KPI, kind and period by a unique key, acknowledged and never deleted); the notification centre;
 * comments with @mentions on any artefact; and, for traceability, the quality standard of the
 * published vision that an initiative or a KPI serves (its stable key).
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("office_teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    /** new_cx | call_center | analytics */
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("office_teams_org_key_uq", ["org_id", "key"])
    .execute();

  await db.schema
    .createTable("office_team_members")
    .addColumn("team_id", "text", (c) => c.notNull().references("office_teams.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("is_lead", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("office_team_members_pk", ["team_id", "user_id"])
    .execute();
  await db.schema.createIndex("office_team_members_user_idx").on("office_team_members").column("user_id").execute();

  await db.schema
    .alterTable("initiatives")
    .addColumn("owning_team_id", "text", (c) => c.references("office_teams.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("initiatives").addColumn("health_override", "text").execute();
  await db.schema.alterTable("initiatives").addColumn("health_override_reason", "text").execute();
  await db.schema
    .alterTable("initiatives")
    .addColumn("health_override_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("initiatives").addColumn("health_override_at", "text").execute();
  await db.schema.alterTable("initiatives").addColumn("standard_key", "text").execute();
  await db.schema.alterTable("kpis").addColumn("standard_key", "text").execute();

  await db.schema
    .createTable("kpi_alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("kpi_id", "text", (c) => c.notNull().references("kpis.id").onDelete("cascade"))
    /** threshold | stale */
    .addColumn("kind", "text", (c) => c.notNull())
    /** threshold: the measurement's day; stale: the day the next value was due. */
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("threshold", "double precision")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("detected_at", "text", (c) => c.notNull())
    .addColumn("acknowledged_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("acknowledged_at", "text")
    .addColumn("ack_note", "text")
    .addUniqueConstraint("kpi_alerts_kpi_kind_period_uq", ["kpi_id", "kind", "period_key"])
    .execute();
  await db.schema.createIndex("kpi_alerts_org_idx").on("kpi_alerts").columns(["org_id", "status", "detected_at"]).execute();
  await db.schema.createIndex("kpi_alerts_program_idx").on("kpi_alerts").columns(["program_id", "status"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.references("programs.id").onDelete("cascade"))
    /** alert | mention */
    .addColumn("kind", "text", (c) => c.notNull())
    /** What it is about: the alert or the comment. */
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    /** Where it leads, an app path. */
    .addColumn("url", "text", (c) => c.notNull())
    /** JSON: what the sentence needs (KPI name, value, excerpt…). */
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addUniqueConstraint("notifications_user_kind_entity_uq", ["user_id", "kind", "entity_id"])
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "read_at", "created_at"]).execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    /** sticky | touchpoint | pain_point | initiative | kpi */
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    /** The board or map holding a doc object (sticky, touchpoint, pain point); null otherwise. */
    .addColumn("target_context", "text")
    /** The thread's first comment (null on the first comment itself). */
    .addColumn("thread_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    /** On a thread's first comment: the thread is resolved. */
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("comments_target_idx").on("comments").columns(["program_id", "target_type", "target_id"]).execute();
  await db.schema.createIndex("comments_thread_idx").on("comments").columns(["thread_id", "created_at"]).execute();

  await db.schema
    .createTable("comment_mentions")
    .addColumn("comment_id", "text", (c) => c.notNull().references("comments.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("comment_mentions_pk", ["comment_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["comment_mentions", "comments", "notifications", "kpi_alerts"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable("kpis").dropColumn("standard_key").execute();
  for (const c of ["standard_key", "health_override_at", "health_override_by", "health_override_reason", "health_override", "owning_team_id"]) {
    await db.schema.alterTable("initiatives").dropColumn(c).execute();
  }
  for (const t of ["office_team_members", "office_teams"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
