/**
 * The one typed Database interface. Every table the migrations create is described here;
 * tests/integration/schema.test.ts checks that the two agree on both dialects.
 *
 * Conventions: ids are text (crypto.randomUUID()), timestamps are ISO-8601 text,
 * booleans are integers 0/1 (portable across SQLite and Postgres).
 */
import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

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
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Organization = Selectable<OrganizationsTable>;
export type Program = Selectable<ProgramsTable>;
export type ProgramMember = Selectable<ProgramMembersTable>;
export type Invite = Selectable<InvitesTable>;
export type AuditEntry = Selectable<AuditLogTable>;
