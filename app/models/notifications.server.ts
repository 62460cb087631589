/**
 * The notification centre's one door for writing: KPI alerts and @mentions call `notify` inside
 * the transaction of what caused them. One notification per person, kind and thing (a unique
 * key), so detecting the same alert twice, on any instance, notifies nobody twice. The actor is
 * never notified of their own doing.
 */
import type { Kysely } from "kysely";
import type { Database, NotificationKind } from "../../db/schema";
import { newId, nowIso } from "../db.server";

export interface NotifyInput {
  userIds: string[];
  orgId: string;
  programId: string | null;
  kind: NotificationKind;
  /** The alert or comment it is about. */
  entityId: string;
  actorId: string | null;
  /** An app path, e.g. /office/kpis?alert=… */
  url: string;
  /** What the sentence needs (KPI name, value, excerpt…). */
  payload: Record<string, unknown>;
}

export async function notify(tx: Kysely<Database>, input: NotifyInput): Promise<number> {
  const recipients = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return 0;
  const createdAt = nowIso();
  const payload = JSON.stringify(input.payload);
  const result = await tx
    .insertInto("notifications")
    .values(
      recipients.map((userId) => ({
        id: newId(),
        user_id: userId,
        org_id: input.orgId,
        program_id: input.programId,
        kind: input.kind,
        entity_id: input.entityId,
        actor_id: input.actorId,
        url: input.url,
        payload,
        created_at: createdAt,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(["user_id", "kind", "entity_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
