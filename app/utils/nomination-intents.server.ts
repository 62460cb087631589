/**
 * The form intents of the nominations pages (list and detail share them): nominate, approve,
 * reject, reward. A success answers `{ok, id}` (nominate answers the new nomination's id for a
 * redirect); a refusal answers the JSON error with the nomination it concerns (`target`) so the
 * page shows it next to the right form.
 */
import { json } from "@remix-run/node";
import type { ProgramContext } from "../models/access.server";
import { DomainError } from "../models/domain.server";
import { nominationInputFromForm } from "../models/nominations";
import { reviewNomination, rewardNomination } from "../models/nomination-review.server";
import { submitNomination } from "../models/nomination-submit.server";
import type { ApiErrorBody } from "./http";
import { domainErrorResponse } from "./domain-http.server";
import { httpError } from "./http.server";

export type NominationIntent = "nominate" | "approve" | "reject" | "reward";

export type NominationActionData =
  | { ok: NominationIntent; id: string }
  | (ApiErrorBody & { target: string | null; intent: NominationIntent | null });

export async function handleNominationIntent(ctx: ProgramContext, form: FormData): Promise<Response | { ok: NominationIntent; id: string }> {
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const intent = s("intent");
  const id = s("nominationId") ?? null;
  try {
    switch (intent) {
      case "nominate": {
        const n = await submitNomination(ctx, nominationInputFromForm(form));
        return { ok: "nominate", id: n.id };
      }
      case "approve":
      case "reject": {
        const n = await reviewNomination(ctx, id, { decision: intent, reason: s("reason") });
        return { ok: intent, id: n.id };
      }
      case "reward": {
        const n = await rewardNomination(ctx, id, { rewardText: s("rewardText"), rewardValue: s("rewardValue"), note: s("note") });
        return { ok: "reward", id: n.id };
      }
      default:
        return httpError(ctx.locale, 400);
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const res = domainErrorResponse(ctx.locale, error);
    const body = (await res.json()) as ApiErrorBody;
    return json({ ...body, target: id, intent: intent as NominationIntent }, { status: res.status });
  }
}

