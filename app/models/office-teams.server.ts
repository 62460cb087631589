/**
 * The central CX office's teams of an organisation (step 6): new customer experience, call
 * center, daily management & analytics. The three rows are created lazily and idempotently
 * (`ensureOfficeTeams`: insert-if-missing under the (org, key) unique constraint, so two requests
 * racing both succeed and leave three rows). Members are people of the organisation; a team has
 * at most one lead, who is a member. Org admins and CX office members manage membership, leads
 * and descriptions (403 for anyone else); every change is audited (entity `office_team`,
 * actions add_member, remove_member, set_lead, update). A team of another organisation → 404;
 * someone who is not in the organisation → 422.
 */
import type { Kysely } from "kysely";
import type { Database, OfficeTeam, OfficeTeamKey, OrgRole } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { DomainError, parseInput } from "./domain.server";
import { canManageOffice, OFFICE_TEAM_KEYS, TeamDescriptionInputSchema, TeamLeadInputSchema, TeamMemberInputSchema } from "./office-teams";
import { orgRoleOf } from "./org.server";

/** Who acts on the office: a user in an organisation (their org role is read from the database). */
export interface OfficeActor {
  userId: string;
  orgId: string;
}

export interface OfficeTeamMemberView {
  userId: string;
  name: string;
  email: string;
  orgRole: OrgRole;
  isLead: boolean;
}

export interface OfficeTeamView {
  id: string;
  key: OfficeTeamKey;
  /** The office's own words; "" means the default description (i18n) applies. */
  description: string;
  position: number;
  members: OfficeTeamMemberView[];
  lead: OfficeTeamMemberView | null;
}

/** The organisation's three teams in order, creating the missing ones (safe under concurrency). */
export async function ensureOfficeTeams(orgId: string, tx: Kysely<Database> = db()): Promise<OfficeTeam[]> {
  const existing = await tx.selectFrom("office_teams").selectAll().where("org_id", "=", orgId).orderBy("position").execute();
  if (existing.length < OFFICE_TEAM_KEYS.length) {
    const have = new Set(existing.map((t) => t.key));
    const now = nowIso();
    const missing = OFFICE_TEAM_KEYS.map((key, position) => ({ key, position })).filter((t) => !have.has(t.key));
    await tx
      .insertInto("office_teams")
      .values(missing.map((t) => ({ id: newId(), org_id: orgId, key: t.key, description: "", position: t.position, created_at: now })))
      .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
      .execute();
    return tx.selectFrom("office_teams").selectAll().where("org_id", "=", orgId).orderBy("position").execute();
  }
  return existing;
}

/** The teams with their members (lead first, then by name). */
export async function listOfficeTeams(orgId: string): Promise<OfficeTeamView[]> {
  const teams = await ensureOfficeTeams(orgId);
  const rows = await db()
    .selectFrom("office_team_members as m")
    .innerJoin("office_teams as t", "t.id", "m.team_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    // A member who has left the organisation no longer shows (their row stays until re-added or removed).
    .innerJoin("org_members as om", (j) => j.onRef("om.user_id", "=", "m.user_id").onRef("om.org_id", "=", "t.org_id"))
    .select(["m.team_id", "m.user_id", "m.is_lead", "u.name", "u.email", "om.role"])
    .where("t.org_id", "=", orgId)
    .orderBy("m.is_lead", "desc")
    .orderBy("u.name")
    .execute();
  return teams.map((t) => {
    const members = rows
      .filter((r) => r.team_id === t.id)
      .map((r) => ({ userId: r.user_id, name: r.name, email: r.email, orgRole: r.role, isLead: Number(r.is_lead) === 1 }));
    return { id: t.id, key: t.key, description: t.description, position: Number(t.position), members, lead: members.find((m) => m.isLead) ?? null };
  });
}

async function requireManager(tx: Kysely<Database>, actor: OfficeActor): Promise<void> {
  if (!canManageOffice(await orgRoleOf(actor.userId, actor.orgId, tx))) throw new DomainError(403, "errors.forbidden");
}

async function requireTeam(tx: Kysely<Database>, actor: OfficeActor, teamId: unknown): Promise<OfficeTeam> {
  if (typeof teamId !== "string" || !teamId || teamId.length > 100) throw new DomainError(404, "office.errors.teamNotFound");
  const team = await tx.selectFrom("office_teams").selectAll().where("id", "=", teamId).where("org_id", "=", actor.orgId).executeTakeFirst();
  if (!team) throw new DomainError(404, "office.errors.teamNotFound");
  return team;
}

async function requireOrgPerson(tx: Kysely<Database>, orgId: string, userId: string): Promise<{ id: string; name: string }> {
  const person = await tx
    .selectFrom("org_members as om")
    .innerJoin("users as u", "u.id", "om.user_id")
    .select(["u.id", "u.name"])
    .where("om.org_id", "=", orgId)
    .where("om.user_id", "=", userId)
    .executeTakeFirst();
  if (!person) throw new DomainError(422, "errors.invalid_input", { userId: "office.errors.notOrgMember" });
  return person;
}

function audit(tx: Kysely<Database>, actor: OfficeActor, team: OfficeTeam, action: string, before: unknown, after: unknown) {
  return recordAudit(tx, { orgId: actor.orgId, programId: null, actorId: actor.userId, entityType: "office_team", entityId: team.id, action, before, after });
}

/** Runs a change to one team in a transaction, once the actor may manage the office and the team is theirs. */
async function changeTeam(actor: OfficeActor, teamId: unknown, change: (tx: Kysely<Database>, team: OfficeTeam) => Promise<void>): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      await requireManager(tx, actor);
      await change(tx, await requireTeam(tx, actor, teamId));
    });
}

/** A member of the team with their name, or undefined. */
function findMember(tx: Kysely<Database>, teamId: string, userId: string) {
  return tx
    .selectFrom("office_team_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "m.is_lead"])
    .where("m.team_id", "=", teamId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
}

/** Adds a person of the organisation to a team (adding a member again changes nothing). */
export async function addTeamMember(actor: OfficeActor, teamId: unknown, input: unknown): Promise<void> {
  const { userId } = parseInput(TeamMemberInputSchema, input);
  await changeTeam(actor, teamId, async (tx, team) => {
    const person = await requireOrgPerson(tx, actor.orgId, userId);
    if (await findMember(tx, team.id, person.id)) return;
    const inserted = await tx
      .insertInto("office_team_members")
      .values({ team_id: team.id, user_id: person.id, is_lead: 0, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["team_id", "user_id"]).doNothing())
      .executeTakeFirst();
    // A concurrent add of the same person won the race: nothing changed here.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 1) === 0) return;
    await audit(tx, actor, team, "add_member", undefined, { name: person.name, team: team.key });
  });
}

export async function removeTeamMember(actor: OfficeActor, teamId: unknown, input: unknown): Promise<void> {
  const { userId } = parseInput(TeamMemberInputSchema, input);
  await changeTeam(actor, teamId, async (tx, team) => {
    const row = await findMember(tx, team.id, userId);
    if (!row) throw new DomainError(404, "office.errors.memberNotFound");
    await tx.deleteFrom("office_team_members").where("team_id", "=", team.id).where("user_id", "=", userId).execute();
    await audit(tx, actor, team, "remove_member", { name: row.name, team: team.key, lead: Number(row.is_lead) === 1 }, undefined);
  });
}

/** Makes a member the team's lead (the previous lead stays a member); null removes the lead. */
export async function setTeamLead(actor: OfficeActor, teamId: unknown, input: unknown): Promise<void> {
  const { userId } = parseInput(TeamLeadInputSchema, input);
  await changeTeam(actor, teamId, async (tx, team) => {
    const current = await tx
      .selectFrom("office_team_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.user_id", "u.name"])
      .where("m.team_id", "=", team.id)
      .where("m.is_lead", "=", 1)
      .executeTakeFirst();
    let next: { id: string; name: string } | null = null;
    if (userId) {
      const member = await findMember(tx, team.id, userId);
      if (!member) throw new DomainError(422, "errors.invalid_input", { userId: "office.errors.leadNotMember" });
      next = { id: member.id, name: member.name };
    }
    if ((current?.user_id ?? null) === (next?.id ?? null)) return;
    await tx.updateTable("office_team_members").set({ is_lead: 0 }).where("team_id", "=", team.id).where("is_lead", "=", 1).execute();
    if (next) await tx.updateTable("office_team_members").set({ is_lead: 1 }).where("team_id", "=", team.id).where("user_id", "=", next.id).execute();
    await audit(
      tx,
      actor,
      team,
      "set_lead",
      { lead: current?.name ?? null, team: team.key },
      { name: next?.name ?? undefined, lead: next?.name ?? null, team: team.key }
    );
  });
}

/** The team's description in the office's words ("" restores the default text). */
export async function updateTeamDescription(actor: OfficeActor, teamId: unknown, input: unknown): Promise<void> {
  const { description } = parseInput(TeamDescriptionInputSchema, input);
  await changeTeam(actor, teamId, async (tx, team) => {
    if (team.description === description) return;
    await tx.updateTable("office_teams").set({ description }).where("id", "=", team.id).execute();
    await audit(tx, actor, team, "update", { description: team.description, team: team.key }, { description, team: team.key });
  });
}

/** The people of the organisation, for the member picker (by name). */
export async function officeCandidates(orgId: string): Promise<{ id: string; name: string; email: string; orgRole: OrgRole }[]> {
  const rows = await db()
    .selectFrom("org_members as om")
    .innerJoin("users as u", "u.id", "om.user_id")
    .select(["u.id", "u.name", "u.email", "om.role"])
    .where("om.org_id", "=", orgId)
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, orgRole: r.role }));
}
