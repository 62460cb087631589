/**
 * POST /api/v1/docs/:docName/versions/:versionId/restore → {ok:true}: the version's content is
 * applied to the live doc as a new change (logged, broadcast to everyone editing; audited).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { docService } from "../models/doc.server";
import { methodNotAllowed } from "../utils/api.server";
import { requireDocApi } from "../models/doc-access.server";
import { httpError } from "../utils/http.server";
import { localeFor } from "../i18n/locale.server";

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { user, locale, doc } = await requireDocApi(request, params.docName, "edit");
  const restored = await docService().restoreVersion(doc.docName, params.versionId ?? "", user.id);
  if (!restored) throw httpError(locale, 404);
  return json({ ok: true });
}
