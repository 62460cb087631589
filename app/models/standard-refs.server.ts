/**
 * The quality standards an initiative or a KPI may serve (traceability up to the vision): the
 * standards of the program's latest published vision version, and the server-side check of a
 * chosen `standardKey` (callers refuse an unknown one with a field error; a key that the item
 * already carries is kept even when a later version dropped the standard, so editing something
 * else never fails).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { db } from "../db.server";

export interface StandardOption {
  key: string;
  title: string;
  description: string;
  version: number;
}

/** The standards of the latest published vision version, in their order (empty when nothing is published). */
export async function publishedStandardOptions(programId: string, q: Kysely<Database> = db()): Promise<StandardOption[]> {
  const latest = await q
    .selectFrom("vision_versions")
    .select(["id", "version"])
    .where("program_id", "=", programId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return [];
  const rows = await q
    .selectFrom("vision_standards")
    .select(["standard_key", "title", "description"])
    .where("version_id", "=", latest.id)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ key: r.standard_key, title: r.title, description: r.description, version: Number(latest.version) }));
}

/**
 * True when a standard key may be saved: null or left out, the key the item carries already
 * (`current`), or a standard of the program's latest published vision version.
 */
export async function standardKeyAllowed(q: Kysely<Database>, programId: string, key: string | null | undefined, current: string | null = null): Promise<boolean> {
  if (key === null || key === undefined || key === current) return true;
  const known = await publishedStandardOptions(programId, q);
  return known.some((s) => s.key === key);
}
