/** Journey maps: create with the lifecycle stages, duplicate with content and links, archive, permissions, projection. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { db, newId, nowIso } from "../../app/db.server";
import { journeyDocName, putCard, putPainPoint, readJourneyContent, setEmotion } from "../../app/models/journey-doc";
import {
  createJourneyMap,
  duplicateJourneyMap,
  journeyMapEditPolicy,
  listJourneyMaps,
  requireJourneyMap,
  setJourneyMapArchived,
  updateJourneyMap,
} from "../../app/models/journey-maps.server";
import { journeyMapStats, journeyStepStatus } from "../../app/models/journey-overview.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("journey maps on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const content = (mapId: string) => readJourneyContent(env.live.doc(journeyDocName(mapId)));

  it("creates a map with the five lifecycle stages in the creator's language and a first persona, audited", async () => {
    const team = await env.actor("team");
    const map = await createJourneyMap(team, { name: "信用卡申请", persona: "首次办卡的年轻白领" }, "zh-CN");
    expect(map.docName).toBe(`journey:${map.id}`);
    const c = content(map.id);
    expect(c.stages.map((s) => s.name)).toEqual(["认知", "购买", "开通与使用", "服务", "忠诚与推荐"]);
    expect(c.personas.map((p) => p.name)).toEqual(["首次办卡的年轻白领"]);
    const audit = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", map.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    expect((await listJourneyMaps(env.demo.programId)).map((m) => m.id)).toEqual([map.id]);
  });

  it("refuses viewers and frontline staff, and bad input with field errors", async () => {
    for (const who of ["viewer", "frontline"] as const) {
      const e = await refusal(createJourneyMap(await env.actor(who), { name: "x", persona: "y" }, "en"));
      expect(e.status).toBe(403);
    }
    const e = await refusal(createJourneyMap(await env.actor("team"), { name: " ", persona: "y".repeat(500) }, "en"));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({ name: "validation.required", persona: "validation.tooLong" });
    expect(await db().selectFrom("journey_maps").selectAll().execute()).toHaveLength(0);
  });

  it("answers 404 for a map of another program", async () => {
    const team = await env.actor("team");
    const map = await createJourneyMap(team, { name: "A", persona: "P" }, "en");
    const other = { ...team, program: { id: "another-program", org_id: team.program.org_id } };
    expect((await refusal(requireJourneyMap(other, map.id))).status).toBe(404);
    expect((await refusal(updateJourneyMap(other, map.id, { name: "B", persona: "P" }))).status).toBe(404);
  });

  it("duplicates the live content and the evidence links under a new name", async () => {
    const team = await env.actor("team");
    const map = await createJourneyMap(team, { name: "Complaints", persona: "Retail" }, "en");
    const doc = env.live.doc(journeyDocName(map.id));
    const c = readJourneyContent(doc);
    const stageId = c.stages[1].id;
    doc.transact(() => {
      putCard(doc, { id: "tp1", lane: "touchpoints", stageId, text: "Hotline", channel: "phone", position: 1, createdBy: null, createdAt: nowIso() });
      putPainPoint(doc, {
        id: "pp1", touchpointId: "tp1", title: "Long wait", description: "", severity: 4, reach: 3, impact: 4, effort: 2,
        source: "top_down", status: "open", createdBy: null, createdAt: nowIso(),
      });
      setEmotion(doc, c.personas[0].id, stageId, -2);
    });
    await db()
      .insertInto("journey_evidence_links")
      .values({ id: newId(), map_id: map.id, target_type: "pain_point", target_id: "pp1", evidence_type: "link", evidence_id: "ev1", created_by: null, created_at: nowIso() })
      .execute();

    const copy = await duplicateJourneyMap(team, map.id, "en");
    expect(copy.name).toBe("Complaints (copy)");
    const cc = content(copy.id);
    expect(cc.cards.map((x) => x.text)).toEqual(["Hotline"]);
    expect(cc.painPoints.map((p) => [p.title, p.touchpointId])).toEqual([["Long wait", "tp1"]]);
    expect(cc.emotions[c.personas[0].id][stageId]).toBe(-2);
    const links = await db().selectFrom("journey_evidence_links").selectAll().where("map_id", "=", copy.id).execute();
    expect(links.map((l) => l.target_id)).toEqual(["pp1"]);
    // The copy is independent: editing it leaves the original alone.
    env.live.doc(journeyDocName(copy.id)).getMap("cards").delete("tp1");
    expect(content(map.id).cards).toHaveLength(1);
  });

  it("makes an archived map read-only on the socket until it is restored", async () => {
    const team = await env.actor("team");
    const map = await createJourneyMap(team, { name: "A", persona: "P" }, "en");
    expect(await journeyMapEditPolicy(map.id, team.access)).toBe(true);
    expect(await journeyMapEditPolicy(map.id, (await env.actor("viewer")).access)).toBe(false);
    expect(await journeyMapEditPolicy(map.id, (await env.actor("frontline")).access)).toBe(false);
    expect(await journeyMapEditPolicy(map.id, (await env.actor("rep")).access)).toBe(true);
    await setJourneyMapArchived(team, map.id, true);
    expect(await journeyMapEditPolicy(map.id, team.access)).toBe(false);
    expect((await refusal(updateJourneyMap(team, map.id, { name: "B", persona: "P" }))).status).toBe(409);
    expect(await listJourneyMaps(env.demo.programId)).toHaveLength(0);
    await setJourneyMapArchived(team, map.id, false);
    expect(await journeyMapEditPolicy(map.id, team.access)).toBe(true);
  });

  it("projects the doc into the read model idempotently and marks removed objects deleted", async () => {
    const team = await env.actor("team");
    const map = await createJourneyMap(team, { name: "A", persona: "P" }, "en");
    const doc = env.live.doc(journeyDocName(map.id));
    const stageId = readJourneyContent(doc).stages[0].id;
    putCard(doc, { id: "c1", lane: "touchpoints", stageId, text: "App", channel: "app", position: 1, createdBy: null, createdAt: nowIso() });
    putCard(doc, { id: "c2", lane: "actions", stageId, text: "Opens app", channel: null, position: 1, createdBy: null, createdAt: nowIso() });
    doc.getText("question:a").insert(0, "Speed of approval");
    const project = () => db().transaction().execute((tx) => saveJourneyProjection(tx, map.id, env.demo.programId, readJourneyContent(doc)));
    await project();
    await project();
    expect((await journeyMapStats([map.id]))[map.id]).toMatchObject({ stages: 5, touchpoints: 1, cards: 2, answered: 1 });
    doc.getMap("cards").delete("c1");
    await project();
    const rows = await db().selectFrom("journey_cards").select(["doc_object_id", "deleted_at"]).where("map_id", "=", map.id).orderBy("doc_object_id").execute();
    expect(rows.map((r) => [r.doc_object_id, r.deleted_at !== null])).toEqual([["c1", true], ["c2", false]]);
    const program = await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow();
    const status = await journeyStepStatus(program);
    expect(status.state).toBe("in_progress");
    expect(status.outputs[0]).toEqual({ labelKey: "journey.outputs.maps", count: 1 });
  });

  it("keeps two concurrent edits of one doc (a copy applied on the server) consistent", async () => {
    const team = await env.actor("team");
    const map = await createJourneyMap(team, { name: "A", persona: "P" }, "en");
    const live = env.live.doc(journeyDocName(map.id));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const stageId = readJourneyContent(client).stages[0].id;
    putCard(client, { id: "x", lane: "systems", stageId, text: "CRM", channel: null, position: 1, createdBy: null, createdAt: nowIso() });
    Y.applyUpdate(live, Y.encodeStateAsUpdate(client));
    expect(readJourneyContent(live).cards.map((c) => c.text)).toEqual(["CRM"]);
  });
});
