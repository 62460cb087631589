/**
 * The notification centre's reading side (notify() in notifications.server.ts is the one writer):
 * a user's notifications in one organisation, newest first; the unread count for the header bell
 * (one indexed count); marking some or all as read. A user only ever reads and marks their own:
 * ids of someone else's notifications are ignored (and "not found" when opened one by one).
 */
import type { NotificationKind } from "../../db/schema";
import { db, nowIso } from "../db.server";
import { DomainError } from "./domain.server";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  entityId: string;
  programId: string | null;
  actor: { id: string; name: string } | null;
  /** An app path. */
  url: string;
  /** What the sentence needs (alert: AlertNotificationPayload; mention: {excerpt, targetType, targetTitle?}). */
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATIONS_PAGE = 50;
/** The most ids one "mark as read" call takes. */
export const MARK_READ_MAX_IDS = 500;

function parsePayload(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Only an app path may be followed (never another site): "/…" but not "//…". */
export function safeAppPath(url: string): string {
  return /^\/(?![/\\])/.test(url) ? url : "/notifications";
}

/** The user's notifications in an organisation, newest first; `unreadOnly` leaves read ones out; `before` pages on (an ISO instant). */
export async function listNotifications(
  userId: string,
  orgId: string,
  opts: { unreadOnly?: boolean; before?: string | null; limit?: number } = {},
): Promise<NotificationView[]> {
  let q = db()
    .selectFrom("notifications as n")
    .leftJoin("users as u", "u.id", "n.actor_id")
    .select(["n.id", "n.kind", "n.entity_id", "n.program_id", "n.actor_id", "u.name as actor_name", "n.url", "n.payload", "n.created_at", "n.read_at"])
    .where("n.user_id", "=", userId)
    .where("n.org_id", "=", orgId);
  if (opts.unreadOnly) q = q.where("n.read_at", "is", null);
  if (opts.before) q = q.where("n.created_at", "<", opts.before);
  const rows = await q
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(Math.max(1, Math.min(opts.limit ?? NOTIFICATIONS_PAGE, 200)))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    entityId: r.entity_id,
    programId: r.program_id,
    actor: r.actor_id && r.actor_name ? { id: r.actor_id, name: r.actor_name } : null,
    url: safeAppPath(r.url),
    payload: parsePayload(r.payload),
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

/** How many of the user's notifications in the organisation are unread (the bell). */
export async function countUnread(userId: string, orgId: string): Promise<number> {
  const row = await db()
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks some of the user's notifications read (ids of others' are ignored); returns how many changed. */
export async function markNotificationsRead(userId: string, ids: string[]): Promise<number> {
  const wanted = [...new Set(ids.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 100))];
  if (wanted.length === 0) return 0;
  if (wanted.length > MARK_READ_MAX_IDS) throw new DomainError(422, "errors.invalid_input", { ids: "notifications.errors.tooMany" }, { max: MARK_READ_MAX_IDS });
  const res = await db()
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("id", "in", wanted)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Marks every unread notification of the user in the organisation read; returns how many changed. */
export async function markAllNotificationsRead(userId: string, orgId: string): Promise<number> {
  const res = await db()
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("org_id", "=", orgId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Opens one of the user's notifications: marks it read and answers where it leads (404 for anyone else's). */
export async function openNotification(userId: string, id: unknown): Promise<string> {
  if (typeof id !== "string" || !id || id.length > 100) throw new DomainError(404, "notifications.errors.notFound");
  const row = await db().selectFrom("notifications").select(["id", "url", "read_at"]).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!row) throw new DomainError(404, "notifications.errors.notFound");
  if (!row.read_at) await db().updateTable("notifications").set({ read_at: nowIso() }).where("id", "=", row.id).execute();
  return safeAppPath(row.url);
}
