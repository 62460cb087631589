/**
 * Who may do what: the roles table of SPEC.md as code. Shared by server and UI (no .server suffix)
 * so the UI hides what the server would refuse; the server is what enforces it
 * (requireProgramPermission in access.server.ts, and the collaboration socket's upgrade).
 */
import type { OrgRole, ProgramRole } from "../../db/schema";

export type { OrgRole, ProgramRole };

export const PROGRAM_ROLES = [
  "owner",
  "leadership",
  "project_team",
  "functional_rep",
  "frontline",
  "viewer",
] as const satisfies readonly ProgramRole[];

export const ORG_ROLES = ["admin", "cx_office", "member"] as const satisfies readonly OrgRole[];

export const ACTIONS = [
  "program.view",
  "program.manage",
  "program.export",
  "members.manage",
  "activity.view",
  "vision.participate",
  "vision.edit",
  "vision.facilitate",
  "vision.publish",
  "brief.edit",
  "journey.edit",
  "initiative.edit",
  "initiative.status",
  "kpi.edit",
  "measurement.add",
  "feedback.submit",
  "feedback.triage",
  "loop.manage",
  "idea.submit",
  "nomination.submit",
  "nomination.review",
  "guideline.edit",
  "comment",
  "approve",
  "report.view",
] as const;

export type Action = (typeof ACTIONS)[number];

/** What every member who is not a mere viewer contributes: feedback, ideas, nominations, workshop notes and dots. */
const CONTRIBUTE: Action[] = ["feedback.submit", "idea.submit", "nomination.submit", "vision.participate"];
const READ: Action[] = ["program.view", "activity.view"];

const ROLE_ACTIONS: Record<ProgramRole, ReadonlySet<Action>> = {
  owner: new Set(ACTIONS),
  leadership: new Set<Action>([
    ...READ,
    ...CONTRIBUTE,
    "vision.edit",
    "vision.publish",
    "brief.edit",
    "journey.edit",
    "approve",
    "comment",
    "nomination.review",
    "guideline.edit",
    "report.view",
  ]),
  project_team: new Set<Action>([
    ...READ,
    ...CONTRIBUTE,
    "brief.edit",
    "journey.edit",
    "initiative.edit",
    "initiative.status",
    "kpi.edit",
    "measurement.add",
    "feedback.triage",
    "loop.manage",
    "comment",
    "nomination.review",
    "guideline.edit",
  ]),
  functional_rep: new Set<Action>([...READ, ...CONTRIBUTE, "journey.edit", "comment"]),
  frontline: new Set<Action>(["program.view", ...CONTRIBUTE]),
  viewer: new Set<Action>([...READ]),
};

/** What the organisation's CX office (and its admins) may do in every program of the organisation. */
const OFFICE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  ...READ,
  "program.export",
  "initiative.status",
  "report.view",
  "comment",
]);

/** A user's standing in one program: their program role (if a member) and whether they read it as CX office. */
export interface ProgramAccess {
  role: ProgramRole | null;
  office: boolean;
}

export function roleAllows(role: ProgramRole, action: Action): boolean {
  return ROLE_ACTIONS[role].has(action);
}

export function can(access: ProgramAccess | null | undefined, action: Action): boolean {
  if (!access) return false;
  if (access.role && roleAllows(access.role, action)) return true;
  return access.office && OFFICE_ACTIONS.has(action);
}

/** Org roles that read every program of the organisation. */
export function orgRoleSeesAllPrograms(role: OrgRole | null | undefined): boolean {
  return role === "admin" || role === "cx_office";
}

export function isProgramRole(value: unknown): value is ProgramRole {
  return typeof value === "string" && (PROGRAM_ROLES as readonly string[]).includes(value);
}
