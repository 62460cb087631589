/**
 * The feedback inbox on both databases: the states (new / triaged / dismissed), filters, bulk
 * triage into an open cycle, dismissal only with a reason (nothing deleted), links checked against
 * the program, typed-in feedback, refusals — and POST /api/v1/programs/:programId/feedback through
 * the real server (201, 401, 403 for a viewer and a read-only token, 422 with field errors).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso, setDbHandle } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { listInbox } from "../../app/models/feedback-inbox-list.server";
import { linkRecord } from "../../app/models/feedback-links.server";
import { submitFeedback } from "../../app/models/feedback-submit.server";
import { dismissRecords, triageRecords } from "../../app/models/feedback-triage.server";
import { insertFeedbackRecords } from "../../app/models/feedback-records.server";
import { closeCycle } from "../../app/models/loop-close.server";
import { getCycleBoard } from "../../app/models/loop-cycles.server";
import { startCycle } from "../../app/models/loop-start.server";
import { openDatabase, type DbHandle } from "../../db/dialect";
import { dialects } from "../helpers/db";
import { signIn, startServer, type RunningServer } from "../helpers/server";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("feedback inbox on %s", (dialect) => {
  let env: VisionTestEnv;
  let ids: string[];

  beforeEach(async () => {
    env = await setupVision(dialect);
    ids = Array.from({ length: 5 }, () => newId());
    await db()
      .transaction()
      .execute((tx) =>
        insertFeedbackRecords(
          tx,
          env.demo.programId,
          ids.map((_, i) => ({
            occurredOn: `2026-03-0${i + 1}`, channel: i % 2 ? "phone" : "app", segment: "", contactReason: "", score: null, scoreMin: null, scoreMax: null,
            text: i === 0 ? "进度查不到 progress unknown" : `feedback ${i}`, customerId: null,
          })),
          { source: "import", ids },
        ),
      );
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it("lists records as new, filters them, triages in bulk into an open cycle's step ①, audited", async () => {
    const team = await env.actor("team");
    let page = await listInbox(env.demo.programId, {});
    expect(page.total).toBe(5);
    expect(page.counts).toEqual({ new: 5, triaged: 0, dismissed: 0 });
    expect((await listInbox(env.demo.programId, { q: "PROGRESS" })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await listInbox(env.demo.programId, { channel: "phone" })).total).toBe(2);
    expect((await listInbox(env.demo.programId, { from: "2026-03-04" })).total).toBe(2);
    expect((await listInbox(env.demo.programId, { source: "api" })).total).toBe(0);

    const cycle = await startCycle(team, { kind: "small", kpiIds: [] });
    expect(await triageRecords(team, { recordIds: [ids[0], ids[1]], cycleId: cycle.id })).toEqual({ added: 2 });
    // Again: no duplicate items.
    expect(await triageRecords(team, { recordIds: [ids[0]], cycleId: cycle.id })).toEqual({ added: 0 });
    const board = await getCycleBoard(team, cycle.id);
    expect(board.steps[0].items.map((i) => i.refId).sort()).toEqual([ids[0], ids[1]].sort());
    page = await listInbox(env.demo.programId, { state: "triaged" });
    expect(page.items.map((i) => i.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(page.items[0].cycle).toMatchObject({ id: cycle.id, kind: "small", number: 1 });
    expect(page.counts).toEqual({ new: 3, triaged: 2, dismissed: 0 });
    const audits = await db().selectFrom("audit_log").select("action").where("entity_id", "=", ids[0]).execute();
    expect(audits.map((a) => a.action)).toEqual(["triage", "triage"]);

    // Unknown cycle, closed cycle, foreign record, nothing selected.
    expect((await refusal(triageRecords(team, { recordIds: [ids[2]], cycleId: "nope" }))).fields).toEqual({ cycleId: "inbox.errors.cycleUnknown" });
    expect((await refusal(triageRecords(team, { recordIds: ["nope"], cycleId: cycle.id }))).fields).toEqual({ recordIds: "inbox.errors.recordUnknown" });
    expect((await refusal(triageRecords(team, { recordIds: [], cycleId: cycle.id }))).fields).toEqual({ recordIds: "inbox.errors.noneSelected" });
    await closeCycle(team, cycle.id);
    expect((await refusal(triageRecords(team, { recordIds: [ids[2]], cycleId: cycle.id }))).status).toBe(409);
  });

  it("dismisses only with a reason, and deletes nothing", async () => {
    const team = await env.actor("team");
    const e = await refusal(dismissRecords(team, { recordIds: [ids[2]], reason: "  " }));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({ reason: "inbox.errors.reasonRequired" });
    expect(await dismissRecords(team, { recordIds: [ids[2], ids[3]], reason: "Duplicate" })).toEqual({ dismissed: 2 });
    const page = await listInbox(env.demo.programId, { state: "dismissed" });
    expect(page.items.map((i) => [i.reason, i.state])).toEqual([["Duplicate", "dismissed"], ["Duplicate", "dismissed"]]);
    expect((await db().selectFrom("feedback_records").select("id").where("program_id", "=", env.demo.programId).execute()).length).toBe(5);
    expect((await listInbox(env.demo.programId, {})).total).toBe(5);
  });

  it("links records to the program's pain points and initiatives only", async () => {
    const team = await env.actor("team");
    const now = nowIso();
    const mapId = newId();
    await db().insertInto("journey_maps").values({ id: mapId, program_id: env.demo.programId, name: "Card", persona: "", description: "", created_by: null, created_at: now, updated_at: now } as never).execute();
    await db()
      .insertInto("pain_points")
      .values({ map_id: mapId, doc_object_id: "pp1", program_id: env.demo.programId, touchpoint_id: null, title: "Opaque progress", description: "", severity: 4, reach: 3, impact: 4, effort: 2, source: "bottom_up", status: "confirmed", created_by: null, created_at: now, projected_at: now, deleted_at: null })
      .execute();
    const link = await linkRecord(team, { recordId: ids[0], targetType: "pain_point", target: `${mapId}:pp1` });
    expect(link).toMatchObject({ mapId, targetId: "pp1", title: "Opaque progress" });
    expect((await refusal(linkRecord(team, { recordId: ids[0], targetType: "pain_point", target: `${mapId}:pp1` }))).status).toBe(409);
    expect((await refusal(linkRecord(team, { recordId: ids[0], targetType: "pain_point", target: `${mapId}:nope` }))).fields).toEqual({ target: "inbox.errors.painPointUnknown" });
    expect((await refusal(linkRecord(team, { recordId: ids[0], targetType: "initiative", target: "nope" }))).fields).toEqual({ target: "inbox.errors.initiativeUnknown" });
    expect((await refusal(linkRecord(team, { recordId: "nope", targetType: "initiative", target: "x" }))).status).toBe(404);
    const page = await listInbox(env.demo.programId, { q: "progress" });
    expect(page.items[0].links).toEqual([expect.objectContaining({ targetType: "pain_point", title: "Opaque progress" })]);
  });

  it("types in customer and frontline feedback, and refuses bad input and those without permission", async () => {
    const frontline = await env.actor("frontline");
    const r = await submitFeedback(frontline, { text: "客户问能否延长还款日", origin: "frontline", channel: "网点" }, "manual");
    expect(r.created).toBe(1);
    const row = await db().selectFrom("feedback_records").selectAll().where("id", "=", r.ids[0]).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ origin: "frontline", source: "manual", channel: "网点", created_by: env.demo.users.frontline });
    expect((await listInbox(env.demo.programId, { origin: "frontline" })).items.map((i) => i.id)).toEqual(r.ids);

    const e1 = await refusal(submitFeedback(frontline, { text: "" }, "manual"));
    expect(e1.fields).toEqual({ text: "validation.required" });
    const e2 = await refusal(submitFeedback(frontline, { text: "x", occurredOn: "2999-01-01" }, "manual"));
    expect(e2.fields).toEqual({ occurredOn: "inbox.errors.futureDate" });
    const e3 = await refusal(submitFeedback(frontline, { items: [{ text: "ok" }, { text: "x", score: 11 }] }, "api"));
    expect(e3.fields).toEqual({ "items.1.score": "inbox.errors.scoreRange" });
    expect((await listInbox(env.demo.programId, {})).total).toBe(6);

    expect((await refusal(submitFeedback(await env.actor("viewer"), { text: "x" }, "manual"))).status).toBe(403);
    for (const who of ["viewer", "frontline", "rep", "exec"] as const) {
      const actor = await env.actor(who);
      expect((await refusal(triageRecords(actor, { recordIds: [ids[0]], cycleId: "x" }))).status, who).toBe(403);
      expect((await refusal(dismissRecords(actor, { recordIds: [ids[0]], reason: "x" }))).status, who).toBe(403);
      expect((await refusal(linkRecord(actor, { recordId: ids[0], targetType: "initiative", target: "x" }))).status, who).toBe(403);
    }
    expect(await db().selectFrom("feedback_triage").select("record_id").execute()).toEqual([]);
  });
});

describe("POST /api/v1/programs/:programId/feedback through the real server", () => {
  let server: RunningServer;
  let handle: DbHandle;
  let programId: string;

  beforeAll(async () => {
    server = await startServer();
    handle = openDatabase(server.databaseUrl);
    const lead = await signIn(server.url, "lead@demo.test");
    const res = await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: lead.cookie } });
    programId = ((await res.json()) as { programs: { id: string }[] }).programs[0].id;
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await handle?.close();
    await server?.stop();
  });

  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/programs/${programId}/feedback`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("stores one item or a batch with source api; refuses 401, 403, 422", async () => {
    const team = await signIn(server.url, "team@demo.test");
    const auth = { authorization: `Bearer ${team.token}` };
    const one = await post({ text: "App crashed at upload", channel: "app", occurredOn: "2026-01-05" }, auth);
    expect(one.status).toBe(201);
    const created = (await one.json()) as { created: number; ids: string[] };
    expect(created.created).toBe(1);
    const batch = await post({ items: [{ text: "a" }, { text: "b", origin: "frontline" }] }, auth);
    expect(batch.status).toBe(201);
    const rows = await handle.db.selectFrom("feedback_records").select(["source", "origin", "text"]).where("id", "in", [...created.ids, ...((await batch.json()) as { ids: string[] }).ids]).orderBy("text").execute();
    expect(rows).toEqual([
      { source: "api", origin: "customer", text: "App crashed at upload" },
      { source: "api", origin: "customer", text: "a" },
      { source: "api", origin: "frontline", text: "b" },
    ]);

    expect((await post({ text: "x" }, {})).status).toBe(401);
    const viewer = await signIn(server.url, "viewer@demo.test");
    expect((await post({ text: "x" }, { authorization: `Bearer ${viewer.token}` })).status).toBe(403);
    setDbHandle(handle);
    const teamId = (await handle.db.selectFrom("users").select("id").where("email", "=", "team@demo.test").executeTakeFirstOrThrow()).id;
    const read = await createApiToken(teamId, { name: "BI read", scope: "read" });
    expect((await post({ text: "x" }, { authorization: `Bearer ${read.token}` })).status).toBe(403);
    const write = await createApiToken(teamId, { name: "Survey push", scope: "write" });
    expect((await post({ text: "from a survey tool" }, { authorization: `Bearer ${write.token}` })).status).toBe(201);

    const bad = await post({ items: [{ text: "ok" }, { text: "" }] }, { ...auth, "accept-language": "en" });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields)).toEqual(["items.1.text"]);
    const tooMany = await post({ items: Array.from({ length: 1001 }, () => ({ text: "x" })) }, auth);
    expect(tooMany.status).toBe(422);
    expect((await handle.db.selectFrom("feedback_records").select("id").where("text", "=", "ok").execute()).length).toBe(0);
  });
});
