/**
 * The CEO report on both databases: the numbers of a seeded scenario in the last full quarter
 * (satisfaction start/end/target, initiative counts and RAG as the portfolio computes them, red
 * reasons, done in the period, new pain points, alerts of the period, next steps), who may read
 * it (another organisation's CX office sees nothing of ours; project team and viewers are
 * refused), and periods out of range refused with the reason.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { buildCeoReport, reportScope, requireReportScope } from "../../app/models/ceo-report.server";
import { resolveReportPeriod } from "../../app/models/report-period-range.server";
import { journeyDocName, putCard, putPainPoint, readJourneyContent } from "../../app/models/journey-doc";
import { createJourneyMap } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { dayStartInstant, periodContaining, shiftPeriod, todayInZone } from "../../app/models/report-period";
import { createUser } from "../../app/models/user.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Noon of a day in China, as a stored timestamp. */
const at = (day: string) => new Date(Date.parse(dayStartInstant(day)) + 12 * 3_600_000).toISOString();

describe.each(dialects())("CEO report on %s", (dialect) => {
  let env: VisionTestEnv;
  const today = todayInZone();
  const period = shiftPeriod(periodContaining("quarter", today), -1);
  const next = shiftPeriod(period, 1);
  const viewer = () => ({ userId: env.demo.users.office, orgId: env.demo.orgId, locale: "en" as const });

  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function kpi(template: string, over: Record<string, unknown> = {}) {
    const id = newId();
    await db()
      .insertInto("kpis")
      .values({
        id, program_id: env.demo.programId, name: template.toUpperCase(), kind: "outcome", template, description: "", unit: "points", direction: "up",
        baseline: null, target: 20, alert_threshold: 0, owner_id: null, cadence: "monthly", journey_map_id: null, touchpoint_id: null,
        created_by: null, created_at: nowIso(), updated_at: nowIso(), archived_at: null, ...over,
      })
      .execute();
    return id;
  }
  const measure = (kpiId: string, day: string, value: number) =>
    db().insertInto("kpi_measurements").values({ id: newId(), kpi_id: kpiId, measured_on: day, value, source: "manual", note: "", created_by: null, created_at: nowIso(), updated_at: nowIso() }).execute();
  async function initiative(title: string, status: string, over: Record<string, unknown> = {}) {
    const id = newId();
    await db()
      .insertInto("initiatives")
      .values({
        id, program_id: env.demo.programId, kind: "quick_win", title, description: "", lever: "defaults", lever_custom: null, owner_id: env.demo.users.team,
        expected_result: "", start_date: null, due_date: null, team_size: null, status: status as "idea", status_changed_at: nowIso(), result_notes: "",
        created_by: null, created_at: nowIso(), updated_at: nowIso(), ...over,
      })
      .execute();
    return id;
  }
  const alert = (kpiId: string, day: string, status: "open" | "acknowledged", kind: "threshold" | "stale" = "threshold") =>
    db()
      .insertInto("kpi_alerts")
      .values({ id: newId(), org_id: env.demo.orgId, program_id: env.demo.programId, kpi_id: kpiId, kind, period_key: day, value: kind === "threshold" ? -3 : null, threshold: 0, status, detected_at: at(day), acknowledged_by: null, acknowledged_at: null, ack_note: null })
      .execute();

  async function seedScenario() {
    const nps = await kpi("nps");
    await measure(nps, addDays(period.start, -10), 5);
    await measure(nps, addDays(period.start, 5), 8);
    await measure(nps, addDays(period.start, 40), 12);
    await measure(nps, period.end, 15);
    await measure(nps, addDays(period.end, 3), 30); // after the period: not in it
    const csat = await kpi("csat", { unit: "percent", target: 85, alert_threshold: 70 });
    const fcr = await kpi("fcr"); // not a satisfaction KPI
    await measure(fcr, addDays(period.start, 3), 70);

    const overdue = await initiative("Overdue push", "in_progress", { due_date: addDays(today, -3) });
    await initiative("Done in the period", "done", { status_changed_at: at(addDays(period.start, 20)), result_notes: "Calls down 30%" });
    await initiative("Done before", "done", { status_changed_at: at(addDays(period.start, -20)) });
    const dueNext = await initiative("Due next", "approved", { due_date: next.end });
    await initiative("An idea", "idea");
    await db().insertInto("kpi_initiatives").values({ kpi_id: fcr, initiative_id: dueNext, created_at: nowIso() }).execute();

    const team = await env.actor("team");
    const mapId = (await createJourneyMap(team, { name: "Card application", persona: "Young professional" }, "en")).id;
    const doc = env.live.doc(journeyDocName(mapId));
    const stageId = readJourneyContent(doc).stages[0].id;
    doc.transact(() => {
      putCard(doc, { id: "tp1", lane: "touchpoints", stageId, text: "Progress page", channel: "web", position: 1, createdBy: null, createdAt: nowIso() });
      const pain = { touchpointId: "tp1", description: "", reach: 3, impact: 3, effort: 3, source: "top_down" as const, status: "open" as const, createdBy: null };
      putPainPoint(doc, { ...pain, id: "pp-new", title: "New in the period", severity: 4, createdAt: at(addDays(period.start, 10)) });
      putPainPoint(doc, { ...pain, id: "pp-old", title: "Found before", severity: 2, createdAt: at(addDays(period.start, -30)) });
    });
    await db().transaction().execute((tx) => saveJourneyProjection(tx, mapId, env.demo.programId, readJourneyContent(doc)));

    await alert(nps, addDays(period.start, 6), "acknowledged");
    await alert(fcr, addDays(period.start, 50), "open", "stale");
    await alert(nps, addDays(period.start, -40), "open"); // before the period: only among the open ones
    await db()
      .insertInto("loop_cycles")
      .values({ id: newId(), program_id: env.demo.programId, kind: "small", number: 3, title: "Sprint 3", goal: "Halve progress calls", starts_on: addDays(today, -7), ends_on: addDays(today, 7), status: "open", previous_cycle_id: null, result_json: null, closed_by: null, closed_at: null, created_by: null, created_at: nowIso() })
      .execute();
    return { nps, csat, fcr, overdue, dueNext, mapId };
  }

  it("reports the numbers of the period", async () => {
    const { nps, csat, overdue, dueNext, mapId } = await seedScenario();
    const { period: picked } = await resolveReportPeriod(env.demo.orgId, null);
    expect(picked.key).toBe(period.key);
    const report = await buildCeoReport(viewer(), picked, { today });
    expect(report.period).toMatchObject({ key: period.key, next: { key: next.key }, open: false });
    expect(report.programs.map((p) => p.id)).toEqual([env.demo.programId]);
    const p = report.programs[0];

    expect(p.satisfaction.map((k) => k.id)).toEqual([nps, csat]);
    expect(p.satisfaction[0]).toMatchObject({
      start: { date: addDays(period.start, -10), value: 5 },
      end: { date: period.end, value: 15 },
      change: 10,
      trend: "improving",
      status: "off_target",
      target: 20,
    });
    expect(p.satisfaction[0].points.map((x) => x.value)).toEqual([8, 12, 15]);
    expect(p.satisfaction[1]).toMatchObject({ start: null, end: null, change: null, status: "no_data", points: [] });

    expect(p.initiatives.byStatus).toEqual({ idea: 1, approved: 1, in_progress: 1, done: 2, dropped: 0 });
    expect(p.initiatives.byHealth.red).toBe(1);
    expect(p.initiatives.byHealth.closed).toBe(2);
    expect(p.initiatives.byHealth.red + p.initiatives.byHealth.amber + p.initiatives.byHealth.green).toBe(3);
    expect(p.initiatives.red.map((i) => i.id)).toEqual([overdue]);
    expect(p.initiatives.red[0].reasons[0]).toEqual({ code: "overdue", days: 3 });
    expect(p.initiatives.doneInPeriod.map((d) => [d.title, d.resultNotes])).toEqual([["Done in the period", "Calls down 30%"]]);

    expect(p.problems.painPoints.map((x) => [x.id, x.mapId])).toEqual([["pp-new", mapId]]);
    expect(p.problems.painPoints[0].url).toBe(`/programs/${env.demo.programId}/journeys/${mapId}?painPoint=pp-new`);
    expect(p.problems.alerts.map((a) => [a.kind, a.status]).sort()).toEqual([["stale", "open"], ["threshold", "acknowledged"]]);

    // Open and due in the next period (the overdue one too, when its due day falls in it).
    expect(p.nextSteps.dueNext.map((i) => i.id)).toEqual([...(addDays(today, -3) >= next.start ? [overdue] : []), dueNext]);
    expect(p.nextSteps.cycles).toEqual([expect.objectContaining({ kind: "small", number: 3, title: "Sprint 3", goal: "Halve progress calls" })]);
    expect(p.nextSteps.openAlerts).toHaveLength(2);

    expect(report.summary).toMatchObject({
      programs: 1, satisfactionKpis: 2, onTarget: 0, improving: 1, red: 1, doneInPeriod: 1, newPainPoints: 1, alerts: 2, openCycles: 1, openAlerts: 2,
    });
    // Leadership of the program reads the same numbers.
    const exec = await buildCeoReport({ ...viewer(), userId: env.demo.users.exec }, picked, { today });
    expect(exec.summary).toEqual(report.summary);
  });

  it("shows another organisation's CX office nothing of ours, and refuses those without report.view", async () => {
    await seedScenario();
    const stranger = await createUser({ email: `office-${newId().slice(0, 8)}@other.test`, name: "Other office", password: "password-123" });
    const org = await createOrganization(stranger.id, { name: "别家", name_en: "Other" });
    await db().updateTable("org_members").set({ role: "cx_office" }).where("org_id", "=", org.id).where("user_id", "=", stranger.id).execute();
    await createProgram(stranger.id, org.id, { name: "Theirs", name_en: null, description: "" });
    const theirs = await buildCeoReport({ userId: stranger.id, orgId: org.id, locale: "en" }, period, { today });
    expect(theirs.programs.map((p) => p.name)).toEqual(["Theirs"]);
    expect(theirs.summary).toMatchObject({ satisfactionKpis: 0, red: 0, alerts: 0, newPainPoints: 0 });
    // Asking for our organisation gives them nothing (they are not in it).
    const peek = await reportScope({ userId: stranger.id, orgId: env.demo.orgId, locale: "en" });
    expect(peek).toEqual({ programs: [], seesAll: false });
    expect((await refusal(buildCeoReport({ userId: stranger.id, orgId: env.demo.orgId, locale: "en" }, period, { today }))).status).toBe(403);

    for (const who of ["team", "rep", "frontline", "viewer"] as const) {
      const e = await refusal(requireReportScope({ userId: env.demo.users[who], orgId: env.demo.orgId, locale: "en" }));
      expect(e.status, who).toBe(403);
      expect(e.key).toBe("report.errors.forbidden");
    }
    for (const who of ["office", "lead", "exec"] as const) {
      expect((await requireReportScope({ userId: env.demo.users[who], orgId: env.demo.orgId, locale: "en" })).programs.map((p) => p.id), who).toEqual([env.demo.programId]);
    }
  });

  it("refuses malformed periods, periods before the organisation's history and too far ahead", async () => {
    await seedScenario();
    const now = new Date();
    for (const [raw, key] of [
      ["2026-Q9", "report.errors.malformed"],
      ["last quarter", "report.errors.malformed"],
      ["2001-Q1", "report.errors.tooEarly"],
      [shiftPeriod(periodContaining("quarter", today), 2).key, "report.errors.tooFarAhead"],
      [shiftPeriod(periodContaining("month", today), 2).key, "report.errors.tooFarAhead"],
    ] as const) {
      const e = await refusal(resolveReportPeriod(env.demo.orgId, raw, now));
      expect(e.status, raw).toBe(400);
      expect(e.key, raw).toBe(key);
    }
    // The history starts at the earliest measurement (before the organisation was created here).
    const range = await resolveReportPeriod(env.demo.orgId, period.key, now);
    expect(range.historyStart).toBe(addDays(period.start, -10));
    expect(range.options.quarters[0].key).toBe(shiftPeriod(periodContaining("quarter", today), 1).key);
    expect((await resolveReportPeriod(env.demo.orgId, shiftPeriod(periodContaining("quarter", today), 1).key, now)).period.key).toBe(shiftPeriod(periodContaining("quarter", today), 1).key);
  });
});
