/**
 * POST /api/v1/programs/:programId/feedback-imports/:importId/commit {acceptErrors?: boolean}
 * Imports every valid row of a validated import in ONE transaction. Refusals come back as plain
 * JSON errors (403 without journey.edit, 409 when rows have errors and acceptErrors is not set).
 * Otherwise the answer is a stream of JSON lines: `{"progress":{phase,done,total}}` after each
 * insert batch, then `{"done":{…import}}` or `{"error":{code,message}}` (then nothing was imported).
 * Progress is streamed because a transaction's progress is invisible to other connections.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { tFor } from "../i18n/config";
import { DomainError, requireCan } from "../models/domain.server";
import { commitFeedbackImport, getFeedbackImport } from "../models/feedback-import.server";
import { requireApiActor } from "../models/feedback-records.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export const BodySchema = z.object({ acceptErrors: z.boolean().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const actor = await requireApiActor(user, locale, params.programId);
  const body = await parseJsonBody(request, BodySchema, locale);
  const t = tFor(locale);
  // The refusals that need no work answer with a status before the stream starts.
  await runDomain(locale, async () => {
    requireCan(actor, "journey.edit");
    const imp = await getFeedbackImport(actor, params.importId);
    if (imp.status !== "staged") throw new DomainError(409, imp.status === "committed" ? "feedback.errors.alreadyCommitted" : "feedback.errors.cancelled");
    if (!imp.validated) throw new DomainError(409, "feedback.errors.notValidated");
    if (imp.errorRows > 0 && !body.acceptErrors) throw new DomainError(409, "feedback.errors.confirmSkip", undefined, { valid: imp.validRows, errors: imp.errorRows });
  });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      try {
        const done = await commitFeedbackImport(actor, params.importId, { acceptErrors: body.acceptErrors }, async (progress) => {
          send({ progress });
          // Let the event loop write the line to the socket before the next batch.
          await new Promise((resolve) => setImmediate(resolve));
        });
        send({ done });
      } catch (error) {
        if (error instanceof DomainError) send({ error: { code: error.key, message: String(t(error.key, error.vars ?? {})) } });
        else {
          console.error("[feedback-import] commit failed", error);
          send({ error: { code: "internal", message: String(t("feedback.errors.commitFailed")) } });
        }
      }
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
