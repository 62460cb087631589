/**
 * GET  /api/v1/programs/:programId/initiatives[?kind=quick_win|small_loop|large_loop]
 *      → {initiatives:[…]}: every initiative of the program (quick wins, loop initiatives,
 *      solutions) with its owner, status, warnings and the pain points it addresses, each with its
 *      map and links to the map (`mapUrl`, `mapApi`).
 * POST /api/v1/programs/:programId/initiatives  {kind?, title, description?, lever, leverCustom?,
 *      ownerId, expectedResult?, startDate?, dueDate?, teamSize?, painPoints?:[{mapId,painPointId}]}
 *      → 201 {initiative}; needs initiative.edit (403); bad input → 422 {error:{code,message,fields}}.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { INITIATIVE_KINDS, type InitiativeKind } from "../models/initiative";
import { createInitiative, listInitiatives, type InitiativeView } from "../models/initiatives.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { httpError } from "../utils/http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

function toApi(i: InitiativeView) {
  return {
    ...i,
    url: `/programs/${i.programId}/reshape/quick-wins/${i.id}`,
    painPoints: i.painPoints.map((p) => ({
      ...p,
      mapUrl: `/programs/${i.programId}/journeys/${p.mapId}`,
      mapApi: `/api/v1/journey-maps/${p.mapId}`,
    })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const kind = new URL(request.url).searchParams.get("kind");
  if (kind !== null && !(INITIATIVE_KINDS as readonly string[]).includes(kind)) {
    throw httpError(locale, 400, { key: "initiatives.errors.badKind", vars: { allowed: INITIATIVE_KINDS.join(", ") } });
  }
  const list = await listInitiatives(actor.program.id, kind ? { kind: kind as InitiativeKind } : {});
  return json({ initiatives: list.map(toApi) }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const created = await runDomain(locale, () => createInitiative(actor, body));
  return json({ initiative: toApi(created) }, { status: 201, headers: NO_STORE });
}
