/**
 * The journey APIs against the real server: GET /api/v1/journey-maps/:mapId, the program's ranked
 * pain points, a pain point's triangulation, leadership's review and the margin setting. The map's
 * content is written through the collaboration socket (as a browser would) and read back from the
 * projection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/dialect";
import { journeyDocName, putCard, putPainPoint, putStage, questionText } from "../../app/models/journey-doc";
import { signIn, startServer, type RunningServer } from "../helpers/server";
import { connectClient, createOutsiderSession, demoProgramId, waitFor, type TestClient } from "./collab-client";

let server: RunningServer;
let handle: DbHandle;
let lead: { cookie: string; token: string };
let programId: string;
let mapId: string;
let client: TestClient;

const now = () => new Date().toISOString();

function get(p: string, auth: { cookie?: string; token?: string } = {}, lang = "en") {
  const headers: Record<string, string> = { "accept-language": lang };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  return fetch(`${server.url}${p}`, { headers });
}

function send(method: string, p: string, cookie: string, body: unknown) {
  return fetch(`${server.url}${p}`, {
    method,
    headers: { cookie, "content-type": "application/json", "accept-language": "en" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  server = await startServer();
  handle = openDatabase(server.databaseUrl);
  lead = await signIn(server.url, "lead@demo.test");
  programId = await demoProgramId(server.url, lead.cookie);
  mapId = crypto.randomUUID();
  await handle.db
    .insertInto("journey_maps")
    .values({ id: mapId, program_id: programId, name: "API map", persona: "Young professional", description: "", created_by: null, created_at: now(), updated_at: now(), archived_at: null })
    .execute();

  client = connectClient(server.wsUrl, journeyDocName(mapId), lead.cookie);
  await client.synced;
  const doc = client.doc;
  doc.transact(() => {
    putStage(doc, { id: "s1", name: "Apply", position: 1 });
    putStage(doc, { id: "s2", name: "Use", position: 2 });
    putCard(doc, { id: "a1", lane: "actions", stageId: "s1", text: "Fills in the form", channel: null, position: 1, createdBy: null, createdAt: now() });
    putCard(doc, { id: "tp1", lane: "touchpoints", stageId: "s1", text: "Online form", channel: "web", position: 1, createdBy: null, createdAt: now() });
    putCard(doc, { id: "tp2", lane: "touchpoints", stageId: "s2", text: "Hotline", channel: "phone", position: 1, createdBy: null, createdAt: now() });
    putPainPoint(doc, {
      id: "pp1", touchpointId: "tp1", title: "Form asks twice", description: "", severity: 1, reach: 4, impact: 5, effort: 1,
      source: "top_down", status: "open", createdBy: null, createdAt: now(),
    });
    putPainPoint(doc, {
      id: "pp2", touchpointId: "tp2", title: "Hotline wait", description: "", severity: 4, reach: 2, impact: 2, effort: 4,
      source: "bottom_up", status: "open", createdBy: null, createdAt: now(),
    });
    questionText(doc, "a").insert(0, "Speed and clarity");
  });
  // The server projects the doc within about a second.
  await waitFor(async () => {
    const rows = await handle.db.selectFrom("pain_points").select("doc_object_id").where("map_id", "=", mapId).execute();
    return rows.length === 2;
  }, "projection");

  // Feedback of the program linked to pp1: all at the worst score.
  for (let i = 0; i < 5; i++) {
    const id = crypto.randomUUID();
    await handle.db
      .insertInto("feedback_records")
      .values({
        id, program_id: programId, import_id: null, source: "manual", occurred_on: "2026-11-01", channel: "web", segment: "young",
        contact_reason: "form", score: 0, score_min: 0, score_max: 10, text: "The form is confusing", customer_id: null, created_by: null, created_at: now(),
      })
      .execute();
    await handle.db
      .insertInto("journey_evidence_links")
      .values({ id: crypto.randomUUID(), map_id: mapId, target_type: "pain_point", target_id: "pp1", evidence_type: "feedback", evidence_id: id, created_by: null, created_at: now() })
      .execute();
  }
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await handle?.close();
  await server?.stop();
});

describe("GET /api/v1/journey-maps/:mapId", () => {
  it("answers the map from the projection: stages, cards, touchpoints, personas, emotions, triangulated pain points, questions", async () => {
    const res = await get(`/api/v1/journey-maps/${mapId}`, lead);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["cards", "emotions", "map", "painPoints", "personas", "questions", "stages", "touchpoints", "triangulationMargin"]);
    expect(body.map).toEqual({ id: mapId, programId, name: "API map", persona: "Young professional", description: "", docName: `journey:${mapId}`, archivedAt: null });
    expect(body.stages.map((s: { id: string }) => s.id)).toEqual(["s1", "s2"]);
    expect(body.cards.map((c: { id: string }) => c.id)).toEqual(["a1", "tp1", "tp2"]);
    expect(body.touchpoints).toEqual([
      expect.objectContaining({ id: "tp1", stageId: "s1", lane: "touchpoints", channel: "web", text: "Online form" }),
      expect.objectContaining({ id: "tp2", stageId: "s2", lane: "touchpoints", channel: "phone", text: "Hotline" }),
    ]);
    expect(body.questions).toEqual({ a: "Speed and clarity", b: "", c: "", d: "", e: "", f: "" });
    expect(body.triangulationMargin).toBe(1.5);
    const [first, second] = body.painPoints;
    expect(first).toMatchObject({
      id: "pp1",
      title: "Form asks twice",
      topDownScore: 1,
      flagged: true,
      evidenceCount: 5,
      evidence: { feedback: 5, file: 0, link: 0, total: 5 },
      touchpoint: { id: "tp1", text: "Online form", channel: "web", stageName: "Apply" },
      priorityScore: 25,
      rank: 1,
    });
    expect(first.bottomUpScore).toBeGreaterThan(3);
    expect(second).toMatchObject({ id: "pp2", bottomUpScore: null, flagged: false, evidenceCount: 0, rank: 2 });

    // Bearer token, and a viewer, may read it too.
    expect((await get(`/api/v1/journey-maps/${mapId}`, { token: lead.token })).status).toBe(200);
    const viewer = await signIn(server.url, "viewer@demo.test");
    expect((await get(`/api/v1/journey-maps/${mapId}`, viewer)).status).toBe(200);
  });

  it("answers 401 without a session, 404 for an unknown map and for a map of a program the caller cannot see", async () => {
    const anon = await get(`/api/v1/journey-maps/${mapId}`);
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe("unauthorized");
    const missing = await get(`/api/v1/journey-maps/no-such-map`, lead, "zh-CN");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
    const outsider = await createOutsiderSession(server.databaseUrl);
    const res = await get(`/api/v1/journey-maps/${mapId}`, { token: outsider });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("journey_map_not_found");
  });
});

describe("GET /api/v1/programs/:programId/pain-points", () => {
  it("ranks the program's pain points with evidence counts, scores and flags", async () => {
    const res = await get(`/api/v1/programs/${programId}/pain-points?sort=priority&limit=500`, lead);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ sort: "priority", mode: "impact_effort", triangulationMargin: 1.5 });
    const ranks = body.painPoints.map((p: { rank: number }) => p.rank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    const pp1 = body.painPoints.find((p: { id: string }) => p.id === "pp1");
    expect(pp1).toMatchObject({ map: { id: mapId, name: "API map" }, touchpoint: { text: "Online form", channel: "web" }, flagged: true, priorityScore: 25 });
    expect(Object.keys(pp1.evidence).sort()).toEqual(["feedback", "file", "link", "total"]);

    const bySeverityReach = await (await get(`/api/v1/programs/${programId}/pain-points?mode=severity_reach&sort=created&limit=1`, lead)).json();
    expect(bySeverityReach.painPoints).toHaveLength(1);
    expect(bySeverityReach.mode).toBe("severity_reach");
  });

  it("answers 400 in the caller's language for a bad query value, 401 and 404 like the others", async () => {
    for (const q of ["sort=best", "mode=xyz", "limit=0", "limit=abc", "limit=1001"]) {
      const res = await get(`/api/v1/programs/${programId}/pain-points?${q}`, lead);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toContain(q.split("=")[0]);
    }
    const zh = await (await get(`/api/v1/programs/${programId}/pain-points?sort=best`, lead, "zh-CN")).json();
    expect(zh.error.message).toMatch(/参数/);
    expect((await get(`/api/v1/programs/${programId}/pain-points`)).status).toBe(401);
    expect((await get(`/api/v1/programs/no-such-program/pain-points`, lead)).status).toBe(404);
  });
});

describe("review and margin", () => {
  it("leadership reviews a flagged pain point (the project team is refused) and sets the margin", async () => {
    const detail = await (await get(`/api/v1/journey-maps/${mapId}/pain-points/pp1`, lead)).json();
    expect(detail.triangulation).toMatchObject({ painPointId: "pp1", topDownScore: 1, flagged: true, margin: 1.5, lastReview: null });
    const bottomUp = detail.triangulation.bottomUp.score;
    expect((await get(`/api/v1/journey-maps/${mapId}/pain-points/nope`, lead)).status).toBe(404);

    const team = await signIn(server.url, "team@demo.test");
    const refused = await send("POST", `/api/v1/journey-maps/${mapId}/pain-points/pp1/review`, team.cookie, { note: "fine" });
    expect(refused.status).toBe(403);
    const exec = await signIn(server.url, "exec@demo.test");
    const noNote = await send("POST", `/api/v1/journey-maps/${mapId}/pain-points/pp1/review`, exec.cookie, { note: "" });
    expect(noNote.status).toBe(422);
    expect((await noNote.json()).error.fields.note).toBeTruthy();
    const ok = await send("POST", `/api/v1/journey-maps/${mapId}/pain-points/pp1/review`, exec.cookie, {
      note: "Confirmed with the branch network",
      topDownScore: 1,
      bottomUpScore: bottomUp,
    });
    expect(ok.status).toBe(201);
    expect((await ok.json()).triangulation).toMatchObject({ flagged: false, lastReview: { note: "Confirmed with the branch network", reviewedBy: { name: "周华" } } });
    const after = await (await get(`/api/v1/journey-maps/${mapId}`, lead)).json();
    expect(after.painPoints.find((p: { id: string }) => p.id === "pp1").flagged).toBe(false);

    const settingsPath = `/api/v1/programs/${programId}/pain-point-settings`;
    expect((await send("PUT", settingsPath, team.cookie, { margin: 2 })).status).toBe(403);
    const bad = await send("PUT", settingsPath, exec.cookie, { margin: 9 });
    expect(bad.status).toBe(422);
    const saved = await send("PUT", settingsPath, exec.cookie, { margin: 2.5 });
    expect(saved.status).toBe(200);
    expect((await saved.json()).settings).toMatchObject({ margin: 2.5, isDefault: false });
    expect((await (await get(settingsPath, team)).json()).settings.margin).toBe(2.5);
    expect((await fetch(`${server.url}${settingsPath}`, { method: "DELETE", headers: { cookie: exec.cookie } })).status).toBe(405);
  });
});
