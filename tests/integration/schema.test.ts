/**
 * The hand-written Database interface (db/schema.ts) must agree with what the migrations create,
 * on both dialects. COLUMNS is checked against the interface by the type checker (every table and
 * every column must be listed), and against the real databases at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { createTestDb, dialects, type TestDb } from "../helpers/db";

const COLUMNS = {
  users: ["id", "email", "name", "password_hash", "locale", "active_org_id", "created_at"],
  sessions: ["id", "user_id", "created_at", "expires_at", "user_agent"],
  login_throttle: ["key", "failures", "window_start", "locked_until"],
  organizations: ["id", "name", "name_en", "created_by", "created_at"],
  org_members: ["org_id", "user_id", "role", "created_at"],
  programs: ["id", "org_id", "name", "name_en", "description", "description_en", "created_by", "created_at", "archived_at"],
  program_members: ["program_id", "user_id", "role", "created_at"],
  invites: [
    "id", "token_hash", "org_id", "program_id", "email", "role", "invited_by",
    "created_at", "expires_at", "accepted_at", "accepted_by", "revoked_at",
  ],
  audit_log: [
    "id", "org_id", "program_id", "actor_id", "entity_type", "entity_id", "action",
    "before_summary", "after_summary", "created_at",
  ],
  vision_boards: [
    "id", "program_id", "title", "locked", "anonymous", "current_section_id", "timer_running",
    "timer_ends_at_ms", "timer_remaining_ms", "created_by", "created_at", "archived_at",
  ],
  vision_sections: ["id", "board_id", "position", "title", "minutes"],
  vision_section_done: ["section_id", "user_id", "created_at"],
  vision_vote_rounds: ["id", "board_id", "budget", "status", "opened_by", "opened_at", "closed_at", "revealed_at"],
  vision_ballots: ["round_id", "user_id", "used"],
  vision_votes: ["round_id", "user_id", "target_id", "count"],
  vision_evidence: [
    "id", "board_id", "kind", "title", "url", "filename", "mime", "size_bytes", "storage_path",
    "csv_header_json", "csv_rows_preview_json", "row_count", "uploaded_by", "created_at",
  ],
  vision_drafts: ["program_id", "statement", "standards_json", "updated_by", "updated_at", "based_on_version"],
  vision_versions: ["id", "program_id", "version", "statement", "published_by", "published_at"],
  vision_standards: ["id", "version_id", "standard_key", "position", "title", "description", "measurable_hint"],
  doc_updates: ["seq", "doc_name", "update_data"],
  doc_snapshots: ["doc_name", "state", "through_seq", "updated_at"],
  doc_versions: ["id", "doc_name", "name", "state", "created_by", "created_at"],
  program_briefs: [
    "program_id", "ambition", "customers_scope", "success_measures", "constraints", "team_agreements", "updated_at",
  ],
  vision_notes: [
    "board_id", "doc_object_id", "prompt_id", "cluster_id", "text", "colour", "author_id",
    "created_at", "projected_at", "deleted_at",
  ],
  vision_clusters: ["board_id", "doc_object_id", "prompt_id", "name", "projected_at", "deleted_at"],
  journey_maps: [
    "id", "program_id", "name", "persona", "description", "created_by", "created_at", "updated_at", "archived_at",
    "state", "current_map_id",
  ],
  journey_stages: ["map_id", "doc_object_id", "name", "position", "projected_at", "deleted_at"],
  journey_cards: [
    "map_id", "doc_object_id", "stage_id", "lane", "channel", "text", "position", "created_by", "created_at",
    "projected_at", "deleted_at",
  ],
  journey_personas: ["map_id", "doc_object_id", "name", "colour", "projected_at", "deleted_at"],
  journey_emotions: ["map_id", "persona_id", "stage_id", "value"],
  pain_points: [
    "map_id", "doc_object_id", "program_id", "touchpoint_id", "title", "description", "severity", "reach", "impact",
    "effort", "source", "status", "created_by", "created_at", "projected_at", "deleted_at",
  ],
  journey_questions: ["map_id", "question_key", "answer", "projected_at"],
  feedback_imports: [
    "id", "program_id", "filename", "encoding", "storage_path", "header_json", "mapping_json", "score_scale", "status",
    "total_rows", "valid_rows", "error_rows", "errors_json", "imported_rows", "created_by", "created_at", "finished_at",
  ],
  feedback_records: [
    "id", "program_id", "import_id", "source", "occurred_on", "channel", "segment", "contact_reason", "score",
    "score_min", "score_max", "text", "customer_id", "created_by", "created_at", "origin",
  ],
  journey_evidence: [
    "id", "program_id", "kind", "title", "url", "filename", "mime", "size_bytes", "storage_path", "uploaded_by", "created_at",
  ],
  journey_evidence_links: ["id", "map_id", "target_type", "target_id", "evidence_type", "evidence_id", "created_by", "created_at"],
  pain_point_settings: ["program_id", "triangulation_margin", "updated_by", "updated_at"],
  pain_point_reviews: [
    "id", "map_id", "pain_point_id", "top_down_score", "bottom_up_score", "note", "reviewed_by", "reviewed_at",
  ],
  initiatives: [
    "id", "program_id", "kind", "title", "description", "lever", "lever_custom", "owner_id", "expected_result",
    "start_date", "due_date", "team_size", "status", "status_changed_at", "result_notes", "created_by", "created_at",
    "updated_at", "owning_team_id", "health_override", "health_override_reason", "health_override_by", "health_override_at",
    "standard_key",
  ],
  initiative_pain_points: ["initiative_id", "map_id", "pain_point_id", "created_at"],
  pain_point_resolutions: ["future_map_id", "future_touchpoint_id", "current_map_id", "pain_point_id", "created_by", "created_at"],
  kpis: [
    "id", "program_id", "name", "kind", "template", "description", "unit", "direction", "baseline", "target",
    "alert_threshold", "owner_id", "cadence", "journey_map_id", "touchpoint_id", "created_by", "created_at", "updated_at",
    "archived_at", "standard_key",
  ],
  kpi_initiatives: ["kpi_id", "initiative_id", "created_at"],
  kpi_measurements: ["id", "kpi_id", "measured_on", "value", "source", "note", "created_by", "created_at", "updated_at"],
  loop_cycles: [
    "id", "program_id", "kind", "number", "title", "goal", "starts_on", "ends_on", "status", "previous_cycle_id",
    "result_json", "closed_by", "closed_at", "created_by", "created_at",
  ],
  cycle_kpis: ["cycle_id", "kpi_id"],
  cycle_items: [
    "id", "cycle_id", "step", "item_type", "ref_id", "text", "status", "carried_from_id", "created_by", "created_at", "updated_at",
  ],
  feedback_triage: ["record_id", "program_id", "status", "cycle_id", "reason", "triaged_by", "triaged_at"],
  feedback_links: ["id", "record_id", "program_id", "target_type", "map_id", "target_id", "created_by", "created_at"],
  api_tokens: ["id", "user_id", "name", "token_hash", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"],
  guidelines: [
    "id", "program_id", "title", "body", "do_examples", "dont_examples", "standard_key", "standard_version",
    "standard_snapshot", "position", "reviewed_by", "reviewed_at", "created_by", "created_at", "updated_at", "archived_at",
  ],
  recognition_types: [
    "id", "program_id", "name", "description", "guideline_id", "reward_kind", "reward_text", "reward_value",
    "agreed_on", "agreed_note", "created_by", "created_at", "updated_at", "archived_at",
  ],
  recognition_agreements: ["type_id", "user_id", "role", "created_at"],
  nominations: [
    "id", "program_id", "type_id", "nominee_id", "nominator_id", "story", "story_hash", "status", "reviewer_id",
    "review_reason", "reviewed_at", "reward_text", "reward_value", "rewarded_by", "rewarded_at", "created_at", "updated_at",
  ],
  nomination_events: ["id", "nomination_id", "from_status", "to_status", "actor_id", "note", "created_at"],
  ideas: [
    "record_id", "program_id", "author_id", "title", "map_id", "touchpoint_id", "cycle_id", "photo_path", "photo_type",
    "photo_size", "created_at",
  ],
  leaderboard_opt_outs: ["program_id", "user_id", "created_at"],
  office_teams: ["id", "org_id", "key", "description", "position", "created_at"],
  office_team_members: ["team_id", "user_id", "is_lead", "created_at"],
  kpi_alerts: [
    "id", "org_id", "program_id", "kpi_id", "kind", "period_key", "value", "threshold", "status", "detected_at",
    "acknowledged_by", "acknowledged_at", "ack_note",
  ],
  notifications: ["id", "user_id", "org_id", "program_id", "kind", "entity_id", "actor_id", "url", "payload", "created_at", "read_at"],
  comments: [
    "id", "org_id", "program_id", "target_type", "target_id", "target_context", "thread_id", "author_id", "body",
    "created_at", "edited_at", "resolved_at", "resolved_by",
  ],
  comment_mentions: ["comment_id", "user_id"],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T])[] };

// Every column of the interface is listed (the type checker fails here otherwise).
type Unlisted = { [T in keyof Database]: Exclude<keyof Database[T], (typeof COLUMNS)[T][number]> }[keyof Database];
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;

describe.each(dialects())("schema on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("has exactly the tables and columns the Database interface describes", async () => {
    expect(everyColumnListed).toBe(true);
    const tables = await t.handle.db.introspection.getTables();
    const actual = Object.fromEntries(
      tables.filter((tb) => !tb.name.startsWith("kysely_")).map((tb) => [tb.name, tb.columns.map((c) => c.name).sort()]),
    );
    const expected = Object.fromEntries(Object.entries(COLUMNS).map(([k, v]) => [k, [...v].sort()]));
    expect(actual).toEqual(expected);
  });

  it("migrations run again without error (idempotent up)", async () => {
    const { migrateToLatest } = await import("../../db/migrate");
    await expect(migrateToLatest(t.handle.db)).resolves.toBeUndefined();
  });
});
