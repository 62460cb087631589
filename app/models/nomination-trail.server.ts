/**
 * What every transition of a nomination leaves behind, in the same transaction: a
 * nomination_events row, and the subject (nominee and behaviour) its audit entry names.
 */
import type { Kysely } from "kysely";
import type { Database, NominationStatus } from "../../db/schema";
import { newId } from "../db.server";

export async function recordEvent(tx: Kysely<Database>, nominationId: string, from: NominationStatus | null, to: NominationStatus, actorId: string, note: string, at: string) {
  await tx.insertInto("nomination_events").values({ id: newId(), nomination_id: nominationId, from_status: from, to_status: to, actor_id: actorId, note, created_at: at }).execute();
}

export async function subjectOf(tx: Kysely<Database>, n: { nominee_id: string; type_id: string }): Promise<{ name: string; behaviour: string }> {
  const [u, t] = await Promise.all([
    tx.selectFrom("users").select("name").where("id", "=", n.nominee_id).executeTakeFirst(),
    tx.selectFrom("recognition_types").select("name").where("id", "=", n.type_id).executeTakeFirst(),
  ]);
  return { name: u?.name ?? "", behaviour: t?.name ?? "" };
}
