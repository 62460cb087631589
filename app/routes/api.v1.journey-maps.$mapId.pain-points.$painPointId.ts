/**
 * GET /api/v1/journey-maps/:mapId/pain-points/:painPointId → the pain point's triangulation:
 * top-down and bottom-up scores (with dissatisfaction, volume and share), evidence counts, the
 * margin, the flag and the last review. The pain point is read from the live document.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { requireMapApiActor } from "../models/journey-api.server";
import { getPainPointTriangulation } from "../models/pain-points.server";
import { can } from "../models/permissions";
import { methodNotAllowed } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireMapApiActor(request, params.mapId);
  const triangulation = await runDomain(locale, () => getPainPointTriangulation(actor, params.mapId, params.painPointId));
  return json({ triangulation, canReview: can(actor.access, "approve") }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
