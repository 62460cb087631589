/** Dot voting on both databases: the budget under concurrency, privacy until reveal, permissions, the mirrored control doc. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../app/models/audit.server";
import { createVisionBoard } from "../../app/models/vision-boards.server";
import type { VisionError } from "../../app/models/vision-common.server";
import { readControlState, visionControlDocName } from "../../app/models/vision-doc";
import { addVisionNote } from "../../app/models/vision-notes.server";
import {
  castVote,
  closeVoteRound,
  getMyBallot,
  getRoundProgress,
  getRoundResults,
  openVoteRound,
  revealVoteRound,
} from "../../app/models/vision-voting.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("dot voting on %s", (dialect) => {
  let env: VisionTestEnv;
  let boardId: string;
  let notes: string[];

  beforeAll(async () => {
    env = await setupVision(dialect);
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    boardId = (await createVisionBoard(lead, { title: "投票测试" })).id;
    notes = [];
    for (const text of ["排队太久", "进度不透明", "反复说明问题"]) {
      notes.push((await addVisionNote(exec, boardId, { text, promptId: "customer" })).id);
    }
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("20 parallel votes from one person with a budget of 5: exactly 5 accepted", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    const round = await openVoteRound(lead, boardId, { budget: 5 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => castVote(exec, round.id, { targetId: notes[i % notes.length], delta: 1 })),
    );
    const accepted = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect((r.reason as VisionError).key).toBe("vision.errors.overBudget");
    const ballot = await getMyBallot(exec, round.id);
    expect(ballot.used).toBe(5);
    expect(ballot.remaining).toBe(0);
    expect(Object.values(ballot.votes).reduce((a, b) => a + b, 0)).toBe(5);
    const rows = await env.t.handle.db.selectFrom("vision_votes").select(["count"]).where("round_id", "=", round.id).execute();
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(5);

    // Taking dots back and adding them again, all at once: the budget still holds.
    const mixed = await Promise.allSettled([
      ...Array.from({ length: 3 }, () => castVote(exec, round.id, { targetId: notes[0], delta: -1 })),
      ...Array.from({ length: 10 }, () => castVote(exec, round.id, { targetId: notes[1], delta: 1 })),
    ]);
    expect(mixed.some((o) => o.status === "fulfilled")).toBe(true);
    const after = await getMyBallot(exec, round.id);
    expect(after.used).toBeLessThanOrEqual(5);
    const sum = await env.t.handle.db.selectFrom("vision_votes").select(["count"]).where("round_id", "=", round.id).where("user_id", "=", exec.user.id).execute();
    expect(sum.reduce((a, r) => a + r.count, 0)).toBe(after.used);
    expect(sum.every((r) => r.count > 0)).toBe(true);
    await revealVoteRound(lead, round.id);
  });

  it("keeps votes private until the reveal, then mirrors the ranked tally into the control doc", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    const round = await openVoteRound(lead, boardId, { budget: 3 });
    await castVote(exec, round.id, { targetId: notes[2], delta: 2 });
    await castVote(lead, round.id, { targetId: notes[2], delta: 1 });
    await castVote(lead, round.id, { targetId: notes[0], delta: 2 });
    // While open: my own dots only; no tally for anyone; the facilitator sees progress, not places.
    expect((await getMyBallot(exec, round.id)).votes).toEqual({ [notes[2]]: 2 });
    expect(await getRoundResults(exec, round.id)).toBeNull();
    expect(await getRoundResults(lead, round.id)).toBeNull();
    expect(await getRoundProgress(lead, round.id)).toEqual({ voters: 2, dotsUsed: 5, budget: 3 });
    let control = readControlState(env.live.doc(visionControlDocName(boardId)));
    expect(control.vote).toEqual({ roundId: round.id, status: "open", budget: 3 });

    await closeVoteRound(lead, round.id);
    expect((await refusal(castVote(exec, round.id, { targetId: notes[0], delta: 1 }))).key).toBe("vision.errors.roundNotOpen");
    const results = await revealVoteRound(lead, round.id);
    expect(results).toEqual([
      { targetId: notes[2], votes: 3 },
      { targetId: notes[0], votes: 2 },
    ]);
    expect(await getRoundResults(exec, round.id)).toEqual(results);
    control = readControlState(env.live.doc(visionControlDocName(boardId)));
    expect(control.vote).toEqual({ roundId: round.id, status: "revealed", budget: 3, results });
    expect((await refusal(revealVoteRound(lead, round.id))).key).toBe("vision.errors.roundRevealed");
  });

  it("refuses what the rules forbid", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    const viewer = await env.actor("viewer");
    const frontline = await env.actor("frontline");
    // Only the facilitator opens and reveals.
    expect((await refusal(openVoteRound(exec, boardId, { budget: 5 }))).status).toBe(403);
    const round = await openVoteRound(lead, boardId, { budget: 2 });
    expect((await refusal(openVoteRound(lead, boardId, { budget: 2 }))).key).toBe("vision.errors.roundAlreadyOpen");
    expect((await refusal(revealVoteRound(exec, round.id))).status).toBe(403);
    expect((await refusal(closeVoteRound(exec, round.id))).status).toBe(403);
    expect((await refusal(getRoundProgress(exec, round.id))).status).toBe(403);
    // Viewers do not vote; frontline staff, as workshop participants, do.
    expect((await refusal(castVote(viewer, round.id, { targetId: notes[0], delta: 1 }))).status).toBe(403);
    expect((await castVote(frontline, round.id, { targetId: notes[0], delta: 1 })).used).toBe(1);
    expect((await castVote(frontline, round.id, { targetId: notes[0], delta: -1 })).used).toBe(0);
    // Targets must be on the board; budgets and deltas must make sense; no taking back what is not there.
    const missing = await refusal(castVote(exec, round.id, { targetId: "no-such-note", delta: 1 }));
    expect(missing.fields).toEqual({ targetId: "vision.errors.targetNotFound" });
    expect((await refusal(castVote(exec, round.id, { targetId: notes[0], delta: 0 }))).status).toBe(422);
    expect((await refusal(castVote(exec, round.id, { targetId: notes[0], delta: -1 }))).key).toBe("vision.errors.noVotesToRemove");
    expect((await refusal(castVote(exec, round.id, { targetId: notes[0], delta: 3 }))).key).toBe("vision.errors.overBudget");
    expect((await refusal(openVoteRound(lead, "no-such-board", { budget: 2 }))).status).toBe(404);
    await closeVoteRound(lead, round.id);
    expect((await refusal(openVoteRound(lead, boardId, { budget: 0 }))).fields).toEqual({ budget: "vision.errors.budget" });
  });

  it("audits every facilitation step without recording where a person put their dots", async () => {
    const audit = await listAudit({ programId: env.demo.programId, entityType: "vision_vote_round", limit: 500 });
    const actions = new Set(audit.map((a) => a.action));
    for (const a of ["open", "vote", "close", "reveal"]) expect(actions.has(a)).toBe(true);
    for (const a of audit.filter((x) => x.action === "vote")) expect(a.after_summary).not.toMatch(/targetId/);
  });
});
