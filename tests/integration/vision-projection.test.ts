/** The live board's read model: notes and clusters projected as rows, removals marked, idempotent. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import type { VisionBoardContent, VisionNote } from "../../app/models/vision-doc";
import { saveVisionBoardProjection } from "../../app/models/vision-projection.server";
import { seedDemoFoundation } from "../../db/seed/demo-foundation";
import { createTestDb, dialects, type TestDb } from "../helpers/db";

function note(id: string, text: string, clusterId: string | null = null): VisionNote {
  return { id, text, promptId: "customer", colour: "yellow", clusterId, authorId: null, authorName: null, createdAt: "2026-11-20T02:00:00.000Z" };
}

describe.each(dialects())("vision projection on %s", (dialect) => {
  let t: TestDb;
  const boardId = "board-projection";

  beforeAll(async () => {
    t = await createTestDb(dialect);
    setDbHandle(t.handle);
    const demo = await seedDemoFoundation(t.handle.db);
    await t.handle.db
      .insertInto("vision_boards")
      .values({
        id: boardId, program_id: demo.programId, title: "P", locked: 0, anonymous: 0, current_section_id: null,
        timer_running: 0, timer_ends_at_ms: null, timer_remaining_ms: null, created_by: null,
        created_at: new Date().toISOString(), archived_at: null,
      })
      .execute();
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await t.cleanup();
  });

  const project = (content: VisionBoardContent) =>
    t.handle.db.transaction().execute((tx) => saveVisionBoardProjection(tx, boardId, content));
  /** Notes currently on the board, from the read model (what the program home counts). */
  const countProjectedNotes = async (boardIds: string[]) =>
    boardIds.length === 0
      ? 0
      : Number(
          (
            await t.handle.db
              .selectFrom("vision_notes")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("board_id", "in", boardIds)
              .where("deleted_at", "is", null)
              .executeTakeFirstOrThrow()
          ).n,
        );

  it("writes notes and clusters as rows, and projecting again changes nothing", async () => {
    const content: VisionBoardContent = {
      prompts: [],
      notes: [note("n1", "排队太久", "c1"), note("n2", "资料重复填写")],
      clusters: [{ id: "c1", name: "等待", promptId: "customer" }],
    };
    await project(content);
    await project(content);
    const rows = await t.handle.db.selectFrom("vision_notes").selectAll().where("board_id", "=", boardId).orderBy("doc_object_id").execute();
    expect(rows.map((r) => [r.doc_object_id, r.text, r.cluster_id, r.deleted_at])).toEqual([
      ["n1", "排队太久", "c1", null],
      ["n2", "资料重复填写", null, null],
    ]);
    expect(await countProjectedNotes([boardId])).toBe(2);
    expect(await countProjectedNotes([])).toBe(0);
  });

  it("marks removed notes and clusters deleted instead of forgetting them, and revives them if they return", async () => {
    await project({ prompts: [], notes: [note("n2", "资料重复填写（改）")], clusters: [] });
    const rows = await t.handle.db.selectFrom("vision_notes").selectAll().where("board_id", "=", boardId).orderBy("doc_object_id").execute();
    expect(rows.map((r) => [r.doc_object_id, r.text, r.deleted_at !== null])).toEqual([
      ["n1", "排队太久", true],
      ["n2", "资料重复填写（改）", false],
    ]);
    const clusters = await t.handle.db.selectFrom("vision_clusters").selectAll().where("board_id", "=", boardId).execute();
    expect(clusters.map((c) => c.deleted_at !== null)).toEqual([true]);
    expect(await countProjectedNotes([boardId])).toBe(1);

    await project({ prompts: [], notes: [], clusters: [] });
    expect(await countProjectedNotes([boardId])).toBe(0);
    await project({ prompts: [], notes: [note("n1", "排队太久")], clusters: [] });
    expect(await countProjectedNotes([boardId])).toBe(1);
  });
});
