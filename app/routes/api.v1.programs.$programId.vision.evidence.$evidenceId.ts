/**
 * GET /api/v1/programs/:programId/vision/evidence/:evidenceId → the stored file, to people who can
 * view the program (404 otherwise). Our own MIME type, a sandboxing CSP, and a Content-Disposition
 * with the sanitised original name. `X-Content-Type-Options: nosniff` is set on every response by
 * server/app.ts (setting it here too would send it twice); tests/integration/vision-api.test.ts checks it.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getProgramAccess } from "../models/program.server";
import { contentDisposition, readVisionEvidenceFile } from "../models/vision-evidence.server";
import { requireApiUser } from "../utils/api.server";
import { httpError } from "../utils/http.server";
import { runVision } from "../utils/vision-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const found = params.programId ? await getProgramAccess(user.id, params.programId) : null;
  if (!found) throw httpError(locale, 404, { key: "errors.programNotFound" });
  const actor = { program: found.program, access: found.access, user };
  const file = await runVision(locale, () => readVisionEvidenceFile(actor, params.evidenceId));
  const download = new URL(request.url).searchParams.get("download") === "1";
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.filename, file.inline && !download),
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
