/**
 * What every vision model function shares: who is acting (a ProgramContext from requireProgram
 * satisfies VisionActor), the refusal type (VisionError: an HTTP status and an i18n key, with
 * field errors as i18n keys), zod parsing into field errors, and loading a board of the program.
 */
import type { z } from "zod";
import type { Kysely } from "kysely";
import type { Database, VisionBoard } from "../../db/schema";
import { db } from "../db.server";
import { recordAudit, type AuditInput } from "./audit.server";
import { can, type Action, type ProgramAccess } from "./permissions";

export interface VisionActor {
  program: { id: string; org_id: string };
  user: { id: string; name: string };
  access: ProgramAccess;
}

export type VisionErrorStatus = 400 | 403 | 404 | 409 | 413 | 422;

/** A refusal: `key` and the `fields` values are i18n keys (vision.errors.*, validation.*, errors.*). */
export class VisionError extends Error {
  constructor(
    readonly status: VisionErrorStatus,
    readonly key: string,
    readonly fields?: Record<string, string>,
    readonly vars?: Record<string, unknown>,
  ) {
    super(key);
    this.name = "VisionError";
  }
}

export function requireCan(actor: VisionActor, action: Action): void {
  if (!can(actor.access, action)) throw new VisionError(403, "errors.forbidden");
}

/** Parses input with a schema whose messages are i18n keys; refuses with 422 and `{field: key}`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_form";
    if (fields[field]) continue;
    const msg = issue.message;
    fields[field] = /^(validation|vision)\./.test(msg) ? msg : "validation.invalid";
  }
  throw new VisionError(422, "errors.invalid_input", fields);
}

/** The board, if it belongs to the actor's program (another program's board answers 404). */
export async function requireBoard(actor: VisionActor, boardId: unknown): Promise<VisionBoard> {
  if (typeof boardId !== "string" || !boardId || boardId.length > 100) throw new VisionError(404, "vision.errors.boardNotFound");
  const board = await db()
    .selectFrom("vision_boards")
    .selectAll()
    .where("id", "=", boardId)
    .where("program_id", "=", actor.program.id)
    .executeTakeFirst();
  if (!board) throw new VisionError(404, "vision.errors.boardNotFound");
  return board;
}

/** A board that still accepts changes (archived boards are read-only). */
export async function requireActiveBoard(actor: VisionActor, boardId: unknown): Promise<VisionBoard> {
  const board = await requireBoard(actor, boardId);
  if (board.archived_at) throw new VisionError(409, "vision.errors.boardArchived");
  return board;
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || /UNIQUE constraint failed/i.test(e.message ?? "");
}

/** Records a vision mutation in the audit log as done by `actor` in their program (same transaction). */
export function auditVision(
  tx: Kysely<Database>,
  actor: VisionActor,
  entry: Omit<AuditInput, "orgId" | "programId" | "actorId">,
): Promise<void> {
  return recordAudit(tx, { orgId: actor.program.org_id, programId: actor.program.id, actorId: actor.user.id, ...entry });
}
