/**
 * The recognition workflow on both databases: nominate (self-nomination, duplicates — also racing —,
 * over-long, unknown and archived refused), review against the guideline (conflicts of interest,
 * reasons, illegal transitions), reward (catalogue copy, adjustment with a note), events and audit
 * for every transition, who sees what, the recognition wall (filters, period, pages) and the API
 * routes with personal access tokens.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso, setDbHandle } from "../../app/db.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { storyHash } from "../../app/models/nominations";
import * as nominationReading from "../../app/models/nomination-reading.server";
import { getNomination, listNominations, nominationCounts, nominationFormOptions } from "../../app/models/nomination-reading.server";
import * as nominationReview from "../../app/models/nomination-review.server";
import { reviewNomination, rewardNomination } from "../../app/models/nomination-review.server";
import * as nominationSubmit from "../../app/models/nomination-submit.server";
import { submitNomination } from "../../app/models/nomination-submit.server";
import * as nominationTrail from "../../app/models/nomination-trail.server";
import * as nominationViews from "../../app/models/nomination-views.server";
import { listWall, wallTypes } from "../../app/models/recognition-wall.server";
import { action as reviewAction } from "../../app/routes/api.v1.nominations.$nominationId.review";
import { action as rewardAction } from "../../app/routes/api.v1.nominations.$nominationId.reward";
import { action as nominationsAction, loader as nominationsLoader } from "../../app/routes/api.v1.programs.$programId.nominations";
import { seedDemoFoundation } from "../../db/seed/demo-foundation";
import { seedDemoNominations } from "../../db/seed/demo-nominations";
import { seedDemoIfEmpty } from "../../db/seed/index";
import { createTestDb, dialects } from "../helpers/db";
import { useMemoryLiveDocs } from "../helpers/memory-live-docs";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

/** What the server's getLoadContext gives every route. */
const CTX = { clientIp: "127.0.0.1" };
const STORY = "客户在柜台排队时身体不适，她立刻安排座位并倒了温水，之后优先为客户办理了业务，客户非常感动。";
const STORY2 = "热线客户第三次来电询问同一张信用卡的审批进度，他主动联系审批中心查清原因，并在当天回电告知结果。";

describe.each(dialects())("nominations on %s", (dialect) => {
  let env: VisionTestEnv;
  let typeId: string;
  let otherTypeId: string;
  let archivedTypeId: string;
  let guidelineId: string;

  beforeEach(async () => {
    env = await setupVision(dialect);
    const now = nowIso();
    guidelineId = newId();
    await db()
      .insertInto("guidelines")
      .values({
        id: guidelineId,
        program_id: env.demo.programId,
        title: "首问负责，一次办好",
        body: "第一个接到客户诉求的人负责到底。",
        do_examples: JSON.stringify(["主动跟进直到问题解决", "告知客户下一步和时间"]),
        dont_examples: JSON.stringify(["让客户再打一次热线"]),
        standard_key: "first-contact",
        standard_version: 1,
        standard_snapshot: JSON.stringify({ title: "首问负责", description: "", measurableHint: "" }),
        position: 1,
        reviewed_by: null,
        reviewed_at: null,
        created_by: env.demo.users.lead,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    const type = (name: string, over: Record<string, unknown> = {}) => {
      const id = newId();
      return db()
        .insertInto("recognition_types")
        .values({
          id,
          program_id: env.demo.programId,
          name,
          description: `${name}的说明`,
          guideline_id: null,
          reward_kind: "points",
          reward_text: "200 服务积分",
          reward_value: 200,
          agreed_on: "2026-09-01",
          agreed_note: "",
          created_by: env.demo.users.lead,
          created_at: now,
          updated_at: now,
          archived_at: null,
          ...over,
        })
        .execute()
        .then(() => id);
    };
    typeId = await type("首问负责", { guideline_id: guidelineId });
    otherTypeId = await type("主动关怀", { reward_kind: "certificate", reward_text: "月度关怀之星证书", reward_value: 0 });
    archivedTypeId = await type("旧行为", { archived_at: now });
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const RANK = ["submitted", "approved", "rejected", "rewarded"];
  const events = async (id: string) =>
    (await db().selectFrom("nomination_events").select(["from_status", "to_status", "actor_id", "note", "created_at"]).where("nomination_id", "=", id).execute())
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || RANK.indexOf(a.to_status) - RANK.indexOf(b.to_status))
      .map(({ created_at: _at, ...e }) => e);
  const ACTION_RANK = ["submit", "approve", "reject", "reward"];
  const audit = async (id: string) =>
    (await db().selectFrom("audit_log").select(["action", "actor_id", "entity_type", "after_summary", "created_at"]).where("entity_id", "=", id).execute())
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || ACTION_RANK.indexOf(a.action) - ACTION_RANK.indexOf(b.action))
      .map(({ created_at: _at, ...e }) => e);
  const count = async () => Number((await db().selectFrom("nominations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("lets frontline staff nominate a colleague: stored with the story's hash, one event, audited", async () => {
    const frontline = await env.actor("frontline");
    const n = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId, story: `  ${STORY}\n` });
    expect(n).toMatchObject({
      status: "submitted",
      story: STORY,
      nominee: { id: env.demo.users.rep, name: "刘洋" },
      nominator: { id: env.demo.users.frontline, name: "张伟" },
      type: { id: typeId, name: "首问负责", rewardKind: "points", rewardText: "200 服务积分", rewardValue: 200, archived: false },
      guideline: { id: guidelineId, title: "首问负责，一次办好", doExamples: ["主动跟进直到问题解决", "告知客户下一步和时间"], dontExamples: ["让客户再打一次热线"] },
      reviewer: null,
      reward: null,
    });
    const row = await db().selectFrom("nominations").select(["story_hash"]).where("id", "=", n.id).executeTakeFirstOrThrow();
    expect(row.story_hash).toBe(await storyHash(STORY));
    expect(await events(n.id)).toEqual([{ from_status: null, to_status: "submitted", actor_id: env.demo.users.frontline, note: "" }]);
    const entries = await audit(n.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "submit", entity_type: "nomination", actor_id: env.demo.users.frontline });
    expect(JSON.parse(entries[0].after_summary!)).toEqual({ name: "刘洋", behaviour: "首问负责" });
  });

  it("offers every other member as a colleague and only the active catalogue", async () => {
    const options = await nominationFormOptions(await env.actor("frontline"));
    expect(options.colleagues.map((c) => c.id)).not.toContain(env.demo.users.frontline);
    expect(options.colleagues.map((c) => c.id)).toContain(env.demo.users.team);
    expect(options.colleagues.map((c) => c.id)).not.toContain(env.demo.users.office);
    expect(options.types.map((t) => t.name).sort()).toEqual(["主动关怀", "首问负责"].sort());
    expect(options.types.find((t) => t.id === typeId)?.guidelineTitle).toBe("首问负责，一次办好");
  });

  it("refuses self-nomination, unknown colleagues and behaviours, archived behaviours and bad stories — nothing written", async () => {
    const frontline = await env.actor("frontline");
    const self = await refusal(submitNomination(frontline, { nomineeId: env.demo.users.frontline, typeId, story: STORY }));
    expect(self.status).toBe(422);
    expect(self.key).toBe("nominations.errors.selfNomination");
    expect(self.fields).toEqual({ nomineeId: "nominations.errors.selfNomination" });

    // The CX office reads the program but is not a member of it.
    const unknown = await refusal(submitNomination(frontline, { nomineeId: env.demo.users.office, typeId: "no-such-type", story: STORY }));
    expect(unknown.fields).toEqual({ nomineeId: "nominations.errors.nomineeUnknown", typeId: "nominations.errors.typeUnknown" });
    const archived = await refusal(submitNomination(frontline, { nomineeId: env.demo.users.team, typeId: archivedTypeId, story: STORY }));
    expect(archived.fields).toEqual({ typeId: "nominations.errors.typeArchived" });

    // A behaviour of another program is unknown here.
    const otherProgram = newId();
    await db()
      .insertInto("programs")
      .values({ id: otherProgram, org_id: env.demo.orgId, name: "另一个项目", name_en: null, description: "", created_by: env.demo.users.lead, created_at: nowIso(), archived_at: null })
      .execute();
    const foreignType = newId();
    await db()
      .insertInto("recognition_types")
      .values({ id: foreignType, program_id: otherProgram, name: "别处", description: "", guideline_id: null, reward_kind: "other", reward_text: "x", reward_value: 0, agreed_on: "2026-09-01", agreed_note: "", created_by: null, created_at: nowIso(), updated_at: nowIso(), archived_at: null })
      .execute();
    expect((await refusal(submitNomination(frontline, { nomineeId: env.demo.users.team, typeId: foreignType, story: STORY }))).fields).toEqual({ typeId: "nominations.errors.typeUnknown" });

    const long = await refusal(submitNomination(frontline, { nomineeId: env.demo.users.team, typeId, story: "好".repeat(2001) }));
    expect(long.fields).toEqual({ story: "nominations.errors.storyTooLong" });
    expect((await refusal(submitNomination(frontline, { nomineeId: env.demo.users.team, typeId, story: "很好" }))).fields).toEqual({ story: "nominations.errors.storyTooShort" });
    expect((await refusal(submitNomination(frontline, {}))).fields).toEqual({
      nomineeId: "nominations.errors.nomineeRequired",
      typeId: "nominations.errors.typeRequired",
      story: "nominations.errors.storyRequired",
    });
    expect(await count()).toBe(0);
    expect(await db().selectFrom("nomination_events").select("id").execute()).toEqual([]);
    expect(await db().selectFrom("audit_log").select("id").where("entity_type", "=", "nomination").execute()).toEqual([]);
  });

  it("refuses viewers and the CX office as nominators (403)", async () => {
    for (const who of ["viewer", "office"] as const) {
      const e = await refusal(submitNomination(await env.actor(who), { nomineeId: env.demo.users.team, typeId, story: STORY }));
      expect(e.status, who).toBe(403);
    }
    expect(await count()).toBe(0);
  });

  it("refuses the same story (normalised) for the same colleague and behaviour with 409, also when sent at once", async () => {
    const frontline = await env.actor("frontline");
    const rep = await env.actor("rep");
    const story = "Helped an elderly customer   set up mobile banking step by step, twice, with patience.";
    await submitNomination(frontline, { nomineeId: env.demo.users.team, typeId, story });
    const dup = await refusal(submitNomination(rep, { nomineeId: env.demo.users.team, typeId, story: `  HELPED an elderly customer set up\nmobile banking step by step, twice, with patience. ` }));
    expect(dup.status).toBe(409);
    expect(dup.key).toBe("nominations.errors.duplicate");
    // Another behaviour or another colleague is a different nomination.
    await submitNomination(frontline, { nomineeId: env.demo.users.team, typeId: otherTypeId, story });
    await submitNomination(frontline, { nomineeId: env.demo.users.exec, typeId, story });
    expect(await count()).toBe(3);

    // Racing: exactly one of two identical nominations sent at once is stored; the unique constraint decides.
    const results = await Promise.allSettled([
      submitNomination(frontline, { nomineeId: env.demo.users.lead, typeId, story: STORY2 }),
      submitNomination(rep, { nomineeId: env.demo.users.lead, typeId, story: STORY2 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ status: 409, key: "nominations.errors.duplicate" });
    expect(await count()).toBe(4);
    expect(await db().selectFrom("nomination_events").select("id").execute()).toHaveLength(4);
    expect(await db().selectFrom("audit_log").select("id").where("entity_type", "=", "nomination").execute()).toHaveLength(4);
  });

  it("takes a nomination through review and reward, each step an event and an audit entry, and puts it on the wall", async () => {
    const frontline = await env.actor("frontline");
    const team = await env.actor("team");
    const exec = await env.actor("exec");
    const n = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId, story: STORY });
    expect(await nominationCounts(env.demo.programId)).toEqual({ submitted: 1, approved: 0 });
    expect((await listNominations(team, { scope: "queue" })).map((x) => x.id)).toEqual([n.id]);

    const approved = await reviewNomination(team, n.id, { decision: "approve" });
    expect(approved).toMatchObject({ status: "approved", reviewer: { id: env.demo.users.team, name: "王芳" }, reviewReason: null, reward: null });
    expect(await nominationCounts(env.demo.programId)).toEqual({ submitted: 0, approved: 1 });
    expect((await listWall(env.demo.programId, { period: "all" })).cards).toEqual([]);

    const rewarded = await rewardNomination(exec, n.id, {});
    expect(rewarded.status).toBe("rewarded");
    expect(rewarded.reward).toMatchObject({ text: "200 服务积分", value: 200, by: { id: env.demo.users.exec, name: "周华" } });

    // The catalogue changing later does not change what was granted.
    await db().updateTable("recognition_types").set({ reward_text: "300 服务积分", reward_value: 300 }).where("id", "=", typeId).execute();
    const detail = await getNomination(frontline, n.id);
    expect(detail.reward).toMatchObject({ text: "200 服务积分", value: 200 });
    expect(detail.events.map((e) => [e.from, e.to, e.actor?.name])).toEqual([
      [null, "submitted", "张伟"],
      ["submitted", "approved", "王芳"],
      ["approved", "rewarded", "周华"],
    ]);
    expect((await audit(n.id)).map((a) => [a.action, a.actor_id])).toEqual([
      ["submit", env.demo.users.frontline],
      ["approve", env.demo.users.team],
      ["reward", env.demo.users.exec],
    ]);

    const wall = await listWall(env.demo.programId, { period: "30d" });
    expect(wall.cards).toHaveLength(1);
    expect(wall.cards[0]).toMatchObject({ id: n.id, story: STORY, nominee: { name: "刘洋" }, nominator: { name: "张伟" }, type: { name: "首问负责" }, rewardText: "200 服务积分", rewardValue: 200 });
    expect(wall.stats).toEqual({ recognitions: 1, people: 1 });
  });

  it("requires a reason to reject, and lets the nominator read it", async () => {
    const rep = await env.actor("rep");
    const team = await env.actor("team");
    const n = await submitNomination(rep, { nomineeId: env.demo.users.frontline, typeId, story: STORY });
    const noReason = await refusal(reviewNomination(team, n.id, { decision: "reject", reason: "  " }));
    expect(noReason.status).toBe(422);
    expect(noReason.fields).toEqual({ reason: "nominations.errors.reasonRequired" });
    expect((await refusal(reviewNomination(team, n.id, { decision: "maybe" }))).fields).toEqual({ decision: "nominations.errors.decisionRequired" });
    const rejected = await reviewNomination(team, n.id, { decision: "reject", reason: "事迹中还看不出首问负责的行为。" });
    expect(rejected).toMatchObject({ status: "rejected", reviewReason: "事迹中还看不出首问负责的行为。" });
    const seen = await getNomination(rep, n.id);
    expect(seen.events[1]).toMatchObject({ from: "submitted", to: "rejected", note: "事迹中还看不出首问负责的行为。" });
    // The nominee (frontline staff, who do not read the activity log) does not see a rejected nomination about them.
    expect((await refusal(getNomination(await env.actor("frontline"), n.id))).status).toBe(404);
    expect(await listNominations(await env.actor("frontline"), { scope: "received" })).toEqual([]);
    const entry = (await audit(n.id)).find((a) => a.action === "reject");
    expect(JSON.parse(entry!.after_summary!)).toMatchObject({ reason: "事迹中还看不出首问负责的行为。" });
  });

  it("refuses reviewers who sent the nomination or are its nominee (403), and non-reviewers (403)", async () => {
    const team = await env.actor("team");
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    const n = await submitNomination(team, { nomineeId: env.demo.users.lead, typeId, story: STORY });
    const own = await refusal(reviewNomination(team, n.id, { decision: "approve" }));
    expect(own.status).toBe(403);
    expect(own.key).toBe("nominations.errors.reviewOwn");
    const nominee = await refusal(reviewNomination(lead, n.id, { decision: "reject", reason: "我不需要" }));
    expect(nominee.status).toBe(403);
    expect(nominee.key).toBe("nominations.errors.reviewAsNominee");
    for (const who of ["frontline", "viewer", "office", "rep"] as const) {
      const e = await refusal(reviewNomination(await env.actor(who), n.id, { decision: "approve" }));
      expect(e.status, who).toBe(403);
      expect(e.key, who).toBe("errors.forbidden");
      expect((await refusal(rewardNomination(await env.actor(who), n.id, {}))).status, who).toBe(403);
    }
    await reviewNomination(exec, n.id, { decision: "approve" });
    expect((await refusal(rewardNomination(team, n.id, {}))).key).toBe("nominations.errors.reviewOwn");
    expect((await refusal(rewardNomination(lead, n.id, {}))).key).toBe("nominations.errors.reviewAsNominee");
    expect((await events(n.id)).map((e) => e.to_status)).toEqual(["submitted", "approved"]);
  });

  it("allows only submitted → approved | rejected and approved → rewarded (409 otherwise)", async () => {
    const frontline = await env.actor("frontline");
    const team = await env.actor("team");
    const a = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId, story: STORY });
    const b = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId, story: STORY2 });
    expect((await refusal(rewardNomination(team, a.id, {}))).key).toBe("nominations.errors.notApproved");
    await reviewNomination(team, a.id, { decision: "approve" });
    for (const decision of ["approve", "reject"] as const) {
      const e = await refusal(reviewNomination(team, a.id, { decision, reason: "再看看" }));
      expect(e.status).toBe(409);
      expect(e.key).toBe("nominations.errors.alreadyReviewed");
    }
    await rewardNomination(team, a.id, {});
    const twice = await refusal(rewardNomination(team, a.id, {}));
    expect([twice.status, twice.key]).toEqual([409, "nominations.errors.alreadyRewarded"]);
    expect((await refusal(reviewNomination(team, a.id, { decision: "reject", reason: "x" }))).status).toBe(409);

    await reviewNomination(team, b.id, { decision: "reject", reason: "不符合准则" });
    expect((await refusal(rewardNomination(team, b.id, {}))).key).toBe("nominations.errors.notApproved");
    expect((await refusal(reviewNomination(team, b.id, { decision: "approve" }))).key).toBe("nominations.errors.alreadyReviewed");

    // Two reviewers deciding at once: one wins, the other is told it was already reviewed.
    const c = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId: otherTypeId, story: STORY });
    const results = await Promise.allSettled([reviewNomination(team, c.id, { decision: "approve" }), reviewNomination(await env.actor("exec"), c.id, { decision: "reject", reason: "不够具体" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect((await events(c.id)).map((e) => e.to_status)).toHaveLength(2);
    expect((await refusal(reviewNomination(team, "no-such-id", { decision: "approve" }))).status).toBe(404);
  });

  it("grants an adjusted reward only with a note, recorded on the event", async () => {
    const frontline = await env.actor("frontline");
    const team = await env.actor("team");
    const n = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId, story: STORY });
    await reviewNomination(team, n.id, { decision: "approve" });
    const noNote = await refusal(rewardNomination(team, n.id, { rewardValue: 500 }));
    expect([noNote.status, noNote.fields]).toEqual([422, { note: "nominations.errors.adjustNoteRequired" }]);
    expect((await refusal(rewardNomination(team, n.id, { rewardValue: -5, note: "x" }))).fields).toEqual({ rewardValue: "nominations.errors.rewardValue" });
    // The same reward as the catalogue's needs no note.
    const same = await rewardNomination(team, n.id, { rewardText: "200 服务积分", rewardValue: "200" });
    expect(same.reward).toMatchObject({ text: "200 服务积分", value: 200 });

    const m = await submitNomination(frontline, { nomineeId: env.demo.users.rep, typeId, story: STORY2 });
    await reviewNomination(team, m.id, { decision: "approve" });
    const adjusted = await rewardNomination(team, m.id, { rewardText: "500 服务积分", rewardValue: 500, note: "本月第二次被客户点名表扬" });
    expect(adjusted.reward).toMatchObject({ text: "500 服务积分", value: 500 });
    expect((await events(m.id))[2]).toMatchObject({ to_status: "rewarded", note: "本月第二次被客户点名表扬" });
    const entry = (await audit(m.id)).find((a) => a.action === "reward");
    expect(JSON.parse(entry!.after_summary!)).toMatchObject({ reward: "500 服务积分 (500)", note: "本月第二次被客户点名表扬" });
  });

  it("shows each person what they may see: sent, received once approved, everything to reviewers and readers", async () => {
    const frontline = await env.actor("frontline");
    const team = await env.actor("team");
    const rep = await env.actor("rep");
    const n = await submitNomination(frontline, { nomineeId: env.demo.users.exec, typeId, story: STORY });
    const other = await submitNomination(team, { nomineeId: env.demo.users.rep, typeId, story: STORY2 });

    expect((await listNominations(frontline, { scope: "sent" })).map((x) => x.id)).toEqual([n.id]);
    expect((await refusal(listNominations(frontline, { scope: "all" }))).status).toBe(403);
    expect((await refusal(listNominations(frontline, { scope: "queue" }))).status).toBe(403);
    expect((await refusal(getNomination(frontline, other.id))).status).toBe(404);
    // The nominee sees it only once it is approved.
    expect(await listNominations(rep, { scope: "received" })).toEqual([]);
    await reviewNomination(await env.actor("exec"), other.id, { decision: "approve" });
    expect((await listNominations(rep, { scope: "received" })).map((x) => x.id)).toEqual([other.id]);
    expect((await getNomination(rep, other.id)).status).toBe("approved");

    for (const who of ["viewer", "office", "lead", "team"] as const) {
      const all = await listNominations(await env.actor(who), { scope: "all" });
      expect(all.map((x) => x.id).sort(), who).toEqual([n.id, other.id].sort());
      expect((await getNomination(await env.actor(who), n.id)).events, who).toHaveLength(1);
    }
    expect((await listNominations(team, { scope: "all", status: "approved" })).map((x) => x.id)).toEqual([other.id]);
    expect((await listNominations(team, { scope: "reward" })).map((x) => x.id)).toEqual([other.id]);
  });

  it("has no way to delete a nomination", () => {
    const nominationModels = [nominationReading, nominationReview, nominationSubmit, nominationTrail, nominationViews];
    expect(nominationModels.flatMap((m) => Object.keys(m)).filter((k) => /delete|remove|destroy/i.test(k))).toEqual([]);
  });

  it("lists the wall newest reward first, filtered by behaviour and period, a page at a time", async () => {
    const frontline = await env.actor("frontline");
    const team = await env.actor("team");
    const ids: string[] = [];
    const people = [env.demo.users.rep, env.demo.users.exec, env.demo.users.lead, env.demo.users.rep, env.demo.users.exec];
    for (let i = 0; i < 5; i++) {
      const n = await submitNomination(frontline, { nomineeId: people[i], typeId: i % 2 ? otherTypeId : typeId, story: `${STORY}（第 ${i + 1} 次）` });
      await reviewNomination(team, n.id, { decision: "approve" });
      await rewardNomination(team, n.id, {});
      ids.push(n.id);
    }
    // Spread the rewards over time: nomination i was rewarded i*40 days ago.
    for (let i = 0; i < 5; i++) {
      await db()
        .updateTable("nominations")
        .set({ rewarded_at: new Date(Date.now() - i * 40 * 86_400_000).toISOString() })
        .where("id", "=", ids[i])
        .execute();
    }
    // One still waiting for review stays off the wall.
    await submitNomination(frontline, { nomineeId: env.demo.users.team, typeId, story: STORY2 });

    const all = await listWall(env.demo.programId, { period: "all" });
    expect(all.cards.map((c) => c.id)).toEqual(ids);
    expect(all.stats).toEqual({ recognitions: 5, people: 3 });
    expect(all.next).toBeNull();
    expect((await listWall(env.demo.programId, { period: "90d" })).cards.map((c) => c.id)).toEqual(ids.slice(0, 3));
    expect((await listWall(env.demo.programId, { period: "30d" })).stats).toEqual({ recognitions: 1, people: 1 });
    const byType = await listWall(env.demo.programId, { period: "all", typeId: otherTypeId });
    expect(byType.cards.map((c) => c.id)).toEqual([ids[1], ids[3]]);
    expect(byType.cards[0]).toMatchObject({ rewardText: "月度关怀之星证书", type: { rewardKind: "certificate" } });

    const first = await listWall(env.demo.programId, { period: "all", limit: 2 });
    expect(first.cards.map((c) => c.id)).toEqual(ids.slice(0, 2));
    const second = await listWall(env.demo.programId, { period: "all", limit: 2, after: first.next! });
    expect(second.cards.map((c) => c.id)).toEqual(ids.slice(2, 4));
    const third = await listWall(env.demo.programId, { period: "all", limit: 2, after: second.next! });
    expect(third.cards.map((c) => c.id)).toEqual([ids[4]]);
    expect(third.next).toBeNull();

    // The filter offers the active catalogue and archived types that have recognitions.
    await db().updateTable("recognition_types").set({ archived_at: nowIso() }).where("id", "=", otherTypeId).execute();
    expect((await wallTypes(env.demo.programId)).map((t) => [t.name, t.archived]).sort()).toEqual([
      ["主动关怀", true],
      ["首问负责", false],
    ]);
  });

  describe("the API", () => {
    const req = (method: string, path: string, token: string, body?: unknown) =>
      new Request(`http://localhost${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    async function answer(p: Promise<Response> | (() => Promise<Response>)): Promise<Response> {
      try {
        return await (typeof p === "function" ? p() : p);
      } catch (e) {
        if (e instanceof Response) return e;
        throw e;
      }
    }

    it("nominates, reviews and rewards with write tokens; refuses read tokens, conflicts and bad input", async () => {
      const programId = env.demo.programId;
      const frontWrite = (await createApiToken(env.demo.users.frontline, { name: "w", scope: "write" })).token;
      const frontRead = (await createApiToken(env.demo.users.frontline, { name: "r", scope: "read" })).token;
      const teamWrite = (await createApiToken(env.demo.users.team, { name: "w", scope: "write" })).token;
      const teamRead = (await createApiToken(env.demo.users.team, { name: "r", scope: "read" })).token;
      const viewerRead = (await createApiToken(env.demo.users.viewer, { name: "r", scope: "read" })).token;
      const path = `/api/v1/programs/${programId}/nominations`;
      const params = { programId };

      const readOnly = await answer(nominationsAction({ request: req("POST", path, frontRead, { nomineeId: env.demo.users.team, typeId, story: STORY }), params, context: CTX }));
      expect(readOnly.status).toBe(403);

      const self = await answer(nominationsAction({ request: req("POST", path, frontWrite, { nomineeId: env.demo.users.frontline, typeId, story: STORY }), params, context: CTX }));
      expect(self.status).toBe(422);
      const selfBody = (await self.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
      expect(selfBody.error.message).toBe("You cannot nominate yourself. Nominate a colleague instead.");
      expect(selfBody.error.fields.nomineeId).toBe("You cannot nominate yourself. Nominate a colleague instead.");

      const created = await answer(nominationsAction({ request: req("POST", path, frontWrite, { nomineeId: env.demo.users.rep, typeId, story: STORY }), params, context: CTX }));
      expect(created.status).toBe(201);
      const { nomination } = (await created.json()) as { nomination: { id: string; status: string; url: string; reviewApi: string } };
      expect(nomination).toMatchObject({ status: "submitted", reviewApi: `/api/v1/nominations/${nomination.id}/review` });

      const dup = await answer(nominationsAction({ request: req("POST", path, frontWrite, { nomineeId: env.demo.users.rep, typeId, story: ` ${STORY} ` }), params, context: CTX }));
      expect(dup.status).toBe(409);
      expect(((await dup.json()) as { error: { code: string } }).error.code).toBe("nominations_duplicate");

      // Lists: the frontline sees what they sent; the viewer sees all; a bad filter is a 400.
      const sent = (await (await nominationsLoader({ request: req("GET", path, frontRead), params, context: CTX })).json()) as { nominations: { id: string }[] };
      expect(sent.nominations.map((x) => x.id)).toEqual([nomination.id]);
      const allForViewer = (await (await nominationsLoader({ request: req("GET", `${path}?status=submitted`, viewerRead), params, context: CTX })).json()) as { nominations: unknown[] };
      expect(allForViewer.nominations).toHaveLength(1);
      expect((await answer(() => nominationsLoader({ request: req("GET", `${path}?scope=all`, frontRead), params, context: CTX }))).status).toBe(403);
      expect((await answer(() => nominationsLoader({ request: req("GET", `${path}?status=lost`, viewerRead), params, context: CTX }))).status).toBe(400);

      const reviewPath = `/api/v1/nominations/${nomination.id}/review`;
      const nParams = { nominationId: nomination.id };
      expect((await answer(reviewAction({ request: req("POST", reviewPath, teamRead, { decision: "approve" }), params: nParams, context: CTX }))).status).toBe(403);
      expect((await answer(reviewAction({ request: req("POST", reviewPath, frontWrite, { decision: "approve" }), params: nParams, context: CTX }))).status).toBe(403);
      const noReason = await answer(reviewAction({ request: req("POST", reviewPath, teamWrite, { decision: "reject" }), params: nParams, context: CTX }));
      expect(noReason.status).toBe(422);
      const approved = await answer(reviewAction({ request: req("POST", reviewPath, teamWrite, { decision: "approve" }), params: nParams, context: CTX }));
      expect(approved.status).toBe(200);
      expect(((await approved.json()) as { nomination: { status: string } }).nomination.status).toBe("approved");
      const again = await answer(reviewAction({ request: req("POST", reviewPath, teamWrite, { decision: "approve" }), params: nParams, context: CTX }));
      expect(again.status).toBe(409);

      const rewardPath = `/api/v1/nominations/${nomination.id}/reward`;
      const rewarded = await answer(rewardAction({ request: req("POST", rewardPath, teamWrite, {}), params: nParams, context: CTX }));
      expect(rewarded.status).toBe(200);
      expect(((await rewarded.json()) as { nomination: { reward: { text: string } } }).nomination.reward.text).toBe("200 服务积分");

      const missing = await answer(reviewAction({ request: req("POST", "/api/v1/nominations/nope/review", teamWrite, { decision: "approve" }), params: { nominationId: "nope" }, context: CTX }));
      expect(missing.status).toBe(404);
    });
  });
});

describe.each(dialects())("the demo nominations on %s", (dialect) => {
  it("seeds twelve nominations in every state with consistent events, audit entries and a lively wall", async () => {
    const t = await createTestDb(dialect);
    setDbHandle(t.handle);
    useMemoryLiveDocs();
    try {
      const ids = await seedDemoIfEmpty(t.handle.db, changeDoc);
      if (!ids) throw new Error("seed skipped on an empty database");
      const rows = await db().selectFrom("nominations").selectAll().where("program_id", "=", ids.programId).execute();
      expect(rows).toHaveLength(12);
      const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
      expect({ submitted: byStatus("submitted"), approved: byStatus("approved"), rejected: byStatus("rejected"), rewarded: byStatus("rewarded") }).toEqual({
        submitted: 2,
        approved: 2,
        rejected: 1,
        rewarded: 7,
      });
      const now = Date.now();
      const oldest = Math.min(...rows.map((r) => Date.parse(r.created_at)));
      expect(now - oldest).toBeGreaterThan(80 * 86_400_000);
      expect(now - oldest).toBeLessThan(100 * 86_400_000);
      const paths: Record<string, string[]> = {
        submitted: ["submitted"],
        approved: ["submitted", "approved"],
        rejected: ["submitted", "rejected"],
        rewarded: ["submitted", "approved", "rewarded"],
      };
      for (const r of rows) {
        expect(r.story_hash).toBe(await storyHash(r.story));
        expect(r.nominee_id).not.toBe(r.nominator_id);
        const ev = await db().selectFrom("nomination_events").selectAll().where("nomination_id", "=", r.id).orderBy("created_at").execute();
        expect(ev.map((e) => e.to_status)).toEqual(paths[r.status]);
        expect(ev[0]).toMatchObject({ from_status: null, actor_id: r.nominator_id, created_at: r.created_at });
        expect(ev[ev.length - 1].created_at).toBe(r.updated_at);
        expect(Date.parse(r.updated_at)).toBeLessThan(now);
        if (r.reviewer_id) {
          expect(ev[1]).toMatchObject({ actor_id: r.reviewer_id, created_at: r.reviewed_at });
          // Reviewers are independent of what they decide.
          expect([r.nominator_id, r.nominee_id]).not.toContain(r.reviewer_id);
        }
        if (r.status === "rejected") expect(r.review_reason).toBeTruthy();
        if (r.status === "rewarded") {
          expect(ev[2]).toMatchObject({ actor_id: r.rewarded_by, created_at: r.rewarded_at });
          expect([r.nominator_id, r.nominee_id]).not.toContain(r.rewarded_by);
          expect(r.reward_text).toBeTruthy();
        }
        const audits = await db().selectFrom("audit_log").select("action").where("entity_id", "=", r.id).execute();
        expect(audits).toHaveLength(ev.length);
      }
      // One reward was adjusted, with a note saying why.
      expect((await db().selectFrom("nomination_events").select("note").where("to_status", "=", "rewarded").where("note", "!=", "").execute())).toHaveLength(1);
      const wall = await listWall(ids.programId, { period: "90d" });
      expect(wall.cards).toHaveLength(7);
      expect(wall.stats.people).toBeGreaterThanOrEqual(5);
    } finally {
      setDbHandle(undefined);
      await t.cleanup();
    }
  }, 120_000);

  it("refuses to seed nominations without the recognition catalogue", async () => {
    const t = await createTestDb(dialect);
    try {
      const ids = await seedDemoFoundation(t.handle.db);
      await expect(seedDemoNominations(t.handle.db, ids)).rejects.toThrow(/no recognition types/);
    } finally {
      await t.cleanup();
    }
  });
});
