/**
 * GET    /api/v1/programs/:programId/feedback-imports/:importId → {import} with sample rows, the
 *        suggested mapping and (once validated) the row-level errors.
 * POST   … {mapping: {date: 0, channel: 1, …}, scale: "1-5"|"0-10"|"1-10"|"0-100"} → validates every
 *        row and stores the report → {import}. Needs journey.edit.
 * DELETE … → cancels a staged import (nothing is kept) → 204. Needs journey.edit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { cancelFeedbackImport, getFeedbackImport, validateFeedbackImport } from "../models/feedback-import.server";
import { requireApiActor } from "../models/feedback-records.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await requireApiActor(user, locale, params.programId);
  return json({ import: await runDomain(locale, () => getFeedbackImport(actor, params.importId)) }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  const actor = await requireApiActor(user, locale, params.programId);
  if (request.method === "DELETE") {
    await runDomain(locale, () => cancelFeedbackImport(actor, params.importId));
    return new Response(null, { status: 204 });
  }
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, z.unknown(), locale);
  return json({ import: await runDomain(locale, () => validateFeedbackImport(actor, params.importId, body, locale)) }, { headers: NO_STORE });
}
