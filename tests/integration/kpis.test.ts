/** KPI registry and measurements on both databases: templates, validation, permissions, batches in one transaction, the replace rule, CSV import. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, nowIso } from "../../app/db.server";
import { createInitiative } from "../../app/models/initiatives.server";
import { addMeasurement, addMeasurements, importMeasurementCsv, listMeasurements, previewMeasurementCsv, validateMeasurementCsv } from "../../app/models/kpi-measurements.server";
import { createKpi, initiativeKpiWarnings, linkKpiInitiative, listKpis, setKpiArchived, unlinkKpiInitiative, updateKpi } from "../../app/models/kpis.server";
import { createJourneyMap } from "../../app/models/journey-maps.server";
import { journeyDocName, putCard, readJourneyContent } from "../../app/models/journey-doc";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const enc = (s: string) => new TextEncoder().encode(s);

describe.each(dialects())("KPIs on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const audit = (id: string) =>
    db().selectFrom("audit_log").select(["action", "actor_id"]).where("entity_id", "=", id).orderBy("created_at").orderBy("id").execute();
  const rows = (kpiId: string) => db().selectFrom("kpi_measurements").select(["measured_on", "value", "note", "source"]).where("kpi_id", "=", kpiId).orderBy("measured_on").execute();

  it("creates a KPI from the NPS template in the caller's language, audited, and lists it with no data", async () => {
    const team = await env.actor("team");
    const k = await createKpi(team, { template: "nps", target: 20, alertThreshold: 0, baseline: -8 }, "zh-CN");
    expect(k).toMatchObject({ name: "净推荐值（NPS）", kind: "outcome", unit: "points", direction: "up", cadence: "monthly", template: "nps", target: 20, status: "no_data", latest: null });
    const en = await createKpi(team, { template: "fcr" }, "en");
    expect(en.name).toBe("First-contact resolution (FCR)");
    expect((await audit(k.id)).map((a) => a.action)).toEqual(["create"]);
    expect((await listKpis(env.demo.programId)).map((x) => x.id).sort()).toEqual([k.id, en.id].sort());
  });

  it("validates input with field errors and checks references against the program", async () => {
    const team = await env.actor("team");
    const e1 = await refusal(createKpi(team, { name: "", kind: "sideways", unit: "%", direction: "up" }));
    expect(e1.status).toBe(422);
    expect(e1.fields).toMatchObject({ name: "validation.required", kind: "kpis.errors.kindRequired" });
    const e2 = await refusal(createKpi(team, { template: "aht", target: 6, alertThreshold: 5 }));
    expect(e2.fields).toEqual({ alertThreshold: "kpis.errors.thresholdSide_down" });
    const e3 = await refusal(
      createKpi(team, { template: "csat", ownerId: env.demo.users.viewer, journeyMapId: "no-such-map", initiativeIds: ["nope"] }),
    );
    expect(e3.fields).toEqual({ ownerId: "kpis.errors.ownerUnknown", journeyMapId: "kpis.errors.mapUnknown", initiativeIds: "kpis.errors.initiativeUnknown" });

    const mapId = (await createJourneyMap(team, { name: "Card application", persona: "Young professional" }, "en")).id;
    const doc = env.live.doc(journeyDocName(mapId));
    const stageId = readJourneyContent(doc).stages[0].id;
    doc.transact(() => putCard(doc, { id: "tp-progress", lane: "touchpoints", stageId, text: "Progress page", channel: "web", position: 1, createdBy: null, createdAt: nowIso() }));
    await db().transaction().execute((tx) => saveJourneyProjection(tx, mapId, env.demo.programId, readJourneyContent(doc)));
    const e4 = await refusal(createKpi(team, { template: "csat", journeyMapId: mapId, touchpointId: "tp-missing" }));
    expect(e4.fields).toEqual({ touchpointId: "kpis.errors.touchpointUnknown" });
    const ok = await createKpi(team, { template: "csat", journeyMapId: mapId, touchpointId: "tp-progress" });
    expect(ok.journeyMap).toEqual({ id: mapId, name: "Card application" });
    expect(ok.touchpoint).toEqual({ id: "tp-progress", text: "Progress page" });
    expect(await db().selectFrom("kpis").select("id").execute()).toHaveLength(1);
  });

  it("refuses viewers, frontline and the CX office (writes) and the leadership; they still read", async () => {
    const k = await createKpi(await env.actor("lead"), { template: "fcr" });
    for (const who of ["viewer", "frontline", "office", "exec", "rep"] as const) {
      const a = await env.actor(who);
      expect((await refusal(createKpi(a, { template: "nps" }))).status, who).toBe(403);
      expect((await refusal(updateKpi(a, k.id, { template: "fcr", name: "x" }))).status, who).toBe(403);
      expect((await refusal(addMeasurement(a, k.id, { date: day(0), value: 70 }))).status, who).toBe(403);
      expect((await refusal(addMeasurements(a, k.id, { measurements: [{ date: day(0), value: 70 }] }))).status, who).toBe(403);
      expect((await listMeasurements(a, k.id)).length, who).toBe(0);
    }
    expect(await db().selectFrom("kpis").select("id").execute()).toHaveLength(1);
    expect(await rows(k.id)).toEqual([]);
  });

  it("accepts a batch of 10,000 in one transaction with one audit entry", async () => {
    const team = await env.actor("team");
    const k = await createKpi(team, { template: "aht" });
    const start = Date.now() - 10_000 * 86_400_000;
    const measurements = Array.from({ length: 10_000 }, (_, i) => ({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), value: 5 + (i % 7) / 10 }));
    expect(await addMeasurements(team, k.id, { measurements }, "api")).toEqual({ inserted: 10_000, replaced: 0 });
    const count = await db().selectFrom("kpi_measurements").select((eb) => eb.fn.countAll<number>().as("n")).where("kpi_id", "=", k.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(10_000);
    expect((await audit(k.id)).map((a) => a.action).sort()).toEqual(["create", "measurements:batch"]);
    const view = (await listKpis(env.demo.programId))[0];
    expect(view.measurementCount).toBe(10_000);
    expect(view.sparkline).toHaveLength(16);
  });

  it("refuses a batch with one bad row whole: nothing is written", async () => {
    const team = await env.actor("team");
    const k = await createKpi(team, { template: "fcr" });
    await addMeasurement(team, k.id, { date: day(-30), value: 60 });
    const measurements = Array.from({ length: 500 }, (_, i) => ({ date: day(-i - 1), value: 70 }));
    measurements[321] = { date: day(-322), value: "seventy" as unknown as number };
    const e = await refusal(addMeasurements(team, k.id, { measurements }));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({ "measurements.321.value": "kpis.errors.notNumber" });
    expect(await rows(k.id)).toEqual([{ measured_on: day(-30), value: 60, note: "", source: "manual" }]);
    // Too large: refused whole too.
    const big = await refusal(addMeasurements(team, k.id, { measurements: Array(10_001).fill({ date: day(0), value: 1 }) }));
    expect(big.fields).toEqual({ measurements: "kpis.errors.batchTooLarge" });
  });

  it("refuses a date more than one day ahead and non-numeric values", async () => {
    const team = await env.actor("team");
    const k = await createKpi(team, { template: "csat" });
    expect((await refusal(addMeasurement(team, k.id, { date: day(2), value: 80 }))).fields).toEqual({ date: "kpis.errors.futureDate" });
    expect((await refusal(addMeasurement(team, k.id, { date: day(0), value: "80abc" }))).fields).toEqual({ value: "kpis.errors.notNumber" });
    expect(await addMeasurement(team, k.id, { date: day(1), value: 80 })).toEqual({ inserted: 1, replaced: 0 });
  });

  it("replaces the value of a day already measured (the later write wins, also inside a batch)", async () => {
    const team = await env.actor("team");
    const lead = await env.actor("lead");
    const k = await createKpi(team, { template: "csat", target: 85, alertThreshold: 70 });
    expect(await addMeasurement(team, k.id, { date: day(-7), value: 72, note: "first" })).toEqual({ inserted: 1, replaced: 0 });
    expect(await addMeasurement(lead, k.id, { date: day(-7), value: 74, note: "corrected" })).toEqual({ inserted: 0, replaced: 1 });
    expect(await addMeasurements(team, k.id, { measurements: [{ date: day(0), value: 60 }, { date: day(-7), value: 75 }, { date: day(0), value: 86 }] }, "api")).toEqual({ inserted: 1, replaced: 1 });
    expect(await rows(k.id)).toEqual([
      { measured_on: day(-7), value: 75, note: "", source: "api" },
      { measured_on: day(0), value: 86, note: "", source: "api" },
    ]);
    // (Entries of the same millisecond have no order: compare as a set.)
    expect((await audit(k.id)).map((a) => a.action).sort()).toEqual(["create", "measurement:add", "measurement:replace", "measurements:batch"]);
    const v = (await listKpis(env.demo.programId))[0];
    expect(v).toMatchObject({ latest: { date: day(0), value: 86 }, previous: { date: day(-7), value: 75 }, status: "on_target", trend: "improving" });
  });

  it("imports a CSV: every bad row reported by line, good rows only, in one go", async () => {
    const team = await env.actor("team");
    const k = await createKpi(team, { template: "repeat_contact" });
    const csv = ["日期,数值,备注", "2026-01-05,18.5,基线", "2026/1/12,17", "2026-01-19,abc", `${day(3)},12`, ",11", "2026年1月26日,16.2%,", "2026-01-12,16.9,更正"].join("\r\n");
    const report = await previewMeasurementCsv(team, k.id, enc(csv));
    expect(report).toMatchObject({ total: 7, errorRows: 3, duplicateDays: 1 });
    expect(report.errors).toEqual([
      { line: 4, field: "value", code: "number", value: "abc" },
      { line: 5, field: "date", code: "future", value: day(3) },
      { line: 6, field: "date", code: "required", value: "" },
    ]);
    expect(await rows(k.id)).toEqual([]); // the preview writes nothing
    expect(await importMeasurementCsv(team, k.id, { filename: "repeat.csv", bytes: enc(csv) })).toEqual({ inserted: 3, replaced: 0, skipped: 3 });
    expect((await rows(k.id)).map((r) => [r.measured_on, r.value, r.note, r.source])).toEqual([
      ["2026-01-05", 18.5, "基线", "csv"],
      ["2026-01-12", 16.9, "更正", "csv"],
      ["2026-01-26", 16.2, "", "csv"],
    ]);
    // A file without a good row, or without the columns, is refused and writes nothing.
    expect((await refusal(importMeasurementCsv(team, k.id, { filename: "x.csv", bytes: enc("date,value\nnope,1\n") }))).key).toBe("kpis.csv.errors.noValidRows");
    expect((await refusal(previewMeasurementCsv(team, k.id, enc("a,b\n1,2\n")))).key).toBe("kpis.csv.errors.columns");
    expect(validateMeasurementCsv(enc("2026-01-05,3\n2026-01-06,4\n")).valid).toHaveLength(2); // no header
    expect((await refusal(importMeasurementCsv(await env.actor("viewer"), k.id, { filename: "x.csv", bytes: enc(csv) }))).status).toBe(403);
    expect(await rows(k.id)).toHaveLength(3);
  });

  it("archives: no new values, 409; restore brings it back", async () => {
    const team = await env.actor("team");
    const k = await createKpi(team, { template: "churn" });
    await setKpiArchived(team, k.id, true);
    expect((await refusal(addMeasurement(team, k.id, { date: day(0), value: 2 }))).status).toBe(409);
    expect(await listKpis(env.demo.programId)).toEqual([]);
    expect(await listKpis(env.demo.programId, { includeArchived: true })).toHaveLength(1);
    await setKpiArchived(team, k.id, false);
    expect(await addMeasurement(team, k.id, { date: day(0), value: 2 })).toEqual({ inserted: 1, replaced: 0 });
  });

  it("links initiatives and warns those without a process and an outcome KPI", async () => {
    const team = await env.actor("team");
    const w = await createInitiative(team, { title: "Proactive progress push", lever: "progress_feedback", ownerId: env.demo.users.team });
    expect((await initiativeKpiWarnings(env.demo.programId)).find((c) => c.initiativeId === w.id)!.warnings).toEqual([{ key: "noProcessKpi" }, { key: "noOutcomeKpi" }]);
    const fcr = await createKpi(team, { template: "fcr", initiativeIds: [w.id] });
    expect((await initiativeKpiWarnings(env.demo.programId))[0].warnings).toEqual([{ key: "noOutcomeKpi" }]);
    const nps = await createKpi(team, { template: "nps" });
    await linkKpiInitiative(team, nps.id, w.id);
    await linkKpiInitiative(team, nps.id, w.id); // twice: no change
    expect((await initiativeKpiWarnings(env.demo.programId))[0]).toMatchObject({ warnings: [], kpis: expect.arrayContaining([expect.objectContaining({ id: fcr.id }), expect.objectContaining({ id: nps.id })]) });
    await unlinkKpiInitiative(team, fcr.id, w.id);
    expect((await initiativeKpiWarnings(env.demo.programId))[0].warnings).toEqual([{ key: "noProcessKpi" }]);
    expect((await refusal(linkKpiInitiative(team, nps.id, "foreign"))).fields).toEqual({ initiativeId: "kpis.errors.initiativeUnknown" });
    expect((await refusal(linkKpiInitiative(await env.actor("frontline"), nps.id, w.id))).status).toBe(403);
    expect((await audit(nps.id)).map((a) => a.action).sort()).toEqual(["create", "link_initiative"]);
  });
});
