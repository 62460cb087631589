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
