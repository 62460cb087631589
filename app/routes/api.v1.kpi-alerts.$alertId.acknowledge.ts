/**
 * POST /api/v1/kpi-alerts/:alertId/acknowledge {note?} → 200 {alert}
 *      Acknowledges an open KPI alert with an optional note (up to 1,000 characters): the KPI's
 *      program editors (kpi.edit: owner, project team) and the CX office → 403 for anyone else
 *      who sees the program; an alert of a program the caller cannot see → 404; already
 *      acknowledged → 409. Audited. The alert stays listed (acknowledged, never deleted).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { acknowledgeKpiAlert, AcknowledgeInputSchema } from "../models/kpi-alerts.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { user, locale } = await requireApiUser(request, { write: true });
  const body = await parseJsonBody(request, AcknowledgeInputSchema, locale);
  const alert = await runDomain(locale, () => acknowledgeKpiAlert(user, params.alertId, body));
  return json({ alert });
}
