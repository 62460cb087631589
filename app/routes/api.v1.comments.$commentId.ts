/**
 * GET   /api/v1/comments/:commentId → {thread}: the thread the comment belongs to, with its replies.
 * PATCH /api/v1/comments/:commentId {body} → {thread}: edits one's own comment (edited_at is set);
 *       people newly @mentioned are notified, nobody else. Someone else's comment → 403; needs
 *       `comment`. A comment of a program the caller cannot see → 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { editComment, getThread } from "../models/comments.server";
import { requireCommentApiActor } from "../models/comments-api.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireCommentApiActor(request, params.commentId);
  const thread = await runDomain(locale, () => getThread(actor, params.commentId));
  return json({ thread }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireCommentApiActor(request, params.commentId, { write: true });
  if (request.method !== "PATCH") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const thread = await runDomain(locale, () => editComment(actor, params.commentId, body));
  return json({ thread }, { headers: NO_STORE });
}
