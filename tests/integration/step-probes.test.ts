/**
 * The program home's step probes on both databases, for the rules the other tests leave out:
 * step 1 (archived boards and their notes do not count, a draft alone means in progress, the
 * latest version's standards), step 2 (only live current-state maps count; done needs all six key
 * questions answered and a live pain point with linked evidence on the same map) and step 4 (done
 * once a small and a large cycle have been closed).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Program } from "../../db/schema";
import { db, newId, nowIso } from "../../app/db.server";
import { KEY_QUESTIONS } from "../../app/models/journey-doc";
import { journeyStepStatus } from "../../app/models/journey-overview.server";
import { iterateStepStatus } from "../../app/models/loops-overview.server";
import { programStepStatuses } from "../../app/models/steps.server";
import { STEPS } from "../../app/models/steps";
import { visionStepStatus } from "../../app/models/vision-overview.server";
import { dialects } from "../helpers/db";
import { setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("step probes on %s", (dialect) => {
  let env: VisionTestEnv;
  let program: Program;
  beforeEach(async () => {
    env = await setupVision(dialect);
    program = await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function board(archived: boolean, notes: { deleted: boolean }[]) {
    const id = newId();
    const now = nowIso();
    await db()
      .insertInto("vision_boards")
      .values({
        id, program_id: program.id, title: "B", locked: 0, anonymous: 0, current_section_id: null, timer_running: 0, timer_ends_at_ms: null,
        timer_remaining_ms: null, created_by: null, created_at: now, archived_at: archived ? now : null,
      })
      .execute();
    for (const n of notes) {
      await db()
        .insertInto("vision_notes")
        .values({
          board_id: id, doc_object_id: newId(), prompt_id: "customer", cluster_id: null, text: "N", colour: "yellow", author_id: null, created_at: now,
          projected_at: now, deleted_at: n.deleted ? now : null,
        })
        .execute();
    }
  }

  async function version(n: number, standards: number) {
    const id = newId();
    await db().insertInto("vision_versions").values({ id, program_id: program.id, version: n, statement: `V${n}`, published_by: null, published_at: nowIso() }).execute();
    for (let i = 0; i < standards; i++) {
      await db()
        .insertInto("vision_standards")
        .values({ id: newId(), version_id: id, standard_key: `k${i}`, position: i, title: `S${i}`, description: "", measurable_hint: "" })
        .execute();
    }
  }

  it("step 1: boards, draft, notes of active boards and the latest version", async () => {
    expect(await visionStepStatus(program)).toEqual({ key: "vision", state: "not_started", outputs: [] });

    await db()
      .insertInto("vision_drafts")
      .values({ program_id: program.id, statement: "S", standards_json: "[]", updated_by: null, updated_at: nowIso(), based_on_version: null })
      .execute();
    expect(await visionStepStatus(program)).toEqual({ key: "vision", state: "in_progress", outputs: [] });
    await db().deleteFrom("vision_drafts").where("program_id", "=", program.id).execute();

    await board(true, [{ deleted: false }, { deleted: false }]);
    expect(await visionStepStatus(program)).toEqual({ key: "vision", state: "not_started", outputs: [] });

    await board(false, [{ deleted: false }, { deleted: true }, { deleted: false }]);
    expect(await visionStepStatus(program)).toEqual({ key: "vision", state: "in_progress", outputs: [{ labelKey: "vision.outputs.notes", count: 2 }] });

    await version(1, 2);
    await version(2, 3);
    expect(await visionStepStatus(program)).toEqual({
      key: "vision",
      state: "done",
      outputs: [
        { labelKey: "vision.outputs.notes", count: 2 },
        { labelKey: "vision.outputs.standards", count: 3 },
        { labelKey: "vision.outputs.version", count: 2 },
      ],
    });

    await version(3, 0);
    expect((await visionStepStatus(program)).outputs.slice(1)).toEqual([
      { labelKey: "vision.outputs.standards", count: 0 },
      { labelKey: "vision.outputs.version", count: 3 },
    ]);
  });

  async function map(opts: { state?: "current" | "future"; archived?: boolean } = {}) {
    const id = newId();
    const now = nowIso();
    await db()
      .insertInto("journey_maps")
      .values({
        id, program_id: program.id, name: "M", persona: "P", description: "", created_by: null, created_at: now, updated_at: now,
        archived_at: opts.archived ? now : null, state: opts.state ?? "current", current_map_id: null,
      })
      .execute();
    return id;
  }

  async function card(mapId: string, lane: "touchpoints" | "actions", deleted = false) {
    const now = nowIso();
    await db()
      .insertInto("journey_cards")
      .values({
        map_id: mapId, doc_object_id: newId(), stage_id: "s1", lane, channel: null, text: "C", position: 1, created_by: null, created_at: now,
        projected_at: now, deleted_at: deleted ? now : null,
      })
      .execute();
  }

  async function painPoint(mapId: string, deleted = false) {
    const id = newId();
    const now = nowIso();
    await db()
      .insertInto("pain_points")
      .values({
        map_id: mapId, doc_object_id: id, program_id: program.id, touchpoint_id: null, title: "P", description: "", severity: 3, reach: 3, impact: 3,
        effort: 3, source: "bottom_up", status: "open", created_by: null, created_at: now, projected_at: now, deleted_at: deleted ? now : null,
      })
      .execute();
    return id;
  }

  async function link(mapId: string, targetType: "pain_point" | "touchpoint", targetId: string) {
    await db()
      .insertInto("journey_evidence_links")
      .values({ id: newId(), map_id: mapId, target_type: targetType, target_id: targetId, evidence_type: "link", evidence_id: newId(), created_by: null, created_at: nowIso() })
      .execute();
  }

  async function feedback() {
    await db()
      .insertInto("feedback_records")
      .values({
        id: newId(), program_id: program.id, import_id: null, source: "manual", occurred_on: "2026-01-05", channel: "app", segment: "", contact_reason: "",
        score: null, score_min: null, score_max: null, text: "F", customer_id: null, created_by: null, created_at: nowIso(),
      })
      .execute();
  }

  it("step 2: done needs a live current-state map with six answers and an evidenced live pain point", async () => {
    await feedback();
    expect(await journeyStepStatus(program)).toEqual({ key: "painPoints", state: "not_started", outputs: [] });
    await map({ archived: true });
    await map({ state: "future" });
    expect(await journeyStepStatus(program)).toEqual({ key: "painPoints", state: "not_started", outputs: [] });

    const m = await map();
    expect(await journeyStepStatus(program)).toEqual({
      key: "painPoints",
      state: "in_progress",
      outputs: [
        { labelKey: "journey.outputs.maps", count: 1 },
        { labelKey: "journey.outputs.feedback", count: 1 },
      ],
    });

    await card(m, "touchpoints");
    await card(m, "touchpoints", true);
    await card(m, "actions");
    const live = await painPoint(m);
    const gone = await painPoint(m, true);
    await link(m, "pain_point", gone);
    await link(m, "touchpoint", live);
    const now = nowIso();
    for (const [i, key] of KEY_QUESTIONS.entries()) {
      await db().insertInto("journey_questions").values({ map_id: m, question_key: key, answer: i === 0 ? "" : "A", projected_at: now }).execute();
    }
    await feedback();
    const inProgress = {
      key: "painPoints",
      state: "in_progress",
      outputs: [
        { labelKey: "journey.outputs.maps", count: 1 },
        { labelKey: "journey.outputs.touchpoints", count: 1 },
        { labelKey: "journey.outputs.painPoints", count: 1 },
        { labelKey: "journey.outputs.feedback", count: 2 },
      ],
    };
    expect(await journeyStepStatus(program)).toEqual(inProgress);

    // All six answered, but the only pain-point evidence is on a deleted pain point.
    await db().updateTable("journey_questions").set({ answer: "A" }).where("map_id", "=", m).execute();
    expect(await journeyStepStatus(program)).toEqual(inProgress);

    // Evidence for the live pain point, but on another map: still not done.
    const other = await map();
    await link(other, "pain_point", live);
    expect((await journeyStepStatus(program)).state).toBe("in_progress");

    await link(m, "pain_point", live);
    expect(await journeyStepStatus(program)).toEqual({
      ...inProgress,
      state: "done",
      outputs: [{ labelKey: "journey.outputs.maps", count: 2 }, ...inProgress.outputs.slice(1)],
    });
  });

  async function kpi(archived = false) {
    const now = nowIso();
    await db()
      .insertInto("kpis")
      .values({
        id: newId(), program_id: program.id, name: `K ${newId().slice(0, 4)}`, kind: "outcome", template: null, description: "", unit: "percent",
        direction: "up", baseline: null, target: 80, alert_threshold: 60, owner_id: null, cadence: "weekly", journey_map_id: null, touchpoint_id: null,
        created_by: null, created_at: now, updated_at: now, archived_at: archived ? now : null,
      })
      .execute();
  }

  async function cycle(kind: "small" | "large", number: number, status: "open" | "closed") {
    const now = nowIso();
    const id = newId();
    await db()
      .insertInto("loop_cycles")
      .values({
        id, program_id: program.id, kind, number, title: `${kind} ${number}`, goal: "", starts_on: "2026-01-01", ends_on: "2026-01-14", status,
        previous_cycle_id: null, result_json: null, closed_by: null, closed_at: status === "closed" ? now : null, created_by: null, created_at: now,
      })
      .execute();
    return id;
  }

  it("step 4: KPIs and cycles; done once both loops have closed a cycle", async () => {
    expect(await iterateStepStatus(program)).toEqual({ key: "iterate", state: "not_started", outputs: [] });
    await kpi(true);
    expect(await iterateStepStatus(program)).toEqual({ key: "iterate", state: "not_started", outputs: [] });

    await cycle("small", 1, "open");
    expect(await iterateStepStatus(program)).toEqual({ key: "iterate", state: "in_progress", outputs: [{ labelKey: "loops.outputs.openCycles", count: 1 }] });

    await kpi();
    await db().updateTable("loop_cycles").set({ status: "closed" }).where("program_id", "=", program.id).execute();
    await cycle("small", 2, "closed");
    await cycle("large", 1, "open");
    expect(await iterateStepStatus(program)).toEqual({
      key: "iterate",
      state: "in_progress",
      outputs: [
        { labelKey: "loops.outputs.kpis", count: 1 },
        { labelKey: "loops.outputs.closedCycles", count: 2 },
        { labelKey: "loops.outputs.openCycles", count: 1 },
      ],
    });

    await db().updateTable("loop_cycles").set({ status: "closed" }).where("kind", "=", "large").execute();
    expect(await iterateStepStatus(program)).toEqual({
      key: "iterate",
      state: "done",
      outputs: [
        { labelKey: "loops.outputs.kpis", count: 1 },
        { labelKey: "loops.outputs.closedCycles", count: 3 },
      ],
    });
  });

  it("reports every step, in order, for an empty program", async () => {
    const statuses = await programStepStatuses(program);
    expect(statuses).toEqual(STEPS.map((s) => ({ key: s.key, state: "not_started", outputs: [] })));
  });
});
