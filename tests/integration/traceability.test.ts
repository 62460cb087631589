/**
 * Traceability on both databases: a KPI traced back through its initiatives and touchpoint to pain
 * points, their evidence (feedback counted once across both link tables, files), the journey map
 * and the vision standards served; forward from each pain point to every initiative addressing
 * it and the KPIs measuring those; an initiative's trace; honest gaps; foreign ids → 404; and the
 * "Serves standard" check on the initiative and KPI models.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { createInitiative, getInitiative, updateInitiative } from "../../app/models/initiatives.server";
import { journeyDocName, putCard, putPainPoint, readJourneyContent } from "../../app/models/journey-doc";
import { createJourneyMap } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { createKpi, getKpi, updateKpi } from "../../app/models/kpis.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { traceOf } from "../../app/models/traceability.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("traceability on %s", (dialect) => {
  let env: VisionTestEnv;
  let mapId: string;
  let recordIds: string[];
  let fileId: string;

  /** Publishes vision versions with the given standard keys (the latest last). */
  async function publish(versions: string[][]) {
    for (const [n, keys] of versions.entries()) {
      const versionId = newId();
      await db().insertInto("vision_versions").values({ id: versionId, program_id: env.demo.programId, version: n + 1, statement: "Vision", published_by: env.demo.users.lead, published_at: nowIso() }).execute();
      await db()
        .insertInto("vision_standards")
        .values(keys.map((key, i) => ({ id: newId(), version_id: versionId, standard_key: key, position: i, title: `Standard ${key}`, description: `About ${key}`, measurable_hint: "" })))
        .execute();
    }
  }

  beforeEach(async () => {
    env = await setupVision(dialect);
    const team = await env.actor("team");
    await publish([["std-old", "std-wait"], ["std-wait", "std-simple"]]);
    mapId = (await createJourneyMap(team, { name: "Card application", persona: "Young professional" }, "en")).id;
    const doc = env.live.doc(journeyDocName(mapId));
    const stageId = readJourneyContent(doc).stages[0].id;
    doc.transact(() => {
      putCard(doc, { id: "tp-progress", lane: "touchpoints", stageId, text: "Progress page", channel: "web", position: 1, createdBy: null, createdAt: nowIso() });
      putCard(doc, { id: "tp-hotline", lane: "touchpoints", stageId, text: "Hotline", channel: "phone", position: 2, createdBy: null, createdAt: nowIso() });
      const pain = { description: "", reach: 4, impact: 4, effort: 2, source: "bottom_up" as const, status: "confirmed" as const, createdBy: null, createdAt: nowIso() };
      putPainPoint(doc, { ...pain, id: "pp-opaque", touchpointId: "tp-progress", title: "Progress is opaque", severity: 5 });
      putPainPoint(doc, { ...pain, id: "pp-repeat", touchpointId: "tp-hotline", title: "Calls again and again", severity: 3 });
    });
    await db().transaction().execute((tx) => saveJourneyProjection(tx, mapId, env.demo.programId, readJourneyContent(doc)));

    // Evidence: three records (one linked through both tables), one file.
    recordIds = [newId(), newId(), newId()];
    await db()
      .insertInto("feedback_records")
      .values(
        recordIds.map((id, i) => ({
          id, program_id: env.demo.programId, import_id: null, source: "manual" as const, occurred_on: `2026-06-0${i + 1}`, channel: "web", segment: "young", contact_reason: "progress",
          score: i + 1, score_min: 1, score_max: 5, text: `Where is my card? (${i + 1})`, customer_id: null, created_by: null, created_at: nowIso(),
        })),
      )
      .execute();
    const link = (evidenceType: "feedback" | "file", evidenceId: string, target = "pp-opaque") => ({
      id: newId(), map_id: mapId, target_type: "pain_point" as const, target_id: target, evidence_type: evidenceType, evidence_id: evidenceId, created_by: null, created_at: nowIso(),
    });
    fileId = newId();
    await db()
      .insertInto("journey_evidence")
      .values({ id: fileId, program_id: env.demo.programId, kind: "file", title: "Call recordings, June", url: null, filename: "june.mp3", mime: "audio/mpeg", size_bytes: 10, storage_path: "x", uploaded_by: null, created_at: nowIso() })
      .execute();
    await db().insertInto("journey_evidence_links").values([link("feedback", recordIds[0]), link("feedback", recordIds[1]), link("file", fileId)]).execute();
    await db()
      .insertInto("feedback_links")
      .values([recordIds[1], recordIds[2]].map((recordId) => ({ id: newId(), record_id: recordId, program_id: env.demo.programId, target_type: "pain_point" as const, map_id: mapId, target_id: "pp-opaque", created_by: null, created_at: nowIso() })))
      .execute();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const initiativeInput = (over: Record<string, unknown> = {}) => ({
    title: "Proactive progress push",
    lever: "progress_feedback",
    ownerId: env.demo.users.team,
    painPoints: [{ mapId, painPointId: "pp-opaque" }],
    ...over,
  });

  async function scenario() {
    const team = await env.actor("team");
    const push = await createInitiative(team, initiativeInput({ standardKey: "std-wait" }));
    const hotline = await createInitiative(team, initiativeInput({ title: "Call back within a day", painPoints: [{ mapId, painPointId: "pp-opaque" }, { mapId, painPointId: "pp-repeat" }] }));
    const csat = await createKpi(team, { template: "csat", standardKey: "std-simple", journeyMapId: mapId, touchpointId: "tp-hotline", initiativeIds: [push.id], target: 85 });
    const fcr = await createKpi(team, { template: "fcr", initiativeIds: [hotline.id] });
    await db().insertInto("kpi_measurements").values({ id: newId(), kpi_id: csat.id, measured_on: "2026-06-30", value: 81.5, source: "manual", note: "", created_by: null, created_at: nowIso(), updated_at: nowIso() }).execute();
    return { push, hotline, csat, fcr };
  }

  it("traces a KPI back to its initiatives, pain points, evidence, map and standards — and forward again", async () => {
    const { push, hotline, csat, fcr } = await scenario();
    const view = await traceOf(await env.actor("viewer"), "kpi", csat.id);
    expect(view.root).toEqual({ kind: "kpi", id: csat.id, title: csat.name });
    expect(view.initiatives.map((i) => i.id)).toEqual([push.id]);
    expect(view.initiatives[0]).toMatchObject({ standardKey: "std-wait", painPoints: [`${mapId}:pp-opaque`], kpiIds: [csat.id] });
    // Back: the initiative's pain point, and the pain point on the KPI's touchpoint.
    expect(view.painPoints.map((p) => [p.id, p.via])).toEqual([
      ["pp-opaque", "initiative"],
      ["pp-repeat", "touchpoint"],
    ]);
    const opaque = view.painPoints[0];
    expect(opaque).toMatchObject({ title: "Progress is opaque", severity: 5, exists: true, touchpoint: { id: "tp-progress", text: "Progress page" } });
    // Forward: everything addressing it, and what measures those.
    expect(opaque.addressedBy.map((i) => i.id)).toEqual([push.id, hotline.id]);
    expect(opaque.measuredBy.map((k) => k.id).sort()).toEqual([csat.id, fcr.id].sort());
    // Evidence: three distinct records (one is linked twice), the file; the newest quotes first.
    const ev = view.evidence.find((e) => e.painPointId === "pp-opaque")!;
    expect(ev.feedback.count).toBe(3);
    expect(ev.feedback.scored).toBe(3);
    expect(ev.feedback.satisfaction).toBeCloseTo(0.25, 3);
    expect(ev.feedback.samples.map((s) => s.occurredOn)).toEqual(["2026-06-03", "2026-06-02", "2026-06-01"]);
    expect(ev.items).toEqual([{ id: fileId, kind: "file", title: "Call recordings, June", url: null, filename: "june.mp3" }]);
    expect(view.evidence.find((e) => e.painPointId === "pp-repeat")).toMatchObject({ feedback: { count: 0, samples: [] }, items: [] });
    expect(view.maps).toEqual([{ id: mapId, name: "Card application", persona: "Young professional", state: "current", archived: false }]);
    // Standards from the latest version that has them, with what serves each.
    expect(view.standards.map((s) => [s.key, s.version, s.current, s.servedBy.map((x) => x.id)])).toEqual([
      ["std-wait", 2, true, [push.id]],
      ["std-simple", 2, true, [csat.id]],
    ]);
    expect(view.withoutStandard).toEqual([]);
    expect(view.kpis).toEqual([
      expect.objectContaining({ id: csat.id, latest: { date: "2026-06-30", value: 81.5 }, status: "off_target", touchpoint: { id: "tp-hotline", text: "Hotline" }, initiativeIds: [push.id] }),
    ]);
  });

  it("traces an initiative and shows what is missing honestly", async () => {
    const { push, hotline, fcr } = await scenario();
    const view = await traceOf(await env.actor("office"), "initiative", hotline.id);
    expect(view.root).toEqual({ kind: "initiative", id: hotline.id, title: "Call back within a day" });
    expect(view.painPoints.map((p) => p.id)).toEqual(["pp-opaque", "pp-repeat"]);
    expect(view.kpis.map((k) => k.id)).toEqual([fcr.id]);
    expect(view.standards).toEqual([]);
    expect(view.withoutStandard.map((x) => x.id).sort()).toEqual([hotline.id, fcr.id].sort());
    expect(view.painPoints.find((p) => p.id === "pp-repeat")!.addressedBy.map((i) => i.id)).toEqual([hotline.id]);
    expect(view.painPoints.find((p) => p.id === "pp-opaque")!.addressedBy.map((i) => i.id)).toEqual([push.id, hotline.id]);

    // An initiative without pain points traces to nothing but itself.
    const bare = await createInitiative(await env.actor("team"), initiativeInput({ title: "Welcome gift", painPoints: [] }));
    const empty = await traceOf(await env.actor("team"), "initiative", bare.id);
    expect(empty).toMatchObject({ painPoints: [], evidence: [], maps: [], kpis: [], standards: [], withoutStandard: [{ kind: "initiative", id: bare.id }] });
  });

  it("answers 404 for another program's KPI or initiative, an unknown id or kind", async () => {
    const { csat } = await scenario();
    const org = await createOrganization(env.demo.users.lead, { name: "别家", name_en: null });
    const other = await createProgram(env.demo.users.lead, org.id, { name: "Other", name_en: null, description: "" });
    const foreignKpi = newId();
    await db()
      .insertInto("kpis")
      .values({ id: foreignKpi, program_id: other.id, name: "Foreign NPS", kind: "outcome", template: "nps", description: "", unit: "points", direction: "up", baseline: null, target: null, alert_threshold: null, owner_id: null, cadence: "monthly", journey_map_id: null, touchpoint_id: null, created_by: null, created_at: nowIso(), updated_at: nowIso(), archived_at: null })
      .execute();
    const viewer = await env.actor("viewer");
    for (const [kind, id] of [["kpi", foreignKpi], ["kpi", "no-such-id"], ["initiative", csat.id], ["journey", csat.id], ["kpi", "x".repeat(200)]] as const) {
      const e = await refusal(traceOf(viewer, kind, id));
      expect(e.status, `${kind}/${id}`).toBe(404);
      expect(e.key).toBe("trace.errors.notFound");
    }
  });

  it("checks 'Serves standard' against the latest published standards, keeps a retired one on edit", async () => {
    const team = await env.actor("team");
    const e1 = await refusal(createInitiative(team, initiativeInput({ standardKey: "std-old" })));
    expect(e1.status).toBe(422);
    expect(e1.fields).toEqual({ standardKey: "initiatives.errors.standardUnknown" });
    const e2 = await refusal(createKpi(team, { template: "nps", standardKey: "nope" }));
    expect(e2.fields).toEqual({ standardKey: "kpis.errors.standardUnknown" });

    const w = await createInitiative(team, initiativeInput({ standardKey: "std-simple" }));
    expect(w.standardKey).toBe("std-simple");
    // Left out: unchanged; "" clears it.
    expect((await updateInitiative(team, w.id, initiativeInput({ title: "Renamed" }))).standardKey).toBe("std-simple");
    expect((await updateInitiative(team, w.id, initiativeInput({ standardKey: "" }))).standardKey).toBeNull();

    const k = await createKpi(team, { template: "nps", standardKey: "std-wait" });
    expect(k.standardKey).toBe("std-wait");
    // A key the latest version dropped is kept while editing other fields, but cannot be chosen anew.
    await db().updateTable("kpis").set({ standard_key: "std-old" }).where("id", "=", k.id).execute();
    expect((await updateKpi(team, k.id, { template: "nps", name: "NPS (card)", standardKey: "std-old" })).standardKey).toBe("std-old");
    const other = await createKpi(team, { template: "csat" });
    expect((await refusal(updateKpi(team, other.id, { template: "csat", standardKey: "std-old" }))).fields).toEqual({ standardKey: "kpis.errors.standardUnknown" });
    expect((await getKpi(team, other.id)).standardKey).toBeNull();
    expect((await getInitiative(team, w.id)).standardKey).toBeNull();
    const audit = await db().selectFrom("audit_log").select("after_summary").where("entity_id", "=", k.id).where("action", "=", "create").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_summary ?? "{}").standardKey).toBe("std-wait");
  });
});
