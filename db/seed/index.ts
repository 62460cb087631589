import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { seedDemoFoundation, type DemoIds } from "./demo-foundation";

/** Seeds the demo organisation when the database has no users yet. Returns the ids, or null when skipped. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<DemoIds | null> {
  const any = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  const ids = await seedDemoFoundation(db);
  return ids;
}
