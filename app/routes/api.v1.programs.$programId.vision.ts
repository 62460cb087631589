/**
 * GET /api/v1/programs/:programId/vision → {published, draft, versions, boards}.
 * 404 for a program the caller cannot see (its existence does not leak).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getProgramAccess } from "../models/program.server";
import { getVisionOverview } from "../models/vision-overview.server";
import { requireApiUser } from "../utils/api.server";
import { httpError } from "../utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale } = await requireApiUser(request);
  const found = params.programId ? await getProgramAccess(user.id, params.programId) : null;
  if (!found) throw httpError(locale, 404, { key: "errors.programNotFound" });
  return json(await getVisionOverview(found.program.id, found.access), { headers: { "Cache-Control": "private, no-store" } });
}
