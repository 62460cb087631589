/**
 * GET /api/v1/office/report[?period=2026-Q4|2026-11][&org=]
 *     → {report:{period, asOf, generatedAt, seesAll, summary, programs:[{id, name, satisfaction,
 *     initiatives, problems, nextSteps}]}}: the CEO report's numbers, exactly what the report page
 *     and its PDF show (see models/ceo-report.server.ts), for the caller's active organisation
 *     (or `org`, one they belong to). Without `period`: the last full quarter.
 *     A malformed period, one before the organisation's history or more than one period ahead →
 *     400 in the caller's language; nobody to report on (not CX office or admin, no leadership
 *     or owner role) → 403; an organisation the caller does not belong to → 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { buildCeoReport, requireReportScope } from "../models/ceo-report.server";
import { resolveReportPeriod } from "../models/report-period-range.server";
import { listUserOrgs, pickActiveOrg } from "../models/org.server";
import { requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { httpError } from "../utils/http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const params = new URL(request.url).searchParams;
  const orgs = await listUserOrgs(user.id);
  const wanted = params.get("org");
  const org = wanted ? orgs.find((o) => o.id === wanted) : pickActiveOrg(orgs, user.active_org_id);
  if (!org) throw httpError(locale, 404, { key: "office.errors.orgNotFound" });
  const viewer = { userId: user.id, orgId: org.id, locale };
  const scope = await runDomain(locale, () => requireReportScope(viewer));
  const { period, today } = await runDomain(locale, () => resolveReportPeriod(org.id, params.get("period")));
  const report = await buildCeoReport(viewer, period, { today, scope });
  return json({ report }, { headers: NO_STORE });
}
