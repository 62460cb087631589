import type { Kysely } from "kysely";
import type { Database, Organization, OrgRole } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";

export interface OrgSummary {
  id: string;
  name: string;
  name_en: string | null;
  role: OrgRole;
}

export async function listUserOrgs(userId: string): Promise<OrgSummary[]> {
  return db()
    .selectFrom("org_members")
    .innerJoin("organizations", "organizations.id", "org_members.org_id")
    .select(["organizations.id", "organizations.name", "organizations.name_en", "org_members.role"])
    .where("org_members.user_id", "=", userId)
    .orderBy("organizations.created_at")
    .execute();
}

export async function getOrg(orgId: string): Promise<Organization | undefined> {
  return db().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
}

export async function orgRoleOf(userId: string, orgId: string, tx: Kysely<Database> = db()): Promise<OrgRole | null> {
  const row = await tx
    .selectFrom("org_members")
    .select("role")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The organisation the user works in now: their chosen one while they still belong to it, else the first. */
export function pickActiveOrg(orgs: OrgSummary[], activeOrgId: string | null): OrgSummary | null {
  return orgs.find((o) => o.id === activeOrgId) ?? orgs[0] ?? null;
}

export async function createOrganization(
  actorId: string,
  input: { name: string; name_en: string | null },
): Promise<Organization> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const org: Organization = {
        id: newId(),
        name: input.name,
        name_en: input.name_en,
        created_by: actorId,
        created_at: nowIso(),
      };
      await tx.insertInto("organizations").values(org).execute();
      await tx
        .insertInto("org_members")
        .values({ org_id: org.id, user_id: actorId, role: "admin", created_at: nowIso() })
        .execute();
      await tx.updateTable("users").set({ active_org_id: org.id }).where("id", "=", actorId).execute();
      await recordAudit(tx, {
        orgId: org.id,
        programId: null,
        actorId,
        entityType: "organization",
        entityId: org.id,
        action: "create",
        after: { name: org.name, name_en: org.name_en },
      });
      return org;
    });
}

export interface OrgMemberRow {
  user_id: string;
  name: string;
  email: string;
  role: OrgRole;
  created_at: string;
}

export async function listOrgMembers(orgId: string): Promise<OrgMemberRow[]> {
  return db()
    .selectFrom("org_members")
    .innerJoin("users", "users.id", "org_members.user_id")
    .select(["org_members.user_id", "users.name", "users.email", "org_members.role", "org_members.created_at"])
    .where("org_members.org_id", "=", orgId)
    .orderBy("users.name")
    .execute();
}

export type OrgRoleChangeResult = "ok" | "not_member" | "last_admin";

export async function setOrgRole(actorId: string, orgId: string, userId: string, role: OrgRole): Promise<OrgRoleChangeResult> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const current = await orgRoleOf(userId, orgId, tx);
      if (!current) return "not_member";
      if (current === role) return "ok";
      if (current === "admin") {
        const admins = await tx
          .selectFrom("org_members")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("org_id", "=", orgId)
          .where("role", "=", "admin")
          .executeTakeFirstOrThrow();
        if (Number(admins.n) <= 1) return "last_admin";
      }
      await tx.updateTable("org_members").set({ role }).where("org_id", "=", orgId).where("user_id", "=", userId).execute();
      await recordAudit(tx, {
        orgId,
        programId: null,
        actorId,
        entityType: "org_member",
        entityId: userId,
        action: "change_role",
        before: { role: current },
        after: { role },
      });
      return "ok";
    });
}

/** Adds the user to the organisation as a plain member unless they already belong to it. */
export async function ensureOrgMember(tx: Kysely<Database>, orgId: string, userId: string): Promise<void> {
  if (await orgRoleOf(userId, orgId, tx)) return;
  await tx.insertInto("org_members").values({ org_id: orgId, user_id: userId, role: "member", created_at: nowIso() }).execute();
}

export function localName(row: { name: string; name_en: string | null }, locale: string): string {
  return locale === "en" && row.name_en ? row.name_en : row.name;
}

export function localDescription(row: { description: string; description_en: string | null }, locale: string): string {
  return locale === "en" && row.description_en ? row.description_en : row.description;
}
