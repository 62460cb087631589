/** Boards, notes, lock and anonymous mode, agenda and timer, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../app/models/audit.server";
import { addTimerMinute, goToSection, nextSection, pauseTimer, setAgenda, setSectionDone, startTimer } from "../../app/models/vision-agenda.server";
import {
  archiveVisionBoard,
  createVisionBoard,
  findVisionBoardOwner,
  latestVisionBoard,
  listVisionBoards,
  onVisionBoardPolicyChange,
  setBoardAnonymous,
  setBoardLocked,
  visionBoardEditPolicy,
} from "../../app/models/vision-boards.server";
import { readBoardContent, readControlState, visionBoardDocName, visionControlDocName } from "../../app/models/vision-doc";
import { addVisionNote, updateVisionNote } from "../../app/models/vision-notes.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("vision boards on %s", (dialect) => {
  let env: VisionTestEnv;
  let boardId: string;

  beforeAll(async () => {
    env = await setupVision(dialect);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("only the facilitator creates a board; it starts with the four prompts and a control doc", async () => {
    const exec = await env.actor("exec");
    expect((await refusal(createVisionBoard(exec, { title: "x" }))).status).toBe(403);
    const lead = await env.actor("lead");
    expect((await refusal(createVisionBoard(lead, { title: "  " }))).fields).toEqual({ title: "validation.required" });
    const board = await createVisionBoard(lead, { title: "愿景工作坊" });
    boardId = board.id;
    expect(board.docName).toBe(`vision:${board.id}`);
    const content = readBoardContent(env.live.doc(visionBoardDocName(board.id)));
    expect(content.prompts.map((p) => p.kind)).toEqual(["customer", "frontline", "leadership", "scope"]);
    expect(readControlState(env.live.doc(visionControlDocName(board.id))).locked).toBe(false);
    expect((await latestVisionBoard(env.demo.programId))?.id).toBe(board.id);
    expect(await findVisionBoardOwner(board.id)).toEqual({ programId: env.demo.programId, orgId: env.demo.orgId });
    expect(await findVisionBoardOwner("nope")).toBeNull();
  });

  it("adds notes with validation and the author, and refuses people who may not edit", async () => {
    const exec = await env.actor("exec");
    const note = await addVisionNote(exec, boardId, { text: "  <img src=x onerror=alert(1)> 排队太久  ", promptId: "customer", colour: "pink" });
    expect(note.text).toBe("<img src=x onerror=alert(1)> 排队太久");
    expect(note.authorName).toBe("周华");
    expect((await refusal(addVisionNote(exec, boardId, { text: "", promptId: "customer" }))).fields).toEqual({ text: "vision.errors.noteEmpty" });
    expect((await refusal(addVisionNote(exec, boardId, { text: "长".repeat(501), promptId: "customer" }))).fields).toEqual({
      text: "vision.errors.noteTooLong",
    });
    expect((await refusal(addVisionNote(exec, boardId, { text: "x", promptId: "nope" }))).fields).toEqual({ promptId: "vision.errors.promptNotFound" });
    expect((await refusal(addVisionNote(await env.actor("viewer"), boardId, { text: "x", promptId: "customer" }))).status).toBe(403);
    // Frontline staff take part in the workshop (the frontline voice); viewers only watch.
    expect((await addVisionNote(await env.actor("frontline"), boardId, { text: "柜台系统太慢", promptId: "frontline" })).authorName).toBe("张伟");
    await updateVisionNote(exec, boardId, note.id, { text: "改过了", promptId: "scope" });
    const content = readBoardContent(env.live.doc(visionBoardDocName(boardId)));
    expect(content.notes.map((n) => [n.text, n.promptId]).sort()).toEqual([["改过了", "scope"], ["柜台系统太慢", "frontline"]].sort());
  });

  it("lock: only the facilitator locks, and while locked only the facilitator edits (policy and server)", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    const viewer = await env.actor("viewer");
    const events: [string, boolean][] = [];
    const off = onVisionBoardPolicyChange((id, s) => events.push([id, s.locked]));
    expect((await refusal(setBoardLocked(exec, boardId, true))).status).toBe(403);
    expect(await visionBoardEditPolicy(boardId, exec.access)).toBe(true);
    expect(await visionBoardEditPolicy(boardId, viewer.access)).toBe(false);
    await setBoardLocked(lead, boardId, true);
    expect(events).toEqual([[boardId, true]]);
    expect(await visionBoardEditPolicy(boardId, exec.access)).toBe(false);
    expect(await visionBoardEditPolicy(boardId, lead.access)).toBe(true);
    expect((await refusal(addVisionNote(exec, boardId, { text: "锁定中", promptId: "customer" }))).key).toBe("vision.errors.boardLocked");
    await addVisionNote(lead, boardId, { text: "主持人可以写", promptId: "customer" });
    expect(readControlState(env.live.doc(visionControlDocName(boardId))).locked).toBe(true);
    await setBoardLocked(lead, boardId, false);
    off();
    expect(await visionBoardEditPolicy(boardId, exec.access)).toBe(true);
    expect(await visionBoardEditPolicy("no-such-board", lead.access)).toBe(false);
  });

  it("anonymous mode: new notes carry no author", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    expect((await refusal(setBoardAnonymous(exec, boardId, true))).status).toBe(403);
    await setBoardAnonymous(lead, boardId, true);
    const note = await addVisionNote(exec, boardId, { text: "匿名便签", promptId: "frontline" });
    expect([note.authorId, note.authorName]).toEqual([null, null]);
    expect(readControlState(env.live.doc(visionControlDocName(boardId))).anonymous).toBe(true);
    await setBoardAnonymous(lead, boardId, false);
  });

  it("runs the agenda and the shared countdown", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    expect((await refusal(setAgenda(exec, boardId, { sections: [] }))).status).toBe(403);
    expect((await refusal(setAgenda(lead, boardId, { sections: [{ title: "x", minutes: 0 }] }))).fields).toEqual({
      "sections.0.minutes": "vision.errors.minutes",
    });
    await setAgenda(lead, boardId, { sections: [{ title: "客户心声", minutes: 10 }, { title: "投票", minutes: 5 }] });
    const doc = () => readControlState(env.live.doc(visionControlDocName(boardId)));
    let c = doc();
    expect(c.agenda.map((a) => [a.title, a.minutes])).toEqual([["客户心声", 10], ["投票", 5]]);
    expect(c.currentSectionId).toBe(c.agenda[0].id);
    expect(c.timer).toEqual({ running: false, endsAtMs: null, remainingMs: 600_000 });

    const before = Date.now();
    await startTimer(lead, boardId);
    c = doc();
    expect(c.timer.running).toBe(true);
    expect(c.timer.endsAtMs! - before).toBeGreaterThanOrEqual(600_000 - 50);
    expect(c.timer.endsAtMs! - Date.now()).toBeLessThanOrEqual(600_000);
    const ends = c.timer.endsAtMs!;
    await addTimerMinute(lead, boardId);
    expect(doc().timer.endsAtMs).toBe(ends + 60_000);
    await pauseTimer(lead, boardId);
    c = doc();
    expect(c.timer.running).toBe(false);
    expect(c.timer.remainingMs).toBeGreaterThan(650_000);
    expect(c.timer.remainingMs).toBeLessThanOrEqual(660_000);
    expect((await refusal(startTimer(exec, boardId))).status).toBe(403);

    // Participants say they are done; the facilitator moves on.
    const first = c.agenda[0].id;
    await setSectionDone(exec, boardId, first, true);
    await setSectionDone(exec, boardId, first, true);
    expect(doc().done).toEqual({ [first]: [exec.user.id] });
    expect((await refusal(setSectionDone(await env.actor("viewer"), boardId, first, true))).status).toBe(403);
    await nextSection(lead, boardId);
    c = doc();
    expect(c.currentSectionId).toBe(c.agenda[1].id);
    expect(c.timer).toEqual({ running: false, endsAtMs: null, remainingMs: 300_000 });
    expect((await refusal(nextSection(lead, boardId))).key).toBe("vision.errors.lastSection");
    await goToSection(lead, boardId, first);
    expect(doc().currentSectionId).toBe(first);

    // Renaming keeps a section (and its "done" signals); removing the current one restarts the agenda.
    await setAgenda(lead, boardId, { sections: [{ id: first, title: "客户心声（延长）", minutes: 12 }] });
    c = doc();
    expect(c.agenda).toEqual([{ id: first, title: "客户心声（延长）", minutes: 12 }]);
    expect(c.done).toEqual({ [first]: [exec.user.id] });
    const audit = await listAudit({ programId: env.demo.programId, entityType: "vision_board" });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["create", "lock", "unlock", "agenda", "timer_start", "timer_pause", "timer_add_minute", "section_next"]));
  });

  it("an archived board is read-only and leaves the list; another program's board is not found", async () => {
    const lead = await env.actor("lead");
    const second = await createVisionBoard(lead, { title: "第二场" });
    expect((await listVisionBoards(env.demo.programId)).map((b) => b.id)).toEqual([second.id, boardId]);
    await archiveVisionBoard(lead, second.id);
    expect((await listVisionBoards(env.demo.programId)).map((b) => b.id)).toEqual([boardId]);
    expect(await visionBoardEditPolicy(second.id, lead.access)).toBe(false);
    expect((await refusal(addVisionNote(lead, second.id, { text: "x", promptId: "customer" }))).key).toBe("vision.errors.boardArchived");
    const elsewhere = { ...lead, program: { id: "other-program", org_id: env.demo.orgId } };
    expect((await refusal(setBoardLocked(elsewhere, boardId, true))).status).toBe(404);
  });
});
