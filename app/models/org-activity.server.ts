/**
 * The organisation's activity feed (the CX office's /office/activity): the audit log of one
 * organisation across its programs, filtered by program, person, artefact type and date range,
 * newest first with a cursor. What a reader sees is their scope: the CX office and admins every
 * program of the organisation (archived ones too) and the organisation's own entries (roles,
 * the organisation itself); anyone else only the programs whose activity their program role lets
 * them read. Nothing of another organisation is ever in a scope.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import type { Database, OrgRole } from "../../db/schema";
import { db } from "../db.server";
import { selectAuditRows, type AuditRow, type AuditWindow } from "./audit.server";
import { orgRoleSeesAllPrograms, roleAllows } from "./permissions";

export interface OrgActivityScope {
  orgId: string;
  /** CX office and admins: every program and the organisation-wide entries. */
  seesAll: boolean;
  programs: { id: string; name: string; name_en: string | null; archived: boolean }[];
}

export interface OrgActivityFilter extends AuditWindow {
  /** A program id, or "org" for the organisation's own entries. */
  programId?: string;
  limit?: number;
}

export async function orgActivityScope(userId: string, org: { id: string; role: OrgRole }): Promise<OrgActivityScope> {
  const seesAll = orgRoleSeesAllPrograms(org.role);
  if (seesAll) {
    const programs = await db()
      .selectFrom("programs")
      .select(["id", "name", "name_en", "archived_at"])
      .where("org_id", "=", org.id)
      .orderBy("created_at")
      .execute();
    return { orgId: org.id, seesAll, programs: programs.map((p) => ({ id: p.id, name: p.name, name_en: p.name_en, archived: p.archived_at !== null })) };
  }
  const rows = await db()
    .selectFrom("program_members")
    .innerJoin("programs", "programs.id", "program_members.program_id")
    .select(["programs.id", "programs.name", "programs.name_en", "programs.archived_at", "program_members.role"])
    .where("program_members.user_id", "=", userId)
    .where("programs.org_id", "=", org.id)
    .orderBy("programs.created_at")
    .execute();
  return {
    orgId: org.id,
    seesAll,
    programs: rows
      .filter((r) => roleAllows(r.role, "activity.view"))
      .map((p) => ({ id: p.id, name: p.name, name_en: p.name_en, archived: p.archived_at !== null })),
  };
}

/** Restricts audit rows to the scope (and to one program of it, or the organisation's own entries). */
function inScope<O>(
  q: SelectQueryBuilder<Database, "audit_log", O>,
  scope: OrgActivityScope,
  programId?: string,
): SelectQueryBuilder<Database, "audit_log", O> | null {
  const ids = scope.programs.map((p) => p.id);
  let out = q.where("audit_log.org_id", "=", scope.orgId);
  if (programId === "org") {
    if (!scope.seesAll) return null;
    return out.where("audit_log.program_id", "is", null);
  }
  if (programId) {
    if (!ids.includes(programId)) return null;
    return out.where("audit_log.program_id", "=", programId);
  }
  if (scope.seesAll) return out;
  if (ids.length === 0) return null;
  out = out.where((eb: ExpressionBuilder<Database, "audit_log">) => eb("audit_log.program_id", "in", ids));
  return out;
}

/** Newest first; `limit` at most 200. */
export async function listOrgActivity(scope: OrgActivityScope, filter: OrgActivityFilter = {}): Promise<AuditRow[]> {
  return selectAuditRows(filter, Math.max(1, Math.min(filter.limit ?? 50, 200)), (q) => inScope(q, scope, filter.programId));
}

export interface OrgActivityFacets {
  entityTypes: string[];
  actors: { id: string; name: string }[];
}

/** The values the filters can take within the scope. */
export async function orgActivityFacets(scope: OrgActivityScope): Promise<OrgActivityFacets> {
  const types = inScope(db().selectFrom("audit_log").select("audit_log.entity_type").distinct(), scope);
  const actors = inScope(
    db().selectFrom("audit_log").innerJoin("users", "users.id", "audit_log.actor_id").select(["users.id", "users.name"]).distinct(),
    scope,
  );
  if (!types || !actors) return { entityTypes: [], actors: [] };
  const [t, a] = await Promise.all([types.orderBy("audit_log.entity_type").execute(), actors.execute()]);
  return { entityTypes: t.map((r) => r.entity_type), actors: a.sort((x, y) => x.name.localeCompare(y.name, "zh-CN")) };
}

/** Names of everyone an entry may be about (members of the organisation and of its programs in scope). */
export async function orgActivityNames(scope: OrgActivityScope): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  const orgPeople = await db()
    .selectFrom("org_members")
    .innerJoin("users", "users.id", "org_members.user_id")
    .select(["users.id", "users.name"])
    .where("org_members.org_id", "=", scope.orgId)
    .execute();
  for (const p of orgPeople) names[p.id] = p.name;
  const ids = scope.programs.map((p) => p.id);
  for (let i = 0; i < ids.length; i += 500) {
    const members = await db()
      .selectFrom("program_members")
      .innerJoin("users", "users.id", "program_members.user_id")
      .select(["users.id", "users.name"])
      .where("program_members.program_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const m of members) names[m.id] = m.name;
  }
  return names;
}
