/**
 * GET /api/v1/programs/:programId/pain-points?sort=priority|severity|created&mode=impact_effort|severity_reach&limit=N
 * → {painPoints:[…], sort, mode, triangulationMargin}: the pain points of the program's active maps,
 * each with its map, touchpoint, evidence counts, top-down and bottom-up scores, flag, priority
 * score and rank (by priority in `mode`, whatever the sort). A bad query value answers 400.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { parsePainPointQuery, PainPointQueryError, requireProgramApiActor } from "../models/journey-api.server";
import { getTriangulationSettings, listProgramPainPoints } from "../models/pain-points.server";
import { methodNotAllowed } from "../utils/api.server";
import { httpError } from "../utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  let query;
  try {
    query = parsePainPointQuery(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof PainPointQueryError) {
      throw httpError(locale, 400, { key: "painPoints.errors.badQuery", vars: { param: error.param, allowed: error.allowed } });
    }
    throw error;
  }
  const [painPoints, settings] = await Promise.all([
    listProgramPainPoints(actor.program.id, query),
    getTriangulationSettings(actor.program.id),
  ]);
  return json(
    { painPoints, sort: query.sort, mode: query.mode, triangulationMargin: settings.margin },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
