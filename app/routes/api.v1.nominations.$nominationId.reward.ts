/**
 * POST /api/v1/nominations/:nominationId/reward {rewardText?, rewardValue?, note?} → 200 {nomination}.
 * A reviewer grants the reward of an approved nomination: the behaviour type's reward as the
 * catalogue has it now, or adjusted (text and/or value) with a note saying why (422 without one).
 * Not on a nomination the caller sent or one about them (403); not approved, or already rewarded
 * → 409. Then it shows on the recognition wall.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { rewardNomination } from "../models/nomination-review.server";
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
  const nomination = await runDomain(locale, () => rewardNomination(actor, params.nominationId, body));
  return json({ nomination: nominationToApi(nomination) }, { headers: { "Cache-Control": "private, no-store" } });
}
