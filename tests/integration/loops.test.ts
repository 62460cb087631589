/**
 * Loop cycles on both databases: start (numbered per kind, default dates, the program's KPIs),
 * carrying open items into the next cycle, closing refused without a measurement in the period and
 * accepted with one, the before/after result, read-only after close, refusals, audit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { insertFeedbackRecords } from "../../app/models/feedback-records.server";
import { closeCycle } from "../../app/models/loop-close.server";
import { getCycleBoard, listCycles } from "../../app/models/loop-cycles.server";
import { addCycleItem, addNewInitiativeItem, updateCycleItem } from "../../app/models/loop-items.server";
import { startCycle } from "../../app/models/loop-start.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("loops on %s", (dialect) => {
  let env: VisionTestEnv;

  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function kpi(name: string, kind: "process" | "outcome", direction: "up" | "down", baseline: number | null = null) {
    const id = newId();
    const now = nowIso();
    await db()
      .insertInto("kpis")
      .values({
        id, program_id: env.demo.programId, name, kind, template: null, description: "", unit: "percent", direction, baseline, target: null,
        alert_threshold: null, owner_id: null, cadence: "weekly", journey_map_id: null, touchpoint_id: null, created_by: null, created_at: now, updated_at: now, archived_at: null,
      })
      .execute();
    return id;
  }
  async function measure(kpiId: string, on: string, value: number) {
    const now = nowIso();
    await db().insertInto("kpi_measurements").values({ id: newId(), kpi_id: kpiId, measured_on: on, value, source: "manual", note: "", created_by: null, created_at: now, updated_at: now }).execute();
  }
  const audit = (id: string) => db().selectFrom("audit_log").select("action").where("entity_id", "=", id).orderBy("created_at").orderBy("id").execute();

  it("starts numbered cycles per kind with the default cadence and the program's KPIs, audited", async () => {
    const fcr = await kpi("FCR", "process", "up");
    const team = await env.actor("team");
    const s1 = await startCycle(team, { kind: "small", startsOn: "2026-03-02", goal: "Fewer callbacks" });
    expect(s1).toMatchObject({ kind: "small", number: 1, startsOn: "2026-03-02", endsOn: "2026-03-15", status: "open", kpiCount: 1, goal: "Fewer callbacks" });
    const l1 = await startCycle(team, { kind: "large", startsOn: "2026-01-01" });
    expect(l1).toMatchObject({ number: 1, endsOn: "2026-03-31" });
    expect((await audit(s1.id)).map((a) => a.action)).toEqual(["create"]);
    const board = await getCycleBoard(team, s1.id);
    expect(board.steps.map((s) => s.key)).toEqual(["collect", "initiatives", "processKpis", "outcomeKpis"]);
    expect((await getCycleBoard(team, l1.id)).steps).toHaveLength(6);
    expect(board.kpis.map((k) => k.id)).toEqual([fcr]);
    expect(board.missing).toEqual(["FCR"]);
    // A second small cycle while the first runs: refused.
    expect((await refusal(startCycle(team, { kind: "small" }))).status).toBe(409);
    // Bad input: end before start, a KPI of nowhere.
    expect((await refusal(startCycle(team, { kind: "large", startsOn: "2026-05-01", endsOn: "2026-04-01" }))).fields).toEqual({ endsOn: "loops.errors.endBeforeStart" });
  });

  it("closes only with a measurement of every KPI in the period, records before/after, then is read-only; the next cycle carries open items", async () => {
    const fcr = await kpi("FCR", "process", "up");
    const aht = await kpi("AHT", "process", "down", 9);
    const team = await env.actor("team");
    const c = await startCycle(team, { kind: "small", startsOn: "2026-03-02", endsOn: "2026-03-15" });
    const note = await addCycleItem(team, c.id, { step: 3, itemType: "note", text: "Weekly callback count" });
    const open = await addCycleItem(team, c.id, { step: 4, itemType: "note", text: "Survey results pending" });
    await updateCycleItem(team, note.id, { status: "done" });
    const ini = await addNewInitiativeItem(team, c.id, 2, { title: "Progress push", lever: "progress_feedback", ownerId: env.demo.users.team });
    expect(ini.initiative).toMatchObject({ title: "Progress push", kind: "small_loop" });

    await measure(fcr, "2026-02-20", 60);
    await measure(fcr, "2026-03-01", 62); // before the period
    await measure(aht, "2026-03-16", 7); // after the period
    const e = await refusal(closeCycle(team, c.id));
    expect(e.status).toBe(409);
    expect(e.key).toBe("loops.errors.kpisMissing");
    expect(String(e.vars?.kpis)).toContain("FCR");
    expect(String(e.vars?.kpis)).toContain("AHT");
    expect((await db().selectFrom("loop_cycles").select("status").where("id", "=", c.id).executeTakeFirstOrThrow()).status).toBe("open");

    await measure(fcr, "2026-03-10", 70);
    await measure(fcr, "2026-03-14", 68);
    expect((await refusal(closeCycle(team, c.id))).vars?.kpis).toBe("AHT");
    await measure(aht, "2026-03-15", 9.5);
    const closed = await closeCycle(team, c.id);
    expect(closed.status).toBe("closed");
    const byName = Object.fromEntries(closed.result!.kpis.map((k) => [k.name, k]));
    expect(byName.FCR).toMatchObject({ before: { value: 62, on: "2026-03-01", baseline: false }, after: { value: 68, on: "2026-03-14" }, delta: 6, move: "improved", improved: true });
    expect(byName.AHT).toMatchObject({ before: { value: 9, on: null, baseline: true }, after: { value: 9.5 }, move: "worsened", improved: false });
    expect(closed.result!.items).toEqual({ done: 1, open: 2 });
    expect((await audit(c.id)).map((a) => a.action)).toEqual(["create", "close"]);

    // Read-only now.
    expect((await refusal(addCycleItem(team, c.id, { step: 3, itemType: "note", text: "late" }))).status).toBe(409);
    expect((await refusal(updateCycleItem(team, open.id, { status: "done" }))).status).toBe(409);
    expect((await refusal(closeCycle(team, c.id))).status).toBe(409);

    // The next cycle starts from the open items.
    const next = await startCycle(team, { kind: "small", startsOn: "2026-03-16" });
    expect(next).toMatchObject({ number: 2, previousCycleId: c.id, items: { total: 2, open: 2, carried: 2 } });
    const board = await getCycleBoard(team, next.id);
    const carried = await db().selectFrom("cycle_items").select(["carried_from_id", "step", "text"]).where("cycle_id", "=", next.id).orderBy("step").execute();
    expect(carried.map((r) => r.carried_from_id)).toContain(open.id);
    expect(board.steps[1].items[0].initiative?.title).toBe("Progress push");
    expect(board.steps[3].items[0].text).toBe("Survey results pending");
    expect((await listCycles(env.demo.programId)).map((x) => x.number)).toEqual([2, 1]);
  });

  it("carries triaged feedback with its item, and checks items against the program and the step", async () => {
    const team = await env.actor("team");
    const ids = [newId(), newId()];
    await db().transaction().execute((tx) =>
      insertFeedbackRecords(tx, env.demo.programId, ids.map((_, i) => ({ occurredOn: "2026-03-01", channel: "phone", segment: "", contactReason: "", score: null, scoreMin: null, scoreMax: null, text: `call ${i}`, customerId: null })), { ids }),
    );
    const c = await startCycle(team, { kind: "small", startsOn: "2026-03-02", kpiIds: [] });
    const item = await addCycleItem(team, c.id, { step: 1, itemType: "feedback", refId: ids[0] });
    expect(item.feedback?.text).toBe("call 0");
    expect((await db().selectFrom("feedback_triage").selectAll().where("record_id", "=", ids[0]).executeTakeFirstOrThrow()).cycle_id).toBe(c.id);
    // Wrong step for feedback, unknown record, unknown initiative, unknown step.
    expect((await refusal(addCycleItem(team, c.id, { step: 2, itemType: "feedback", refId: ids[1] }))).fields).toEqual({ itemType: "loops.errors.notInStep" });
    expect((await refusal(addCycleItem(team, c.id, { step: 1, itemType: "feedback", refId: "nope" }))).status).toBe(422);
    expect((await refusal(addCycleItem(team, c.id, { step: 2, itemType: "initiative", refId: "nope" }))).fields).toEqual({ refId: "loops.errors.initiativeUnknown" });
    expect((await refusal(addCycleItem(team, c.id, { step: 5, itemType: "note", text: "x" }))).fields).toEqual({ step: "loops.errors.stepUnknown" });
    expect((await refusal(addCycleItem(team, "no-such-cycle", { step: 1, itemType: "note", text: "x" }))).status).toBe(404);
    // No KPIs: closing is allowed, result empty; the next cycle carries the open feedback and moves its triage.
    await closeCycle(team, c.id);
    const next = await startCycle(team, { kind: "small", startsOn: "2026-03-16" });
    expect((await db().selectFrom("feedback_triage").selectAll().where("record_id", "=", ids[0]).executeTakeFirstOrThrow()).cycle_id).toBe(next.id);
  });

  it("refuses those who may not run loops; leadership may close a large loop only", async () => {
    const team = await env.actor("team");
    for (const who of ["viewer", "frontline", "rep", "exec", "office"] as const) {
      const actor = await env.actor(who).catch(() => null);
      if (!actor) continue;
      expect((await refusal(startCycle(actor, { kind: "small" }))).status, who).toBe(403);
    }
    const small = await startCycle(team, { kind: "small", kpiIds: [] });
    const large = await startCycle(team, { kind: "large", kpiIds: [] });
    const exec = await env.actor("exec");
    expect((await refusal(addCycleItem(exec, large.id, { step: 2, itemType: "note", text: "x" }))).status).toBe(403);
    expect((await refusal(closeCycle(exec, small.id))).status).toBe(403);
    expect((await closeCycle(exec, large.id)).status).toBe("closed");
    const viewer = await env.actor("viewer");
    expect((await refusal(closeCycle(viewer, small.id))).status).toBe(403);
    expect(await db().selectFrom("loop_cycles").select("id").execute()).toHaveLength(2);
  });
});
