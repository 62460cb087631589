/**
 * GET  /api/v1/programs/:programId/comments?targetType=…&targetId=…
 *      → {threads:[{id, author, body, mentions, createdAt, editedAt, resolvedAt, resolvedBy,
 *      replies:[…]}]}: the discussion on one artefact (targetType sticky | touchpoint |
 *      pain_point | initiative | kpi), oldest first. Everyone who sees the program reads.
 * POST /api/v1/programs/:programId/comments {targetType, targetId, targetContext?, body, threadId?}
 *      → 201 {thread}: starts a thread, or replies to `threadId` (409 when that thread is resolved).
 *      Mention people in `body` as `@[Name](user:<id>)`; each must be able to see the program
 *      (422 naming them otherwise); they are notified. Needs `comment` (owner, leadership, project
 *      team, functional rep, CX office) → 403 for frontline and viewers (and read-scoped tokens).
 *      A target not in the program → 404; bad input → 422 with fields.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { createComment, listComments } from "../models/comments.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const url = new URL(request.url);
  const threads = await runDomain(locale, () => listComments(actor, url.searchParams.get("targetType"), url.searchParams.get("targetId")));
  return json({ threads }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const thread = await runDomain(locale, () => createComment(actor, body));
  return json({ thread }, { status: 201, headers: NO_STORE });
}
