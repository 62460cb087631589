/**
 * GET    /api/v1/programs/:programId/journey-evidence/:evidenceId → the stored file, always as an
 *        attachment (our own MIME type, a sandboxing CSP; nosniff is set for every response by server/app.ts).
 * DELETE … → 204; removes the file or link and every link of it (journey.edit).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiActor } from "../models/feedback-records.server";
import { contentDisposition, deleteJourneyEvidence, readJourneyEvidenceFile } from "../models/journey-evidence.server";
import { methodNotAllowed, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await requireApiActor(user, locale, params.programId);
  const file = await runDomain(locale, () => readJourneyEvidenceFile(actor, params.evidenceId));
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.filename, false),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  if (request.method !== "DELETE") return methodNotAllowed(locale);
  const actor = await requireApiActor(user, locale, params.programId);
  await runDomain(locale, () => deleteJourneyEvidence(actor, params.evidenceId));
  return new Response(null, { status: 204 });
}
