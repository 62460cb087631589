/**
 * POST /api/v1/orgs/:orgId/programs/import  (body: a program export file, JSON, up to 300 MB)
 *      → 201 {programId, program, tables, rows, docs, files, members, unknownPeople, dropped}:
 *      the program recreated in the organisation with new ids everywhere; members matched by
 *      email to accounts of the organisation (the others skipped and listed), the importer as
 *      owner. `?dryRun=1` validates and answers 200 with the same summary, writing nothing.
 *      A file that is not a program export, of another version, or corrupted (a wrong value, a
 *      reference to nothing, a damaged document or file) → 422 naming the place, and nothing is
 *      written. Needs the admin role in the organisation → 403; not a member → 404; too large → 413.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { IMPORT_MAX_BODY_BYTES } from "../models/program-export-spec";
import { importProgram, previewProgramImport, requireOrgAdmin } from "../models/program-import.server";
import { methodNotAllowed, readBodyCapped, requireApiUser } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { httpError } from "../utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { user, locale } = await requireApiUser(request, { write: true });
  const orgId = params.orgId ?? "";
  // Refused before the (large) body is read.
  await runDomain(locale, () => requireOrgAdmin(user.id, orgId));
  const dryRun = ["1", "true"].includes(new URL(request.url).searchParams.get("dryRun") ?? "");
  // The upload is cut off past the limit: an export this large is refused anyway.
  const text = await readBodyCapped(request, IMPORT_MAX_BODY_BYTES, { drain: false });
  if (text === null) throw httpError(locale, 413, { key: "programExport.errors.bodyTooLarge", vars: { max: Math.round(IMPORT_MAX_BODY_BYTES / 1024 / 1024) } });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw httpError(locale, 400, { code: "not_json", key: "programExport.errors.notJson" });
  }
  if (dryRun) return json(await runDomain(locale, () => previewProgramImport(user.id, orgId, body)), { headers: { "Cache-Control": "no-store" } });
  const result = await runDomain(locale, () => importProgram(user, orgId, body));
  return json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
}
