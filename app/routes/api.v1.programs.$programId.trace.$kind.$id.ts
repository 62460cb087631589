/**
 * GET /api/v1/programs/:programId/trace/:kind/:id  (kind: kpi | initiative)
 *     → {trace:{programId, root, standards, withoutStandard, maps, painPoints, evidence,
 *     initiatives, kpis}}: the traceability of a KPI or an initiative — back to the pain points it
 *     addresses, their evidence (feedback counts, satisfaction, sample records, files and links),
 *     the journey maps and the published vision standards served; forward from each pain point to
 *     every initiative addressing it and the KPIs measuring those. Missing links are empty lists.
 *     Another program's item, an unknown id or kind → 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireProgramApiActor } from "../models/journey-api.server";
import { traceOf } from "../models/traceability.server";
import { runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const trace = await runDomain(locale, () => traceOf(actor, params.kind, params.id));
  return json({ trace }, { headers: NO_STORE });
}
