/**
 * What every vision model function shares: the domain basics (domain.server.ts) under their
 * vision names, and loading a board of the program.
 */
import type { VisionBoard } from "../../db/schema";
import { db } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor, type DomainErrorStatus } from "./domain.server";

export type VisionActor = Actor;
export type VisionErrorStatus = DomainErrorStatus;
/** Vision models refuse with the shared DomainError (the name is kept for the vision code). */
export const VisionError = DomainError;
export type VisionError = DomainError;
export { requireCan, parseInput, isUniqueViolation };

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

/** Records a vision mutation in the audit log as done by `actor` in their program (same transaction). */
export const auditVision = auditAs;
