import type { Kysely } from "kysely";
import type { Database, Program } from "../../db/schema";
import { db, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { ensureOrgMember } from "./org.server";
import { PROGRAM_ROLES, type ProgramRole } from "./permissions";

export interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  role: ProgramRole;
  created_at: string;
}

export async function listProgramMembers(programId: string): Promise<MemberRow[]> {
  return db()
    .selectFrom("program_members")
    .innerJoin("users", "users.id", "program_members.user_id")
    .select(["program_members.user_id", "users.name", "users.email", "program_members.role", "program_members.created_at"])
    .where("program_members.program_id", "=", programId)
    .orderBy("program_members.created_at")
    .orderBy("users.name")
    .execute()
    .then((rows) => rows.sort((a, b) => PROGRAM_ROLES.indexOf(a.role) - PROGRAM_ROLES.indexOf(b.role)));
}

async function memberRole(tx: Kysely<Database>, programId: string, userId: string): Promise<ProgramRole | null> {
  const row = await tx
    .selectFrom("program_members")
    .select("role")
    .where("program_id", "=", programId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

async function ownerCount(tx: Kysely<Database>, programId: string): Promise<number> {
  const row = await tx
    .selectFrom("program_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("program_id", "=", programId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type MembershipChange = "ok" | "not_member" | "last_owner";

export async function changeMemberRole(
  actorId: string,
  program: Program,
  userId: string,
  role: ProgramRole,
): Promise<MembershipChange> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const current = await memberRole(tx, program.id, userId);
      if (!current) return "not_member";
      if (current === role) return "ok";
      if (current === "owner" && (await ownerCount(tx, program.id)) <= 1) return "last_owner";
      await tx
        .updateTable("program_members")
        .set({ role })
        .where("program_id", "=", program.id)
        .where("user_id", "=", userId)
        .execute();
      await recordAudit(tx, {
        orgId: program.org_id,
        programId: program.id,
        actorId,
        entityType: "member",
        entityId: userId,
        action: "change_role",
        before: { role: current },
        after: { role },
      });
      return "ok";
    });
}

export async function removeMember(actorId: string, program: Program, userId: string): Promise<MembershipChange> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const current = await memberRole(tx, program.id, userId);
      if (!current) return "not_member";
      if (current === "owner" && (await ownerCount(tx, program.id)) <= 1) return "last_owner";
      await tx.deleteFrom("program_members").where("program_id", "=", program.id).where("user_id", "=", userId).execute();
      await recordAudit(tx, {
        orgId: program.org_id,
        programId: program.id,
        actorId,
        entityType: "member",
        entityId: userId,
        action: "remove",
        before: { role: current },
      });
      return "ok";
    });
}

/** Adds (or re-roles) a member inside a caller's transaction; also makes them a member of the organisation. */
export async function putMember(
  tx: Kysely<Database>,
  actorId: string | null,
  program: Pick<Program, "id" | "org_id">,
  userId: string,
  role: ProgramRole,
): Promise<void> {
  await ensureOrgMember(tx, program.org_id, userId);
  const current = await memberRole(tx, program.id, userId);
  if (current === role) return;
  if (current) {
    await tx.updateTable("program_members").set({ role }).where("program_id", "=", program.id).where("user_id", "=", userId).execute();
  } else {
    await tx.insertInto("program_members").values({ program_id: program.id, user_id: userId, role, created_at: nowIso() }).execute();
  }
  await recordAudit(tx, {
    orgId: program.org_id,
    programId: program.id,
    actorId,
    entityType: "member",
    entityId: userId,
    action: current ? "change_role" : "add",
    before: current ? { role: current } : undefined,
    after: { role },
  });
}
