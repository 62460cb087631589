/**
 * GET  /api/v1/programs/:programId/kpis[?archived=1]
 *      → {kpis:[…]}: the program's KPI registry, each with its latest value, previous value, trend,
 *      status against target and alert threshold, a sparkline of the latest values and the
 *      initiatives it tracks; `?archived=1` includes archived KPIs.
 * POST /api/v1/programs/:programId/kpis  {template?, name?, kind?, unit?, direction?, cadence?,
 *      description?, baseline?, target?, alertThreshold?, ownerId?, journeyMapId?, touchpointId?,
 *      initiativeIds?} → 201 {kpi}. With `template` (nps, csat, ces, fcr, aht, repeat_contact,
 *      complaint_rate, churn, abandonment, self_service) the template fills kind, unit, direction,
 *      cadence and the name (in the caller's language) when they are left out.
 *      Needs kpi.edit (owner, project team) → 403 otherwise (and for a read-scoped token);
 *      bad input → 422 {error:{code,message,fields}} in the caller's language.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireProgramApiActor } from "../models/journey-api.server";
import { createKpi, listKpis, type KpiView } from "../models/kpis.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export function kpiToApi(k: KpiView) {
  return {
    ...k,
    url: `/programs/${k.programId}/kpis/${k.id}`,
    measurementsApi: `/api/v1/kpis/${k.id}/measurements`,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireProgramApiActor(request, params.programId);
  const archived = new URL(request.url).searchParams.get("archived");
  const list = await listKpis(actor.program.id, { includeArchived: archived === "1" || archived === "true" });
  return json({ kpis: list.map(kpiToApi) }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const created = await runDomain(locale, () => createKpi(actor, body, locale));
  return json({ kpi: kpiToApi(created) }, { status: 201, headers: NO_STORE });
}
