/**
 * GET /api/v1/journey-maps/:mapId → {map, stages, cards (all lanes), touchpoints, personas,
 * emotions, painPoints (triangulated, ranked by priority), questions{a…f}, triangulationMargin},
 * from the projection tables. 404 for a map of a program the caller cannot see.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { journeyMapForApi, requireMapApiActor } from "../models/journey-api.server";
import { methodNotAllowed } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireMapApiActor(request, params.mapId);
  const body = await runDomain(locale, () => journeyMapForApi(actor, params.mapId));
  return json(body, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
