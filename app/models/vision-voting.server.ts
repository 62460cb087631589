/**
 * Dot voting. The facilitator opens a round with a budget of N dots per person; participants put
 * dots on notes and clusters (several on one target if they like) and take them back; the
 * facilitator closes and reveals; the revealed tally goes into `vision-control:<boardId>`.
 *
 * The budget holds under concurrency on both dialects, even from two tabs at once: every change
 * of a person's dots runs in one transaction that moves their ballot with a conditional
 *   UPDATE vision_ballots SET used = used + d
 *    WHERE round_id = ? AND user_id = ? AND used + d <= budget AND used + d >= 0
 * and changes the vote row; when the UPDATE touches no row the change is refused and rolled back.
 * (Postgres re-checks the WHERE on the row it locks; SQLite runs one writer at a time.)
 *
 * Privacy: while a round is open a participant reads only their own dots; nobody (the
 * facilitator included) sees the tally before the reveal — the facilitator sees only how many
 * people voted and how many dots were used.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { VisionVoteRound } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { readDoc } from "./live-docs.server";
import { isUniqueViolation, parseInput, requireActiveBoard, requireBoard, requireCan, VisionError, type VisionActor, auditVision } from "./vision-common.server";
import { syncControlDoc } from "./vision-control.server";
import { boardHasTarget, visionBoardDocName, type VoteResult } from "./vision-doc";
import { tallyVotes } from "./vision-results";

export const MAX_BUDGET = 50;

export const OpenRoundSchema = z.object({
  budget: z.coerce
    .number({ error: "vision.errors.budget" })
    .int("vision.errors.budget")
    .min(1, "vision.errors.budget")
    .max(MAX_BUDGET, "vision.errors.budget"),
});

export const VoteSchema = z.object({
  targetId: z.string({ error: "validation.required" }).min(1, "validation.required").max(100),
  delta: z.coerce
    .number({ error: "validation.invalid" })
    .int("validation.invalid")
    .min(-MAX_BUDGET, "validation.invalid")
    .max(MAX_BUDGET, "validation.invalid")
    .refine((d) => d !== 0, "validation.invalid"),
});

/** The round, if it belongs to a board of the actor's program. */
async function requireRound(actor: VisionActor, roundId: unknown): Promise<VisionVoteRound> {
  if (typeof roundId !== "string" || !roundId || roundId.length > 100) throw new VisionError(404, "vision.errors.roundNotFound");
  const round = await db()
    .selectFrom("vision_vote_rounds")
    .innerJoin("vision_boards", "vision_boards.id", "vision_vote_rounds.board_id")
    .selectAll("vision_vote_rounds")
    .where("vision_vote_rounds.id", "=", roundId)
    .where("vision_boards.program_id", "=", actor.program.id)
    .executeTakeFirst();
  if (!round) throw new VisionError(404, "vision.errors.roundNotFound");
  return round;
}

/** Opens a round (facilitator only); refused while another round of the board is open. */
export async function openVoteRound(actor: VisionActor, boardId: unknown, input: unknown): Promise<VisionVoteRound> {
  requireCan(actor, "vision.facilitate");
  const board = await requireActiveBoard(actor, boardId);
  const { budget } = parseInput(OpenRoundSchema, input);
  const round: VisionVoteRound = {
    id: newId(),
    board_id: board.id,
    budget,
    status: "open",
    opened_by: actor.user.id,
    opened_at: nowIso(),
    closed_at: null,
    revealed_at: null,
  };
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        // The partial unique index (one open round per board) has the final word under concurrency.
        await tx.insertInto("vision_vote_rounds").values(round).execute();
        await auditVision(tx, actor, {
          entityType: "vision_vote_round",
          entityId: round.id,
          action: "open",
          after: { boardId: board.id, budget },
        });
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw new VisionError(409, "vision.errors.roundAlreadyOpen");
    throw error;
  }
  await syncControlDoc(board.id);
  return round;
}

export interface MyBallot {
  roundId: string;
  status: VisionVoteRound["status"];
  budget: number;
  used: number;
  remaining: number;
  /** target id → my dots on it. */
  votes: Record<string, number>;
}

async function readBallot(round: VisionVoteRound, userId: string): Promise<MyBallot> {
  const q = db();
  const ballot = await q.selectFrom("vision_ballots").select("used").where("round_id", "=", round.id).where("user_id", "=", userId).executeTakeFirst();
  const rows = await q
    .selectFrom("vision_votes")
    .select(["target_id", "count"])
    .where("round_id", "=", round.id)
    .where("user_id", "=", userId)
    .where("count", ">", 0)
    .execute();
  const used = ballot?.used ?? 0;
  return {
    roundId: round.id,
    status: round.status,
    budget: round.budget,
    used,
    remaining: Math.max(0, round.budget - used),
    votes: Object.fromEntries(rows.map((r) => [r.target_id, r.count])),
  };
}

/** My dots in a round and what I have left (only my own). */
export async function getMyBallot(actor: VisionActor, roundId: unknown): Promise<MyBallot> {
  const round = await requireRound(actor, roundId);
  return readBallot(round, actor.user.id);
}

/**
 * Puts `delta` dots on a target (negative takes them back). Refused when the round is not open,
 * the target is not on the board (adding only), the budget would be exceeded, or the person has
 * fewer dots on the target than they take back. Returns the ballot after the change.
 */
export async function castVote(actor: VisionActor, roundId: unknown, input: unknown): Promise<MyBallot> {
  requireCan(actor, "vision.participate");
  const { targetId, delta } = parseInput(VoteSchema, input);
  const round = await requireRound(actor, roundId);
  if (round.status !== "open") throw new VisionError(409, "vision.errors.roundNotOpen");
  if (delta > 0) {
    // Read the board before the transaction: the live documents must not wait on a held connection.
    const kind = await readDoc(visionBoardDocName(round.board_id), (doc) => boardHasTarget(doc, targetId));
    if (!kind) throw new VisionError(422, "errors.invalid_input", { targetId: "vision.errors.targetNotFound" });
  }
  const userId = actor.user.id;
  await db()
    .transaction()
    .execute(async (tx) => {
      // Still open? (A close that committed meanwhile wins.)
      const still = await tx.selectFrom("vision_vote_rounds").select("status").where("id", "=", round.id).executeTakeFirst();
      if (still?.status !== "open") throw new VisionError(409, "vision.errors.roundNotOpen");
      await tx
        .insertInto("vision_ballots")
        .values({ round_id: round.id, user_id: userId, used: 0 })
        .onConflict((oc) => oc.columns(["round_id", "user_id"]).doNothing())
        .execute();
      const moved = await tx
        .updateTable("vision_ballots")
        .set({ used: sql<number>`used + ${delta}` })
        .where("round_id", "=", round.id)
        .where("user_id", "=", userId)
        .where(sql<boolean>`used + ${delta} <= ${round.budget}`)
        .where(sql<boolean>`used + ${delta} >= 0`)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) {
        throw new VisionError(409, delta > 0 ? "vision.errors.overBudget" : "vision.errors.noVotesToRemove", undefined, {
          budget: round.budget,
        });
      }
      if (delta > 0) {
        await tx
          .insertInto("vision_votes")
          .values({ round_id: round.id, user_id: userId, target_id: targetId, count: delta })
          .onConflict((oc) => oc.columns(["round_id", "user_id", "target_id"]).doUpdateSet({ count: sql<number>`vision_votes.count + ${delta}` }))
          .execute();
      } else {
        const taken = await tx
          .updateTable("vision_votes")
          .set({ count: sql<number>`count + ${delta}` })
          .where("round_id", "=", round.id)
          .where("user_id", "=", userId)
          .where("target_id", "=", targetId)
          .where(sql<boolean>`count + ${delta} >= 0`)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) throw new VisionError(409, "vision.errors.noVotesToRemove");
        await tx.deleteFrom("vision_votes").where("round_id", "=", round.id).where("user_id", "=", userId).where("target_id", "=", targetId).where("count", "<=", 0).execute();
      }
      await recordAudit(tx, {
        orgId: actor.program.org_id,
        programId: actor.program.id,
        actorId: userId,
        entityType: "vision_vote_round",
        entityId: round.id,
        action: "vote",
        // The audit log is readable by program members: it records that a person voted, not where.
        after: { delta },
      });
    });
  return readBallot({ ...round }, userId);
}

/** Closes an open round: no more dots (facilitator only). */
export async function closeVoteRound(actor: VisionActor, roundId: unknown): Promise<void> {
  requireCan(actor, "vision.facilitate");
  const round = await requireRound(actor, roundId);
  if (round.status !== "open") throw new VisionError(409, "vision.errors.roundNotOpen");
  await db()
    .transaction()
    .execute(async (tx) => {
      const r = await tx
        .updateTable("vision_vote_rounds")
        .set({ status: "closed", closed_at: nowIso() })
        .where("id", "=", round.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new VisionError(409, "vision.errors.roundNotOpen");
      await auditVision(tx, actor, {
        entityType: "vision_vote_round",
        entityId: round.id,
        action: "close",
      });
    });
  await syncControlDoc(round.board_id);
}

/** Reveals a round's results to everyone (facilitator only); an open round is closed first. */
export async function revealVoteRound(actor: VisionActor, roundId: unknown): Promise<VoteResult[]> {
  requireCan(actor, "vision.facilitate");
  const round = await requireRound(actor, roundId);
  if (round.status === "revealed") throw new VisionError(409, "vision.errors.roundRevealed");
  const results = await db()
    .transaction()
    .execute(async (tx) => {
      const now = nowIso();
      const r = await tx
        .updateTable("vision_vote_rounds")
        .set({ status: "revealed", revealed_at: now, closed_at: round.closed_at ?? now })
        .where("id", "=", round.id)
        .where("status", "in", ["open", "closed"])
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new VisionError(409, "vision.errors.roundRevealed");
      const rows = await tx.selectFrom("vision_votes").select(["target_id as targetId", "count"]).where("round_id", "=", round.id).execute();
      const tally = tallyVotes(rows);
      await auditVision(tx, actor, {
        entityType: "vision_vote_round",
        entityId: round.id,
        action: "reveal",
        after: { results: tally.slice(0, 50) },
      });
      return tally;
    });
  await syncControlDoc(round.board_id);
  return results;
}

/** A revealed round's tally (anyone who can see the program); null while it is not revealed. */
export async function getRoundResults(actor: VisionActor, roundId: unknown): Promise<VoteResult[] | null> {
  const round = await requireRound(actor, roundId);
  if (round.status !== "revealed") return null;
  const rows = await db().selectFrom("vision_votes").select(["target_id as targetId", "count"]).where("round_id", "=", round.id).execute();
  return tallyVotes(rows);
}

/** How far voting has got, without revealing where the dots are (facilitator only). */
export async function getRoundProgress(actor: VisionActor, roundId: unknown): Promise<{ voters: number; dotsUsed: number; budget: number }> {
  requireCan(actor, "vision.facilitate");
  const round = await requireRound(actor, roundId);
  const row = await db()
    .selectFrom("vision_ballots")
    .select((eb) => [eb.fn.countAll<number>().as("voters"), eb.fn.coalesce(eb.fn.sum<number>("used"), sql<number>`0`).as("dotsUsed")])
    .where("round_id", "=", round.id)
    .where("used", ">", 0)
    .executeTakeFirst();
  return { voters: Number(row?.voters ?? 0), dotsUsed: Number(row?.dotsUsed ?? 0), budget: round.budget };
}

/** The rounds of a board, newest first (no tallies). */
export async function listVoteRounds(actor: VisionActor, boardId: unknown): Promise<VisionVoteRound[]> {
  const board = await requireBoard(actor, boardId);
  return db().selectFrom("vision_vote_rounds").selectAll().where("board_id", "=", board.id).orderBy("opened_at", "desc").execute();
}
