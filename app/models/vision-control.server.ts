/**
 * The mirror of a board's facilitation state into its read-only live document
 * `vision-control:<boardId>`. The relational rows are the truth; after every committed change the
 * model calls syncControlDoc, which reads the rows afresh and writes whatever differs through
 * changeDoc (logged and broadcast by the room like any update).
 *
 * Syncs of one board run one after the other (a queue on globalThis, shared by the Remix bundle
 * and the server), and each reads the rows when its turn comes: the last sync always writes the
 * latest state, so a slow earlier write cannot overwrite a newer one.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { db } from "../db.server";
import { changeDoc } from "./live-docs.server";
import { readControlState, visionControlDocName, writeControlState, type VisionControlState } from "./vision-doc";
import { tallyVotes } from "./vision-results";

/** The control state of a board as the rows say, or null when the board does not exist. */
export async function loadControlState(q: Kysely<Database>, boardId: string): Promise<VisionControlState | null> {
  const board = await q.selectFrom("vision_boards").selectAll().where("id", "=", boardId).executeTakeFirst();
  if (!board) return null;
  const sections = await q
    .selectFrom("vision_sections")
    .select(["id", "title", "minutes"])
    .where("board_id", "=", boardId)
    .orderBy("position")
    .execute();
  const doneRows = await q
    .selectFrom("vision_section_done")
    .innerJoin("vision_sections", "vision_sections.id", "vision_section_done.section_id")
    .select(["vision_section_done.section_id", "vision_section_done.user_id"])
    .where("vision_sections.board_id", "=", boardId)
    .orderBy("vision_section_done.created_at")
    .execute();
  const done: Record<string, string[]> = {};
  for (const r of doneRows) (done[r.section_id] ??= []).push(r.user_id);
  const round = await q
    .selectFrom("vision_vote_rounds")
    .selectAll()
    .where("board_id", "=", boardId)
    .orderBy("opened_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  let vote: VisionControlState["vote"] = null;
  if (round) {
    vote = { roundId: round.id, status: round.status, budget: round.budget };
    if (round.status === "revealed") {
      const rows = await q
        .selectFrom("vision_votes")
        .select(["target_id as targetId", "count"])
        .where("round_id", "=", round.id)
        .execute();
      vote.results = tallyVotes(rows);
    }
  }
  return {
    locked: board.locked === 1,
    anonymous: board.anonymous === 1,
    agenda: sections.map((s) => ({ id: s.id, title: s.title, minutes: s.minutes })),
    currentSectionId: board.current_section_id,
    timer: {
      running: board.timer_running === 1,
      endsAtMs: board.timer_ends_at_ms === null ? null : Number(board.timer_ends_at_ms),
      remainingMs: board.timer_remaining_ms === null ? null : Number(board.timer_remaining_ms),
    },
    done,
    vote,
  };
}

const g = globalThis as typeof globalThis & { __cxVisionSyncQueue?: Map<string, Promise<void>> };
const queue = (g.__cxVisionSyncQueue ??= new Map());

/**
 * Writes the board's current facilitation state into `vision-control:<boardId>`. Never throws:
 * the change it mirrors is already committed; a failed mirror (collaboration server down) is
 * logged and healed by the next sync (every change and every board page load syncs again).
 */
export function syncControlDoc(boardId: string): Promise<void> {
  const prev = queue.get(boardId) ?? Promise.resolve();
  const next = prev.then(async () => {
    try {
      const state = await loadControlState(db(), boardId);
      if (!state) return;
      await changeDoc(visionControlDocName(boardId), (doc) => writeControlState(doc, state));
    } catch (error) {
      console.error(`[vision] could not mirror the control state of board ${boardId}:`, (error as Error).message);
    }
  });
  queue.set(boardId, next);
  void next.finally(() => {
    if (queue.get(boardId) === next) queue.delete(boardId);
  });
  return next;
}

export { readControlState };
