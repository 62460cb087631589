/**
 * The idea box on both databases: an idea with a photo and a journey place becomes a feedback
 * record (source idea, origin frontline) plus its idea row addressed to the open small-loop cycle,
 * audited, and shows in the feedback inbox as an idea; what became of it follows the inbox
 * (triaged, linked to an initiative, done, dismissed). Refusals: viewers and the CX office (403),
 * an oversized or non-image photo, an over-long text, a map or touchpoint of another program —
 * with nothing half-written (no rows, no stored photo). The demo's ten ideas in every state. Then
 * the HTTP API through the real server: multipart and JSON posts, the photo's headers,
 * 401/403/413/422, and the leaderboard API with its period errors (400).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso, setDbHandle } from "../../app/db.server";
import { listInbox } from "../../app/models/feedback-inbox-list.server";
import { linkRecord } from "../../app/models/feedback-links.server";
import { dismissRecords, triageRecords } from "../../app/models/feedback-triage.server";
import { countIdeas, getIdea, ideaMapOptions, listIdeas, readIdeaPhoto, submitIdea } from "../../app/models/ideas.server";
import { createInitiative } from "../../app/models/initiatives.server";
import { startCycle } from "../../app/models/loop-start.server";
import { createTestDb, dialects, type TestDb } from "../helpers/db";
import { useMemoryLiveDocs } from "../helpers/memory-live-docs";
import { seedDemoIfEmpty } from "../../db/seed/index";
import type { DemoIds } from "../../db/seed/demo-foundation";
import { changeDoc, registerLiveDocs } from "../../app/models/live-docs.server";
import { signIn, startServer, type RunningServer } from "../helpers/server";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-ideas-data-"));
process.env.DATA_DIR = dataDir;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const PDF = new Uint8Array([...Buffer.from("%PDF-1.7\n"), 1, 2, 3]);

function uploadedFiles(programId: string): string[] {
  const dir = path.join(dataDir, "uploads", programId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

async function addMap(programId: string, name: string, touchpoints: string[]): Promise<{ mapId: string; tps: string[] }> {
  const now = nowIso();
  const mapId = newId();
  await db().insertInto("journey_maps").values({ id: mapId, program_id: programId, name, persona: "", description: "", created_by: null, created_at: now, updated_at: now, archived_at: null }).execute();
  await db().insertInto("journey_stages").values({ map_id: mapId, doc_object_id: "s1", name: "审批等待", position: 1, projected_at: now, deleted_at: null }).execute();
  const tps = touchpoints.map(() => newId());
  await db()
    .insertInto("journey_cards")
    .values(
      touchpoints.map((text, i) => ({
        map_id: mapId,
        doc_object_id: tps[i],
        stage_id: "s1",
        lane: "touchpoints" as const,
        channel: "web" as const,
        text,
        position: i,
        created_by: null,
        created_at: now,
        projected_at: now,
        deleted_at: null,
      })),
    )
    .execute();
  return { mapId, tps };
}

describe.each(dialects())("idea box on %s", (dialect) => {
  let env: VisionTestEnv;
  let programId: string;
  let map: { mapId: string; tps: string[] };

  beforeEach(async () => {
    env = await setupVision(dialect);
    programId = env.demo.programId;
    map = await addMap(programId, "信用卡申请", ["进度查询页", "补件通知短信"]);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it("sends an idea with a photo and a place: a record, an idea row to the open small cycle, an audit entry, shown in the inbox as an idea", async () => {
    const team = await env.actor("team");
    const frontline = await env.actor("frontline");
    await startCycle(team, { kind: "large", kpiIds: [] });
    const small = await startCycle(team, { kind: "small", title: "进度透明", kpiIds: [] });

    const idea = await submitIdea(
      frontline,
      { title: "大堂自助机打印进度", text: "老年客户不会用手机查进度。", mapId: map.mapId, touchpointId: map.tps[0] },
      { bytes: PNG, filename: "IMG_0001.PNG", mime: "image/png" },
    );
    expect(idea).toMatchObject({
      title: "大堂自助机打印进度",
      text: "老年客户不会用手机查进度。",
      author: { id: env.demo.users.frontline },
      map: { id: map.mapId, name: "信用卡申请" },
      touchpoint: { id: map.tps[0], text: "进度查询页" },
      sentTo: { id: small.id, kind: "small", number: 1, status: "open" },
      photo: { url: `/api/v1/programs/${programId}/ideas/${idea.id}/photo`, type: "image/png", size: PNG.byteLength },
      status: { stage: "new", adopted: false },
    });
    const record = await db().selectFrom("feedback_records").selectAll().where("id", "=", idea.id).executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      source: "idea",
      origin: "frontline",
      channel: "frontline",
      occurred_on: nowIso().slice(0, 10),
      text: "大堂自助机打印进度\n\n老年客户不会用手机查进度。",
      created_by: env.demo.users.frontline,
      contact_reason: "进度查询页",
    });
    const audit = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", idea.id).execute();
    expect(audit.map((a) => [a.entity_type, a.action, a.actor_id])).toEqual([["idea", "submit", env.demo.users.frontline]]);
    expect(JSON.parse(audit[0].after_summary!)).toEqual({ title: "大堂自助机打印进度", map: "信用卡申请", touchpoint: "进度查询页", smallLoop: 1, photo: "image/png" });

    const photo = await readIdeaPhoto(await env.actor("viewer"), idea.id);
    expect(photo.mime).toBe("image/png");
    expect(new Uint8Array(photo.body)).toEqual(PNG);

    const inbox = await listInbox(programId, { source: "idea" });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      state: "new",
      origin: "frontline",
      idea: { title: "大堂自助机打印进度", author: "张伟", photoUrl: idea.photo!.url, map: "信用卡申请", touchpoint: "进度查询页", sentTo: { id: small.id, number: 1 } },
    });
    // Records that are not ideas carry none.
    await env.t.handle.db
      .insertInto("feedback_records")
      .values({ id: newId(), program_id: programId, import_id: null, source: "manual", occurred_on: "2026-01-01", channel: "", segment: "", contact_reason: "", score: null, score_min: null, score_max: null, text: "x", customer_id: null, created_by: null, created_at: nowIso() })
      .execute();
    expect((await listInbox(programId, {})).items.find((i) => i.source === "manual")?.idea).toBeNull();
  });

  it("without an open small cycle the idea is addressed to none; a title is derived; no photo is fine", async () => {
    const team = await env.actor("team");
    await startCycle(team, { kind: "large", kpiIds: [] });
    const idea = await submitIdea(await env.actor("rep"), { text: "补件短信里写清缺哪份材料\n以及去哪个网点补" });
    expect(idea).toMatchObject({ title: "补件短信里写清缺哪份材料", sentTo: null, photo: null, map: null, touchpoint: null });
    expect((await db().selectFrom("ideas").select("cycle_id").where("record_id", "=", idea.id).executeTakeFirstOrThrow()).cycle_id).toBeNull();
  });

  it("follows the inbox: triaged into a cycle, part of an initiative, done; or dismissed with the reason", async () => {
    const team = await env.actor("team");
    const frontline = await env.actor("frontline");
    const small = await startCycle(team, { kind: "small", kpiIds: [] });
    const a = await submitIdea(frontline, { title: "A", text: "a" });
    const b = await submitIdea(frontline, { title: "B", text: "b" });

    await triageRecords(team, { recordIds: [a.id], cycleId: small.id });
    let seen = await getIdea(frontline, a.id);
    expect(seen.status).toMatchObject({ stage: "triaged", adopted: true, cycle: { id: small.id, kind: "small", number: 1 } });

    const initiative = await createInitiative(team, { title: "进度主动推送", lever: "progress_feedback", ownerId: env.demo.users.team });
    await linkRecord(team, { recordId: a.id, targetType: "initiative", target: initiative.id });
    seen = await getIdea(frontline, a.id);
    expect(seen.status).toMatchObject({ stage: "in_initiative", initiative: { id: initiative.id, title: "进度主动推送", status: "idea" } });

    await db().updateTable("initiatives").set({ status: "done", status_changed_at: nowIso() }).where("id", "=", initiative.id).execute();
    seen = await getIdea(await env.actor("viewer"), a.id);
    expect(seen.status.stage).toBe("done");
    expect(seen.status.trail.map((s) => [s.key, s.state])).toEqual([
      ["submitted", "complete"],
      ["triaged", "complete"],
      ["initiative", "complete"],
      ["done", "current"],
    ]);

    await dismissRecords(team, { recordIds: [b.id], reason: "已在上一轮处理" });
    expect((await getIdea(frontline, b.id)).status).toMatchObject({ stage: "dismissed", reason: "已在上一轮处理", adopted: false });

    const mine = await listIdeas(programId, { authorId: env.demo.users.frontline });
    expect(mine.items.map((i) => [i.title, i.status.stage])).toEqual([
      ["B", "dismissed"],
      ["A", "done"],
    ]);
    expect((await listIdeas(programId, { authorId: env.demo.users.team })).total).toBe(0);
    expect(await countIdeas(programId)).toBe(2);
    // Another program's idea is not found.
    expect((await refusal(getIdea(frontline, "nope"))).status).toBe(404);
  });

  it("refuses viewers, the CX office, bad photos, long text and a place outside the program — writing nothing", async () => {
    const frontline = await env.actor("frontline");
    for (const who of ["viewer", "office"] as const) {
      expect((await refusal(submitIdea(await env.actor(who), { text: "x" }))).status, who).toBe(403);
    }
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = await refusal(submitIdea(frontline, { text: "x" }, { bytes: big, filename: "big.png", mime: "image/png" }));
    expect([tooBig.status, tooBig.fields]).toEqual([413, { photo: "ideas.errors.photoTooLarge" }]);
    expect((await refusal(submitIdea(frontline, { text: "x" }, { bytes: PDF, filename: "fake.jpg", mime: "image/jpeg" }))).fields).toEqual({ photo: "ideas.errors.photoMismatch" });
    expect((await refusal(submitIdea(frontline, { text: "x" }, { bytes: PDF, filename: "report.pdf", mime: "application/pdf" }))).fields).toEqual({ photo: "ideas.errors.photoType" });
    expect((await refusal(submitIdea(frontline, { text: "x" }, { bytes: new Uint8Array(0), filename: "a.png" }))).fields).toEqual({ photo: "ideas.errors.photoEmpty" });
    // Text and photo problems are reported together.
    const both = await refusal(submitIdea(frontline, { text: "长".repeat(2001), title: "t".repeat(121) }, { bytes: PDF, filename: "x.pdf" }));
    expect([both.status, both.fields]).toEqual([422, { title: "ideas.errors.titleTooLong", text: "ideas.errors.textTooLong", photo: "ideas.errors.photoType" }]);

    // Another program's map and touchpoint.
    const now = nowIso();
    const otherProgram = newId();
    await db().insertInto("programs").values({ id: otherProgram, org_id: env.demo.orgId, name: "其他项目", name_en: null, description: "", description_en: null, created_by: null, created_at: now, archived_at: null }).execute();
    const other = await addMap(otherProgram, "别人的地图", ["别人的触点"]);
    const e1 = await refusal(submitIdea(frontline, { text: "x", mapId: other.mapId }, { bytes: JPEG, filename: "a.jpg", mime: "image/jpeg" }));
    expect(e1.fields).toEqual({ mapId: "ideas.errors.mapUnknown" });
    const e2 = await refusal(submitIdea(frontline, { text: "x", mapId: map.mapId, touchpointId: other.tps[0] }, { bytes: JPEG, filename: "a.jpg" }));
    expect(e2.fields).toEqual({ touchpointId: "ideas.errors.touchpointUnknown" });
    expect((await refusal(submitIdea(frontline, { text: "x", touchpointId: map.tps[0] }))).fields).toEqual({ touchpointId: "ideas.errors.touchpointNeedsMap" });

    expect(await db().selectFrom("ideas").select("record_id").execute()).toEqual([]);
    expect(await db().selectFrom("feedback_records").select("id").where("source", "=", "idea").execute()).toEqual([]);
    expect(await db().selectFrom("audit_log").select("id").where("entity_type", "=", "idea").execute()).toEqual([]);
    // The photos of the refused ideas were removed again (or never written).
    expect(uploadedFiles(programId)).toEqual([]);
  });

  it("offers the program's current maps with their touchpoints for the form", async () => {
    const options = await ideaMapOptions(programId);
    expect(options).toEqual([
      {
        id: map.mapId,
        name: "信用卡申请",
        touchpoints: [
          { id: map.tps[0], text: "进度查询页", stage: "审批等待" },
          { id: map.tps[1], text: "补件通知短信", stage: "审批等待" },
        ],
      },
    ]);
    await db().updateTable("journey_maps").set({ archived_at: nowIso() }).where("id", "=", map.mapId).execute();
    expect(await ideaMapOptions(programId)).toEqual([]);
    const e = await refusal(submitIdea(await env.actor("frontline"), { text: "x", mapId: map.mapId }));
    expect(e.fields).toEqual({ mapId: "ideas.errors.mapUnknown" });
  });
});

describe.each(dialects())("the demo ideas on %s", (dialect) => {
  let t: TestDb;
  let demo: DemoIds;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    setDbHandle(t.handle);
    useMemoryLiveDocs();
    const ids = await seedDemoIfEmpty(t.handle.db, changeDoc);
    if (!ids) throw new Error("seed skipped");
    demo = ids;
  }, 120_000);
  afterAll(async () => {
    registerLiveDocs(undefined);
    setDbHandle(undefined);
    await t.cleanup();
  });

  it("seeds ten ideas from the frontline colleagues in every state, some on a touchpoint, two with a photo", async () => {
    const { items, total } = await listIdeas(demo.programId, { pageSize: 50 });
    expect(total).toBe(10);
    expect(new Set(items.map((i) => i.status.stage))).toEqual(new Set(["new", "triaged", "in_initiative", "done", "dismissed"]));
    expect(items.filter((i) => i.status.stage === "done")).toHaveLength(1);
    expect(items.find((i) => i.status.stage === "dismissed")?.status.reason).toBeTruthy();
    expect(items.filter((i) => i.touchpoint?.id).length).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((i) => i.author?.id)).size).toBeGreaterThanOrEqual(5);
    expect(items.some((i) => i.sentTo?.kind === "small" && i.sentTo.status === "closed")).toBe(true);
    const withPhoto = items.filter((i) => i.photo);
    expect(withPhoto).toHaveLength(2);
    const actor = { program: { id: demo.programId, org_id: demo.orgId }, user: { id: demo.users.viewer, name: "" }, access: { role: "viewer" as const, office: false } };
    for (const i of withPhoto) {
      const photo = await readIdeaPhoto(actor, i.id);
      expect([...photo.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
    // Every idea is in the inbox as a frontline record of source idea, and audited as sent.
    expect((await listInbox(demo.programId, { source: "idea" })).items.every((i) => i.origin === "frontline" && i.idea)).toBe(true);
    const audits = await db().selectFrom("audit_log").select("entity_id").where("entity_type", "=", "idea").where("action", "=", "submit").execute();
    expect(audits).toHaveLength(10);
  });
});

describe("the ideas API through the real server", () => {
  let server: RunningServer;
  let programId: string;
  let frontline: string;
  const serverData = fs.mkdtempSync(path.join(os.tmpdir(), "cx-ideas-api-"));

  beforeAll(async () => {
    server = await startServer({ env: { DATA_DIR: serverData } });
    frontline = (await signIn(server.url, "frontline@demo.test")).cookie;
    const res = await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: frontline } });
    programId = ((await res.json()) as { programs: { id: string }[] }).programs[0].id;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const call = (method: string, p: string, cookie: string, body?: BodyInit, type?: string) =>
    fetch(`${server.url}${p}`, { method, headers: { cookie, "accept-language": "en", origin: server.url, ...(type ? { "content-type": type } : {}) }, body });

  it("posts an idea with a photo (multipart) and without (JSON); serves the photo inline with its type and nosniff", async () => {
    const form = new FormData();
    form.append("title", "API idea");
    form.append("text", "From the branch app");
    form.append("photo", new Blob([PNG], { type: "image/png" }), "counter.png");
    const res = await call("POST", `/api/v1/programs/${programId}/ideas`, frontline, form);
    expect(res.status).toBe(201);
    const { idea } = (await res.json()) as { idea: { id: string; photo: { url: string }; status: { stage: string } } };
    expect(idea.status.stage).toBe("new");

    const viewer = (await signIn(server.url, "viewer@demo.test")).cookie;
    const photo = await call("GET", idea.photo.url, viewer);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(photo.headers.get("content-disposition")).toMatch(/^inline/);
    expect(photo.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PNG);
    expect((await fetch(`${server.url}${idea.photo.url}`)).status).toBe(401);

    const json = await call("POST", `/api/v1/programs/${programId}/ideas`, frontline, JSON.stringify({ text: "JSON idea" }), "application/json");
    expect(json.status).toBe(201);
    const list = (await (await call("GET", `/api/v1/programs/${programId}/ideas?mine=1`, frontline)).json()) as { items: { title: string }[]; total: number };
    expect(list.items.slice(0, 2).map((i) => i.title)).toEqual(["JSON idea", "API idea"]);
  });

  it("refuses viewers and the CX office (403), an oversized photo (413) and a non-image (422) with messages", async () => {
    for (const who of ["viewer@demo.test", "office@demo.test"]) {
      const cookie = (await signIn(server.url, who)).cookie;
      const res = await call("POST", `/api/v1/programs/${programId}/ideas`, cookie, JSON.stringify({ text: "x" }), "application/json");
      expect(res.status, who).toBe(403);
    }
    const before = (await (await call("GET", `/api/v1/programs/${programId}/ideas`, frontline)).json()) as { total: number };
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(PNG);
    const form = new FormData();
    form.append("text", "big photo");
    form.append("photo", new Blob([big], { type: "image/png" }), "big.png");
    const tooBig = await call("POST", `/api/v1/programs/${programId}/ideas`, frontline, form);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { fields: Record<string, string> } }).error.fields.photo).toMatch(/larger than 5 MB/);

    const pdf = new FormData();
    pdf.append("text", "a pdf");
    pdf.append("photo", new Blob([PDF], { type: "application/pdf" }), "scan.pdf");
    const notImage = await call("POST", `/api/v1/programs/${programId}/ideas`, frontline, pdf);
    expect(notImage.status).toBe(422);
    expect(((await notImage.json()) as { error: { fields: Record<string, string> } }).error.fields.photo).toMatch(/JPEG, PNG or WebP/);
    const after = (await (await call("GET", `/api/v1/programs/${programId}/ideas`, frontline)).json()) as { total: number };
    expect(after.total).toBe(before.total);
  });

  it("answers the leaderboard of a period with its definition; a bad period is a 400 with a message", async () => {
    const ok = await call("GET", `/api/v1/programs/${programId}/leaderboard?period=quarter`, frontline);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { period: { kind: string; current: boolean }; recognitions: unknown[]; ideasAdopted: { rank: number; name: string; count: number }[]; me: { hidden: boolean }; definition: { ideasAdopted: string } };
    expect(body.period).toMatchObject({ kind: "quarter", current: true });
    expect(Array.isArray(body.recognitions)).toBe(true);
    expect(body.me.hidden).toBe(false);
    expect(body.definition.ideasAdopted).toMatch(/loop cycle or linked to an initiative/);
    for (const [period, message] of [
      ["2026-13", /does not exist/],
      ["soon", /is not a period/],
      ["2999-01", /has not started yet/],
    ] as const) {
      const bad = await call("GET", `/api/v1/programs/${programId}/leaderboard?period=${period}`, frontline);
      expect(bad.status, period).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message, period).toMatch(message);
    }
    expect((await fetch(`${server.url}/api/v1/programs/${programId}/leaderboard`)).status).toBe(401);
  });
});
