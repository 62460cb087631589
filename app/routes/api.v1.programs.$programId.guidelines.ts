/**
 * GET /api/v1/programs/:programId/guidelines[?archived=1]
 *     → {vision:{version,publishedAt}|null, flagged, guidelines:[…]}: the program's behaviour
 *     guidelines in order, each with the quality standard it cites (as cited, and as the latest
 *     published vision words it) and its flag: `none`, `changed` (which fields) or `removed`.
 *     `?archived=1` includes archived guidelines. Anyone who sees the program reads; someone
 *     else's program answers 404. Other methods answer 405 (guidelines are edited in the app).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { isFlagged } from "../models/guidelines";
import { latestVision, listGuidelines, type GuidelineView } from "../models/guidelines.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { db } from "../db.server";
import { methodNotAllowed } from "../utils/api.server";

export function guidelineToApi(g: GuidelineView) {
  return { ...g, url: `/programs/${g.programId}/frontline#guideline-${g.id}` };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireProgramApiActor(request, params.programId);
  const archived = new URL(request.url).searchParams.get("archived");
  const [guidelines, vision] = await Promise.all([
    listGuidelines(actor.program.id, { includeArchived: archived === "1" || archived === "true" }),
    latestVision(db(), actor.program.id),
  ]);
  return json(
    {
      vision: vision ? { version: vision.version, publishedAt: vision.publishedAt } : null,
      flagged: guidelines.filter((g) => !g.archivedAt && isFlagged(g.flag)).length,
      guidelines: guidelines.map(guidelineToApi),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
