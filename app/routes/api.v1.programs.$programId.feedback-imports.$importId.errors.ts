/** GET /api/v1/programs/:programId/feedback-imports/:importId/errors → the row-level error report as CSV (UTF-8 with BOM), in the caller's language. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { importErrorsCsv } from "../models/feedback-import.server";
import { requireApiActor } from "../models/feedback-records.server";
import { contentDisposition } from "../models/vision-evidence.server";
import { requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const actor = await requireApiActor(user, locale, params.programId);
  const report = await runDomain(locale, () => importErrorsCsv(actor, params.importId, locale));
  return new Response(report.body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(report.filename, false),
      "Cache-Control": "private, no-store",
    },
  });
}
