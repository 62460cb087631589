/**
 * POST /api/v1/nominations/:nominationId/review {decision: "approve"|"reject", reason?}
 * → 200 {nomination}. A reviewer (nomination.review: owner, leadership, project team) decides on a
 * submitted nomination; a rejection needs a reason (422 otherwise). Not on a nomination the caller
 * sent or one about them (403). Anything but a submitted nomination → 409. A nomination of a program
 * the caller cannot see → 404. Recorded as a nomination event and in the audit log.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { reviewNomination } from "../models/nomination-review.server";
import { requireNominationApiActor } from "../utils/nomination-api.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { nominationToApi } from "./api.v1.programs.$programId.nominations";

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { actor, locale } = await requireNominationApiActor(request, params.nominationId);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const nomination = await runDomain(locale, () => reviewNomination(actor, params.nominationId, body));
  return json({ nomination: nominationToApi(nomination) }, { headers: { "Cache-Control": "private, no-store" } });
}
