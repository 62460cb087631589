/**
 * What every feature model shares: who is acting (a ProgramContext from requireProgram satisfies
 * Actor), the refusal type (DomainError: an HTTP status and an i18n key, with field errors as
 * i18n keys), zod parsing into field errors, permission checks and the audit call.
 * Routes turn a DomainError into a JSON error with domainErrorResponse (utils/domain-http.server).
 */
import type { z } from "zod";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit, type AuditInput } from "./audit.server";
import { can, type Action, type ProgramAccess } from "./permissions";

export interface Actor {
  program: { id: string; org_id: string };
  user: { id: string; name: string };
  access: ProgramAccess;
}

export type DomainErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422;

/** A refusal: `key` and the `fields` values are i18n keys (<feature>.errors.*, validation.*, errors.*). */
export class DomainError extends Error {
  constructor(
    readonly status: DomainErrorStatus,
    readonly key: string,
    readonly fields?: Record<string, string>,
    readonly vars?: Record<string, unknown>,
  ) {
    super(key);
    this.name = "DomainError";
  }
}

export function requireCan(actor: Actor, action: Action): void {
  if (!can(actor.access, action)) throw new DomainError(403, "errors.forbidden");
}

/** An i18n key as zod messages carry them: dotted words (e.g. validation.tooLong, journey.errors.x). */
const I18N_KEY = /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/;

/** Parses input with a schema whose messages are i18n keys; refuses with 422 and `{field: key}`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_form";
    if (fields[field]) continue;
    fields[field] = I18N_KEY.test(issue.message) ? issue.message : "validation.invalid";
  }
  throw new DomainError(422, "errors.invalid_input", fields);
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || /UNIQUE constraint failed/i.test(e.message ?? "");
}

/** Records a mutation in the audit log as done by `actor` in their program (same transaction). */
export function auditAs(tx: Kysely<Database>, actor: Actor, entry: Omit<AuditInput, "orgId" | "programId" | "actorId">): Promise<void> {
  return recordAudit(tx, { orgId: actor.program.org_id, programId: actor.program.id, actorId: actor.user.id, ...entry });
}
