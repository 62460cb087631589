/**
 * GET  /api/v1/programs/:programId/journey-evidence?q&kind=file|link → {evidence}: the program's files and links.
 * POST … multipart (`file`, optional `title`) → 201 {evidence} a checked file; or JSON {title, url} → 201 {evidence} a link.
 * Adding needs journey.edit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { z } from "zod";
import { DomainError, requireCan } from "../models/domain.server";
import { requireApiActor } from "../models/feedback-records.server";
import { addJourneyEvidenceFile, addJourneyEvidenceLink, listJourneyEvidence, MAX_EVIDENCE_BYTES } from "../models/journey-evidence.server";
import { methodNotAllowed, parseJsonBody, requireApiUser } from "../utils/api.server";
import { domainErrorResponse, runDomain } from "../utils/domain-http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await requireApiActor(user, locale, params.programId);
  const sp = new URL(request.url).searchParams;
  const kind = sp.get("kind");
  const evidence = await listJourneyEvidence(actor, { q: sp.get("q")?.slice(0, 200), kind: kind === "file" || kind === "link" ? kind : undefined });
  return json({ evidence }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale } = await requireApiUser(request, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  const actor = await requireApiActor(user, locale, params.programId);
  await runDomain(locale, async () => requireCan(actor, "journey.edit"));
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_EVIDENCE_BYTES }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        throw domainErrorResponse(locale, new DomainError(413, "evidence.errors.fileTooLarge", undefined, { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }));
      }
      throw error;
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw domainErrorResponse(locale, new DomainError(422, "evidence.errors.fileMissing"));
    const title = form.get("title");
    const evidence = await runDomain(locale, async () =>
      addJourneyEvidenceFile(actor, {
        filename: file.name,
        mime: file.type,
        title: typeof title === "string" && title.trim() ? title : undefined,
        bytes: new Uint8Array(await file.arrayBuffer()),
      }),
    );
    return json({ evidence }, { status: 201, headers: NO_STORE });
  }
  const body = await parseJsonBody(request, z.unknown(), locale);
  const evidence = await runDomain(locale, () => addJourneyEvidenceLink(actor, body));
  return json({ evidence }, { status: 201, headers: NO_STORE });
}
