import type { Program } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { orgRoleSeesAllPrograms, type ProgramAccess, type ProgramRole } from "./permissions";

export interface VisibleProgram extends Program {
  role: ProgramRole | null;
  office: boolean;
}

/**
 * Programs the user can see: those they are a member of, plus every program of an organisation
 * in which they hold the CX office (or admin) role. Optionally limited to one organisation.
 */
export async function listVisiblePrograms(userId: string, orgId?: string): Promise<VisibleProgram[]> {
  let q = db()
    .selectFrom("programs")
    .innerJoin("org_members", (j) =>
      j.onRef("org_members.org_id", "=", "programs.org_id").on("org_members.user_id", "=", userId),
    )
    .leftJoin("program_members", (j) =>
      j.onRef("program_members.program_id", "=", "programs.id").on("program_members.user_id", "=", userId),
    )
    .selectAll("programs")
    .select(["program_members.role as role", "org_members.role as org_role"])
    .where("programs.archived_at", "is", null)
    .where((eb) =>
      eb.or([eb("program_members.role", "is not", null), eb("org_members.role", "in", ["admin", "cx_office"])]),
    );
  if (orgId) q = q.where("programs.org_id", "=", orgId);
  const rows = await q.orderBy("programs.created_at").execute();
  return rows.map(({ org_role, ...p }) => ({ ...p, role: p.role ?? null, office: orgRoleSeesAllPrograms(org_role) }));
}

export interface ProgramWithAccess {
  program: Program;
  access: ProgramAccess;
}

/** The program and the user's standing in it, or null when the user may not see it (callers answer 404). */
export async function getProgramAccess(userId: string, programId: string): Promise<ProgramWithAccess | null> {
  const row = await db()
    .selectFrom("programs")
    .leftJoin("program_members", (j) =>
      j.onRef("program_members.program_id", "=", "programs.id").on("program_members.user_id", "=", userId),
    )
    .leftJoin("org_members", (j) =>
      j.onRef("org_members.org_id", "=", "programs.org_id").on("org_members.user_id", "=", userId),
    )
    .selectAll("programs")
    .select(["program_members.role as member_role", "org_members.role as org_role"])
    .where("programs.id", "=", programId)
    .executeTakeFirst();
  if (!row) return null;
  const { member_role, org_role, ...program } = row;
  // A program member who has since left the organisation keeps no access.
  const role = org_role ? (member_role ?? null) : null;
  const office = orgRoleSeesAllPrograms(org_role);
  if (!role && !office) return null;
  return { program, access: { role, office } };
}

export async function createProgram(
  actorId: string,
  orgId: string,
  input: { name: string; name_en: string | null; description: string },
): Promise<Program> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const program: Program = {
        id: newId(),
        org_id: orgId,
        name: input.name,
        name_en: input.name_en,
        description: input.description,
        description_en: null,
        created_by: actorId,
        created_at: nowIso(),
        archived_at: null,
      };
      await tx.insertInto("programs").values(program).execute();
      await tx
        .insertInto("program_members")
        .values({ program_id: program.id, user_id: actorId, role: "owner", created_at: nowIso() })
        .execute();
      await recordAudit(tx, {
        orgId,
        programId: program.id,
        actorId,
        entityType: "program",
        entityId: program.id,
        action: "create",
        after: { name: program.name, name_en: program.name_en },
      });
      return program;
    });
}

export async function updateProgram(
  actorId: string,
  program: Program,
  input: { name: string; name_en: string | null; description: string },
): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("programs").set(input).where("id", "=", program.id).execute();
      await recordAudit(tx, {
        orgId: program.org_id,
        programId: program.id,
        actorId,
        entityType: "program",
        entityId: program.id,
        action: "update",
        before: { name: program.name, name_en: program.name_en, description: program.description },
        after: input,
      });
    });
}
