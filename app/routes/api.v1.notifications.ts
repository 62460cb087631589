/**
 * GET /api/v1/notifications[?unread=1&before=<ISO instant>&limit=1…200&orgId=]
 *     → {notifications:[{id, kind, entityId, programId, actor, url, payload, title, body, createdAt, readAt}], unread}
 *     The caller's own notifications in their active organisation (or `orgId`, one they belong
 *     to), newest first; `title` and `body` are the sentence in the caller's language; `unread`
 *     is the number of unread ones (the header bell's count). Page on with `before` = the last
 *     `createdAt`.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { tFor } from "../i18n/config";
import { countUnread, listNotifications } from "../models/notification-centre.server";
import { notificationText } from "../models/notification-text";
import { httpError } from "../utils/http.server";
import { requireOrgApiViewer } from "../utils/office-api.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, orgId } = await requireOrgApiViewer(request);
  const sp = new URL(request.url).searchParams;
  const unread = sp.get("unread");
  const before = sp.get("before");
  const limitRaw = sp.get("limit");
  if (before !== null && Number.isNaN(Date.parse(before))) throw httpError(locale, 400);
  const limit = limitRaw === null ? undefined : Number(limitRaw);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 200)) throw httpError(locale, 400);
  const t = tFor(locale);
  const [list, count] = await Promise.all([
    listNotifications(user.id, orgId, { unreadOnly: unread === "1" || unread === "true", before, limit }),
    countUnread(user.id, orgId),
  ]);
  return json(
    { notifications: list.map((n) => ({ ...n, ...notificationText(n, t, locale) })), unread: count },
    { headers: NO_STORE },
  );
}
