/**
 * A board's agenda of timed sections and its shared countdown (start, pause, add a minute,
 * next section), plus the participants' "done" signal per section. The facilitator runs it; the
 * state is rows, mirrored to everyone through `vision-control:<boardId>`.
 *
 * The timer is two numbers, not a ticking process: while running, the moment it ends
 * (timer_ends_at_ms); while paused, what is left (timer_remaining_ms). Clients count down locally.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, VisionBoard } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { parseInput, requireActiveBoard, requireCan, VisionError, type VisionActor, auditVision } from "./vision-common.server";
import { syncControlDoc } from "./vision-control.server";

export const MAX_SECTIONS = 20;
const MINUTE = 60_000;

export const AgendaSchema = z.object({
  sections: z
    .array(
      z.object({
        id: z.string().max(100).optional(),
        title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(120, "validation.tooLong"),
        minutes: z.coerce
          .number({ error: "vision.errors.minutes" })
          .int("vision.errors.minutes")
          .min(1, "vision.errors.minutes")
          .max(240, "vision.errors.minutes"),
      }),
    )
    .max(MAX_SECTIONS, "vision.errors.tooManySections"),
});

type Tx = Kysely<Database>;

async function audit(tx: Tx, actor: VisionActor, boardId: string, action: string, before?: unknown, after?: unknown) {
  await auditVision(tx, actor, {
    entityType: "vision_board",
    entityId: boardId,
    action,
    before,
    after,
  });
}

/** Replaces the agenda: sections keep their ids (and "done" signals) when passed back with them. */
export async function setAgenda(actor: VisionActor, boardId: unknown, input: unknown): Promise<void> {
  requireCan(actor, "vision.facilitate");
  const board = await requireActiveBoard(actor, boardId);
  const { sections } = parseInput(AgendaSchema, input);
  await db()
    .transaction()
    .execute(async (tx) => {
      const existing = await tx.selectFrom("vision_sections").selectAll().where("board_id", "=", board.id).execute();
      const existingIds = new Set(existing.map((s) => s.id));
      const keep = new Set<string>();
      const ordered: { id: string; title: string; minutes: number }[] = [];
      for (const [position, s] of sections.entries()) {
        const id = s.id && existingIds.has(s.id) && !keep.has(s.id) ? s.id : newId();
        keep.add(id);
        ordered.push({ id, title: s.title, minutes: s.minutes });
        if (existingIds.has(id)) {
          await tx.updateTable("vision_sections").set({ position, title: s.title, minutes: s.minutes }).where("id", "=", id).execute();
        } else {
          await tx.insertInto("vision_sections").values({ id, board_id: board.id, position, title: s.title, minutes: s.minutes }).execute();
        }
      }
      const removed = existing.filter((s) => !keep.has(s.id)).map((s) => s.id);
      if (removed.length) {
        await tx.deleteFrom("vision_section_done").where("section_id", "in", removed).execute();
        await tx.deleteFrom("vision_sections").where("id", "in", removed).execute();
      }
      // The current section survives if it is still there; otherwise the agenda starts over.
      if (!board.current_section_id || !keep.has(board.current_section_id)) {
        const first = ordered[0] ?? null;
        await tx
          .updateTable("vision_boards")
          .set({
            current_section_id: first?.id ?? null,
            timer_running: 0,
            timer_ends_at_ms: null,
            timer_remaining_ms: first ? first.minutes * MINUTE : null,
          })
          .where("id", "=", board.id)
          .execute();
      }
      await audit(
        tx,
        actor,
        board.id,
        "agenda",
        existing.map((s) => ({ title: s.title, minutes: s.minutes })),
        ordered.map((s) => ({ title: s.title, minutes: s.minutes })),
      );
    });
  await syncControlDoc(board.id);
}

async function sectionMinutes(boardId: string, sectionId: string | null): Promise<number | null> {
  if (!sectionId) return null;
  const s = await db().selectFrom("vision_sections").select("minutes").where("id", "=", sectionId).where("board_id", "=", boardId).executeTakeFirst();
  return s?.minutes ?? null;
}

/** Applies a timer change computed from the board row, audited, then mirrors it. */
async function changeTimer(
  actor: VisionActor,
  boardId: unknown,
  action: string,
  compute: (board: VisionBoard, nowMs: number) => Promise<Partial<VisionBoard> | null> | Partial<VisionBoard> | null,
): Promise<void> {
  requireCan(actor, "vision.facilitate");
  const board = await requireActiveBoard(actor, boardId);
  const nowMs = Date.now();
  const patch = await compute(board, nowMs);
  if (!patch) return;
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("vision_boards").set(patch).where("id", "=", board.id).execute();
      await audit(
        tx,
        actor,
        board.id,
        action,
        { running: board.timer_running === 1, endsAtMs: board.timer_ends_at_ms, remainingMs: board.timer_remaining_ms, sectionId: board.current_section_id },
        patch,
      );
    });
  await syncControlDoc(board.id);
}

const DEFAULT_TIMER_MS = 5 * MINUTE;

/** Starts (or resumes) the countdown: what was left, else the current section's minutes, else 5 minutes. */
export function startTimer(actor: VisionActor, boardId: unknown): Promise<void> {
  return changeTimer(actor, boardId, "timer_start", async (b, nowMs) => {
    if (b.timer_running === 1) return null;
    let remaining = b.timer_remaining_ms === null ? null : Number(b.timer_remaining_ms);
    if (!remaining || remaining <= 0) {
      const minutes = await sectionMinutes(b.id, b.current_section_id);
      remaining = minutes ? minutes * MINUTE : DEFAULT_TIMER_MS;
    }
    return { timer_running: 1, timer_ends_at_ms: nowMs + remaining, timer_remaining_ms: null };
  });
}

export function pauseTimer(actor: VisionActor, boardId: unknown): Promise<void> {
  return changeTimer(actor, boardId, "timer_pause", (b, nowMs) => {
    if (b.timer_running !== 1) return null;
    const remaining = Math.max(0, Number(b.timer_ends_at_ms ?? nowMs) - nowMs);
    return { timer_running: 0, timer_ends_at_ms: null, timer_remaining_ms: remaining };
  });
}

/** One more minute on the countdown (running or paused; a finished one restarts with a minute). */
export function addTimerMinute(actor: VisionActor, boardId: unknown): Promise<void> {
  return changeTimer(actor, boardId, "timer_add_minute", (b, nowMs) => {
    if (b.timer_running === 1) {
      const ends = Math.max(Number(b.timer_ends_at_ms ?? nowMs), nowMs);
      return { timer_ends_at_ms: ends + MINUTE };
    }
    return { timer_remaining_ms: Math.max(0, Number(b.timer_remaining_ms ?? 0)) + MINUTE };
  });
}

/** Makes a section current; its countdown is set to its minutes, paused. */
export function goToSection(actor: VisionActor, boardId: unknown, sectionId: unknown): Promise<void> {
  return changeTimer(actor, boardId, "section", async (b) => {
    const id = typeof sectionId === "string" ? sectionId : "";
    const minutes = await sectionMinutes(b.id, id);
    if (minutes === null) throw new VisionError(404, "vision.errors.sectionNotFound");
    return { current_section_id: id, timer_running: 0, timer_ends_at_ms: null, timer_remaining_ms: minutes * MINUTE };
  });
}

/** Moves to the next section of the agenda (refused after the last one). */
export function nextSection(actor: VisionActor, boardId: unknown): Promise<void> {
  return changeTimer(actor, boardId, "section_next", async (b) => {
    const sections = await db().selectFrom("vision_sections").select(["id", "minutes"]).where("board_id", "=", b.id).orderBy("position").execute();
    if (!sections.length) throw new VisionError(409, "vision.errors.noAgenda");
    const i = sections.findIndex((s) => s.id === b.current_section_id);
    const next = sections[i + 1];
    if (!next) throw new VisionError(409, "vision.errors.lastSection");
    return { current_section_id: next.id, timer_running: 0, timer_ends_at_ms: null, timer_remaining_ms: next.minutes * MINUTE };
  });
}

/** A participant says they are done with a section (or takes it back). */
export async function setSectionDone(actor: VisionActor, boardId: unknown, sectionId: unknown, done: unknown): Promise<void> {
  requireCan(actor, "vision.participate");
  const board = await requireActiveBoard(actor, boardId);
  const on = parseInput(z.boolean({ error: "validation.invalid" }), done);
  const id = typeof sectionId === "string" ? sectionId : "";
  if ((await sectionMinutes(board.id, id)) === null) throw new VisionError(404, "vision.errors.sectionNotFound");
  await db()
    .transaction()
    .execute(async (tx) => {
      if (on) {
        await tx
          .insertInto("vision_section_done")
          .values({ section_id: id, user_id: actor.user.id, created_at: nowIso() })
          .onConflict((oc) => oc.columns(["section_id", "user_id"]).doNothing())
          .execute();
      } else {
        await tx.deleteFrom("vision_section_done").where("section_id", "=", id).where("user_id", "=", actor.user.id).execute();
      }
      await auditVision(tx, actor, {
        entityType: "vision_section",
        entityId: id,
        action: on ? "done" : "undone",
      });
    });
  await syncControlDoc(board.id);
}

export async function listSections(boardId: string) {
  return db().selectFrom("vision_sections").selectAll().where("board_id", "=", boardId).orderBy("position").execute();
}
