/**
 * The leaderboard on both databases: recognitions received (nominations approved or rewarded,
 * counted by the day they were approved, at the period's China-Standard-Time bounds; submitted and
 * rejected ones never) and ideas adopted (triaged into a cycle or linked to an initiative, by the
 * first of these; dismissed ones never), ties sharing a rank; opting out hides a person from
 * everyone but themselves, audited both ways; bad periods are refused with 400.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { linkRecord } from "../../app/models/feedback-links.server";
import { dismissRecords, triageRecords } from "../../app/models/feedback-triage.server";
import { submitIdea } from "../../app/models/ideas.server";
import { createInitiative } from "../../app/models/initiatives.server";
import { getLeaderboard, requirePeriod, setLeaderboardHidden } from "../../app/models/leaderboard.server";
import { startCycle } from "../../app/models/loop-start.server";
import type { NominationStatus } from "../../db/schema";
import { dialects } from "../helpers/db";
import { setupVision, type DemoUser, type VisionTestEnv } from "../helpers/vision";

/** June 2025 in China Standard Time: 2025-05-31T16:00Z (inclusive) to 2025-06-30T16:00Z (exclusive). */
const JUNE = "2025-06";

describe.each(dialects())("leaderboard on %s", (dialect) => {
  let env: VisionTestEnv;
  let typeId: string;

  beforeEach(async () => {
    env = await setupVision(dialect);
    typeId = newId();
    const now = nowIso();
    await db()
      .insertInto("recognition_types")
      .values({ id: typeId, program_id: env.demo.programId, name: "主动服务", description: "", guideline_id: null, reward_kind: "points", reward_text: "", reward_value: 10, agreed_on: "2025-01-10", agreed_note: "", created_by: null, created_at: now, updated_at: now, archived_at: null })
      .execute();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function nominate(nominee: DemoUser, status: NominationStatus, reviewedAt: string | null, rewardedAt: string | null = null) {
    const id = newId();
    await db()
      .insertInto("nominations")
      .values({
        id,
        program_id: env.demo.programId,
        type_id: typeId,
        nominee_id: env.demo.users[nominee],
        nominator_id: env.demo.users.team,
        story: `story ${id}`,
        story_hash: id,
        status,
        reviewer_id: reviewedAt ? env.demo.users.exec : null,
        review_reason: null,
        reviewed_at: reviewedAt,
        reward_text: null,
        reward_value: null,
        rewarded_by: null,
        rewarded_at: rewardedAt,
        created_at: "2025-05-01T00:00:00.000Z",
        updated_at: "2025-07-01T00:00:00.000Z",
      })
      .execute();
  }

  const names = (rows: { rank: number; userId: string; count: number }[]) => {
    const byId = Object.fromEntries(Object.entries(env.demo.users).map(([k, v]) => [v, k]));
    return rows.map((r) => [r.rank, byId[r.userId], r.count]);
  };

  it("ranks recognitions received by the day they were approved, at the period's bounds; ties share a rank", async () => {
    await nominate("frontline", "approved", "2025-05-31T16:00:00.000Z"); // 1 June, 00:00 in Beijing
    await nominate("frontline", "rewarded", "2025-06-12T02:00:00.000Z", "2025-07-02T02:00:00.000Z"); // approved in June, rewarded in July
    await nominate("frontline", "approved", "2025-06-30T15:59:59.999Z");
    await nominate("rep", "approved", "2025-06-03T02:00:00.000Z");
    await nominate("rep", "rewarded", null, "2025-06-20T02:00:00.000Z"); // rewarded without a recorded approval
    await nominate("team", "approved", "2025-06-05T02:00:00.000Z");
    await nominate("exec", "approved", "2025-06-05T02:00:00.000Z");
    await nominate("team", "approved", "2025-05-31T15:59:59.999Z"); // 31 May in Beijing
    await nominate("team", "approved", "2025-06-30T16:00:00.000Z"); // 1 July in Beijing
    await nominate("exec", "submitted", null);
    await nominate("exec", "rejected", "2025-06-10T02:00:00.000Z");

    const lead = await env.actor("lead");
    const june = await getLeaderboard(lead, requirePeriod(JUNE));
    expect(names(june.recognitions)).toEqual([
      [1, "frontline", 3],
      [2, "rep", 2],
      [3, "team", 1], // 王芳 before 周华: ties are listed by name (pinyin)
      [3, "exec", 1],
    ]);
    expect(june.me).toEqual({ hidden: false, recognitions: 0, ideasAdopted: 0 });
    const quarter = await getLeaderboard(lead, requirePeriod("2025-Q2"));
    expect(names(quarter.recognitions)).toEqual([
      [1, "frontline", 3],
      [2, "rep", 2],
      [2, "team", 2],
      [4, "exec", 1],
    ]);
    expect(names((await getLeaderboard(lead, requirePeriod("2025-07"))).recognitions)).toEqual([[1, "team", 1]]);
  });

  it("counts ideas adopted — triaged or linked to an initiative, by the first of these — and never dismissed ones", async () => {
    const team = await env.actor("team");
    const cycle = await startCycle(team, { kind: "small", kpiIds: [] });
    const initiative = await createInitiative(team, { title: "进度推送", lever: "progress_feedback", ownerId: env.demo.users.team });
    const send = async (who: DemoUser) => (await submitIdea(await env.actor(who), { text: `idea of ${who}` })).id;
    const a = await send("frontline");
    const b = await send("frontline");
    const c = await send("rep");
    const d = await send("rep");
    const e = await send("frontline");
    await triageRecords(team, { recordIds: [a, c], cycleId: cycle.id });
    await linkRecord(team, { recordId: b, targetType: "initiative", target: initiative.id });
    await linkRecord(team, { recordId: c, targetType: "initiative", target: initiative.id });
    await dismissRecords(team, { recordIds: [d], reason: "重复" });
    void e; // still new

    // Move the decisions into June 2025: a triaged in June; b linked in June; c triaged in May but linked in June (counts in May).
    const at = (recordId: string, iso: string) => db().updateTable("feedback_triage").set({ triaged_at: iso }).where("record_id", "=", recordId).execute();
    const linkAt = (recordId: string, iso: string) => db().updateTable("feedback_links").set({ created_at: iso }).where("record_id", "=", recordId).execute();
    await at(a, "2025-06-10T02:00:00.000Z");
    await linkAt(b, "2025-06-11T02:00:00.000Z");
    await at(c, "2025-05-20T02:00:00.000Z");
    await linkAt(c, "2025-06-12T02:00:00.000Z");
    await at(d, "2025-06-13T02:00:00.000Z");

    const frontline = await env.actor("frontline");
    const june = await getLeaderboard(frontline, requirePeriod(JUNE));
    expect(names(june.ideasAdopted)).toEqual([[1, "frontline", 2]]);
    expect(june.me).toEqual({ hidden: false, recognitions: 0, ideasAdopted: 2 });
    expect(names((await getLeaderboard(frontline, requirePeriod("2025-05"))).ideasAdopted)).toEqual([[1, "rep", 1]]);
    expect(names((await getLeaderboard(frontline, requirePeriod("2025-Q2"))).ideasAdopted)).toEqual([
      [1, "frontline", 2],
      [2, "rep", 1],
    ]);
  });

  it("lets anyone hide from the leaderboard and come back, audited; hidden people are listed to no one", async () => {
    await nominate("frontline", "approved", "2025-06-10T02:00:00.000Z");
    await nominate("rep", "approved", "2025-06-10T02:00:00.000Z");
    const frontline = await env.actor("frontline");
    const lead = await env.actor("lead");
    const viewer = await env.actor("viewer");

    expect(await setLeaderboardHidden(frontline, true)).toEqual({ hidden: true });
    expect(await setLeaderboardHidden(frontline, true)).toEqual({ hidden: true }); // again: no change
    for (const who of [lead, viewer]) {
      const board = await getLeaderboard(who, requirePeriod(JUNE));
      expect(names(board.recognitions)).toEqual([[1, "rep", 1]]);
    }
    const own = await getLeaderboard(frontline, requirePeriod(JUNE));
    expect(own.recognitions.map((r) => r.userId)).not.toContain(env.demo.users.frontline);
    expect(own.me).toEqual({ hidden: true, recognitions: 1, ideasAdopted: 0 });

    // Viewers and the CX office may hide themselves too (they can be recognised).
    expect(await setLeaderboardHidden(await env.actor("office"), true)).toEqual({ hidden: true });

    await setLeaderboardHidden(frontline, false);
    expect(names((await getLeaderboard(lead, requirePeriod(JUNE))).recognitions)).toEqual([
      [1, "rep", 1], // 刘洋 before 张伟
      [1, "frontline", 1],
    ]);
    const audits = await db()
      .selectFrom("audit_log")
      .select(["action", "entity_type", "actor_id"])
      .where("entity_type", "=", "leaderboard")
      .where("actor_id", "=", env.demo.users.frontline)
      .orderBy("created_at")
      .execute();
    expect(audits.map((a) => a.action)).toEqual(["opt_out", "opt_in"]);
  });

  it("refuses malformed, impossible and future periods with 400 and a message key", () => {
    const refused = (raw: string) => {
      try {
        requirePeriod(raw, "2026-11-23");
      } catch (e) {
        return [(e as { status: number }).status, (e as { key: string }).key];
      }
      return null;
    };
    expect(refused("2026-13")).toEqual([400, "leaderboard.errors.outOfRange"]);
    expect(refused("2026-Q5")).toEqual([400, "leaderboard.errors.outOfRange"]);
    expect(refused("last-year")).toEqual([400, "leaderboard.errors.malformed"]);
    expect(refused("2027-01")).toEqual([400, "leaderboard.errors.future"]);
    expect(requirePeriod("quarter", "2026-11-23").key).toBe("2026-Q4");
  });
});
