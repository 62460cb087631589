/**
 * GET  /api/v1/programs/:programId/feedback-imports → {imports} (newest first).
 * POST /api/v1/programs/:programId/feedback-imports (multipart: `file`) → 201 {import} staged, with
 *      the detected header, sample rows and a suggested mapping and score scale. Needs journey.edit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { DomainError, requireCan } from "../models/domain.server";
import { listFeedbackImports, MAX_IMPORT_BYTES, stageFeedbackImport } from "../models/feedback-import.server";
import { requireApiActor } from "../models/feedback-records.server";
import { methodNotAllowed, requireApiUser } from "../utils/api.server";
import { domainErrorResponse, runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await requireApiActor(user, locale, params.programId);
  return json({ imports: await listFeedbackImports(actor) }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const actor = await requireApiActor(user, locale, params.programId);
  // Refuse before reading a large body.
  await runDomain(locale, async () => requireCan(actor, "journey.edit"));
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw domainErrorResponse(locale, new DomainError(415, "feedback.errors.fileMissing"));
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      throw domainErrorResponse(locale, new DomainError(413, "feedback.errors.tooLarge", undefined, { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
    }
    throw error;
  }
  const file = form.get("file");
  if (!file || typeof file === "string") throw domainErrorResponse(locale, new DomainError(422, "feedback.errors.fileMissing"));
  const bytes = new Uint8Array(await file.arrayBuffer());
  const staged = await runDomain(locale, () => stageFeedbackImport(actor, { filename: file.name, bytes }));
  return json({ import: staged }, { status: 201, headers: NO_STORE });
}
