/** Guard for /api/v1/docs/:docName routes: signed in (401), known doc (404), may view (403) / edit (403). */
import type { Locale } from "../i18n/config";
import { docService, type DocPermissions } from "./doc.server";
import type { PublicUser } from "./user.server";
import { requireApiUser } from "../utils/api.server";
import { httpError } from "../utils/http.server";

export async function requireDocApi(
  request: Request,
  docName: string | undefined,
  need: "view" | "edit",
): Promise<{ user: PublicUser; locale: Locale; doc: DocPermissions }> {
  const { user, locale } = await requireApiUser(request, { write: need === "edit" });
  const doc = docName ? await docService().permissions(user.id, docName) : null;
  if (!doc) throw httpError(locale, 404);
  if (!doc.canView || (need === "edit" && !doc.canEdit)) throw httpError(locale, 403);
  return { user, locale, doc };
}
