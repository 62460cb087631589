/**
 * GET /api/v1/office/portfolio[?org=&program=&team=&kind=&status=&health=&q=&sort=]
 *     → {portfolio:{items, total, healthCounts, programs, teams, seesAll, today}}: the initiative
 *     portfolio of one organisation (the caller's active one unless `org` names another they
 *     belong to), as the CX office page shows it — each initiative with its program, owner,
 *     owning office team, due date, RAG health (computed, or the override with its reason, who
 *     and when), linked journeys, pain points and KPIs (latest vs target). The CX office and org
 *     admins see every program of the organisation; everyone else the programs they belong to.
 *     `team=none`: initiatives no team owns. A value that is not understood → 400 naming the
 *     parameter; an organisation the caller does not belong to → 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { listUserOrgs, pickActiveOrg } from "../models/org.server";
import { parsePortfolioQuery } from "../models/portfolio";
import { listPortfolio } from "../models/portfolio.server";
import { requireApiUser } from "../utils/api.server";
import { httpError } from "../utils/http.server";
import { tFor } from "../i18n/config";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const params = new URL(request.url).searchParams;
  const { filters, errors } = parsePortfolioQuery(params);
  if (Object.keys(errors).length > 0) {
    const t = tFor(locale);
    throw httpError(locale, 400, { fields: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, String(t(key))])) });
  }
  const orgs = await listUserOrgs(user.id);
  const wanted = params.get("org");
  const org = wanted ? orgs.find((o) => o.id === wanted) : pickActiveOrg(orgs, user.active_org_id);
  if (!org) throw httpError(locale, 404, { key: "office.errors.orgNotFound" });
  const portfolio = await listPortfolio({ userId: user.id, orgId: org.id, locale }, filters);
  return json({ portfolio }, { headers: NO_STORE });
}
