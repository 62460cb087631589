import type { Kysely } from "kysely";
import type { Database, User } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { hashPassword, verifyPassword } from "./password.server";

export type PublicUser = Pick<User, "id" | "email" | "name" | "locale" | "active_org_id">;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string, tx: Kysely<Database> = db()): Promise<User | undefined> {
  return tx.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export async function findUserById(id: string): Promise<PublicUser | undefined> {
  return db()
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "active_org_id"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export class EmailTakenError extends Error {
  constructor() {
    super("email taken");
  }
}

export async function createUser(
  input: { email: string; name: string; password: string; locale?: string | null },
  tx: Kysely<Database> = db(),
): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(email, tx)) throw new EmailTakenError();
  const user = {
    id: newId(),
    email,
    name: input.name.trim(),
    password_hash: await hashPassword(input.password),
    locale: input.locale ?? null,
    active_org_id: null,
    created_at: nowIso(),
  };
  await tx.insertInto("users").values(user).execute();
  return { id: user.id, email, name: user.name, locale: user.locale, active_org_id: null };
}

/** The user when the password matches; undefined otherwise (same answer for unknown email). */
export async function verifyLogin(email: string, password: string): Promise<PublicUser | undefined> {
  const user = await findUserByEmail(email);
  if (!user) {
    // Spend the same time as a real check so response time does not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH);
    return undefined;
  }
  if (!(await verifyPassword(password, user.password_hash))) return undefined;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, active_org_id: user.active_org_id };
}

const DUMMY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

export async function setUserLocale(userId: string, locale: string): Promise<void> {
  await db().updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

export async function setActiveOrg(userId: string, orgId: string): Promise<void> {
  await db().updateTable("users").set({ active_org_id: orgId }).where("id", "=", userId).execute();
}
