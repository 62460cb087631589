/**
 * GET /api/v1/programs/:programId/recognition-types[?archived=1]
 *     → {recognitionTypes:[…]}: the recognition catalogue — each behaviour type with its reward
 *     (kind, text, value), the guideline reviewers evaluate against (id and title) and the
 *     workshop agreement (day, note, who agreed with their program role). `?archived=1` includes
 *     archived types. Anyone who sees the program reads; someone else's program answers 404.
 *     Other methods answer 405 (the catalogue is edited in the app).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { listRecognitionTypes } from "../models/recognition-catalogue.server";
import { methodNotAllowed } from "../utils/api.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireProgramApiActor(request, params.programId);
  const archived = new URL(request.url).searchParams.get("archived");
  const recognitionTypes = await listRecognitionTypes(actor.program.id, { includeArchived: archived === "1" || archived === "true" });
  return json(
    { recognitionTypes: recognitionTypes.map((r) => ({ ...r, url: `/programs/${r.programId}/frontline/catalogue#type-${r.id}` })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
