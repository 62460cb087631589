/** Triangulation, leadership review, the margin setting and ranked listings of pain points, on both dialects. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { journeyDocName, patchPainPoint, putCard, putPainPoint, readJourneyContent, type PainPoint } from "../../app/models/journey-doc";
import { createJourneyMap, setJourneyMapArchived } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import {
  getPainPointTriangulation,
  getTriangulationSettings,
  listProgramPainPoints,
  mapTriangulation,
  painPointCounts,
  reviewPainPoint,
  setTriangulationMargin,
} from "../../app/models/pain-points.server";
import { bottomUpScore } from "../../app/models/triangulation";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("pain points on %s", (dialect) => {
  let env: VisionTestEnv;
  let mapId: string;
  beforeEach(async () => {
    env = await setupVision(dialect);
    const map = await createJourneyMap(await env.actor("team"), { name: "投诉处理", persona: "零售客户" }, "zh-CN");
    mapId = map.id;
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const doc = () => env.live.doc(journeyDocName(mapId));
  const project = async (id = mapId) => {
    const content = readJourneyContent(env.live.doc(journeyDocName(id)));
    await db()
      .transaction()
      .execute((tx) => saveJourneyProjection(tx, id, env.demo.programId, content));
  };
  const pain = (id: string, over: Partial<PainPoint> = {}): PainPoint => ({
    id,
    touchpointId: "tp1",
    title: id,
    description: "",
    severity: 3,
    reach: 3,
    impact: 3,
    effort: 3,
    source: "top_down",
    status: "open",
    createdBy: null,
    createdAt: nowIso(),
    ...over,
  });
  /** n feedback records of the program, optionally linked to a pain point; scores on 1–5. */
  const feedback = async (scores: (number | null)[], link?: string) => {
    for (const score of scores) {
      const id = newId();
      await db()
        .insertInto("feedback_records")
        .values({
          id,
          program_id: env.demo.programId,
          import_id: null,
          source: "manual",
          occurred_on: "2026-11-01",
          channel: "phone",
          segment: "retail",
          contact_reason: "等待时间",
          score,
          score_min: score == null ? null : 1,
          score_max: score == null ? null : 5,
          text: "电话等了很久",
          customer_id: null,
          created_by: null,
          created_at: nowIso(),
        })
        .execute();
      if (link) await linkEvidence(link, "feedback", id);
    }
  };
  const linkEvidence = (target: string, type: "feedback" | "file" | "link", evidenceId: string) =>
    db()
      .insertInto("journey_evidence_links")
      .values({ id: newId(), map_id: mapId, target_type: "pain_point", target_id: target, evidence_type: type, evidence_id: evidenceId, created_by: null, created_at: nowIso() })
      .execute();

  async function setup() {
    const d = doc();
    const stageId = readJourneyContent(d).stages[0].id;
    d.transact(() => {
      putCard(d, { id: "tp1", lane: "touchpoints", stageId, text: "客服热线", channel: "phone", position: 1, createdBy: null, createdAt: nowIso() });
      // Management thinks the wait is minor (1); the customers' feedback says otherwise.
      putPainPoint(d, pain("wait", { title: "热线等待太久", severity: 1, impact: 5, effort: 2 }));
      putPainPoint(d, pain("form", { title: "表格太长", severity: 3, impact: 2, effort: 4 }));
    });
    await project();
    await feedback([4, 5, 5, 4, 3, 5, 4, 5, 4, 5, 5, 4, 3, 4, 5, 4, 5, 4, 5, 5, 4, 3, 5, 4, 5, 4, 5, 4, 5, 5]); // 30 unlinked
    await feedback([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], "wait"); // 10 of 40 linked, all worst scores
    await linkEvidence("form", "file", "some-file");
  }

  it("computes the bottom-up score from the linked feedback and flags a disagreement by the margin", async () => {
    await setup();
    const list = await listProgramPainPoints(env.demo.programId);
    const wait = list.find((p) => p.id === "wait")!;
    const form = list.find((p) => p.id === "form")!;
    expect(bottomUpScore({ linked: 10, scored: 10, satisfactionSum: 0, programTotal: 40 })!.score).toBe(5);
    expect(wait).toMatchObject({
      topDownScore: 1,
      bottomUpScore: 5,
      disagrees: true,
      flagged: true,
      evidence: { feedback: 10, file: 0, link: 0, total: 10 },
      evidenceCount: 10,
      touchpoint: { id: "tp1", text: "客服热线", channel: "phone" },
      map: { id: mapId, name: "投诉处理", archived: false },
      priorityScore: 20,
      rank: 1,
    });
    expect(wait.touchpoint!.stageName).toBe("认知");
    expect(form).toMatchObject({ bottomUpScore: null, flagged: false, evidence: { feedback: 0, file: 1, link: 0, total: 1 }, priorityScore: 4, rank: 2 });

    // A record without a score counts for volume only; dissatisfaction stays from the scored ones.
    await feedback([null, 5], "form");
    const form2 = (await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "form")!;
    const expected = bottomUpScore({ linked: 2, scored: 1, satisfactionSum: 1, programTotal: 42 })!.score;
    expect(form2.bottomUpScore).toBe(expected);
    expect(form2.evidence).toEqual({ feedback: 2, file: 1, link: 0, total: 3 });

    const tri = await mapTriangulation(await env.actor("viewer"), mapId);
    expect(tri.margin).toBe(1.5);
    expect(tri.programFeedbackTotal).toBe(42);
    expect(tri.byPainPoint.wait.bottomUp!.score).toBe(5);
    expect(await painPointCounts(env.demo.programId)).toEqual({ maps: 1, painPoints: 2, flagged: 1, withEvidence: 2 });
  });

  it("leadership's review clears the flag until either score changes; others are refused", async () => {
    await setup();
    for (const who of ["team", "rep", "viewer", "frontline"] as const) {
      const e = await refusal(reviewPainPoint(await env.actor(who), mapId, "wait", { note: "看过了" }));
      expect(e.status).toBe(403);
    }
    const exec = await env.actor("exec");
    const empty = await refusal(reviewPainPoint(exec, mapId, "wait", { note: "  " }));
    expect(empty.status).toBe(422);
    expect(empty.fields).toEqual({ note: "painPoints.errors.noteRequired" });
    expect((await refusal(reviewPainPoint(exec, mapId, "nope", { note: "x" }))).status).toBe(404);
    expect((await refusal(reviewPainPoint(exec, mapId, "form", { note: "x" }))).key).toBe("painPoints.errors.notFlagged");
    // The reviewer saw other scores than the current ones: refused, nothing recorded.
    const stale = await refusal(reviewPainPoint(exec, mapId, "wait", { note: "x", topDownScore: 2, bottomUpScore: 5 }));
    expect([stale.status, stale.key]).toEqual([409, "painPoints.errors.scoresChanged"]);
    expect(await db().selectFrom("pain_point_reviews").selectAll().execute()).toHaveLength(0);

    const reviewed = await reviewPainPoint(exec, mapId, "wait", { note: "数据来自高峰期，维持严重度", topDownScore: 1, bottomUpScore: 5 });
    expect(reviewed.flagged).toBe(false);
    expect(reviewed.lastReview).toMatchObject({ topDownScore: 1, bottomUpScore: 5, note: "数据来自高峰期，维持严重度", reviewedBy: { id: env.demo.users.exec, name: "周华" } });
    const audit = await db().selectFrom("audit_log").selectAll().where("entity_type", "=", "pain_point").execute();
    expect(audit.map((a) => [a.entity_id, a.action, a.actor_id])).toEqual([["wait", "review", env.demo.users.exec]]);
    expect((await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "wait")).toMatchObject({ flagged: false, disagrees: true });
    expect((await refusal(reviewPainPoint(exec, mapId, "wait", { note: "again" }))).key).toBe("painPoints.errors.alreadyReviewed");

    // The top-down score changes: flagged again; back to the reviewed pair: cleared again.
    patchPainPoint(doc(), "wait", { severity: 2 });
    await project();
    expect((await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "wait")!.flagged).toBe(true);
    expect((await getPainPointTriangulation(exec, mapId, "wait")).flagged).toBe(true);
    patchPainPoint(doc(), "wait", { severity: 1 });
    await project();
    expect((await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "wait")!.flagged).toBe(false);

    // The bottom-up score changes (a satisfied customer's record is linked): flagged again.
    await feedback([5], "wait");
    const after = (await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "wait")!;
    expect(after.bottomUpScore).not.toBe(5);
    expect(after.flagged).toBe(true);
    expect(after.lastReview!.bottomUpScore).toBe(5);
  });

  it("leadership and the owner set the margin (audited); the project team and viewers are refused", async () => {
    await setup();
    expect(await getTriangulationSettings(env.demo.programId)).toMatchObject({ margin: 1.5, isDefault: true });
    for (const who of ["team", "rep", "viewer", "frontline"] as const) {
      expect((await refusal(setTriangulationMargin(await env.actor(who), { margin: 2 }))).status).toBe(403);
    }
    for (const bad of [0.4, 4.5, "abc", null]) {
      const e = await refusal(setTriangulationMargin(await env.actor("exec"), { margin: bad }));
      expect([e.status, e.fields]).toEqual([422, { margin: "painPoints.errors.marginRange" }]);
    }
    expect(await db().selectFrom("pain_point_settings").selectAll().execute()).toHaveLength(0);

    const saved = await setTriangulationMargin(await env.actor("exec"), { margin: "4" });
    expect(saved).toMatchObject({ margin: 4, isDefault: false, updatedBy: { id: env.demo.users.exec } });
    // |1 − 5| = 4 ≥ 4: still flagged at the boundary; a wider margin clears it.
    expect((await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "wait")!.flagged).toBe(true);
    await setTriangulationMargin(await env.actor("lead"), { margin: 3.96 });
    expect((await getTriangulationSettings(env.demo.programId)).margin).toBe(4);
    await setTriangulationMargin(await env.actor("lead"), { margin: 3.5 });
    patchPainPoint(doc(), "wait", { severity: 2 });
    await project();
    expect((await listProgramPainPoints(env.demo.programId)).find((p) => p.id === "wait")!.flagged).toBe(false);
    const audit = await db().selectFrom("audit_log").select(["action", "after_summary"]).where("entity_type", "=", "pain_point_settings").orderBy("created_at").execute();
    expect(audit.map((a) => a.action)).toEqual(["update", "update", "update"]);
    expect(JSON.parse(audit[0].after_summary!)).toEqual({ triangulationMargin: 4 });
  });

  it("sorts, limits, leaves out deleted pain points and archived maps, and keeps other programs' maps out", async () => {
    await setup();
    expect((await listProgramPainPoints(env.demo.programId, { mode: "severity_reach" })).map((p) => [p.id, p.priorityScore, p.rank])).toEqual([
      ["form", 9, 1],
      ["wait", 3, 2],
    ]);
    expect((await listProgramPainPoints(env.demo.programId, { sort: "severity" })).map((p) => [p.id, p.rank])).toEqual([
      ["form", 2],
      ["wait", 1],
    ]);
    expect((await listProgramPainPoints(env.demo.programId, { limit: 1 })).map((p) => p.id)).toEqual(["wait"]);

    doc().getMap("painPoints").delete("form");
    await project();
    expect((await listProgramPainPoints(env.demo.programId)).map((p) => p.id)).toEqual(["wait"]);

    await setJourneyMapArchived(await env.actor("team"), mapId, true);
    expect(await listProgramPainPoints(env.demo.programId)).toEqual([]);
    expect((await listProgramPainPoints(env.demo.programId, { mapId })).map((p) => p.map.archived)).toEqual([true]);
    expect(await painPointCounts(env.demo.programId)).toEqual({ maps: 0, painPoints: 0, flagged: 0, withEvidence: 0 });
    // Reviews need an active map.
    expect((await refusal(reviewPainPoint(await env.actor("exec"), mapId, "wait", { note: "x" }))).status).toBe(409);

    const exec = await env.actor("exec");
    const other = { ...exec, program: { id: "another-program", org_id: exec.program.org_id } };
    expect((await refusal(mapTriangulation(other, mapId))).status).toBe(404);
    expect((await refusal(getPainPointTriangulation(other, mapId, "wait"))).status).toBe(404);
  });
});
