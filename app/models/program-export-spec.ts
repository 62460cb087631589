/**
 * What a program export holds, table by table: every program-scoped table of db/schema.ts and the
 * child tables reached through them, each column with its kind — what the exporter copies, what
 * the importer validates and how it maps the value into the target installation:
 *
 *   id       the row's own id: a new one on import (the id map of the table)
 *   program  the program's id → the new program's id
 *   org      the organisation's id → the target organisation's id
 *   ref      a row of an exported table (checked to exist in the file) → its new id
 *   poly     a row of a table chosen by another column (e.g. evidence_id by evidence_type), or a
 *            value kept as it is (an object id inside a live document, a question key)
 *   user     a person (users.id), carried in the file's `people` with their email and mapped by
 *            email to a member of the target organisation (unknown: null, or the row is left out
 *            when the column is required)
 *   team     an office team of the organisation (office_teams.id) → the target's team of that key
 *   file     an uploaded file's storage path → the file re-stored under the new program
 *   doc      a live document's name (`<kind>:<id>`) → the same kind with the new id
 *   bin      binary (a Yjs state), base64 in the file
 *   str/num/int/enum/raw   copied (raw: kept verbatim although it names something — object ids
 *            inside live documents, stable keys, user ids recorded inside documents)
 *
 * Deliberately not exported: users, sessions, tokens, invites (secrets and per-installation
 * accounts), the audit log (history of another installation: the import records one entry),
 * notifications (a person's inbox), the organisation's office teams themselves, and the live
 * documents' update logs (their state is exported instead, read through the live rooms).
 *
 * Shared by the exporter, the importer and the tests (no .server suffix, no database access).
 */
import type { Database } from "../../db/schema";

export const EXPORT_FORMAT = "cx-workspace.program";
export const EXPORT_VERSION = 1;
/** Uploaded files travel inside the export, base64; a program with more than this is refused. */
export const EXPORT_MAX_FILE_BYTES = 200 * 1024 * 1024;
/** The largest import body accepted (the files' base64 plus everything else). */
export const IMPORT_MAX_BODY_BYTES = 300 * 1024 * 1024;

export type TableName = keyof Database;
export type Row = Record<string, unknown>;

/** What a polymorphic column points at for one row: a table, or "keep" (the value is not a row id). */
export type PolyTarget = TableName | "keep";

export type Col =
  | { k: "id" }
  | { k: "program" }
  | { k: "org" }
  | { k: "ref"; table: TableName; nullable?: boolean }
  | { k: "poly"; pick: (row: Row) => PolyTarget; nullable?: boolean }
  | { k: "user"; nullable?: boolean }
  | { k: "team" }
  | { k: "file" }
  | { k: "doc" }
  | { k: "bin" }
  | { k: "str"; nullable?: boolean; max?: number }
  | { k: "num"; nullable?: boolean }
  | { k: "int"; nullable?: boolean }
  | { k: "enum"; values: readonly string[]; nullable?: boolean }
  | { k: "raw"; nullable?: boolean };

/** How the exporter finds a table's rows: by program_id, or through a parent column. */
export type Scope = { by: "program" } | { by: "parent"; column: string; parent: TableName } | { by: "doc" };

export interface TableSpec {
  table: TableName;
  scope: Scope;
  /** The primary key (checked for duplicates on import). */
  pk: string[];
  columns: Record<string, Col>;
  /** Rewrites values that embed ids (JSON, mention tokens) once the id maps are known. */
  rewrite?: (row: Row, map: RewriteContext) => Row;
}

export interface RewriteContext {
  /** The new id of a row of `table`, or null when it was not imported. */
  id(table: TableName, oldId: string): string | null;
  /** The new id of a person, or null when they have no account in the target organisation. */
  user(oldId: string): string | null;
}

// Column helpers, to keep the table below readable.
const id: Col = { k: "id" };
const program: Col = { k: "program" };
const org: Col = { k: "org" };
const ref = (table: TableName, nullable = false): Col => ({ k: "ref", table, nullable });
const user: Col = { k: "user" };
const userOpt: Col = { k: "user", nullable: true };
const str: Col = { k: "str" };
const strOpt: Col = { k: "str", nullable: true };
const num: Col = { k: "num" };
const numOpt: Col = { k: "num", nullable: true };
const int: Col = { k: "int" };
const intOpt: Col = { k: "int", nullable: true };
const raw: Col = { k: "raw" };
const rawOpt: Col = { k: "raw", nullable: true };
const file: Col = { k: "file" };
const oneOf = (values: readonly string[], nullable = false): Col => ({ k: "enum", values, nullable });
const byProgram: Scope = { by: "program" };
const under = (column: string, parent: TableName): Scope => ({ by: "parent", column, parent });

const LANES = ["actions", "touchpoints", "frontstage", "backstage", "systems"] as const;
const CHANNELS = ["phone", "web", "app", "branch", "sms", "chat", "email", "social", "other"] as const;
const ROLES = ["owner", "leadership", "project_team", "functional_rep", "frontline", "viewer"] as const;

/** Comment targets that are rows (the others are objects of a live document). */
const COMMENT_ROW_TARGETS: Record<string, TableName> = { initiative: "initiatives", kpi: "kpis" };
/** The board or map that holds a comment's document object. */
const COMMENT_CONTEXTS: Record<string, TableName> = { sticky: "vision_boards", touchpoint: "journey_maps", pain_point: "journey_maps" };

const MENTION = /@\[([^[\]\r\n]{1,80})\]\(user:([A-Za-z0-9_-]{1,64})\)/g;

/** Mention tokens keep pointing at the same person in the target; someone unknown there stays as plain "@Name". */
export function rewriteMentions(body: string, user: (oldId: string) => string | null): string {
  return body.replace(MENTION, (_all, name: string, oldId: string) => {
    const next = user(oldId);
    return next ? `@[${name}](user:${next})` : `@${name}`;
  });
}

/** A closed cycle's result names its KPIs by id. */
function rewriteCycleResult(json: string, ctx: RewriteContext): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  const kpis = (value as { kpis?: unknown }).kpis;
  if (!Array.isArray(kpis)) return json;
  for (const k of kpis) {
    if (k && typeof k === "object" && typeof (k as { kpiId?: unknown }).kpiId === "string") {
      const kk = k as { kpiId: string };
      kk.kpiId = ctx.id("kpis", kk.kpiId) ?? kk.kpiId;
    }
  }
  return JSON.stringify(value);
}

/**
 * Every exported table, parents before children: the importer inserts in this order (rows that
 * point at their own table are ordered so the row pointed at comes first).
 */
export const EXPORT_TABLES: TableSpec[] = [
  {
    table: "program_briefs",
    scope: byProgram,
    pk: ["program_id"],
    columns: { program_id: program, ambition: str, customers_scope: str, success_measures: str, constraints: str, team_agreements: str, updated_at: str },
  },
  // ── Step 1: vision ──
  {
    table: "vision_boards",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      title: str,
      locked: int,
      anonymous: int,
      current_section_id: ref("vision_sections", true),
      timer_running: int,
      timer_ends_at_ms: numOpt,
      timer_remaining_ms: numOpt,
      created_by: userOpt,
      created_at: str,
      archived_at: strOpt,
    },
  },
  {
    table: "vision_sections",
    scope: under("board_id", "vision_boards"),
    pk: ["id"],
    columns: { id, board_id: ref("vision_boards"), position: int, title: str, minutes: int },
  },
  {
    table: "vision_section_done",
    scope: under("section_id", "vision_sections"),
    pk: ["section_id", "user_id"],
    columns: { section_id: ref("vision_sections"), user_id: user, created_at: str },
  },
  {
    table: "vision_vote_rounds",
    scope: under("board_id", "vision_boards"),
    pk: ["id"],
    columns: {
      id,
      board_id: ref("vision_boards"),
      budget: int,
      status: oneOf(["open", "closed", "revealed"]),
      opened_by: userOpt,
      opened_at: str,
      closed_at: strOpt,
      revealed_at: strOpt,
    },
  },
  {
    table: "vision_ballots",
    scope: under("round_id", "vision_vote_rounds"),
    pk: ["round_id", "user_id"],
    columns: { round_id: ref("vision_vote_rounds"), user_id: user, used: int },
  },
  {
    table: "vision_votes",
    scope: under("round_id", "vision_vote_rounds"),
    pk: ["round_id", "user_id", "target_id"],
    columns: { round_id: ref("vision_vote_rounds"), user_id: user, target_id: raw, count: int },
  },
  {
    table: "vision_evidence",
    scope: under("board_id", "vision_boards"),
    pk: ["id"],
    columns: {
      id,
      board_id: ref("vision_boards"),
      kind: oneOf(["file", "csv", "link"]),
      title: str,
      url: strOpt,
      filename: strOpt,
      mime: strOpt,
      size_bytes: numOpt,
      storage_path: file,
      csv_header_json: strOpt,
      csv_rows_preview_json: strOpt,
      row_count: intOpt,
      uploaded_by: userOpt,
      created_at: str,
    },
  },
  {
    table: "vision_drafts",
    scope: byProgram,
    pk: ["program_id"],
    columns: { program_id: program, statement: str, standards_json: str, updated_by: userOpt, updated_at: str, based_on_version: intOpt },
  },
  {
    table: "vision_versions",
    scope: byProgram,
    pk: ["id"],
    columns: { id, program_id: program, version: int, statement: str, published_by: userOpt, published_at: str },
  },
  {
    table: "vision_standards",
    scope: under("version_id", "vision_versions"),
    pk: ["id"],
    columns: { id, version_id: ref("vision_versions"), standard_key: raw, position: int, title: str, description: str, measurable_hint: str },
  },
  {
    table: "vision_notes",
    scope: under("board_id", "vision_boards"),
    pk: ["board_id", "doc_object_id"],
    columns: {
      board_id: ref("vision_boards"),
      doc_object_id: raw,
      prompt_id: raw,
      cluster_id: rawOpt,
      text: str,
      colour: str,
      // Mirrors the author recorded inside the live document (projected from it).
      author_id: rawOpt,
      created_at: str,
      projected_at: str,
      deleted_at: strOpt,
    },
  },
  {
    table: "vision_clusters",
    scope: under("board_id", "vision_boards"),
    pk: ["board_id", "doc_object_id"],
    columns: { board_id: ref("vision_boards"), doc_object_id: raw, prompt_id: raw, name: str, projected_at: str, deleted_at: strOpt },
  },
  // ── Step 2: journeys, pain points, feedback, evidence ──
  {
    table: "journey_maps",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      name: str,
      persona: str,
      description: str,
      created_by: userOpt,
      created_at: str,
      updated_at: str,
      archived_at: strOpt,
      state: oneOf(["current", "future"]),
      current_map_id: ref("journey_maps", true),
    },
  },
  {
    table: "journey_stages",
    scope: under("map_id", "journey_maps"),
    pk: ["map_id", "doc_object_id"],
    columns: { map_id: ref("journey_maps"), doc_object_id: raw, name: str, position: num, projected_at: str, deleted_at: strOpt },
  },
  {
    table: "journey_cards",
    scope: under("map_id", "journey_maps"),
    pk: ["map_id", "doc_object_id"],
    columns: {
      map_id: ref("journey_maps"),
      doc_object_id: raw,
      stage_id: raw,
      lane: oneOf(LANES),
      channel: oneOf(CHANNELS, true),
      text: str,
      position: num,
      created_by: rawOpt,
      created_at: str,
      projected_at: str,
      deleted_at: strOpt,
    },
  },
  {
    table: "journey_personas",
    scope: under("map_id", "journey_maps"),
    pk: ["map_id", "doc_object_id"],
    columns: { map_id: ref("journey_maps"), doc_object_id: raw, name: str, colour: str, projected_at: str, deleted_at: strOpt },
  },
  {
    table: "journey_emotions",
    scope: under("map_id", "journey_maps"),
    pk: ["map_id", "persona_id", "stage_id"],
    columns: { map_id: ref("journey_maps"), persona_id: raw, stage_id: raw, value: num },
  },
  {
    table: "pain_points",
    scope: under("map_id", "journey_maps"),
    pk: ["map_id", "doc_object_id"],
    columns: {
      map_id: ref("journey_maps"),
      doc_object_id: raw,
      program_id: program,
      touchpoint_id: rawOpt,
      title: str,
      description: str,
      severity: int,
      reach: int,
      impact: int,
      effort: int,
      source: oneOf(["top_down", "bottom_up"]),
      status: oneOf(["open", "confirmed", "addressed", "dismissed"]),
      created_by: rawOpt,
      created_at: str,
      projected_at: str,
      deleted_at: strOpt,
    },
  },
  {
    table: "journey_questions",
    scope: under("map_id", "journey_maps"),
    pk: ["map_id", "question_key"],
    columns: { map_id: ref("journey_maps"), question_key: raw, answer: str, projected_at: str },
  },
  {
    table: "feedback_imports",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      filename: str,
      encoding: str,
      storage_path: file,
      header_json: str,
      mapping_json: strOpt,
      score_scale: strOpt,
      status: oneOf(["staged", "committed", "cancelled"]),
      total_rows: int,
      valid_rows: int,
      error_rows: int,
      errors_json: strOpt,
      imported_rows: int,
      created_by: userOpt,
      created_at: str,
      finished_at: strOpt,
    },
  },
  {
    table: "feedback_records",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      import_id: ref("feedback_imports", true),
      source: oneOf(["import", "manual", "api", "idea"]),
      occurred_on: str,
      channel: str,
      segment: str,
      contact_reason: str,
      score: numOpt,
      score_min: numOpt,
      score_max: numOpt,
      text: str,
      customer_id: strOpt,
      created_by: userOpt,
      created_at: str,
      origin: oneOf(["customer", "frontline"]),
    },
  },
  {
    table: "journey_evidence",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      kind: oneOf(["file", "link"]),
      title: str,
      url: strOpt,
      filename: strOpt,
      mime: strOpt,
      size_bytes: numOpt,
      storage_path: file,
      uploaded_by: userOpt,
      created_at: str,
    },
  },
  {
    table: "journey_evidence_links",
    scope: under("map_id", "journey_maps"),
    pk: ["id"],
    columns: {
      id,
      map_id: ref("journey_maps"),
      target_type: oneOf(["touchpoint", "pain_point", "question"]),
      target_id: raw,
      evidence_type: oneOf(["feedback", "file", "link"]),
      evidence_id: { k: "poly", pick: (r) => (r.evidence_type === "feedback" ? "feedback_records" : "journey_evidence") },
      created_by: userOpt,
      created_at: str,
    },
  },
  {
    table: "pain_point_settings",
    scope: byProgram,
    pk: ["program_id"],
    columns: { program_id: program, triangulation_margin: num, updated_by: userOpt, updated_at: str },
  },
  {
    table: "pain_point_reviews",
    scope: under("map_id", "journey_maps"),
    pk: ["id"],
    columns: {
      id,
      map_id: ref("journey_maps"),
      pain_point_id: raw,
      top_down_score: num,
      bottom_up_score: num,
      note: str,
      reviewed_by: userOpt,
      reviewed_at: str,
    },
  },
  // ── Step 3: reshape ──
  {
    table: "initiatives",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      kind: oneOf(["quick_win", "small_loop", "large_loop"]),
      title: str,
      description: str,
      lever: str,
      lever_custom: strOpt,
      owner_id: userOpt,
      expected_result: str,
      start_date: strOpt,
      due_date: strOpt,
      team_size: intOpt,
      status: oneOf(["idea", "approved", "in_progress", "done", "dropped"]),
      status_changed_at: str,
      result_notes: str,
      created_by: userOpt,
      created_at: str,
      updated_at: str,
      owning_team_id: { k: "team" },
      health_override: oneOf(["green", "amber", "red"], true),
      health_override_reason: strOpt,
      health_override_by: userOpt,
      health_override_at: strOpt,
      standard_key: rawOpt,
    },
  },
  {
    table: "initiative_pain_points",
    scope: under("initiative_id", "initiatives"),
    pk: ["initiative_id", "map_id", "pain_point_id"],
    columns: { initiative_id: ref("initiatives"), map_id: ref("journey_maps"), pain_point_id: raw, created_at: str },
  },
  {
    table: "pain_point_resolutions",
    scope: under("future_map_id", "journey_maps"),
    pk: ["future_map_id", "future_touchpoint_id", "pain_point_id"],
    columns: {
      future_map_id: ref("journey_maps"),
      future_touchpoint_id: raw,
      current_map_id: ref("journey_maps"),
      pain_point_id: raw,
      created_by: userOpt,
      created_at: str,
    },
  },
  // ── Step 4: KPIs and loops ──
  {
    table: "kpis",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      name: str,
      kind: oneOf(["process", "outcome"]),
      template: strOpt,
      description: str,
      unit: str,
      direction: oneOf(["up", "down"]),
      baseline: numOpt,
      target: numOpt,
      alert_threshold: numOpt,
      owner_id: userOpt,
      cadence: oneOf(["weekly", "biweekly", "monthly", "quarterly"]),
      journey_map_id: ref("journey_maps", true),
      touchpoint_id: rawOpt,
      created_by: userOpt,
      created_at: str,
      updated_at: str,
      archived_at: strOpt,
      standard_key: rawOpt,
    },
  },
  {
    table: "kpi_initiatives",
    scope: under("kpi_id", "kpis"),
    pk: ["kpi_id", "initiative_id"],
    columns: { kpi_id: ref("kpis"), initiative_id: ref("initiatives"), created_at: str },
  },
  {
    table: "kpi_measurements",
    scope: under("kpi_id", "kpis"),
    pk: ["id"],
    columns: {
      id,
      kpi_id: ref("kpis"),
      measured_on: str,
      value: num,
      source: oneOf(["manual", "csv", "api"]),
      note: str,
      created_by: userOpt,
      created_at: str,
      updated_at: str,
    },
  },
  {
    table: "loop_cycles",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      kind: oneOf(["small", "large"]),
      number: int,
      title: str,
      goal: str,
      starts_on: str,
      ends_on: str,
      status: oneOf(["open", "closed"]),
      previous_cycle_id: ref("loop_cycles", true),
      result_json: strOpt,
      closed_by: userOpt,
      closed_at: strOpt,
      created_by: userOpt,
      created_at: str,
    },
    rewrite: (row, ctx) => (typeof row.result_json === "string" ? { ...row, result_json: rewriteCycleResult(row.result_json, ctx) } : row),
  },
  {
    table: "cycle_kpis",
    scope: under("cycle_id", "loop_cycles"),
    pk: ["cycle_id", "kpi_id"],
    columns: { cycle_id: ref("loop_cycles"), kpi_id: ref("kpis") },
  },
  {
    table: "cycle_items",
    scope: under("cycle_id", "loop_cycles"),
    pk: ["id"],
    columns: {
      id,
      cycle_id: ref("loop_cycles"),
      step: int,
      item_type: oneOf(["feedback", "initiative", "note"]),
      ref_id: {
        k: "poly",
        nullable: true,
        pick: (r) => (r.item_type === "feedback" ? "feedback_records" : r.item_type === "initiative" ? "initiatives" : "keep"),
      },
      text: str,
      status: oneOf(["open", "done"]),
      carried_from_id: ref("cycle_items", true),
      created_by: userOpt,
      created_at: str,
      updated_at: str,
    },
  },
  {
    table: "feedback_triage",
    scope: byProgram,
    pk: ["record_id"],
    columns: {
      record_id: ref("feedback_records"),
      program_id: program,
      status: oneOf(["triaged", "dismissed"]),
      cycle_id: ref("loop_cycles", true),
      reason: strOpt,
      triaged_by: userOpt,
      triaged_at: str,
    },
  },
  {
    table: "feedback_links",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      record_id: ref("feedback_records"),
      program_id: program,
      target_type: oneOf(["pain_point", "initiative"]),
      map_id: ref("journey_maps", true),
      target_id: { k: "poly", pick: (r) => (r.target_type === "initiative" ? "initiatives" : "keep") },
      created_by: userOpt,
      created_at: str,
    },
  },
  // ── Step 5: frontline ──
  {
    table: "guidelines",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      title: str,
      body: str,
      do_examples: str,
      dont_examples: str,
      standard_key: raw,
      standard_version: int,
      standard_snapshot: str,
      position: num,
      reviewed_by: userOpt,
      reviewed_at: strOpt,
      created_by: userOpt,
      created_at: str,
      updated_at: str,
      archived_at: strOpt,
    },
  },
  {
    table: "recognition_types",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      name: str,
      description: str,
      guideline_id: ref("guidelines", true),
      reward_kind: oneOf(["points", "certificate", "bonus", "other"]),
      reward_text: str,
      reward_value: num,
      agreed_on: str,
      agreed_note: str,
      created_by: userOpt,
      created_at: str,
      updated_at: str,
      archived_at: strOpt,
    },
  },
  {
    table: "recognition_agreements",
    scope: under("type_id", "recognition_types"),
    pk: ["type_id", "user_id"],
    columns: { type_id: ref("recognition_types"), user_id: user, role: str, created_at: str },
  },
  {
    table: "nominations",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      program_id: program,
      type_id: ref("recognition_types"),
      nominee_id: user,
      nominator_id: user,
      story: str,
      story_hash: str,
      status: oneOf(["submitted", "approved", "rejected", "rewarded"]),
      reviewer_id: userOpt,
      review_reason: strOpt,
      reviewed_at: strOpt,
      reward_text: strOpt,
      reward_value: numOpt,
      rewarded_by: userOpt,
      rewarded_at: strOpt,
      created_at: str,
      updated_at: str,
    },
  },
  {
    table: "nomination_events",
    scope: under("nomination_id", "nominations"),
    pk: ["id"],
    columns: {
      id,
      nomination_id: ref("nominations"),
      from_status: oneOf(["submitted", "approved", "rejected", "rewarded"], true),
      to_status: oneOf(["submitted", "approved", "rejected", "rewarded"]),
      actor_id: userOpt,
      note: str,
      created_at: str,
    },
  },
  {
    table: "ideas",
    scope: byProgram,
    pk: ["record_id"],
    columns: {
      record_id: ref("feedback_records"),
      program_id: program,
      author_id: userOpt,
      title: str,
      map_id: ref("journey_maps", true),
      touchpoint_id: rawOpt,
      cycle_id: ref("loop_cycles", true),
      photo_path: file,
      photo_type: strOpt,
      photo_size: intOpt,
      created_at: str,
    },
  },
  {
    table: "leaderboard_opt_outs",
    scope: byProgram,
    pk: ["program_id", "user_id"],
    columns: { program_id: program, user_id: user, created_at: str },
  },
  // ── Step 6: office ──
  {
    table: "kpi_alerts",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      org_id: org,
      program_id: program,
      kpi_id: ref("kpis"),
      kind: oneOf(["threshold", "stale"]),
      period_key: str,
      value: numOpt,
      threshold: numOpt,
      status: oneOf(["open", "acknowledged"]),
      detected_at: str,
      acknowledged_by: userOpt,
      acknowledged_at: strOpt,
      ack_note: strOpt,
    },
  },
  {
    table: "comments",
    scope: byProgram,
    pk: ["id"],
    columns: {
      id,
      org_id: org,
      program_id: program,
      target_type: oneOf(["sticky", "touchpoint", "pain_point", "initiative", "kpi"]),
      target_id: { k: "poly", pick: (r) => COMMENT_ROW_TARGETS[String(r.target_type)] ?? "keep" },
      target_context: { k: "poly", nullable: true, pick: (r) => COMMENT_CONTEXTS[String(r.target_type)] ?? "keep" },
      thread_id: ref("comments", true),
      author_id: userOpt,
      body: str,
      created_at: str,
      edited_at: strOpt,
      resolved_at: strOpt,
      resolved_by: userOpt,
    },
    rewrite: (row, ctx) => (typeof row.body === "string" ? { ...row, body: rewriteMentions(row.body, ctx.user) } : row),
  },
  {
    table: "comment_mentions",
    scope: under("comment_id", "comments"),
    pk: ["comment_id", "user_id"],
    columns: { comment_id: ref("comments"), user_id: user },
  },
  // ── Live documents' named versions ──
  {
    table: "doc_versions",
    scope: { by: "doc" },
    pk: ["id"],
    columns: { id, doc_name: { k: "doc" }, name: str, state: { k: "bin" }, created_by: userOpt, created_at: str },
  },
];

/** The program row's columns (the file's `program`). */
export const PROGRAM_COLUMNS: Record<string, Col> = {
  id,
  org_id: org,
  name: str,
  name_en: strOpt,
  description: str,
  description_en: strOpt,
  created_by: userOpt,
  created_at: str,
  archived_at: strOpt,
};

export const MEMBER_ROLES = ROLES;

/** Live-document kinds of a program, and the table whose row id names each document. */
export const DOC_KINDS: Record<string, TableName> = {
  brief: "programs",
  vision: "vision_boards",
  "vision-control": "vision_boards",
  journey: "journey_maps",
};

/** Kinds whose content mirrors relational rows: the importer rebuilds them from the imported rows. */
export const DERIVED_DOC_KINDS: ReadonlySet<string> = new Set(["vision-control"]);

/** Every live document of a program, given its board and map ids. */
export function programDocNames(programId: string, boardIds: string[], mapIds: string[]): string[] {
  return [`brief:${programId}`, ...boardIds.flatMap((b) => [`vision:${b}`, `vision-control:${b}`]), ...mapIds.map((m) => `journey:${m}`)];
}

/** Tables that hold a program_id but are left out on purpose (see the header). */
export const NOT_EXPORTED: Partial<Record<TableName, string>> = {
  invites: "carry a secret token and are addressed to people of the source installation",
  audit_log: "is the history of another installation; the import records one entry instead",
  notifications: "are a person's inbox of the source installation",
};

export function specOf(table: TableName): TableSpec | undefined {
  return EXPORT_TABLES.find((s) => s.table === table);
}
