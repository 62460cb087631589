/**
 * POST /api/v1/journey-maps/:mapId/pain-points/:painPointId/review {note, topDownScore?, bottomUpScore?}
 * → 201 {triangulation}: leadership (the `approve` action) reviews a flagged pain point; the flag
 * stays cleared while both scores stay as reviewed. 409 when it is not flagged (any more) or the
 * scores changed from the ones given. Audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { requireMapApiActor } from "../models/journey-api.server";
import { reviewPainPoint } from "../models/pain-points.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { actor, locale } = await requireMapApiActor(request, params.mapId, { write: true });
  const body = await parseJsonBody(request, z.unknown(), locale);
  const triangulation = await runDomain(locale, () => reviewPainPoint(actor, params.mapId, params.painPointId, body));
  return json({ triangulation }, { status: 201 });
}
