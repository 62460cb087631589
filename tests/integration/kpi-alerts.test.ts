/**
 * KPI alerts and the KPI board on both databases: detection right after a measurement write,
 * idempotent even when run twice at once, who is notified, the open alert that covers later bad
 * values, recovery, stale KPIs, acknowledging (who may, the note, 409 twice, audited), what the
 * board shows, that another organisation's office sees none of it, the API routes, and the demo
 * seed's two alerts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, setDbHandle } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { addMeasurement, addMeasurements } from "../../app/models/kpi-measurements.server";
import { acknowledgeKpiAlert, detectKpiAlerts, getKpiAlert, listKpiAlerts, listProgramOpenAlerts } from "../../app/models/kpi-alerts.server";
import { listKpiBoard } from "../../app/models/kpi-board.server";
import { createKpi, setKpiArchived } from "../../app/models/kpis.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { countUnread } from "../../app/models/notification-centre.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram, getProgramAccess } from "../../app/models/program.server";
import { createUser } from "../../app/models/user.server";
import { action as ackAction } from "../../app/routes/api.v1.kpi-alerts.$alertId.acknowledge";
import { loader as alertsLoader } from "../../app/routes/api.v1.office.alerts";
import { loader as boardLoader } from "../../app/routes/api.v1.office.kpi-board";
import { DEMO_ACK_NOTE } from "../../db/seed/demo-alerts";
import { seedDemoIfEmpty } from "../../db/seed/index";
import { createTestDb, dialects, type TestDb } from "../helpers/db";
import { useMemoryLiveDocs } from "../helpers/memory-live-docs";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(dialects())("KPI alerts on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const alertsOf = (kpiId: string) =>
    db().selectFrom("kpi_alerts").selectAll().where("kpi_id", "=", kpiId).orderBy("period_key").orderBy("kind").execute();
  const thresholdAlerts = async (kpiId: string) => (await alertsOf(kpiId)).filter((a) => a.kind === "threshold");
  const notified = async (alertId: string) =>
    (await db().selectFrom("notifications").select("user_id").where("entity_id", "=", alertId).where("kind", "=", "alert").execute()).map((n) => n.user_id).sort();
  const office = () => ({ userId: env.demo.users.office, orgId: env.demo.orgId });

  async function ahtKpi() {
    const team = await env.actor("team");
    return createKpi(team, { template: "aht", target: 6, alertThreshold: 8, ownerId: env.demo.users.team }, "en");
  }

  it("a value past the threshold raises one alert right after the write, and notifies the owner, the program's owners and leadership and the CX office", async () => {
    const team = await env.actor("team");
    const kpi = await ahtKpi();
    await addMeasurement(team, kpi.id, { date: day(-8), value: 7.2 });
    expect(await alertsOf(kpi.id)).toEqual([]);
    await addMeasurement(team, kpi.id, { date: day(-1), value: 8.5 });
    const [alert, ...rest] = await alertsOf(kpi.id);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: "threshold", period_key: day(-1), value: 8.5, threshold: 8, status: "open", org_id: env.demo.orgId, program_id: env.demo.programId });
    const u = env.demo.users;
    expect(await notified(alert.id)).toEqual([u.lead, u.exec, u.team, u.office].sort());
    const n = await db().selectFrom("notifications").selectAll().where("entity_id", "=", alert.id).where("user_id", "=", u.office).executeTakeFirstOrThrow();
    expect(n.url).toBe(`/office/kpis?tab=alerts&alert=${alert.id}`);
    expect(JSON.parse(n.payload)).toMatchObject({ alertKind: "threshold", kpiName: "Average handle time (AHT)", value: 8.5, threshold: 8, periodKey: day(-1), unit: "minutes" });
    // Audited as the system's doing.
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id", "entity_type"]).where("entity_id", "=", alert.id).execute();
    expect(audit).toEqual([{ action: "detect", actor_id: null, entity_type: "kpi_alert" }]);
    // Detection again (the job) changes nothing.
    expect(await detectKpiAlerts()).toEqual([]);
    expect(await alertsOf(kpi.id)).toHaveLength(1);
  });

  it("is idempotent when two detections run at once (nothing twice: alerts, notifications, audit)", async () => {
    const kpi = await ahtKpi();
    // Written around the hook, so that the two runs below are the first to see it.
    await db()
      .insertInto("kpi_measurements")
      .values({ id: crypto.randomUUID(), kpi_id: kpi.id, measured_on: day(-2), value: 9.1, source: "api", note: "", created_by: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .execute();
    const [a, b, c] = await Promise.all([detectKpiAlerts(), detectKpiAlerts(), detectKpiAlerts({ programId: env.demo.programId })]);
    expect(a.length + b.length + c.length).toBe(1);
    const alerts = await alertsOf(kpi.id);
    expect(alerts).toHaveLength(1);
    expect(await notified(alerts[0].id)).toHaveLength(4);
    expect(await db().selectFrom("audit_log").select("id").where("entity_id", "=", alerts[0].id).execute()).toHaveLength(1);
  });

  it("an open alert covers later bad values; a good value shows it recovered (still open); after acknowledging, the next bad value raises a new one", async () => {
    const team = await env.actor("team");
    const kpi = await ahtKpi();
    await addMeasurements(team, kpi.id, { measurements: [{ date: day(-21), value: 8.5 }] });
    await addMeasurement(team, kpi.id, { date: day(-14), value: 8.7 });
    expect(await thresholdAlerts(kpi.id)).toHaveLength(1);
    await addMeasurement(team, kpi.id, { date: day(-7), value: 7.1 });
    const thresholdView = async () => (await listKpiAlerts(office(), { kpiId: kpi.id })).find((a) => a.kind === "threshold")!;
    let view = await thresholdView();
    expect(view).toMatchObject({ status: "open", recovered: true, value: 8.5, periodKey: day(-21), kpi: { latest: { date: day(-7), value: 7.1 }, status: "off_target" } });
    // Replacing the same day with a bad value again: not recovered any more.
    await addMeasurement(team, kpi.id, { date: day(-7), value: 8.2 });
    view = await thresholdView();
    expect(view.recovered).toBe(false);
    expect(await thresholdAlerts(kpi.id)).toHaveLength(1);

    await acknowledgeKpiAlert({ id: env.demo.users.office }, view.id, { note: "回拨量翻倍，已加派坐席" });
    await addMeasurement(team, kpi.id, { date: day(0), value: 9 });
    const all = await thresholdAlerts(kpi.id);
    expect(all.map((a) => [a.period_key, a.status])).toEqual([
      [day(-21), "acknowledged"],
      [day(0), "open"],
    ]);
  });

  it("a KPI unmeasured past its cadence and grace raises one stale alert (due day as its period), counted from creation when never measured", async () => {
    const team = await env.actor("team");
    const kpi = await createKpi(team, { template: "fcr", target: 80, alertThreshold: 62 }, "en"); // weekly
    expect(await detectKpiAlerts({ today: day(9) })).toEqual([]);
    const created = await detectKpiAlerts({ today: day(10) });
    expect(created.map((a) => [a.kind, a.period_key])).toEqual([["stale", day(7)]]);
    expect(await detectKpiAlerts({ today: day(11) })).toEqual([]);

    // Measured 20 days ago: stale since then (due 13 days ago), one alert however often detection runs.
    await addMeasurement(team, kpi.id, { date: day(-20), value: 75 });
    const stale = (await alertsOf(kpi.id)).filter((a) => a.kind === "stale" && a.period_key === day(-13));
    expect(stale).toHaveLength(1);
    await detectKpiAlerts();
    expect((await alertsOf(kpi.id)).filter((a) => a.period_key === day(-13))).toHaveLength(1);
    const payload = JSON.parse(
      (await db().selectFrom("notifications").select("payload").where("entity_id", "=", stale[0].id).where("user_id", "=", env.demo.users.office).executeTakeFirstOrThrow()).payload,
    );
    expect(payload).toMatchObject({ alertKind: "stale", periodKey: day(-13), lastMeasuredOn: day(-20), value: null });
    let view = (await getKpiAlert(office(), stale[0].id))!;
    expect(view).toMatchObject({ kind: "stale", sinceDay: day(-20), recovered: false });
    await addMeasurement(team, kpi.id, { date: day(-1), value: 76 });
    view = (await getKpiAlert(office(), stale[0].id))!;
    expect(view).toMatchObject({ status: "open", recovered: true, sinceDay: day(-20) });
    expect((await alertsOf(kpi.id)).filter((a) => a.status === "open")).toHaveLength(2);
  });

  it("archived KPIs and KPIs without a threshold raise no threshold alert", async () => {
    const team = await env.actor("team");
    const noThreshold = await createKpi(team, { template: "aht", target: 6 }, "en");
    await addMeasurement(team, noThreshold.id, { date: day(-1), value: 99 });
    const archived = await ahtKpi();
    await setKpiArchived(team, archived.id, true);
    await db()
      .insertInto("kpi_measurements")
      .values({ id: crypto.randomUUID(), kpi_id: archived.id, measured_on: day(-1), value: 99, source: "api", note: "", created_by: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .execute();
    await detectKpiAlerts();
    expect(await alertsOf(noThreshold.id)).toEqual([]);
    expect(await alertsOf(archived.id)).toEqual([]);
  });

  it("acknowledging: the program's KPI editors and the CX office may, with a note (audited, kept listed); leadership, functional reps, frontline and viewers may not; twice is a conflict", async () => {
    const team = await env.actor("team");
    const kpi = await ahtKpi();
    await addMeasurement(team, kpi.id, { date: day(-1), value: 8.5 });
    const [alert] = await alertsOf(kpi.id);
    const u = env.demo.users;
    for (const who of [u.frontline, u.viewer, u.exec, u.rep]) {
      expect((await refusal(acknowledgeKpiAlert({ id: who }, alert.id, { note: "x" }))).status).toBe(403);
    }
    expect((await refusal(acknowledgeKpiAlert({ id: u.office }, "no-such-alert", {}))).status).toBe(404);
    const tooLong = await refusal(acknowledgeKpiAlert({ id: u.office }, alert.id, { note: "长".repeat(1001) }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.fields).toEqual({ note: "validation.tooLong" });
    expect(await countUnread(u.office, env.demo.orgId)).toBe(1);

    const view = await acknowledgeKpiAlert({ id: u.office }, alert.id, { note: "  回拨量翻倍，已加派坐席  " });
    expect(view).toMatchObject({ status: "acknowledged", note: "回拨量翻倍，已加派坐席", acknowledgedBy: { id: u.office, name: "李静" }, canAcknowledge: true });
    // The acknowledger's own notification is read; the others' are not.
    expect(await countUnread(u.office, env.demo.orgId)).toBe(0);
    expect(await countUnread(u.lead, env.demo.orgId)).toBe(1);
    expect((await refusal(acknowledgeKpiAlert({ id: u.team }, alert.id, {}))).status).toBe(409);
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id", "after_summary"]).where("entity_id", "=", alert.id).orderBy("created_at").execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ["detect", null],
      ["acknowledge", u.office],
    ]);
    expect(JSON.parse(audit[1].after_summary!)).toMatchObject({ status: "acknowledged", note: "回拨量翻倍，已加派坐席" });
    // Still listed: under acknowledged and all, not under open.
    expect((await listKpiAlerts(office(), { status: "acknowledged" })).map((a) => a.id)).toEqual([alert.id]);
    expect(await listKpiAlerts(office(), { status: "open" })).toEqual([]);
    expect(await listProgramOpenAlerts(env.demo.programId)).toEqual([]);
    // The project team may acknowledge too (a fresh alert).
    await addMeasurement(team, kpi.id, { date: day(0), value: 9 });
    const fresh = (await listKpiAlerts({ userId: u.team, orgId: env.demo.orgId }, { status: "open" }))[0];
    expect(fresh.canAcknowledge).toBe(true);
    expect((await listKpiAlerts({ userId: u.viewer, orgId: env.demo.orgId }, { status: "open" }))[0].canAcknowledge).toBe(false);
    expect((await acknowledgeKpiAlert({ id: u.team }, fresh.id, {})).note).toBeNull();
  });

  it("the board: every KPI the viewer sees, worst first, with sparkline, trend, status and open alerts; filters", async () => {
    const team = await env.actor("team");
    const aht = await ahtKpi();
    const csat = await createKpi(team, { template: "csat", target: 85, alertThreshold: 68 }, "en");
    await createKpi(team, { name: "Unmeasured", kind: "process", unit: "count", direction: "up" }, "en");
    const values = Array.from({ length: 15 }, (_, i) => ({ date: day(-7 * (15 - i)), value: Math.round((6 + i * 0.02) * 100) / 100 }));
    await addMeasurements(team, aht.id, { measurements: [...values, { date: day(-1), value: 8.6 }] });
    await addMeasurements(team, csat.id, { measurements: [{ date: day(-8), value: 86 }, { date: day(-1), value: 88 }] });

    const board = await listKpiBoard(office());
    expect(board.kpis.map((k) => [k.name, k.status, k.trend, k.openAlerts])).toEqual([
      ["Average handle time (AHT)", "past_threshold", "worse", 1],
      ["Unmeasured", "unmeasured", "none", 0],
      ["Customer satisfaction (CSAT)", "on_target", "better", 0],
    ]);
    const row = board.kpis[0];
    expect(row.sparkline).toHaveLength(12);
    expect(row.sparkline.at(-1)).toEqual({ date: day(-1), value: 8.6 });
    expect(row.sparkline[0].date < row.sparkline[1].date).toBe(true);
    expect(row).toMatchObject({ latest: { date: day(-1), value: 8.6 }, previous: { value: 6.28 }, overdue: false, url: `/programs/${env.demo.programId}/kpis/${aht.id}`, traceUrl: `/programs/${env.demo.programId}/trace/kpi/${aht.id}` });
    expect(board.summary).toMatchObject({ total: 3, overdue: 0, openAlerts: 1, kpisWithOpenAlerts: 1, byStatus: { past_threshold: 1, on_target: 1, unmeasured: 1, off_target: 0, no_target: 0 } });

    expect((await listKpiBoard(office(), { kind: "outcome" })).kpis.map((k) => k.name)).toEqual(["Customer satisfaction (CSAT)"]);
    expect((await listKpiBoard(office(), { status: "on_target" })).kpis.map((k) => k.name)).toEqual(["Customer satisfaction (CSAT)"]);
    const alertsOnly = await listKpiBoard(office(), { alertsOnly: true });
    expect(alertsOnly.kpis.map((k) => k.name)).toEqual(["Average handle time (AHT)"]);
    expect(alertsOnly.summary.total).toBe(3);
    expect((await listKpiBoard(office(), { programId: "someone-elses" })).kpis).toEqual([]);
    // A KPI unmeasured for long is overdue on the board.
    expect((await listKpiBoard(office(), {}, { today: day(45) })).kpis.find((k) => k.name === "Unmeasured")?.overdue).toBe(true);
    // Members see their programs' KPIs too (read-only for a viewer).
    expect((await listKpiBoard({ userId: env.demo.users.viewer, orgId: env.demo.orgId })).summary.total).toBe(3);
  });

  it("another organisation's CX office sees none of it, and none of theirs is seen here", async () => {
    const team = await env.actor("team");
    const kpi = await ahtKpi();
    await addMeasurement(team, kpi.id, { date: day(-1), value: 8.5 });
    const [ours] = await alertsOf(kpi.id);

    const stranger = await createUser({ email: `office-${Date.now()}@other.test`, name: "别家办公室", password: "password-123" });
    const org = await createOrganization(stranger.id, { name: "别家集团", name_en: null });
    const program = await createProgram(stranger.id, org.id, { name: "别家项目", name_en: null, description: "" });
    const found = (await getProgramAccess(stranger.id, program.id))!;
    const theirActor = { program: found.program, access: found.access, user: { id: stranger.id, name: "别家办公室" } };
    const theirKpi = await createKpi(theirActor, { template: "aht", target: 6, alertThreshold: 8 }, "en");
    await addMeasurement(theirActor, theirKpi.id, { date: day(-1), value: 12 });
    const [theirs] = await alertsOf(theirKpi.id);
    expect(theirs).toBeDefined();

    const strangerView = { userId: stranger.id, orgId: org.id };
    expect((await listKpiAlerts(strangerView)).map((a) => a.id)).toEqual([theirs.id]);
    expect((await listKpiBoard(strangerView)).kpis.map((k) => k.id)).toEqual([theirKpi.id]);
    expect(await getKpiAlert(strangerView, ours.id)).toBeNull();
    expect((await refusal(acknowledgeKpiAlert({ id: stranger.id }, ours.id, {}))).status).toBe(404);
    // Nor by naming our organisation.
    expect(await listKpiAlerts({ userId: stranger.id, orgId: env.demo.orgId })).toEqual([]);
    expect((await listKpiBoard({ userId: stranger.id, orgId: env.demo.orgId })).kpis).toEqual([]);

    expect((await listKpiAlerts(office())).map((a) => a.id)).toEqual([ours.id]);
    expect(await getKpiAlert(office(), theirs.id)).toBeNull();
    expect((await refusal(acknowledgeKpiAlert({ id: env.demo.users.office }, theirs.id, {}))).status).toBe(404);
    expect(await notified(theirs.id)).toEqual([stranger.id]);
    expect(await notified(ours.id)).not.toContain(stranger.id);
  });

  it("the API: the board, the alerts and acknowledging (403 for a viewer, 404 across organisations, read tokens may not write)", async () => {
    const team = await env.actor("team");
    const kpi = await ahtKpi();
    await addMeasurement(team, kpi.id, { date: day(-1), value: 8.5 });
    const [alert] = await alertsOf(kpi.id);
    const token = async (userId: string, scope: "read" | "write" = "write") => (await createApiToken(userId, { name: "t", scope, expiresInDays: 1 })).token;
    const req = (path: string, tok: string, body?: unknown) =>
      new Request(`http://localhost${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${tok}`, "content-type": "application/json", "accept-language": "en" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const context = { clientIp: "127.0.0.1" };
    const status = async (p: Promise<Response>) => {
      try {
        return (await p).status;
      } catch (e) {
        if (e instanceof Response) return e.status;
        throw e;
      }
    };
    const officeTok = await token(env.demo.users.office);

    const board = (await (await boardLoader({ request: req("/api/v1/office/kpi-board?alerts=1", officeTok), params: {}, context })).json()) as { kpis: { id: string; status: string; openAlerts: number }[] };
    expect(board.kpis).toEqual([expect.objectContaining({ id: kpi.id, status: "past_threshold", openAlerts: 1 })]);
    const listed = (await (await alertsLoader({ request: req("/api/v1/office/alerts?status=open", officeTok), params: {}, context })).json()) as { alerts: { id: string; canAcknowledge: boolean }[] };
    expect(listed.alerts).toEqual([expect.objectContaining({ id: alert.id, canAcknowledge: true })]);
    expect(await status(alertsLoader({ request: req("/api/v1/office/alerts?status=maybe", officeTok), params: {}, context }))).toBe(400);

    const path = `/api/v1/kpi-alerts/${alert.id}/acknowledge`;
    expect(await status(ackAction({ request: req(path, await token(env.demo.users.viewer), { note: "x" }), params: { alertId: alert.id }, context }))).toBe(403);
    expect(await status(ackAction({ request: req(path, await token(env.demo.users.frontline), { note: "x" }), params: { alertId: alert.id }, context }))).toBe(403);
    expect(await status(ackAction({ request: req(path, await token(env.demo.users.office, "read"), { note: "x" }), params: { alertId: alert.id }, context }))).toBe(403);
    const stranger = await createUser({ email: `s-${Date.now()}@other.test`, name: "S", password: "password-123" });
    await createOrganization(stranger.id, { name: "别家", name_en: null });
    expect(await status(ackAction({ request: req(path, await token(stranger.id), { note: "x" }), params: { alertId: alert.id }, context }))).toBe(404);
    const strangerBoard = (await (await boardLoader({ request: req("/api/v1/office/kpi-board", await token(stranger.id)), params: {}, context })).json()) as { kpis: unknown[] };
    expect(strangerBoard.kpis).toEqual([]);
    expect(await status(boardLoader({ request: req(`/api/v1/office/kpi-board?orgId=${env.demo.orgId}`, await token(stranger.id)), params: {}, context }))).toBe(404);

    const ok = await ackAction({ request: req(path, officeTok, { note: "已处理" }), params: { alertId: alert.id }, context });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { alert: { status: string; note: string } }).alert).toMatchObject({ status: "acknowledged", note: "已处理" });
    try {
      await ackAction({ request: req(path, officeTok, {}), params: { alertId: alert.id }, context });
      expect.unreachable();
    } catch (e) {
      const res = e as Response;
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: { code: "kpi_alerts_already_acknowledged", message: "This alert has already been acknowledged." } });
    }
  });
});

describe.each(dialects())("the demo's alerts on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    setDbHandle(t.handle);
    useMemoryLiveDocs();
    await seedDemoIfEmpty(t.handle.db, changeDoc);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await t.cleanup();
  });

  it("has exactly two threshold alerts — complaints (acknowledged by the program owner with a note) and handle time (open) — and nothing more on a second run", async () => {
    const rows = await db()
      .selectFrom("kpi_alerts as a")
      .innerJoin("kpis as k", "k.id", "a.kpi_id")
      .select(["k.name", "a.kind", "a.status", "a.ack_note", "a.acknowledged_by"])
      .orderBy("k.name")
      .execute();
    expect(rows.map((r) => [r.name, r.kind, r.status])).toEqual(
      [
        ["信用卡投诉率", "threshold", "acknowledged"],
        ["信用卡热线平均处理时长", "threshold", "open"],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    expect(rows.find((r) => r.status === "acknowledged")?.ack_note).toBe(DEMO_ACK_NOTE);
    expect(await detectKpiAlerts()).toEqual([]);
    const office = await db().selectFrom("users").select("id").where("email", "=", "office@demo.test").executeTakeFirstOrThrow();
    const org = await db().selectFrom("organizations").select("id").executeTakeFirstOrThrow();
    const unreadAlerts = await db().selectFrom("notifications").select("id").where("user_id", "=", office.id).where("kind", "=", "alert").where("read_at", "is", null).execute();
    expect(unreadAlerts).toHaveLength(2);
    const board = await listKpiBoard({ userId: office.id, orgId: org.id });
    expect(board.kpis.filter((k) => k.status === "past_threshold").map((k) => k.name).sort()).toEqual(["信用卡投诉率", "信用卡热线平均处理时长"].sort());
    expect(board.summary.openAlerts).toBe(1);
    expect(board.summary.overdue).toBe(0);
  });
});
