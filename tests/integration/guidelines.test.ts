/**
 * Behaviour guidelines on both databases: refused without a published vision, citing a standard
 * of the latest version only, edit / reorder / archive / restore, the review flag after the
 * vision is republished (changed and removed standards) and "mark reviewed", the permission
 * refusals, the audit trail, the read API, the step-5 probe and the demo seed.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { frontlineStepStatus } from "../../app/models/frontline-overview.server";
import {
  createGuideline,
  guidelineOverview,
  listGuidelines,
  moveGuideline,
  reviewGuideline,
  setGuidelineArchived,
  updateGuideline,
} from "../../app/models/guidelines.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { createRecognitionType } from "../../app/models/recognition-catalogue.server";
import { publishVision } from "../../app/models/vision-versions.server";
import { loader as guidelinesApi } from "../../app/routes/api.v1.programs.$programId.guidelines";
import { seedDemoFrontline } from "../../db/seed/demo-frontline";
import { seedDemoVision } from "../../db/seed/demo-vision";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const FCR = { key: "fcr", title: "一次解决", description: "第一次接触就解决。", measurableHint: "FCR ≥ 85%" };
const WAIT = { key: "wait", title: "透明等待", description: "客户随时知道进展。", measurableHint: "误差 ≤ 10 分钟" };
const SIMPLE = { key: "simple", title: "简单办理", description: "最少的步骤。", measurableHint: "≤ 8 分钟" };
const STATEMENT = "让每一位客户一次办成、心中有数。";

describe.each(dialects())("behaviour guidelines on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const audit = (id: string) =>
    db().selectFrom("audit_log").select(["action", "actor_id", "entity_type"]).where("entity_id", "=", id).orderBy("created_at").orderBy("id").execute();
  const publish = async (standards: (typeof FCR)[]) => publishVision(await env.actor("exec"), { statement: STATEMENT, standards });
  const input = (over: Record<string, unknown> = {}) => ({
    title: "主动告知等候时间",
    body: "取号后告诉客户要等多久。",
    standardKey: "wait",
    doExamples: ["告知前面人数", "超时主动致歉"],
    dontExamples: ["让客户自己猜"],
    ...over,
  });

  it("refuses to create a guideline while no vision is published (409), and lists nothing", async () => {
    const team = await env.actor("team");
    const e = await refusal(createGuideline(team, input()));
    expect(e.status).toBe(409);
    expect(e.key).toBe("guidelines.errors.noVision");
    expect(await listGuidelines(env.demo.programId)).toEqual([]);
    expect((await guidelineOverview(env.demo.programId)).vision).toBeNull();
    expect(await db().selectFrom("guidelines").select("id").execute()).toHaveLength(0);
  });

  it("creates a guideline citing a standard of the latest version, with its snapshot, audited", async () => {
    await publish([FCR, WAIT]);
    const team = await env.actor("team");
    const g = await createGuideline(team, input());
    expect(g).toMatchObject({
      title: "主动告知等候时间",
      standardKey: "wait",
      standardVersion: 1,
      cited: { title: "透明等待", description: "客户随时知道进展。", measurableHint: "误差 ≤ 10 分钟" },
      current: { title: "透明等待" },
      flag: { state: "none" },
      doExamples: ["告知前面人数", "超时主动致歉"],
      dontExamples: ["让客户自己猜"],
      createdBy: { id: env.demo.users.team },
      archivedAt: null,
    });
    const row = await db().selectFrom("guidelines").selectAll().where("id", "=", g.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.standard_snapshot)).toEqual({ title: "透明等待", description: "客户随时知道进展。", measurableHint: "误差 ≤ 10 分钟" });
    expect(await audit(g.id)).toEqual([{ action: "create", actor_id: env.demo.users.team, entity_type: "guideline" }]);
    const overview = await guidelineOverview(env.demo.programId);
    expect(overview.vision?.standards.map((s) => s.key)).toEqual(["fcr", "wait"]);
    expect(overview.guidelines.map((x) => x.id)).toEqual([g.id]);
    expect(overview.flagged).toBe(0);
  });

  it("refuses a standard that is not in the latest version, and bad input, with field errors", async () => {
    await publish([FCR, WAIT]);
    await publish([FCR]);
    const lead = await env.actor("lead");
    const e = await refusal(createGuideline(lead, input({ standardKey: "wait" })));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({ standardKey: "guidelines.errors.standardUnknown" });
    const bad = await refusal(createGuideline(lead, input({ title: "", standardKey: "", doExamples: Array(11).fill("做") })));
    expect(bad.fields).toEqual({ title: "validation.required", standardKey: "guidelines.errors.standardRequired", doExamples: "guidelines.errors.tooManyExamples" });
    const long = await refusal(createGuideline(lead, input({ standardKey: "fcr", dontExamples: ["字".repeat(301)] })));
    expect(long.fields).toEqual({ "dontExamples.0": "guidelines.errors.exampleTooLong" });
    expect(await db().selectFrom("guidelines").select("id").execute()).toHaveLength(0);
  });

  it("lets owner, leadership and project team edit; refuses frontline, viewer, functional rep and CX office (403), who still read", async () => {
    await publish([FCR, WAIT]);
    for (const who of ["lead", "exec", "team"] as const) await createGuideline(await env.actor(who), input({ title: `by ${who}` }));
    const g = (await listGuidelines(env.demo.programId))[0];
    for (const who of ["frontline", "viewer", "rep", "office"] as const) {
      const a = await env.actor(who);
      expect((await refusal(createGuideline(a, input()))).status, who).toBe(403);
      expect((await refusal(updateGuideline(a, g.id, input({ title: "x" })))).status, who).toBe(403);
      expect((await refusal(reviewGuideline(a, g.id))).status, who).toBe(403);
      expect((await refusal(moveGuideline(a, g.id, "down"))).status, who).toBe(403);
      expect((await refusal(setGuidelineArchived(a, g.id, true))).status, who).toBe(403);
    }
    expect((await listGuidelines(env.demo.programId)).map((x) => x.title)).toEqual(["by lead", "by exec", "by team"]);
  });

  it("edits: keeping the standard keeps the snapshot; citing another re-cites the latest wording; archived guidelines are not edited", async () => {
    await publish([FCR, WAIT]);
    const team = await env.actor("team");
    const g = await createGuideline(team, input());
    await db().updateTable("guidelines").set({ standard_snapshot: JSON.stringify({ ...WAIT, measurableHint: "旧的说法" }) }).where("id", "=", g.id).execute();
    const edited = await updateGuideline(team, g.id, input({ title: "主动告知进度", doExamples: "一\n二" }));
    expect(edited).toMatchObject({ title: "主动告知进度", doExamples: ["一", "二"], cited: { measurableHint: "旧的说法" }, flag: { state: "changed", fields: ["measurableHint"] } });
    const moved = await updateGuideline(team, g.id, input({ title: "主动告知进度", standardKey: "fcr" }));
    expect(moved).toMatchObject({ standardKey: "fcr", cited: { title: "一次解决" }, flag: { state: "none" } });
    expect((await refusal(updateGuideline(team, "no-such-id", input()))).status).toBe(404);

    await setGuidelineArchived(team, g.id, true);
    expect((await refusal(updateGuideline(team, g.id, input()))).key).toBe("guidelines.errors.archived");
    expect(await listGuidelines(env.demo.programId)).toEqual([]);
    expect((await listGuidelines(env.demo.programId, { includeArchived: true }))[0].archivedAt).not.toBeNull();
    expect((await guidelineOverview(env.demo.programId)).archived.map((x) => x.id)).toEqual([g.id]);
    await setGuidelineArchived(team, g.id, false);
    await setGuidelineArchived(team, g.id, false); // restoring twice changes nothing
    expect((await listGuidelines(env.demo.programId)).map((x) => x.id)).toEqual([g.id]);
    expect((await audit(g.id)).map((a) => a.action)).toEqual(["create", "update", "update", "archive", "restore"]);
    // Never deleted.
    expect(await db().selectFrom("guidelines").select("id").execute()).toHaveLength(1);
  });

  it("moves a guideline up and down among those serving the same standard", async () => {
    await publish([FCR, WAIT]);
    const team = await env.actor("team");
    const a = await createGuideline(team, input({ title: "A" }));
    const other = await createGuideline(team, input({ title: "other", standardKey: "fcr" }));
    const b = await createGuideline(team, input({ title: "B" }));
    const c = await createGuideline(team, input({ title: "C" }));
    const order = async () => (await listGuidelines(env.demo.programId)).filter((g) => g.standardKey === "wait").map((g) => g.title);
    expect(await order()).toEqual(["A", "B", "C"]);
    await moveGuideline(team, c.id, "up");
    expect(await order()).toEqual(["A", "C", "B"]);
    await moveGuideline(team, a.id, "down");
    expect(await order()).toEqual(["C", "A", "B"]);
    await moveGuideline(team, c.id, "up"); // already first: nothing happens, nothing audited
    expect(await order()).toEqual(["C", "A", "B"]);
    expect((await refusal(moveGuideline(team, b.id, "sideways"))).fields).toEqual({ direction: "validation.invalid" });
    expect((await audit(c.id)).map((x) => x.action)).toEqual(["create", "reorder"]);
    expect((await audit(a.id)).map((x) => x.action)).toEqual(["create", "reorder"]);
    expect((await listGuidelines(env.demo.programId)).find((g) => g.id === other.id)?.title).toBe("other");
  });

  it("flags guidelines when the vision is republished with a changed or removed standard; review clears a change", async () => {
    await publish([FCR, WAIT, SIMPLE]);
    const team = await env.actor("team");
    const wait = await createGuideline(team, input());
    const fcr = await createGuideline(team, input({ title: "首问负责", standardKey: "fcr" }));
    const simple = await createGuideline(team, input({ title: "不让客户重复提供资料", standardKey: "simple" }));

    // Version 2: the waiting standard is sharpened, the simple one dropped, FCR unchanged.
    await publish([FCR, { ...WAIT, measurableHint: "误差 ≤ 5 分钟" }]);
    const byId = async () => new Map((await listGuidelines(env.demo.programId)).map((g) => [g.id, g]));
    let now = await byId();
    expect(now.get(wait.id)?.flag).toEqual({ state: "changed", fields: ["measurableHint"] });
    expect(now.get(wait.id)).toMatchObject({ cited: { measurableHint: "误差 ≤ 10 分钟" }, current: { measurableHint: "误差 ≤ 5 分钟" }, standardVersion: 1 });
    expect(now.get(fcr.id)?.flag).toEqual({ state: "none" });
    expect(now.get(simple.id)?.flag).toEqual({ state: "removed" });
    expect(now.get(simple.id)?.current).toBeNull();
    expect((await guidelineOverview(env.demo.programId)).flagged).toBe(2);

    // Mark reviewed: re-cites version 2, records who and when.
    const exec = await env.actor("exec");
    const reviewed = await reviewGuideline(exec, wait.id);
    expect(reviewed).toMatchObject({ flag: { state: "none" }, standardVersion: 2, cited: { measurableHint: "误差 ≤ 5 分钟" }, reviewedBy: { id: env.demo.users.exec, name: expect.any(String) } });
    expect(reviewed.reviewedAt).toBeTruthy();
    expect((await audit(wait.id)).map((a) => a.action)).toEqual(["create", "review"]);

    // A removed standard cannot be "reviewed": the guideline must cite another standard.
    const e = await refusal(reviewGuideline(exec, simple.id));
    expect(e).toMatchObject({ status: 409, key: "guidelines.errors.standardRemoved" });
    // Editing it while keeping the removed standard is allowed (the flag stays)…
    expect((await updateGuideline(team, simple.id, input({ title: "一次列清材料", standardKey: "simple" }))).flag).toEqual({ state: "removed" });
    // …and citing a standard of the latest version clears it.
    expect((await updateGuideline(team, simple.id, input({ title: "一次列清材料", standardKey: "fcr" }))).flag).toEqual({ state: "none" });
    now = await byId();
    expect([...now.values()].filter((g) => g.flag.state !== "none")).toEqual([]);
    expect((await guidelineOverview(env.demo.programId)).flagged).toBe(0);
  });

  it("serves the guidelines over the API with their flags, to any member; another program's answers 404", async () => {
    await publish([FCR, WAIT]);
    const g = await createGuideline(await env.actor("team"), input());
    await publish([FCR, { ...WAIT, title: "透明的等待" }]);
    const { token } = await createApiToken(env.demo.users.frontline, { name: "read", scope: "read", expiresInDays: 1 });
    const call = async (programId: string) => {
      try {
        return await guidelinesApi({
          request: new Request(`http://localhost/api/v1/programs/${programId}/guidelines`, { headers: { authorization: `Bearer ${token}` } }),
          params: { programId },
          context: { clientIp: "127.0.0.1" },
        });
      } catch (thrown) {
        return thrown as Response;
      }
    };
    const res = await call(env.demo.programId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { vision: { version: number }; flagged: number; guidelines: { id: string; flag: unknown; url: string }[] };
    expect(body.vision.version).toBe(2);
    expect(body.flagged).toBe(1);
    expect(body.guidelines).toEqual([expect.objectContaining({ id: g.id, flag: { state: "changed", fields: ["title"] }, url: `/programs/${env.demo.programId}/frontline#guideline-${g.id}` })]);
    expect((await call("someone-elses-program")).status).toBe(404);
  });

  it("reports step 5 in progress once a guideline exists, done with a catalogue, a rewarded recognition and an idea", async () => {
    const program = await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow();
    expect(await frontlineStepStatus(program)).toEqual({ key: "frontline", state: "not_started", outputs: [] });
    await publish([FCR]);
    await createGuideline(await env.actor("team"), input({ standardKey: "fcr" }));
    expect(await frontlineStepStatus(program)).toEqual({
      key: "frontline",
      state: "in_progress",
      outputs: [{ labelKey: "guidelines.outputs.guidelines", count: 1 }],
    });
    // A catalogue entry, a rewarded nomination and an idea (written directly: their features are separate).
    const type = await createRecognitionType(await env.actor("exec"), {
      name: "首问负责",
      rewardKind: "points",
      rewardValue: 100,
      agreedOn: "2026-01-05",
      agreedBy: [env.demo.users.exec, env.demo.users.frontline],
    });
    const now = new Date().toISOString();
    const nomination = {
      program_id: env.demo.programId,
      type_id: type.id,
      nominee_id: env.demo.users.frontline,
      nominator_id: env.demo.users.team,
      story: "s",
      reviewer_id: null,
      review_reason: null,
      reviewed_at: null,
      reward_text: null,
      reward_value: null,
      rewarded_by: null,
      rewarded_at: null,
      created_at: now,
      updated_at: now,
    };
    await db().insertInto("nominations").values({ ...nomination, id: "n1", story_hash: "h1", status: "approved" }).execute();
    expect((await frontlineStepStatus(program)).state).toBe("in_progress");
    await db().insertInto("nominations").values({ ...nomination, id: "n2", story_hash: "h2", status: "rewarded" }).execute();
    expect((await frontlineStepStatus(program)).state).toBe("in_progress");
    await db()
      .insertInto("feedback_records")
      .values({ id: "r1", program_id: env.demo.programId, import_id: null, source: "idea", occurred_on: now.slice(0, 10), channel: "", segment: "", contact_reason: "", score: null, score_min: null, score_max: null, text: "创意", customer_id: null, created_by: env.demo.users.frontline, created_at: now })
      .execute();
    await db().insertInto("ideas").values({ record_id: "r1", program_id: env.demo.programId, author_id: env.demo.users.frontline, title: "创意", map_id: null, touchpoint_id: null, cycle_id: null, photo_path: null, photo_type: null, photo_size: null, created_at: now }).execute();
    expect(await frontlineStepStatus(program)).toEqual({
      key: "frontline",
      state: "done",
      outputs: [
        { labelKey: "guidelines.outputs.guidelines", count: 1 },
        { labelKey: "guidelines.outputs.behaviourTypes", count: 1 },
        { labelKey: "guidelines.outputs.recognitions", count: 1 },
        { labelKey: "guidelines.outputs.ideas", count: 1 },
      ],
    });
  });

  it("seeds the demo: six frontline colleagues, six guidelines (one flagged, one standard left as a gap) and a catalogue of five", async () => {
    await seedDemoVision(db(), env.demo, changeDoc);
    const ids = await seedDemoFrontline(db(), env.demo);
    expect(ids.staff).toHaveLength(6);
    const staff = await db()
      .selectFrom("program_members as pm")
      .innerJoin("users as u", "u.id", "pm.user_id")
      .select(["u.email", "pm.role"])
      .where("pm.program_id", "=", env.demo.programId)
      .where("u.email", "like", "staff%")
      .orderBy("u.email")
      .execute();
    expect(staff).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ email: `staff${n}@demo.test`, role: "frontline" })));
    const overview = await guidelineOverview(env.demo.programId);
    expect(overview.guidelines).toHaveLength(6);
    expect(overview.flagged).toBe(1);
    expect(overview.guidelines.find((g) => g.flag.state !== "none")?.flag).toEqual({ state: "changed", fields: ["measurableHint"] });
    const served = new Set(overview.guidelines.map((g) => g.standardKey));
    expect(overview.vision!.standards.filter((s) => !served.has(s.key)).map((s) => s.key)).toEqual(["consistent-across-channels"]);
    const status = await frontlineStepStatus(await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow());
    expect(status.state).toBe("in_progress");
    expect(status.outputs).toEqual([
      { labelKey: "guidelines.outputs.guidelines", count: 6 },
      { labelKey: "guidelines.outputs.behaviourTypes", count: 5 },
    ]);
  });
});
