/**
 * GET  /api/v1/kpis/:kpiId/measurements[?from=YYYY-MM-DD&to=YYYY-MM-DD]
 *      → {kpi:{id,name,unit,direction,target,alertThreshold}, measurements:[{id,date,value,note,source,…}]} oldest first.
 * POST /api/v1/kpis/:kpiId/measurements  one `{date, value, note?}` or a batch
 *      `{measurements:[{date, value, note?}, …]}` (1…10,000) → 201 {inserted, replaced}.
 *      A batch is written in ONE transaction or refused whole (422 with the bad rows as fields,
 *      e.g. `measurements.12.value`); nothing is written then.
 *      Rules: `value` must be a number; `date` a calendar day no more than one day ahead of today
 *      (UTC); a day that already has a value is REPLACED by the later write (in a batch, the later
 *      row of the same day wins) and counted in `replaced`. An archived KPI → 409.
 *      Needs measurement.add (owner, project team) → 403; a KPI of a program the caller cannot
 *      see → 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import type { Actor } from "../models/domain.server";
import { isCalendarDay } from "../models/kpi";
import { addMeasurement, addMeasurements, listMeasurements } from "../models/kpi-measurements.server";
import { findKpiProgram, requireKpi } from "../models/kpis.server";
import { can } from "../models/permissions";
import { getProgramAccess } from "../models/program.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { httpError } from "../utils/http.server";

/** A batch of 10,000 values with notes is several megabytes. */
const MEASUREMENT_BATCH_MAX_BYTES = 16 * 1024 * 1024;

const NO_STORE = { "Cache-Control": "private, no-store" };

async function requireKpiActor(request: Request, kpiId: string | undefined, write: boolean) {
  const { user, locale } = await requireApiUser(request, { write });
  const programId = await findKpiProgram(kpiId);
  const found = programId ? await getProgramAccess(user.id, programId) : null;
  if (!found || !can(found.access, "program.view")) throw httpError(locale, 404, { key: "kpis.errors.notFound", code: "kpi_not_found" });
  const actor: Actor = { program: found.program, access: found.access, user: { id: user.id, name: user.name } };
  return { actor, locale };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireKpiActor(request, params.kpiId, false);
  const url = new URL(request.url);
  const from = url.searchParams.get("from") ?? undefined;
  const to = url.searchParams.get("to") ?? undefined;
  for (const d of [from, to]) if (d !== undefined && !isCalendarDay(d)) throw httpError(locale, 400, { key: "kpis.errors.badDate" });
  const kpi = await runDomain(locale, () => requireKpi(actor, params.kpiId));
  const measurements = await runDomain(locale, () => listMeasurements(actor, kpi.id, { from, to }));
  return json(
    {
      kpi: {
        id: kpi.id,
        name: kpi.name,
        kind: kpi.kind,
        unit: kpi.unit,
        direction: kpi.direction,
        baseline: kpi.baseline,
        target: kpi.target,
        alertThreshold: kpi.alert_threshold,
        archivedAt: kpi.archived_at,
      },
      measurements,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireKpiActor(request, params.kpiId, true);
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale, { maxBytes: MEASUREMENT_BATCH_MAX_BYTES });
  const isBatch = !!body && typeof body === "object" && !Array.isArray(body) && "measurements" in body;
  const counts = await runDomain(locale, () => (isBatch ? addMeasurements(actor, params.kpiId, body, "api") : addMeasurement(actor, params.kpiId, body, "api")));
  return json(counts, { status: 201, headers: NO_STORE });
}
