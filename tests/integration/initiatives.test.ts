/** Initiatives (quick wins): create, edit, transitions with their permissions, references checked, every change audited. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { journeyDocName, putCard, putPainPoint, readJourneyContent } from "../../app/models/journey-doc";
import { createJourneyMap } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { createInitiative, getInitiative, listInitiatives, transitionInitiative, updateInitiative } from "../../app/models/initiatives.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("initiatives on %s", (dialect) => {
  let env: VisionTestEnv;
  let mapId: string;
  const painId = "pp-progress";

  beforeEach(async () => {
    env = await setupVision(dialect);
    const team = await env.actor("team");
    mapId = (await createJourneyMap(team, { name: "Card application", persona: "Young professional" }, "en")).id;
    const doc = env.live.doc(journeyDocName(mapId));
    const stageId = readJourneyContent(doc).stages[0].id;
    doc.transact(() => {
      putCard(doc, { id: "tp1", lane: "touchpoints", stageId, text: "Progress page", channel: "web", position: 1, createdBy: null, createdAt: nowIso() });
      putPainPoint(doc, {
        id: painId, touchpointId: "tp1", title: "Progress is opaque", description: "", severity: 5, reach: 5, impact: 5, effort: 2,
        source: "bottom_up", status: "confirmed", createdBy: null, createdAt: nowIso(),
      });
    });
    await db().transaction().execute((tx) => saveJourneyProjection(tx, mapId, env.demo.programId, readJourneyContent(doc)));
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    title: "Proactive progress push",
    lever: "progress_feedback",
    ownerId: env.demo.users.team,
    expectedResult: "Progress calls down 30% in 4 weeks",
    startDate: "2026-03-02",
    dueDate: "2026-03-30",
    teamSize: 4,
    painPoints: [{ mapId, painPointId: painId }],
    ...over,
  });

  const audit = (id: string) =>
    db().selectFrom("audit_log").select(["action", "actor_id"]).where("entity_id", "=", id).orderBy("created_at").orderBy("id").execute();

  it("creates a quick win as an idea with its pain points, audited, and lists it", async () => {
    const w = await createInitiative(await env.actor("team"), input());
    expect(w).toMatchObject({ kind: "quick_win", status: "idea", owner: { id: env.demo.users.team }, teamSize: 4, warnings: [] });
    expect(w.painPoints).toEqual([
      expect.objectContaining({ mapId, painPointId: painId, title: "Progress is opaque", mapName: "Card application", exists: true }),
    ]);
    expect((await audit(w.id)).map((a) => a.action)).toEqual(["create"]);
    expect((await listInitiatives(env.demo.programId)).map((i) => i.id)).toEqual([w.id]);
    expect(await listInitiatives(env.demo.programId, { kind: "large_loop" })).toEqual([]);
  });

  it("refuses creating and editing to those without initiative.edit", async () => {
    for (const who of ["viewer", "frontline", "rep", "exec"] as const) {
      expect((await refusal(createInitiative(await env.actor(who), input()))).status, who).toBe(403);
    }
    const w = await createInitiative(await env.actor("lead"), input());
    expect((await refusal(updateInitiative(await env.actor("exec"), w.id, input({ title: "x" })))).status).toBe(403);
    expect(await db().selectFrom("initiatives").select("id").execute()).toHaveLength(1);
  });

  it("refuses due before start, an owner outside the program and unknown or foreign pain points with field errors", async () => {
    const team = await env.actor("team");
    const e1 = await refusal(createInitiative(team, input({ startDate: "2026-04-01", dueDate: "2026-03-01" })));
    expect(e1.status).toBe(422);
    expect(e1.fields).toEqual({ dueDate: "initiatives.errors.dueBeforeStart" });

    const e2 = await refusal(createInitiative(team, input({ ownerId: "no-such-user" })));
    expect(e2.fields).toEqual({ ownerId: "initiatives.errors.ownerUnknown" });
    // The CX office reads the program but is not a member of it: not an owner either.
    const e3 = await refusal(createInitiative(team, input({ ownerId: env.demo.users.office })));
    expect(e3.fields).toEqual({ ownerId: "initiatives.errors.ownerUnknown" });

    const e4 = await refusal(createInitiative(team, input({ painPoints: [{ mapId, painPointId: "nope" }] })));
    expect(e4.fields).toEqual({ painPoints: "initiatives.errors.painPointUnknown" });

    // A pain point of another program (same shape, real map) is refused the same way.
    const other = await createOrganization(env.demo.users.lead, { name: "Other", name_en: null });
    const p2 = await createProgram(env.demo.users.lead, other.id, { name: "P2", name_en: null, description: "" });
    const foreignMap = newId();
    await db()
      .insertInto("journey_maps")
      .values({ id: foreignMap, program_id: p2.id, name: "F", persona: "F", description: "", created_by: null, created_at: nowIso(), updated_at: nowIso(), archived_at: null })
      .execute();
    const doc = env.live.doc(journeyDocName(foreignMap));
    putPainPoint(doc, {
      id: "foreign", touchpointId: null, title: "Foreign", description: "", severity: 3, reach: 3, impact: 3, effort: 3,
      source: "top_down", status: "open", createdBy: null, createdAt: nowIso(),
    });
    await db().transaction().execute((tx) => saveJourneyProjection(tx, foreignMap, p2.id, readJourneyContent(doc)));
    const e5 = await refusal(createInitiative(team, input({ painPoints: [{ mapId: foreignMap, painPointId: "foreign" }] })));
    expect(e5.fields).toEqual({ painPoints: "initiatives.errors.painPointUnknown" });

    const e6 = await refusal(createInitiative(team, input({ title: "", lever: "nope" })));
    expect(e6.fields).toMatchObject({ title: "validation.required", lever: "initiatives.errors.leverRequired" });
    expect(await db().selectFrom("initiatives").select("id").execute()).toHaveLength(0);
    expect(await db().selectFrom("initiative_pain_points").select("initiative_id").execute()).toHaveLength(0);
  });

  it("edits fields and pain points, audited with before and after; warns for a long, large quick win", async () => {
    const team = await env.actor("team");
    const w = await createInitiative(team, input());
    const edited = await updateInitiative(team, w.id, input({ title: "Push + ETA", dueDate: "2026-06-30", teamSize: 9, painPoints: [] }));
    expect(edited).toMatchObject({ title: "Push + ETA", painPoints: [] });
    expect(edited.warnings.map((x) => x.key)).toEqual(["tooLong", "tooManyPeople"]);
    const row = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", w.id).where("action", "=", "update").executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_summary!)).toMatchObject({ title: "Proactive progress push", painPoints: [{ mapId, painPointId: painId }] });
    expect(JSON.parse(row.after_summary!)).toMatchObject({ title: "Push + ETA", painPoints: [] });
  });

  it("moves through idea → approved → in progress → done, each move audited; refuses disallowed moves with 409", async () => {
    const w = await createInitiative(await env.actor("team"), input());
    const exec = await env.actor("exec");
    const team = await env.actor("team");
    expect((await transitionInitiative(exec, w.id, { to: "approved" })).status).toBe("approved");
    expect((await transitionInitiative(team, w.id, { to: "in_progress" })).status).toBe("in_progress");
    const e = await refusal(transitionInitiative(team, w.id, { to: "done" }));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({ notes: "initiatives.errors.notesRequired" });
    const done = await transitionInitiative(team, w.id, { to: "done", notes: "Calls down 41%" });
    expect(done).toMatchObject({ status: "done", resultNotes: "Calls down 41%", next: [] });
    expect((await audit(w.id)).map((a) => a.action)).toEqual(["create", "status:approved", "status:in_progress", "status:done"]);
    const e409 = await refusal(transitionInitiative(team, w.id, { to: "in_progress" }));
    expect(e409.status).toBe(409);
    expect(e409.key).toBe("initiatives.errors.badTransition");
    expect((await getInitiative(team, w.id)).status).toBe("done");
  });

  it("refuses a skipped step with 409 and an unknown status with 422", async () => {
    const team = await env.actor("team");
    const w = await createInitiative(team, input());
    expect((await refusal(transitionInitiative(team, w.id, { to: "in_progress" }))).status).toBe(409);
    expect((await refusal(transitionInitiative(team, w.id, { to: "finished" }))).status).toBe(422);
    expect((await audit(w.id)).map((a) => a.action)).toEqual(["create"]);
  });

  it("needs approve to approve (the team may not) and initiative.status for other moves (leadership may not)", async () => {
    const w = await createInitiative(await env.actor("team"), input());
    for (const who of ["team", "rep", "frontline", "viewer", "office"] as const) {
      expect((await refusal(transitionInitiative(await env.actor(who), w.id, { to: "approved" }))).status, who).toBe(403);
    }
    await transitionInitiative(await env.actor("lead"), w.id, { to: "approved" });
    for (const who of ["exec", "rep", "frontline", "viewer"] as const) {
      expect((await refusal(transitionInitiative(await env.actor(who), w.id, { to: "in_progress" }))).status, who).toBe(403);
    }
    // The CX office may move initiatives along (it watches the portfolio).
    expect((await transitionInitiative(await env.actor("office"), w.id, { to: "dropped", notes: "Merged into the ETA project" })).status).toBe("dropped");
    expect((await transitionInitiative(await env.actor("team"), w.id, { to: "idea" })).status).toBe("idea");
  });

  it("answers 404 for an initiative of another program", async () => {
    const team = await env.actor("team");
    const w = await createInitiative(team, input());
    const other = { ...team, program: { id: "another-program", org_id: team.program.org_id } };
    expect((await refusal(getInitiative(other, w.id))).status).toBe(404);
    expect((await refusal(transitionInitiative(other, w.id, { to: "dropped", notes: "x" }))).status).toBe(404);
  });
});
