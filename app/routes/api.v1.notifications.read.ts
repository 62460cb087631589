/**
 * POST /api/v1/notifications/read {ids:[…]} | {all:true} → {updated, unread}
 *      Marks the caller's notifications read: the given ids (up to 500; ids that are not the
 *      caller's are ignored, never touched) or all of them in the active organisation (or
 *      `?orgId=`). `unread` is what is left unread there.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { countUnread, markAllNotificationsRead, markNotificationsRead, MARK_READ_MAX_IDS } from "../models/notification-centre.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { requireOrgApiViewer } from "../utils/office-api.server";

export const MarkReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(MARK_READ_MAX_IDS) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { user, locale, orgId } = await requireOrgApiViewer(request, { write: true });
  const body = await parseJsonBody(request, MarkReadSchema, locale);
  const updated = await runDomain(locale, () => ("all" in body ? markAllNotificationsRead(user.id, orgId) : markNotificationsRead(user.id, body.ids)));
  return json({ updated, unread: await countUnread(user.id, orgId) });
}
