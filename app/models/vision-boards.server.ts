/**
 * Vision workshop boards: create, list, archive, lock and anonymous mode, and the edit policy
 * the collaboration socket asks before it lets a connection change `vision:<boardId>`.
 */
import { z } from "zod";
import type { VisionBoard } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { changeDoc } from "./live-docs.server";
import { can, type ProgramAccess } from "./permissions";
import { parseInput, requireActiveBoard, requireBoard, requireCan, type VisionActor, auditVision } from "./vision-common.server";
import { syncControlDoc } from "./vision-control.server";
import { DEFAULT_PROMPTS, putPrompt, visionBoardDocName, visionControlDocName } from "./vision-doc";

export const BoardTitleSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(120, "validation.tooLong"),
});

export interface VisionBoardSummary {
  id: string;
  title: string;
  docName: string;
  controlDocName: string;
  locked: boolean;
  anonymous: boolean;
  createdAt: string;
  archivedAt: string | null;
}

export function boardSummary(b: VisionBoard): VisionBoardSummary {
  return {
    id: b.id,
    title: b.title,
    docName: visionBoardDocName(b.id),
    controlDocName: visionControlDocName(b.id),
    locked: b.locked === 1,
    anonymous: b.anonymous === 1,
    createdAt: b.created_at,
    archivedAt: b.archived_at,
  };
}

/** The program's boards, newest first; archived ones only when asked. */
export async function listVisionBoards(programId: string, opts: { includeArchived?: boolean } = {}): Promise<VisionBoardSummary[]> {
  let q = db().selectFrom("vision_boards").selectAll().where("program_id", "=", programId);
  if (!opts.includeArchived) q = q.where("archived_at", "is", null);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return rows.map(boardSummary);
}

/** The most recent active board of a program (what GET /api/v1/programs calls `visionBoard`). */
export async function latestVisionBoard(programId: string): Promise<VisionBoardSummary | null> {
  return (await listVisionBoards(programId))[0] ?? null;
}

/**
 * Puts the four standard prompts on a board if they are missing. Their ids are their kinds, so
 * two concurrent calls write the same keys instead of doubling the columns; their titles stay
 * empty, and the UI shows the prompt's name in the reader's language.
 */
export async function ensureBoardPrompts(boardId: string): Promise<void> {
  await changeDoc(visionBoardDocName(boardId), (doc) => {
    const prompts = doc.getMap("prompts");
    DEFAULT_PROMPTS.forEach((p, i) => {
      if (!prompts.has(p.kind)) putPrompt(doc, { id: p.kind, title: "", kind: p.kind, position: i });
    });
  });
}

/** Creates a board (facilitator only) with the standard prompts; returns it. */
export async function createVisionBoard(actor: VisionActor, input: unknown): Promise<VisionBoardSummary> {
  requireCan(actor, "vision.facilitate");
  const { title } = parseInput(BoardTitleSchema, input);
  const board: VisionBoard = {
    id: newId(),
    program_id: actor.program.id,
    title,
    locked: 0,
    anonymous: 0,
    current_section_id: null,
    timer_running: 0,
    timer_ends_at_ms: null,
    timer_remaining_ms: null,
    created_by: actor.user.id,
    created_at: nowIso(),
    archived_at: null,
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("vision_boards").values(board).execute();
      await auditVision(tx, actor, {
        entityType: "vision_board",
        entityId: board.id,
        action: "create",
        after: { title },
      });
    });
  // Outside the transaction: the live documents go through the collaboration rooms. The board
  // exists either way; if the rooms are unreachable the prompts are written by the next call.
  try {
    await ensureBoardPrompts(board.id);
  } catch (error) {
    console.error(`[vision] could not put the prompts on board ${board.id}:`, (error as Error).message);
  }
  await syncControlDoc(board.id);
  return boardSummary(board);
}

export async function renameVisionBoard(actor: VisionActor, boardId: unknown, input: unknown): Promise<void> {
  requireCan(actor, "vision.facilitate");
  const board = await requireBoard(actor, boardId);
  const { title } = parseInput(BoardTitleSchema, input);
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("vision_boards").set({ title }).where("id", "=", board.id).execute();
      await auditVision(tx, actor, {
        entityType: "vision_board",
        entityId: board.id,
        action: "rename",
        before: { title: board.title },
        after: { title },
      });
    });
}

export async function archiveVisionBoard(actor: VisionActor, boardId: unknown): Promise<void> {
  requireCan(actor, "vision.facilitate");
  const board = await requireActiveBoard(actor, boardId);
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("vision_boards").set({ archived_at: nowIso() }).where("id", "=", board.id).execute();
      await auditVision(tx, actor, {
        entityType: "vision_board",
        entityId: board.id,
        action: "archive",
      });
    });
  setPolicyState(board.id, { locked: board.locked === 1, archived: true });
}

async function setFlag(actor: VisionActor, boardId: unknown, flag: "locked" | "anonymous", value: unknown): Promise<void> {
  requireCan(actor, "vision.facilitate");
  const on = parseInput(z.boolean({ error: "validation.invalid" }), value);
  const board = await requireActiveBoard(actor, boardId);
  const before = board[flag] === 1;
  if (before !== on) {
    await db()
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable("vision_boards").set({ [flag]: on ? 1 : 0 }).where("id", "=", board.id).execute();
        await auditVision(tx, actor, {
          entityType: "vision_board",
          entityId: board.id,
          action: flag === "locked" ? (on ? "lock" : "unlock") : on ? "anonymous_on" : "anonymous_off",
          before: { [flag]: before },
          after: { [flag]: on },
        });
      });
  }
  if (flag === "locked") setPolicyState(board.id, { locked: on, archived: false });
  await syncControlDoc(board.id);
}

/** Locks or unlocks a board (facilitator only): while locked only the facilitator edits its document. */
export function setBoardLocked(actor: VisionActor, boardId: unknown, locked: unknown): Promise<void> {
  return setFlag(actor, boardId, "locked", locked);
}

/** Anonymous mode (facilitator only): new notes carry no author and the board hides authors. */
export function setBoardAnonymous(actor: VisionActor, boardId: unknown, anonymous: unknown): Promise<void> {
  return setFlag(actor, boardId, "anonymous", anonymous);
}

// ---------------------------------------------------------------------------------------------
// The edit policy for the collaboration socket. Its cache lives on globalThis: the lock is
// changed by Remix actions (one module instance) and read by the socket server (another).

interface PolicyState {
  locked: boolean;
  archived: boolean;
}

type LockListener = (boardId: string, state: PolicyState) => void;

const g = globalThis as typeof globalThis & {
  __cxVisionPolicy?: Map<string, PolicyState>;
  __cxVisionPolicyListeners?: Set<LockListener>;
};
const policyCache = (g.__cxVisionPolicy ??= new Map());
const policyListeners = (g.__cxVisionPolicyListeners ??= new Set());

function setPolicyState(boardId: string, state: PolicyState): void {
  policyCache.set(boardId, state);
  for (const listener of policyListeners) {
    try {
      listener(boardId, state);
    } catch (error) {
      console.error("[vision] lock listener failed:", error);
    }
  }
}

/** Drops the cached lock state (tests, or after a change made outside these functions). */
export function forgetVisionBoardPolicy(boardId?: string): void {
  if (boardId) policyCache.delete(boardId);
  else policyCache.clear();
}

/**
 * Called with (boardId, {locked, archived}) whenever a board is locked, unlocked or archived, so
 * the socket layer can re-evaluate open connections at once instead of at its next recheck.
 * Returns the unsubscribe function.
 */
export function onVisionBoardPolicyChange(listener: LockListener): () => void {
  policyListeners.add(listener);
  return () => policyListeners.delete(listener);
}

/**
 * May this user change `vision:<boardId>` right now? Needs `vision.participate`; while the board is
 * locked only `vision.facilitate` (the facilitator) may; an archived board is read-only for all.
 * `access` is the user's standing in the board's program (see findVisionBoardOwner).
 * `vision-control:<boardId>` is never editable by a client: its policy is `() => false`.
 */
export async function visionBoardEditPolicy(boardId: string, access: ProgramAccess | null): Promise<boolean> {
  if (!can(access, "vision.participate")) return false;
  let state = policyCache.get(boardId);
  if (!state) {
    const row = await db().selectFrom("vision_boards").select(["locked", "archived_at"]).where("id", "=", boardId).executeTakeFirst();
    if (!row) return false;
    state = { locked: row.locked === 1, archived: row.archived_at !== null };
    policyCache.set(boardId, state);
  }
  if (state.archived) return false;
  return !state.locked || can(access, "vision.facilitate");
}

/** The program (and organisation) a board belongs to: resolves both `vision:<id>` and `vision-control:<id>`. */
export async function findVisionBoardOwner(boardId: string): Promise<{ programId: string; orgId: string } | null> {
  const row = await db()
    .selectFrom("vision_boards")
    .innerJoin("programs", "programs.id", "vision_boards.program_id")
    .select(["programs.id as programId", "programs.org_id as orgId"])
    .where("vision_boards.id", "=", boardId)
    .executeTakeFirst();
  return row ?? null;
}
