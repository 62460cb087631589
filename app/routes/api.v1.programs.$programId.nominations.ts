/**
 * GET  /api/v1/programs/:programId/nominations[?scope=all|sent|received|queue|reward&status=…&typeId=…]
 *      → {nominations:[…]}: what the caller may see. Reviewers and readers of the program's activity
 *      see every nomination (scope `all`, the default for them; newest first); everyone else sees what
 *      they sent (`sent`, their default) and the approved or rewarded recognitions about them
 *      (`received`). `queue` (waiting for review) and `reward` (approved, waiting for the reward) are
 *      the reviewers' work lists, oldest first.
 * POST /api/v1/programs/:programId/nominations {nomineeId, typeId, story} → 201 {nomination}.
 *      Needs nomination.submit (everyone but viewers and the CX office) → 403; a read-scoped token → 403.
 *      Self-nomination, an unknown colleague or behaviour, an archived behaviour, a story outside
 *      20–2000 characters → 422 with field errors; the same story (trimmed, white space collapsed,
 *      case-folded) for the same colleague and behaviour → 409.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireProgramApiActor } from "../models/journey-api.server";
import { isNominationStatus } from "../models/nominations";
import { listNominations, nominationAbilities, type NominationScope } from "../models/nomination-reading.server";
import { submitNomination } from "../models/nomination-submit.server";
import type { NominationView } from "../models/nomination-views.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { httpError } from "../utils/http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };
const SCOPES: readonly NominationScope[] = ["all", "sent", "received", "queue", "reward"];

export function nominationToApi(n: NominationView) {
  return {
    ...n,
    url: `/programs/${n.programId}/frontline/nominations/${n.id}`,
    reviewApi: `/api/v1/nominations/${n.id}/review`,
    rewardApi: `/api/v1/nominations/${n.id}/reward`,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const sp = new URL(request.url).searchParams;
  const scopeParam = sp.get("scope");
  const status = sp.get("status");
  const typeId = sp.get("typeId");
  if (scopeParam !== null && !SCOPES.includes(scopeParam as NominationScope)) throw httpError(locale, 400);
  if (status !== null && !isNominationStatus(status)) throw httpError(locale, 400);
  if (typeId !== null && (typeId.length === 0 || typeId.length > 100)) throw httpError(locale, 400);
  const scope = (scopeParam as NominationScope | null) ?? (nominationAbilities(actor).canSeeAll ? "all" : "sent");
  const list = await runDomain(locale, () => listNominations(actor, { scope, status: status ?? undefined, typeId: typeId ?? undefined }));
  return json({ nominations: list.map(nominationToApi) }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  const created = await runDomain(locale, () => submitNomination(actor, body));
  return json({ nomination: nominationToApi(created) }, { status: 201, headers: NO_STORE });
}
