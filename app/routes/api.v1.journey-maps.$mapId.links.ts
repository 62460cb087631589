/**
 * GET    /api/v1/journey-maps/:mapId/links?targetType=touchpoint|pain_point|question&targetId=…
 *        → {links}: evidence linked to the map's targets, each with the record, file or link it points to.
 * POST   … {targetType, targetId, evidenceType: feedback|file|link, evidenceIds: [...]} → 201 {created, links}.
 * DELETE …?linkId=… → 204.
 * Changing links needs journey.edit on the map's program; another program's map answers 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { db } from "../db.server";
import type { Locale } from "../i18n/config";
import { requireApiActor } from "../models/feedback-records.server";
import { linkEvidence, listEvidenceLinks, unlinkEvidence } from "../models/journey-evidence.server";
import type { PublicUser } from "../models/user.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { httpError } from "../utils/http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

async function actorForMap(user: PublicUser, locale: Locale, mapId: string | undefined) {
  const map = mapId && mapId.length <= 100 ? await db().selectFrom("journey_maps").select("program_id").where("id", "=", mapId).executeTakeFirst() : undefined;
  if (!map) throw httpError(locale, 404, { key: "journey.errors.mapNotFound" });
  try {
    return await requireApiActor(user, locale, map.program_id);
  } catch {
    throw httpError(locale, 404, { key: "journey.errors.mapNotFound" });
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await actorForMap(user, locale, params.mapId);
  const sp = new URL(request.url).searchParams;
  const links = await runDomain(locale, () => listEvidenceLinks(actor, params.mapId, { targetType: sp.get("targetType"), targetId: sp.get("targetId") }));
  return json({ links }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  const actor = await actorForMap(user, locale, params.mapId);
  if (request.method === "POST") {
    const body = await parseJsonBody(request, z.unknown(), locale);
    const result = await runDomain(locale, () => linkEvidence(actor, params.mapId, body));
    return json(result, { status: 201, headers: NO_STORE });
  }
  if (request.method === "DELETE") {
    const linkId = new URL(request.url).searchParams.get("linkId");
    await runDomain(locale, () => unlinkEvidence(actor, params.mapId, linkId));
    return new Response(null, { status: 204 });
  }
  return methodNotAllowed(locale);
}
