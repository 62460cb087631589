/** The caller of /api/v1/nominations/:nominationId/* as an Actor of the nomination's program (404 when they cannot see it). */
import type { Locale } from "../i18n/config";
import type { Actor } from "../models/domain.server";
import { findNominationProgram } from "../models/nomination-views.server";
import { can } from "../models/permissions";
import { getProgramAccess } from "../models/program.server";
import { requireApiUser } from "./api.server";
import { httpError } from "./http.server";

export async function requireNominationApiActor(request: Request, nominationId: string | undefined): Promise<{ actor: Actor; locale: Locale }> {
  const { user, locale } = await requireApiUser(request, { write: true });
  const programId = await findNominationProgram(nominationId);
  const found = programId ? await getProgramAccess(user.id, programId) : null;
  if (!found || !can(found.access, "program.view")) throw httpError(locale, 404, { key: "nominations.errors.notFound", code: "nomination_not_found" });
  return { actor: { program: found.program, access: found.access, user: { id: user.id, name: user.name } }, locale };
}
