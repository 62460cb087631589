/**
 * Loading a loop cycle of the actor's program for a read or a change: 404 for an unknown cycle (or
 * one of another program), 409 for a change to a closed cycle (a closed cycle is read-only).
 */
import type { Kysely } from "kysely";
import type { Database, LoopCycle } from "../../db/schema";
import { DomainError, type Actor } from "./domain.server";

/** Loads a cycle of the program (404 when unknown or of another program). */
export async function requireCycleRow(tx: Kysely<Database>, programId: string, cycleId: unknown): Promise<LoopCycle> {
  if (typeof cycleId !== "string" || !cycleId || cycleId.length > 100) throw new DomainError(404, "loops.errors.cycleNotFound");
  const row = await tx.selectFrom("loop_cycles").selectAll().where("id", "=", cycleId).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw new DomainError(404, "loops.errors.cycleNotFound");
  return row;
}

/** Refuses a change to a closed cycle (409). */
export function requireOpen(cycle: LoopCycle): void {
  if (cycle.status !== "open") throw new DomainError(409, "loops.errors.closed");
}

/** Loads an open cycle of the actor's program for a change (404 unknown, 409 closed). */
export async function requireOpenCycle(tx: Kysely<Database>, actor: Actor, cycleId: unknown): Promise<LoopCycle> {
  const cycle = await requireCycleRow(tx, actor.program.id, cycleId);
  requireOpen(cycle);
  return cycle;
}
