/**
 * POST /api/v1/comments/:commentId/resolve {resolved: boolean} → {thread}: resolves (true) or
 * reopens (false) the thread the comment belongs to; the same state again changes nothing.
 * Anyone with `comment` may; frontline and viewers → 403. Not visible → 404. Audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { setThreadResolved } from "../models/comments.server";
import { requireCommentApiActor } from "../models/comments-api.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { actor, locale } = await requireCommentApiActor(request, params.commentId, { write: true });
  const body = await parseJsonBody(request, z.unknown(), locale);
  const thread = await runDomain(locale, () => setThreadResolved(actor, params.commentId, body));
  return json({ thread }, { headers: { "Cache-Control": "private, no-store" } });
}
