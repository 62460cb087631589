/**
 * Route guards: they read as preconditions and throw Responses (redirect, 404, 403).
 * Someone else's program answers 404, so its existence does not leak.
 */
import { localeFor } from "../i18n/locale.server";
import type { Locale } from "../i18n/config";
import { httpError } from "../utils/http.server";
import { memoForRequest } from "../utils/request-memo.server";
import { can, type Action, type ProgramAccess } from "./permissions";
import { getProgramAccess } from "./program.server";
import { requireUser } from "./session.server";
import type { PublicUser } from "./user.server";
import type { Program } from "../../db/schema";

export interface ProgramContext {
  user: PublicUser;
  locale: Locale;
  program: Program;
  access: ProgramAccess;
}

export async function requireProgram(
  request: Request,
  programId: string | undefined,
  action: Action = "program.view",
): Promise<ProgramContext> {
  const user = await requireUser(request);
  const locale = await localeFor(request, user);
  // The program layout and its page both ask: one lookup per page request.
  const found = programId
    ? await memoForRequest(request, `program\u0000${user.id}\u0000${programId}`, () => getProgramAccess(user.id, programId))
    : null;
  if (!found) throw httpError(locale, 404, { key: "errors.programNotFound" });
  if (!can(found.access, action)) throw httpError(locale, 403);
  return { user, locale, ...found };
}

/** For actions that check a second permission after loading the program. */
export function assertCan(ctx: ProgramContext, action: Action): void {
  if (!can(ctx.access, action)) throw httpError(ctx.locale, 403);
}
