/** The program brief's read model (program_briefs), written only by the brief doc's projection. */
import type { Kysely } from "kysely";
import type { Database, ProgramBrief } from "../../db/schema";
import { db, nowIso } from "../db.server";
import type { BriefContent } from "./brief";

/** Upserts the projected row; idempotent (same content → same row, only updated_at moves). */
export async function saveBriefProjection(tx: Kysely<Database>, programId: string, content: BriefContent): Promise<void> {
  const row = { program_id: programId, ...content, updated_at: nowIso() };
  await tx
    .insertInto("program_briefs")
    .values(row)
    .onConflict((oc) => oc.column("program_id").doUpdateSet({ ...content, updated_at: row.updated_at }))
    .execute();
}

/** The latest projected brief of a program, for the program home and reports. */
export async function getProgramBrief(programId: string): Promise<ProgramBrief | null> {
  return (await db().selectFrom("program_briefs").selectAll().where("program_id", "=", programId).executeTakeFirst()) ?? null;
}

/** The program's id and organisation, if it exists (resolves `brief:<programId>`). */
export async function findProgramOwner(programId: string): Promise<{ programId: string; orgId: string } | null> {
  const row = await db().selectFrom("programs").select(["id", "org_id"]).where("id", "=", programId).executeTakeFirst();
  return row ? { programId: row.id, orgId: row.org_id } : null;
}
