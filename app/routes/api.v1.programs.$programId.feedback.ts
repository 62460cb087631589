/**
 * GET /api/v1/programs/:programId/feedback?from&to&segment&channel&reason&q&import&hop=web>phone&repeat=phone|*&days=7&page&pageSize
 * → {items, total, page, pageSize}: the feedback records behind a chart bar (drill-down) or a search.
 *
 * POST /api/v1/programs/:programId/feedback — one item `{text, origin?, occurredOn?, channel?, segment?,
 * contactReason?, score?, scoreMin?, scoreMax?, customerId?}` or a batch `{items: [...]}` of at most
 * 1,000 (FeedbackInputSchema), stored all together or not at all with source "api"; they land in
 * the feedback inbox as new. → 201 {created, ids}. Needs a write-scoped token (or the session) and
 * feedback.submit (everyone but viewers); 401 without credentials, 403 read-only token or viewer,
 * 422 with field errors, 413 over 1 MB.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { submitFeedback } from "../models/feedback-submit.server";
import { filterFromParams, listFeedbackRecords, requireApiActor } from "../models/feedback-records.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await requireApiActor(user, locale, params.programId);
  const sp = new URL(request.url).searchParams;
  const page = await listFeedbackRecords(actor.program.id, filterFromParams(sp), {
    page: Number(sp.get("page")) || 1,
    pageSize: Number(sp.get("pageSize")) || 25,
  });
  return json(page, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const actor = await requireApiActor(user, locale, params.programId);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const result = await runDomain(locale, () => submitFeedback(actor, body, "api"));
  return json(result, { status: 201 });
}
