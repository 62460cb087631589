/**
 * The one typed Database interface. Every table the migrations create is described here;
 * tests/integration/schema.test.ts checks that the two agree on both dialects.
 *
 * Conventions: ids are text (crypto.randomUUID()), timestamps are ISO-8601 text,
 * booleans are integers 0/1 (portable across SQLite and Postgres).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type ProgramRole =
  | "owner"
  | "leadership"
  | "project_team"
  | "functional_rep"
  | "frontline"
  | "viewer";

export type OrgRole = "admin" | "cx_office" | "member";

/** A binary column: Buffer in, Buffer/Uint8Array out on both drivers. */
export type Binary = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string | null;
  active_org_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  name_en: string | null;
  created_by: string | null;
  created_at: string;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: string;
}

export interface ProgramsTable {
  id: string;
  org_id: string;
  name: string;
  name_en: string | null;
  description: string;
  description_en: string | null;
  created_by: string | null;
  created_at: string;
  archived_at: string | null;
}

export interface ProgramMembersTable {
  program_id: string;
  user_id: string;
  role: ProgramRole;
  created_at: string;
}

export interface InvitesTable {
  id: string;
  token_hash: string;
  org_id: string;
  program_id: string;
  email: string;
  role: ProgramRole;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  org_id: string;
  program_id: string | null;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before_summary: string | null;
  after_summary: string | null;
  created_at: string;
}

/** Live documents: the append-only update log, the source of truth (see server/collab/persistence.ts). */
export interface DocUpdatesTable {
  seq: Generated<number>;
  doc_name: string;
  update_data: Binary;
}

/** One compacted snapshot per live document: the log up to through_seq merged into one update. */
export interface DocSnapshotsTable {
  doc_name: string;
  state: Binary;
  through_seq: number;
  updated_at: string;
}

/** Named versions of a live document (history): an immutable Yjs state. */
export interface DocVersionsTable {
  id: string;
  doc_name: string;
  name: string;
  state: Binary;
  created_by: string | null;
  created_at: string;
}

/** Read model of the program brief (`brief:<programId>`), written by its projection. */
export interface ProgramBriefsTable {
  program_id: string;
  ambition: string;
  customers_scope: string;
  success_measures: string;
  constraints: string;
  team_agreements: string;
  updated_at: string;
}

/** Step 1: a vision workshop board; its notes live in `vision:<id>`, its facilitation state here. */
export interface VisionBoardsTable {
  id: string;
  program_id: string;
  title: string;
  locked: number;
  anonymous: number;
  current_section_id: string | null;
  timer_running: number;
  /** When the running countdown reaches zero (epoch ms), while timer_running = 1. */
  timer_ends_at_ms: number | null;
  /** What is left of a paused (or not yet started) countdown, in ms. */
  timer_remaining_ms: number | null;
  created_by: string | null;
  created_at: string;
  archived_at: string | null;
}

/** A timed agenda section of a vision board. */
export interface VisionSectionsTable {
  id: string;
  board_id: string;
  position: number;
  title: string;
  minutes: number;
}

/** "I am done with this section" signals. */
export interface VisionSectionDoneTable {
  section_id: string;
  user_id: string;
  created_at: string;
}

export type VisionVoteStatus = "open" | "closed" | "revealed";

export interface VisionVoteRoundsTable {
  id: string;
  board_id: string;
  budget: number;
  status: VisionVoteStatus;
  opened_by: string | null;
  opened_at: string;
  closed_at: string | null;
  revealed_at: string | null;
}

/** How many dots a person has used in a round (the budget guard: used never exceeds the round's budget). */
export interface VisionBallotsTable {
  round_id: string;
  user_id: string;
  used: number;
}

/** Dots a person put on one note or cluster (target_id is the doc object's id). */
export interface VisionVotesTable {
  round_id: string;
  user_id: string;
  target_id: string;
  count: number;
}

export type VisionEvidenceKind = "file" | "csv" | "link";

export interface VisionEvidenceTable {
  id: string;
  board_id: string;
  kind: VisionEvidenceKind;
  title: string;
  url: string | null;
  filename: string | null;
  mime: string | null;
  size_bytes: number | null;
  storage_path: string | null;
  csv_header_json: string | null;
  csv_rows_preview_json: string | null;
  row_count: number | null;
  uploaded_by: string | null;
  created_at: string;
}

/** The one working draft of a program's vision (statement + standards as JSON). */
export interface VisionDraftsTable {
  program_id: string;
  statement: string;
  standards_json: string;
  updated_by: string | null;
  updated_at: string;
  based_on_version: number | null;
}

/** An immutable published vision version, numbered per program. */
export interface VisionVersionsTable {
  id: string;
  program_id: string;
  version: number;
  statement: string;
  published_by: string | null;
  published_at: string;
}

/** A quality standard of a published version; standard_key is stable across versions. */
export interface VisionStandardsTable {
  id: string;
  version_id: string;
  standard_key: string;
  position: number;
  title: string;
  description: string;
  measurable_hint: string;
}

/** Read model of the notes on a live board, projected from `vision:<boardId>`. */
export interface VisionNotesTable {
  board_id: string;
  doc_object_id: string;
  prompt_id: string;
  cluster_id: string | null;
  text: string;
  colour: string;
  author_id: string | null;
  created_at: string;
  projected_at: string;
  deleted_at: string | null;
}

/** Read model of the clusters on a live board. */
export interface VisionClustersTable {
  board_id: string;
  doc_object_id: string;
  prompt_id: string;
  name: string;
  projected_at: string;
  deleted_at: string | null;
}

export const JOURNEY_LANES = ["actions", "touchpoints", "frontstage", "backstage", "systems"] as const;
export type JourneyLane = (typeof JOURNEY_LANES)[number];
export const TOUCHPOINT_CHANNELS = ["phone", "web", "app", "branch", "sms", "chat", "email", "social", "other"] as const;
export type TouchpointChannel = (typeof TOUCHPOINT_CHANNELS)[number];

/** A journey map of a program, for one customer segment / persona; its content is the live doc `journey:<id>`. */
export interface JourneyMapsTable {
  id: string;
  program_id: string;
  name: string;
  persona: string;
  description: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  /** Step 3: a current-state map, or the future state of `current_map_id`. */
  state: ColumnType<JourneyMapState, JourneyMapState | undefined, JourneyMapState>;
  current_map_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Read model: a map's stages (columns), projected from `journey:<mapId>`. */
export interface JourneyStagesTable {
  map_id: string;
  doc_object_id: string;
  name: string;
  position: number;
  projected_at: string;
  deleted_at: string | null;
}

/** Read model: a map's cards; lane "touchpoints" cards are touchpoints and carry a channel. */
export interface JourneyCardsTable {
  map_id: string;
  doc_object_id: string;
  stage_id: string;
  lane: JourneyLane;
  channel: TouchpointChannel | null;
  text: string;
  position: number;
  created_by: string | null;
  created_at: string;
  projected_at: string;
  deleted_at: string | null;
}

/** Read model: a map's personas (each with an emotion curve). */
export interface JourneyPersonasTable {
  map_id: string;
  doc_object_id: string;
  name: string;
  colour: string;
  projected_at: string;
  deleted_at: string | null;
}

/** Read model: one point of an emotion curve, −2…+2. */
export interface JourneyEmotionsTable {
  map_id: string;
  persona_id: string;
  stage_id: string;
  value: number;
}

export type PainPointSource = "top_down" | "bottom_up";
export type PainPointStatus = "open" | "confirmed" | "addressed" | "dismissed";

/** Read model: pain points pinned on touchpoints. */
export interface PainPointsTable {
  map_id: string;
  doc_object_id: string;
  program_id: string;
  touchpoint_id: string | null;
  title: string;
  description: string;
  severity: number;
  reach: number;
  impact: number;
  effort: number;
  source: PainPointSource;
  status: PainPointStatus;
  created_by: string | null;
  created_at: string;
  projected_at: string;
  deleted_at: string | null;
}

/** Read model: the answers to a map's key questions (a–f). */
export interface JourneyQuestionsTable {
  map_id: string;
  question_key: string;
  answer: string;
  projected_at: string;
}

export type FeedbackImportStatus = "staged" | "committed" | "cancelled";

/** A CSV upload of feedback records, staged until the user commits or cancels it. */
export interface FeedbackImportsTable {
  id: string;
  program_id: string;
  filename: string;
  encoding: string;
  storage_path: string | null;
  header_json: string;
  mapping_json: string | null;
  score_scale: string | null;
  status: FeedbackImportStatus;
  total_rows: number;
  valid_rows: number;
  error_rows: number;
  errors_json: string | null;
  imported_rows: number;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export type FeedbackSource = "import" | "manual" | "api" | "idea";

/** One customer (or frontline) feedback record. */
export interface FeedbackRecordsTable {
  id: string;
  program_id: string;
  import_id: string | null;
  source: FeedbackSource;
  /** YYYY-MM-DD */
  occurred_on: string;
  channel: string;
  segment: string;
  contact_reason: string;
  score: number | null;
  score_min: number | null;
  score_max: number | null;
  text: string;
  customer_id: string | null;
  created_by: string | null;
  created_at: string;
  /** Who it is from (defaults to customer). */
  origin: Generated<FeedbackOrigin>;
}

export type FeedbackOrigin = "customer" | "frontline";

export type JourneyEvidenceKind = "file" | "link";

/** A file (recording, image, document) or a link used as evidence in a program's journey work. */
export interface JourneyEvidenceTable {
  id: string;
  program_id: string;
  kind: JourneyEvidenceKind;
  title: string;
  url: string | null;
  filename: string | null;
  mime: string | null;
  size_bytes: number | null;
  storage_path: string | null;
  uploaded_by: string | null;
  created_at: string;
}

export type EvidenceTargetType = "touchpoint" | "pain_point" | "question";
export type EvidenceType = "feedback" | "file" | "link";

/** Evidence linked to a touchpoint, pain point or key question (by doc object id / question key) of a map. */
export interface JourneyEvidenceLinksTable {
  id: string;
  map_id: string;
  target_type: EvidenceTargetType;
  target_id: string;
  evidence_type: EvidenceType;
  evidence_id: string;
  created_by: string | null;
  created_at: string;
}

export interface PainPointSettingsTable {
  program_id: string;
  triangulation_margin: number;
  updated_by: string | null;
  updated_at: string;
}

/** Leadership reviewed a flagged pain point at these scores. */
export interface PainPointReviewsTable {
  id: string;
  map_id: string;
  pain_point_id: string;
  top_down_score: number;
  bottom_up_score: number;
  note: string;
  reviewed_by: string | null;
  reviewed_at: string;
}

// ---------------------------------------------------------------------------------------------
// Step 3, reshape journeys (migration 005).

export type JourneyMapState = "current" | "future";
export type InitiativeKind = "quick_win" | "small_loop" | "large_loop";
export type InitiativeLever =
  | "peak_end"
  | "defaults"
  | "waiting_uncertainty"
  | "progress_feedback"
  | "choice_simplification"
  | "social_proof"
  | "loss_aversion"
  | "custom";
export type InitiativeStatus = "idea" | "approved" | "in_progress" | "done" | "dropped";

/** Quick wins, small-loop initiatives and large-loop solutions: one model for the whole portfolio. */
export interface InitiativesTable {
  id: string;
  program_id: string;
  kind: InitiativeKind;
  title: string;
  description: string;
  lever: InitiativeLever;
  /** The lever in the team's words when `lever` is custom. */
  lever_custom: string | null;
  owner_id: string | null;
  expected_result: string;
  /** Calendar days, YYYY-MM-DD. */
  start_date: string | null;
  due_date: string | null;
  team_size: number | null;
  status: InitiativeStatus;
  status_changed_at: string;
  result_notes: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** The CX office team that owns it (step 6). */
  owning_team_id: string | null;
  /** A RAG health set by hand over the computed one, with its reason. */
  health_override: RagHealth | null;
  health_override_reason: string | null;
  health_override_by: string | null;
  health_override_at: string | null;
  /** The quality standard (vision_standards.standard_key) it serves, for traceability. */
  standard_key: string | null;
}

/** The pain points (doc object ids of a map) an initiative addresses. */
export interface InitiativePainPointsTable {
  initiative_id: string;
  map_id: string;
  pain_point_id: string;
  created_at: string;
}

/** A touchpoint of a future-state map that resolves a pain point of its current-state map. */
export interface PainPointResolutionsTable {
  future_map_id: string;
  future_touchpoint_id: string;
  current_map_id: string;
  pain_point_id: string;
  created_by: string | null;
  created_at: string;
}

export type KpiKind = "process" | "outcome";
/** up: higher is better; down: lower is better. */
export type KpiDirection = "up" | "down";
export type KpiCadence = "weekly" | "biweekly" | "monthly" | "quarterly";
export type MeasurementSource = "manual" | "csv" | "api";

/** A KPI of a program (step 4), from a template (NPS, CSAT, …) or custom. */
export interface KpisTable {
  id: string;
  program_id: string;
  name: string;
  kind: KpiKind;
  /** The template it was made from (nps, csat, ces, fcr, aht, repeat_contact, complaint_rate, churn, abandonment, self_service), or null. */
  template: string | null;
  /** How it is computed, in the team's words. */
  description: string;
  unit: string;
  direction: KpiDirection;
  baseline: number | null;
  target: number | null;
  /** Crossing it (in the bad direction) raises an alert. */
  alert_threshold: number | null;
  owner_id: string | null;
  cadence: KpiCadence;
  journey_map_id: string | null;
  /** A touchpoint (doc object id) of journey_map_id. */
  touchpoint_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  /** The quality standard (vision_standards.standard_key) it serves, for traceability. */
  standard_key: string | null;
}

export interface KpiInitiativesTable {
  kpi_id: string;
  initiative_id: string;
  created_at: string;
}

/** One value of a KPI for one day; writing the same (kpi, day) again replaces the value. */
export interface KpiMeasurementsTable {
  id: string;
  kpi_id: string;
  /** YYYY-MM-DD */
  measured_on: string;
  value: number;
  source: MeasurementSource;
  note: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type LoopKind = "small" | "large";
export type LoopCycleStatus = "open" | "closed";

/** One turn of a small loop (e.g. two weeks) or a large loop (e.g. a quarter). */
export interface LoopCyclesTable {
  id: string;
  program_id: string;
  kind: LoopKind;
  /** 1, 2, 3… per program and kind. */
  number: number;
  title: string;
  goal: string;
  starts_on: string;
  ends_on: string;
  status: LoopCycleStatus;
  previous_cycle_id: string | null;
  /** On close: each KPI's value before and after the cycle (JSON). */
  result_json: string | null;
  closed_by: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CycleKpisTable {
  cycle_id: string;
  kpi_id: string;
}

export type CycleItemType = "feedback" | "initiative" | "note";
export type CycleItemStatus = "open" | "done";

/** What one step of a cycle holds. */
export interface CycleItemsTable {
  id: string;
  cycle_id: string;
  /** 1-based step of the cycle's kind (small: 4 steps, large: 6). */
  step: number;
  item_type: CycleItemType;
  /** The feedback record or initiative it stands for (null for a note). */
  ref_id: string | null;
  text: string;
  status: CycleItemStatus;
  /** The open item of the previous cycle it continues. */
  carried_from_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type FeedbackTriageStatus = "triaged" | "dismissed";

/** The inbox state of a feedback record (no row: new). Nothing is deleted, only dismissed with a reason. */
export interface FeedbackTriageTable {
  record_id: string;
  program_id: string;
  status: FeedbackTriageStatus;
  cycle_id: string | null;
  /** Why it was dismissed. */
  reason: string | null;
  triaged_by: string | null;
  triaged_at: string;
}

export type FeedbackLinkTarget = "pain_point" | "initiative";

export interface FeedbackLinksTable {
  id: string;
  record_id: string;
  program_id: string;
  target_type: FeedbackLinkTarget;
  /** The map of a pain point (null for an initiative). */
  map_id: string | null;
  target_id: string;
  created_by: string | null;
  created_at: string;
}

export type ApiTokenScope = "read" | "write";

/** A personal access token for the REST API: only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, to recognise it in the list. */
  prefix: string;
  scope: ApiTokenScope;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

// ── Step 5: empower the frontline ──────────────────────────────────────────────

/** A behaviour guideline citing one quality standard of the published vision. */
export interface GuidelinesTable {
  id: string;
  program_id: string;
  title: string;
  body: string;
  /** JSON array of strings. */
  do_examples: string;
  /** JSON array of strings. */
  dont_examples: string;
  /** The cited standard's stable key (vision_standards.standard_key). */
  standard_key: string;
  /** The published vision version it was written or last reviewed against. */
  standard_version: number;
  /** JSON {title, description, measurableHint}: the standard as cited; differing from the latest version flags the guideline. */
  standard_snapshot: string;
  position: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export type RewardKind = "points" | "certificate" | "bonus" | "other";

/** A behaviour worth recognising (the catalogue), agreed in a leadership + frontline workshop. */
export interface RecognitionTypesTable {
  id: string;
  program_id: string;
  name: string;
  description: string;
  /** The guideline reviewers evaluate nominations against. */
  guideline_id: string | null;
  reward_kind: RewardKind;
  reward_text: string;
  reward_value: number;
  /** YYYY-MM-DD */
  agreed_on: string;
  agreed_note: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

/** Who agreed on a catalogue entry, with their program role at the time. */
export interface RecognitionAgreementsTable {
  type_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export type NominationStatus = "submitted" | "approved" | "rejected" | "rewarded";

/** A nomination: never deleted; every transition is a nomination_events row. */
export interface NominationsTable {
  id: string;
  program_id: string;
  type_id: string;
  nominee_id: string;
  nominator_id: string;
  story: string;
  story_hash: string;
  status: NominationStatus;
  reviewer_id: string | null;
  review_reason: string | null;
  reviewed_at: string | null;
  /** The reward as granted (copied from the catalogue at the time). */
  reward_text: string | null;
  reward_value: number | null;
  rewarded_by: string | null;
  rewarded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NominationEventsTable {
  id: string;
  nomination_id: string;
  from_status: NominationStatus | null;
  to_status: NominationStatus;
  actor_id: string | null;
  note: string;
  created_at: string;
}

/** What only an idea has beyond its feedback record (source "idea", origin "frontline"). */
export interface IdeasTable {
  record_id: string;
  program_id: string;
  author_id: string | null;
  title: string;
  map_id: string | null;
  touchpoint_id: string | null;
  cycle_id: string | null;
  photo_path: string | null;
  photo_type: string | null;
  photo_size: number | null;
  created_at: string;
}

export interface LeaderboardOptOutsTable {
  program_id: string;
  user_id: string;
  created_at: string;
}

// ── Step 6: continuous improvement ─────────────────────────────────────────────

export type OfficeTeamKey = "new_cx" | "call_center" | "analytics";

export interface OfficeTeamsTable {
  id: string;
  org_id: string;
  key: OfficeTeamKey;
  description: string;
  position: number;
  created_at: string;
}

export interface OfficeTeamMembersTable {
  team_id: string;
  user_id: string;
  /** 1 for the team's lead. */
  is_lead: number;
  created_at: string;
}

export type RagHealth = "green" | "amber" | "red";
export type KpiAlertKind = "threshold" | "stale";
export type KpiAlertStatus = "open" | "acknowledged";

export interface KpiAlertsTable {
  id: string;
  org_id: string;
  program_id: string;
  kpi_id: string;
  kind: KpiAlertKind;
  /** threshold: the measurement's day; stale: the day the next value was due. */
  period_key: string;
  value: number | null;
  threshold: number | null;
  status: KpiAlertStatus;
  detected_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  ack_note: string | null;
}

export type NotificationKind = "alert" | "mention";

export interface NotificationsTable {
  id: string;
  user_id: string;
  org_id: string;
  program_id: string | null;
  kind: NotificationKind;
  entity_id: string;
  actor_id: string | null;
  url: string;
  /** JSON */
  payload: string;
  created_at: string;
  read_at: string | null;
}

export type CommentTargetType = "sticky" | "touchpoint" | "pain_point" | "initiative" | "kpi";

export interface CommentsTable {
  id: string;
  org_id: string;
  program_id: string;
  target_type: CommentTargetType;
  target_id: string;
  /** The board or map holding a doc object (sticky, touchpoint, pain point); null otherwise. */
  target_context: string | null;
  /** The thread's first comment; null on the first comment itself. */
  thread_id: string | null;
  author_id: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface CommentMentionsTable {
  comment_id: string;
  user_id: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  programs: ProgramsTable;
  program_members: ProgramMembersTable;
  invites: InvitesTable;
  audit_log: AuditLogTable;
  vision_boards: VisionBoardsTable;
  vision_sections: VisionSectionsTable;
  vision_section_done: VisionSectionDoneTable;
  vision_vote_rounds: VisionVoteRoundsTable;
  vision_ballots: VisionBallotsTable;
  vision_votes: VisionVotesTable;
  vision_evidence: VisionEvidenceTable;
  vision_drafts: VisionDraftsTable;
  vision_versions: VisionVersionsTable;
  vision_standards: VisionStandardsTable;
  vision_notes: VisionNotesTable;
  vision_clusters: VisionClustersTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  doc_versions: DocVersionsTable;
  program_briefs: ProgramBriefsTable;
  journey_maps: JourneyMapsTable;
  journey_stages: JourneyStagesTable;
  journey_cards: JourneyCardsTable;
  journey_personas: JourneyPersonasTable;
  journey_emotions: JourneyEmotionsTable;
  pain_points: PainPointsTable;
  journey_questions: JourneyQuestionsTable;
  feedback_imports: FeedbackImportsTable;
  feedback_records: FeedbackRecordsTable;
  journey_evidence: JourneyEvidenceTable;
  journey_evidence_links: JourneyEvidenceLinksTable;
  pain_point_settings: PainPointSettingsTable;
  pain_point_reviews: PainPointReviewsTable;
  initiatives: InitiativesTable;
  initiative_pain_points: InitiativePainPointsTable;
  pain_point_resolutions: PainPointResolutionsTable;
  kpis: KpisTable;
  kpi_initiatives: KpiInitiativesTable;
  kpi_measurements: KpiMeasurementsTable;
  loop_cycles: LoopCyclesTable;
  cycle_kpis: CycleKpisTable;
  cycle_items: CycleItemsTable;
  feedback_triage: FeedbackTriageTable;
  feedback_links: FeedbackLinksTable;
  api_tokens: ApiTokensTable;
  guidelines: GuidelinesTable;
  recognition_types: RecognitionTypesTable;
  recognition_agreements: RecognitionAgreementsTable;
  nominations: NominationsTable;
  nomination_events: NominationEventsTable;
  ideas: IdeasTable;
  leaderboard_opt_outs: LeaderboardOptOutsTable;
  office_teams: OfficeTeamsTable;
  office_team_members: OfficeTeamMembersTable;
  kpi_alerts: KpiAlertsTable;
  notifications: NotificationsTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Organization = Selectable<OrganizationsTable>;
export type Program = Selectable<ProgramsTable>;
export type ProgramMember = Selectable<ProgramMembersTable>;
export type Invite = Selectable<InvitesTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type DocVersion = Selectable<DocVersionsTable>;
export type ProgramBrief = Selectable<ProgramBriefsTable>;
export type VisionBoard = Selectable<VisionBoardsTable>;
export type VisionSection = Selectable<VisionSectionsTable>;
export type VisionVoteRound = Selectable<VisionVoteRoundsTable>;
export type VisionEvidence = Selectable<VisionEvidenceTable>;
export type VisionVersion = Selectable<VisionVersionsTable>;
export type VisionStandard = Selectable<VisionStandardsTable>;
export type JourneyMap = Selectable<JourneyMapsTable>;
export type FeedbackImport = Selectable<FeedbackImportsTable>;
export type FeedbackRecord = Selectable<FeedbackRecordsTable>;
export type JourneyEvidence = Selectable<JourneyEvidenceTable>;
export type JourneyEvidenceLink = Selectable<JourneyEvidenceLinksTable>;
export type Initiative = Selectable<InitiativesTable>;
export type Kpi = Selectable<KpisTable>;
export type KpiMeasurement = Selectable<KpiMeasurementsTable>;
export type LoopCycle = Selectable<LoopCyclesTable>;
export type CycleItem = Selectable<CycleItemsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type Guideline = Selectable<GuidelinesTable>;
export type RecognitionType = Selectable<RecognitionTypesTable>;
export type Nomination = Selectable<NominationsTable>;
export type NominationEvent = Selectable<NominationEventsTable>;
export type Idea = Selectable<IdeasTable>;
export type OfficeTeam = Selectable<OfficeTeamsTable>;
export type KpiAlert = Selectable<KpiAlertsTable>;
export type Notification = Selectable<NotificationsTable>;
export type Comment = Selectable<CommentsTable>;
