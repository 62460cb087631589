/**
 * GET /api/v1/programs/:programId/feedback?from&to&segment&channel&reason&q&import&hop=web>phone&repeat=phone|*&days=7&page&pageSize
 * → {items, total, page, pageSize}: the feedback records behind a chart bar (drill-down) or a search.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { filterFromParams, listFeedbackRecords, requireApiActor } from "../models/feedback-records.server";
import { requireApiUser } from "../utils/api.server";

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
