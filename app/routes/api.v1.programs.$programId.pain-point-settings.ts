/**
 * GET /api/v1/programs/:programId/pain-point-settings → {settings:{margin,isDefault,updatedAt,updatedBy}}
 * PUT (or POST) {margin} → {settings}: leadership and the owner (`approve`) set the triangulation
 * margin, 0.5–4 (one decimal); audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { getTriangulationSettings, setTriangulationMargin } from "../models/pain-points.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireProgramApiActor(request, params.programId);
  return json({ settings: await getTriangulationSettings(actor.program.id) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT" && request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { actor, locale } = await requireProgramApiActor(request, params.programId, { write: true });
  const body = await parseJsonBody(request, z.unknown(), locale);
  const settings = await runDomain(locale, () => setTriangulationMargin(actor, body));
  return json({ settings });
}
