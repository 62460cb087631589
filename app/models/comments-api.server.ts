/**
 * The caller of /api/v1/comments/:commentId routes: authenticated like every API route, acting in
 * the program the comment belongs to. A comment of a program the caller cannot see answers 404,
 * exactly like one that does not exist.
 */
import type { Locale } from "../i18n/config";
import { requireApiUser, type ApiAuthOptions } from "../utils/api.server";
import { httpError } from "../utils/http.server";
import { findCommentProgram } from "./comments.server";
import type { Actor } from "./domain.server";
import { can } from "./permissions";
import { getProgramAccess } from "./program.server";

export async function requireCommentApiActor(request: Request, commentId: string | undefined, opts?: ApiAuthOptions): Promise<{ actor: Actor; locale: Locale }> {
  const { user, locale } = await requireApiUser(request, opts);
  const programId = await findCommentProgram(commentId);
  const found = programId ? await getProgramAccess(user.id, programId) : null;
  if (!found || !can(found.access, "program.view")) throw httpError(locale, 404, { key: "comments.errors.notFound", code: "comment_not_found" });
  return { actor: { program: found.program, access: found.access, user: { id: user.id, name: user.name } }, locale };
}
