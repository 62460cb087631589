/**
 * GET /api/v1/programs/:programId/export → the whole program as one JSON file, sent as a download
 * (`cx-workspace.program`, version 1: the program, its members by email and role, every row of
 * every program-scoped table, the people those rows name, its live documents' states and its
 * uploaded files, base64). See app/models/program-export.server.ts for what is in it and what is
 * left out (accounts, sessions, tokens, invites, the audit log).
 * Needs program.export (owners; the organisation's CX office and admins) → 403; a program the
 * caller cannot see → 404; uploaded files over 200 MB → 413. The export is audited.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProgramApiActor } from "../models/journey-api.server";
import { exportProgram } from "../models/program-export.server";
import { contentDisposition } from "../models/vision-evidence.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const { file, filename } = await runDomain(locale, () => exportProgram(actor));
  return new Response(JSON.stringify(file), {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": contentDisposition(filename, false),
      "Cache-Control": "private, no-store",
    },
  });
}
