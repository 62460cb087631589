/**
 * GET   /api/v1/initiatives/:initiativeId/office → {initiative}: one initiative as the CX office
 *       portfolio shows it (health, reasons, override, owning team, journeys, pain points, KPIs).
 * PATCH /api/v1/initiatives/:initiativeId/office
 *       {owningTeamId?: string|null, healthOverride?: {health: "green"|"amber"|"red", reason}|null}
 *       → {initiative}: sets the owning office team (null: none) and/or overrides the RAG health
 *       with a required reason (null: clear the override, back to the computed health).
 *       Needs initiative.status in the initiative's program (owner, project team, CX office) →
 *       403; an initiative the caller cannot see or a team of another organisation → 404; a done
 *       or dropped initiative takes no override → 409; bad input (no reason…) → 422. Audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { getPortfolioItem, updateInitiativeOffice } from "../models/initiative-office.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const initiative = await runDomain(locale, () => getPortfolioItem({ id: user.id, name: user.name }, params.initiativeId, locale));
  return json({ initiative }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  if (request.method !== "PATCH") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const initiative = await runDomain(locale, () => updateInitiativeOffice({ id: user.id, name: user.name }, params.initiativeId, body, locale));
  return json({ initiative }, { headers: NO_STORE });
}
