/**
 * GET /api/v1/office/alerts[?status=open|acknowledged|all&programId=&kpiId=&from=<ISO>&to=<ISO>&orgId=]
 *     → {alerts:[…]}: KPI alerts of the programs the caller sees in the organisation, open first
 *     and newest first within each (up to 1,000; default status all). Each names its KPI and
 *     program, the value against the threshold (threshold alerts) or the due day (stale alerts),
 *     whether the KPI has recovered since, who acknowledged it with what note, and whether the
 *     caller may acknowledge it. `from`/`to` bound the detection time.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ALERT_FILTERS, type AlertFilter } from "../models/kpi-alerts";
import { listKpiAlerts } from "../models/kpi-alerts.server";
import { httpError } from "../utils/http.server";
import { requireOrgApiViewer } from "../utils/office-api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, orgId } = await requireOrgApiViewer(request);
  const sp = new URL(request.url).searchParams;
  const status = sp.get("status") ?? "all";
  if (!(ALERT_FILTERS as readonly string[]).includes(status)) throw httpError(locale, 400);
  const from = sp.get("from");
  const to = sp.get("to");
  for (const v of [from, to]) if (v !== null && Number.isNaN(Date.parse(v))) throw httpError(locale, 400);
  const alerts = await listKpiAlerts(
    { userId: user.id, orgId },
    {
      status: status as AlertFilter,
      programId: sp.get("programId"),
      kpiId: sp.get("kpiId"),
      detectedFrom: from ? new Date(from).toISOString() : null,
      detectedBefore: to ? new Date(to).toISOString() : null,
      limit: 1000,
    },
  );
  return json({ alerts }, { headers: { "Cache-Control": "private, no-store" } });
}
