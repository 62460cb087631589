/** Future states: a copy with its own doc, one per current map, the diff from the read model, resolutions, permissions, step status. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, nowIso } from "../../app/db.server";
import { journeyDocName, patchCard, putCard, putPainPoint, readJourneyContent, removeCard, setEmotion } from "../../app/models/journey-doc";
import { createFutureState, diffPair, listReshapePairs, loadReshapePair, markResolution, unmarkResolution } from "../../app/models/future-state.server";
import { createInitiative, transitionInitiative } from "../../app/models/initiatives.server";
import { createJourneyMap, duplicateJourneyMap, listJourneyMaps, setJourneyMapArchived } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { reshapeStepStatus } from "../../app/models/reshape-overview.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("future states on %s", (dialect) => {
  let env: VisionTestEnv;
  let mapId: string;
  let stages: string[];
  let personaId: string;

  const doc = (id: string) => env.live.doc(journeyDocName(id));
  const project = (id: string) => db().transaction().execute((tx) => saveJourneyProjection(tx, id, env.demo.programId, readJourneyContent(doc(id))));

  beforeEach(async () => {
    env = await setupVision(dialect);
    mapId = (await createJourneyMap(await env.actor("team"), { name: "信用卡申请", persona: "白领" }, "zh-CN")).id;
    const d = doc(mapId);
    const c = readJourneyContent(d);
    stages = c.stages.map((s) => s.id);
    personaId = c.personas[0].id;
    d.transact(() => {
      const tp = (id: string, stage: number, text: string, position: number) =>
        putCard(d, { id, lane: "touchpoints", stageId: stages[stage], text, channel: "app", position, createdBy: null, createdAt: nowIso() });
      tp("apply", 1, "App 在线申请", 1);
      tp("paper", 1, "网点纸质申请", 2);
      tp("progress", 2, "进度查询页", 1);
      tp("hotline", 2, "客服热线", 2);
      putPainPoint(d, {
        id: "pp1", touchpointId: "progress", title: "审批进度不透明", description: "", severity: 5, reach: 5, impact: 5, effort: 2,
        source: "bottom_up", status: "confirmed", createdBy: null, createdAt: nowIso(),
      });
      setEmotion(d, personaId, stages[2], -2);
    });
    await project(mapId);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it("copies the current map into a linked future state with its own doc, without pain points, projected at once and audited", async () => {
    const future = await createFutureState(await env.actor("team"), mapId, "zh-CN");
    expect(future).toMatchObject({ name: "信用卡申请 · 未来旅程", state: "future", currentMapId: mapId, docName: `journey:${future.id}` });
    const c = readJourneyContent(doc(future.id));
    expect(c.cards.map((x) => x.id).sort()).toEqual(["apply", "hotline", "paper", "progress"]);
    expect(c.painPoints).toEqual([]);
    expect(c.emotions[personaId][stages[2]]).toBe(-2);
    // The current doc is untouched and keeps its pain point.
    expect(readJourneyContent(doc(mapId)).painPoints).toHaveLength(1);
    const d = await diffPair(mapId, future.id);
    expect(d.counts).toEqual({ added: 0, removed: 0, moved: 0, edited: 0, unchanged: 4 });
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", future.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["create_future_state"]);
    const en = await createFutureState(await env.actor("team"), (await createJourneyMap(await env.actor("team"), { name: "Complaints", persona: "P" }, "en")).id, "en");
    expect(en.name).toBe("Complaints (future state)");
  });

  it("refuses a second future state (409, naming the existing one), a future of a future, and people without journey.edit", async () => {
    const team = await env.actor("team");
    const future = await createFutureState(team, mapId, "en");
    const e = await refusal(createFutureState(team, mapId, "en"));
    expect(e.status).toBe(409);
    expect(e.key).toBe("reshape.errors.futureExists");
    expect(e.vars).toMatchObject({ futureMapId: future.id });
    expect((await refusal(createFutureState(team, future.id, "en"))).status).toBe(409);
    for (const who of ["viewer", "frontline", "office"] as const) {
      expect((await refusal(createFutureState(await env.actor(who), mapId, "en"))).status, who).toBe(403);
    }
    // Duplicating a future state makes an independent current map, never a second future.
    const copy = await duplicateJourneyMap(team, future.id, "en");
    expect(copy).toMatchObject({ state: "current", currentMapId: null });
    expect((await listJourneyMaps(env.demo.programId)).filter((m) => m.state === "future")).toHaveLength(1);
  });

  it("diffs the pair after the future is changed: added, removed, moved, edited, emotion raised", async () => {
    const future = await createFutureState(await env.actor("team"), mapId, "en");
    const f = doc(future.id);
    f.transact(() => {
      putCard(f, { id: "push", lane: "touchpoints", stageId: stages[2], text: "审批进度主动推送", channel: "app", position: 0.5, createdBy: null, createdAt: nowIso() });
      removeCard(f, "paper");
      patchCard(f, "hotline", { stageId: stages[3] });
      patchCard(f, "progress", { text: "进度查询页（含预计时间）" });
      setEmotion(f, personaId, stages[2], 0.5);
    });
    await project(future.id);
    const pair = await loadReshapePair(await env.actor("viewer"), future.id);
    expect(pair.current.id).toBe(mapId);
    expect(pair.future!.id).toBe(future.id);
    expect(pair.diff!.counts).toEqual({ added: 1, removed: 1, moved: 1, edited: 1, unchanged: 1 });
    const wait = pair.diff!.emotions[0].points.find((p) => p.stageId === stages[2])!;
    expect([wait.current, wait.future]).toEqual([-2, 0.5]);
  });

  it("marks and unmarks which future touchpoint resolves a pain point, audited; refuses unknown ones and non-editors", async () => {
    const team = await env.actor("team");
    const future = await createFutureState(team, mapId, "en");
    await markResolution(team, future.id, { painPointId: "pp1", touchpointId: "progress" });
    await markResolution(team, future.id, { painPointId: "pp1", touchpointId: "progress" }); // idempotent
    let d = await diffPair(mapId, future.id);
    expect(d.resolvedCount).toBe(1);
    expect(d.painPoints[0].resolvedBy.map((r) => r.text)).toEqual(["进度查询页"]);

    const e = await refusal(markResolution(team, future.id, { painPointId: "nope", touchpointId: "ghost" }));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({ painPointId: "reshape.errors.painPointUnknown", touchpointId: "reshape.errors.touchpointUnknown" });
    expect((await refusal(markResolution(team, mapId, { painPointId: "pp1", touchpointId: "progress" }))).status).toBe(409);
    for (const who of ["viewer", "frontline"] as const) {
      expect((await refusal(markResolution(await env.actor(who), future.id, { painPointId: "pp1", touchpointId: "apply" }))).status, who).toBe(403);
      expect((await refusal(unmarkResolution(await env.actor(who), future.id, { painPointId: "pp1", touchpointId: "progress" }))).status, who).toBe(403);
    }

    await unmarkResolution(team, future.id, { painPointId: "pp1", touchpointId: "progress" });
    d = await diffPair(mapId, future.id);
    expect(d.resolvedCount).toBe(0);
    const audit = await db().selectFrom("audit_log").select("action").where("entity_type", "=", "pain_point_resolution").orderBy("created_at").execute();
    expect(audit.map((a) => a.action)).toEqual(["mark", "unmark"]);

    await setJourneyMapArchived(team, future.id, true);
    expect((await refusal(markResolution(team, future.id, { painPointId: "pp1", touchpointId: "apply" }))).status).toBe(409);
  });

  it("lists pairs and moves step 3 from not started to in progress to done", async () => {
    const program = await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow();
    expect((await reshapeStepStatus(program)).state).toBe("not_started");
    const team = await env.actor("team");
    const future = await createFutureState(team, mapId, "en");
    expect(await listReshapePairs(env.demo.programId)).toEqual([expect.objectContaining({ current: expect.objectContaining({ id: mapId }), future: expect.objectContaining({ id: future.id }) })]);
    let s = await reshapeStepStatus(program);
    expect(s).toMatchObject({ state: "in_progress", outputs: [{ labelKey: "reshape.outputs.futureMaps", count: 1 }] });
    const w = await createInitiative(team, { title: "Push", lever: "progress_feedback", ownerId: env.demo.users.team });
    await transitionInitiative(await env.actor("lead"), w.id, { to: "approved" });
    await transitionInitiative(team, w.id, { to: "in_progress" });
    await transitionInitiative(team, w.id, { to: "done", notes: "Calls down 41%" });
    s = await reshapeStepStatus(program);
    expect(s.state).toBe("done");
    expect(s.outputs.map((o) => [o.labelKey, o.count])).toEqual([
      ["reshape.outputs.futureMaps", 1],
      ["reshape.outputs.quickWins", 1],
      ["reshape.outputs.quickWinsDone", 1],
    ]);
  });
});
