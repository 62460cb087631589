/**
 * A demo colleague: an account signing in with the demo password (its hash computed once per
 * seed), a member of the demo organisation and, when given, of a program.
 */
import type { Kysely } from "kysely";
import type { Database, OrgRole, ProgramRole } from "../schema";

export interface DemoPersonPlacement {
  orgId: string;
  orgRole: OrgRole;
  program?: { id: string; role: ProgramRole };
  /** hashPassword(DEMO_PASSWORD). */
  passwordHash: string;
  createdAt: string;
}

/** Creates the person and their memberships; returns their id. */
export async function addDemoPerson(tx: Kysely<Database>, person: { email: string; name: string }, at: DemoPersonPlacement): Promise<string> {
  const id = crypto.randomUUID();
  await tx
    .insertInto("users")
    .values({ id, email: person.email, name: person.name, password_hash: at.passwordHash, locale: null, active_org_id: at.orgId, created_at: at.createdAt })
    .execute();
  await tx.insertInto("org_members").values({ org_id: at.orgId, user_id: id, role: at.orgRole, created_at: at.createdAt }).execute();
  if (at.program) {
    await tx.insertInto("program_members").values({ program_id: at.program.id, user_id: id, role: at.program.role, created_at: at.createdAt }).execute();
  }
  return id;
}
