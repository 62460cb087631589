/**
 * The CX office's initiative portfolio on both databases: who sees which programs' initiatives
 * (the office and admins: the whole organisation; members: their programs; another organisation:
 * nothing), the computed RAG health from dates and linked KPIs, filters and counts, and the
 * office's changes — owning team and health override with its reason — with their refusals and
 * audit entries.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, nowIso } from "../../app/db.server";
import type { Actor } from "../../app/models/domain.server";
import { updateInitiativeOffice, getPortfolioItem } from "../../app/models/initiative-office.server";
import { createInitiative, transitionInitiative } from "../../app/models/initiatives.server";
import { addMeasurements } from "../../app/models/kpi-measurements.server";
import { createKpi } from "../../app/models/kpis.server";
import { ensureOfficeTeams } from "../../app/models/office-teams.server";
import { createOrganization } from "../../app/models/org.server";
import { parsePortfolioQuery } from "../../app/models/portfolio";
import { listPortfolio, teamStats } from "../../app/models/portfolio.server";
import { createProgram, getProgramAccess } from "../../app/models/program.server";
import { createUser } from "../../app/models/user.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(dialects())("the initiative portfolio on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function actorIn(userId: string, programId: string): Promise<Actor> {
    const found = await getProgramAccess(userId, programId);
    if (!found) throw new Error("no access");
    const u = await db().selectFrom("users").select(["id", "name"]).where("id", "=", userId).executeTakeFirstOrThrow();
    return { program: found.program, access: found.access, user: u };
  }

  async function initiative(actor: Actor, title: string, extra: Record<string, unknown> = {}) {
    return createInitiative(actor, { title, lever: "progress_feedback", ownerId: actor.user.id, ...extra });
  }

  /** Program A (the demo program), a second program B of the same org with its own member, and an initiative in each. */
  async function twoPrograms() {
    const team = await env.actor("team");
    const lead = await env.actor("lead");
    const a1 = await initiative(team, "Progress push", { dueDate: day(-10) });
    const b = await createProgram(env.demo.users.lead, env.demo.orgId, {
      name: "信用卡中心体验提升",
      name_en: "Credit card centre CX uplift",
      description: "",
    });
    const bea = await createUser({ email: `bea-${Date.now()}@example.com`, name: "Bea", password: "password-123" });
    await db().insertInto("org_members").values({ org_id: env.demo.orgId, user_id: bea.id, role: "member", created_at: nowIso() }).execute();
    await db().insertInto("program_members").values({ program_id: b.id, user_id: bea.id, role: "project_team", created_at: nowIso() }).execute();
    const beaActor = await actorIn(bea.id, b.id);
    const b1 = await initiative(beaActor, "Card centre callback", { kind: "small_loop" });
    return { team, lead, a1, b, bea, beaActor, b1 };
  }

  const viewerOf = (userId: string, orgId?: string) => ({ userId, orgId: orgId ?? env.demo.orgId, locale: "en" as const });

  it("the CX office and admins see every program of the organisation; a member only their own programs", async () => {
    const { a1, b, bea, b1 } = await twoPrograms();
    const ids = (p: { items: { id: string }[] }) => p.items.map((i) => i.id).sort();

    const office = await listPortfolio(viewerOf(env.demo.users.office));
    expect(ids(office)).toEqual([a1.id, b1.id].sort());
    expect(office.seesAll).toBe(true);
    expect(office.programs.map((p) => p.name)).toEqual(["Retail banking CX transformation", "Credit card centre CX uplift"]);
    expect(ids(await listPortfolio(viewerOf(env.demo.users.lead)))).toEqual([a1.id, b1.id].sort());

    // A project team member of program A does not see program B's initiatives, even when asking for B.
    const team = await listPortfolio(viewerOf(env.demo.users.team));
    expect(ids(team)).toEqual([a1.id]);
    expect(team.seesAll).toBe(false);
    expect(team.programs.map((p) => p.id)).toEqual([env.demo.programId]);
    expect((await listPortfolio(viewerOf(env.demo.users.team), { programId: b.id })).items).toEqual([]);
    expect(ids(await listPortfolio(viewerOf(bea.id)))).toEqual([b1.id]);

    // One initiative as the portfolio shows it: 404 for someone who cannot see its program.
    expect((await getPortfolioItem({ id: env.demo.users.office, name: "李静" }, b1.id)).programId).toBe(b.id);
    expect((await refusal(getPortfolioItem({ id: env.demo.users.team, name: "王芳" }, b1.id))).status).toBe(404);
  });

  it("office users of one organisation see nothing of another, and cannot touch its initiatives", async () => {
    const { a1 } = await twoPrograms();
    const stranger = await createUser({ email: `s-${Date.now()}@example.com`, name: "Stranger", password: "password-123" });
    const org2 = await createOrganization(stranger.id, { name: "别家银行", name_en: null });
    const c = await createProgram(stranger.id, org2.id, { name: "Theirs", name_en: null, description: "" });
    const c1 = await initiative(await actorIn(stranger.id, c.id), "Their initiative");
    const theirTeams = await ensureOfficeTeams(org2.id);

    // Asking for the other organisation: not a member, nothing at all (not even its teams).
    const peek = await listPortfolio(viewerOf(env.demo.users.office, org2.id));
    expect(peek).toMatchObject({ items: [], total: 0, programs: [], teams: [] });
    const own = await listPortfolio(viewerOf(env.demo.users.office));
    expect(own.items.map((i) => i.id)).not.toContain(c1.id);
    expect(own.teams.map((t) => t.id)).not.toContain(theirTeams[0].id);
    expect((await listPortfolio(viewerOf(stranger.id, env.demo.orgId))).items).toEqual([]);

    const office = { id: env.demo.users.office, name: "李静" };
    expect((await refusal(updateInitiativeOffice(office, c1.id, { healthOverride: { health: "red", reason: "x" } }))).status).toBe(404);
    expect((await refusal(updateInitiativeOffice(office, a1.id, { owningTeamId: theirTeams[0].id }))).key).toBe("office.errors.teamNotFound");
    expect((await refusal(updateInitiativeOffice(office, a1.id, { owningTeamId: "no-such-team" }))).status).toBe(404);
    expect((await refusal(updateInitiativeOffice(office, "no-such-initiative", { owningTeamId: null }))).status).toBe(404);
    const unchanged = await db().selectFrom("initiatives").select(["owning_team_id", "health_override"]).where("id", "in", [a1.id, c1.id]).execute();
    expect(unchanged.every((r) => r.owning_team_id === null && r.health_override === null)).toBe(true);
  });

  it("computes the health from due dates and linked KPIs, with the reasons", async () => {
    const team = await env.actor("team");
    const lead = await env.actor("lead");
    const overdue = await initiative(team, "Overdue one", { dueDate: day(-10) });
    const soon = await initiative(team, "Due soon, not started", { dueDate: day(7) });
    const running = await initiative(team, "Running without KPI", { dueDate: day(60) });
    await transitionInitiative(lead, running.id, { to: "approved" });
    await transitionInitiative(team, running.id, { to: "in_progress" });
    const alerted = await initiative(team, "Tracked by a falling NPS", { dueDate: day(60) });
    const worse = await initiative(team, "Tracked by a slipping CSAT", { dueDate: day(60) });
    const fine = await initiative(team, "Fine", { dueDate: day(60) });
    const done = await initiative(team, "Done one", { dueDate: day(-30) });
    await transitionInitiative(lead, done.id, { to: "approved" });
    await transitionInitiative(team, done.id, { to: "in_progress" });
    await transitionInitiative(team, done.id, { to: "done", notes: "Calls down 40%." });

    const nps = await createKpi(team, { template: "nps", target: 20, alertThreshold: 0, initiativeIds: [alerted.id] }, "en");
    await addMeasurements(team, nps.id, {
      measurements: [
        { date: day(-14), value: 5 },
        { date: day(-7), value: 2 },
        { date: day(0), value: -4 },
      ],
    });
    const csat = await createKpi(team, { template: "csat", target: 85, alertThreshold: 60, initiativeIds: [worse.id, fine.id] }, "en");
    await addMeasurements(team, csat.id, {
      measurements: [
        { date: day(-7), value: 80 },
        { date: day(0), value: 76 },
      ],
    });
    // An archived KPI does not count.
    const old = await createKpi(team, { template: "fcr", target: 80, alertThreshold: 70, initiativeIds: [fine.id] }, "en");
    await addMeasurements(team, old.id, { measurements: [{ date: day(0), value: 10 }] });
    await db().updateTable("kpis").set({ archived_at: nowIso() }).where("id", "=", old.id).execute();

    const p = await listPortfolio(viewerOf(env.demo.users.office));
    const by = (id: string) => p.items.find((i) => i.id === id)!;
    expect(by(overdue.id)).toMatchObject({ health: "red", computedHealth: "red", reasons: [{ code: "overdue" }] });
    expect(by(soon.id)).toMatchObject({ health: "amber", reasons: [{ code: "dueSoon" }] });
    expect(by(running.id)).toMatchObject({ health: "amber", reasons: [{ code: "noKpi" }] });
    expect(by(alerted.id)).toMatchObject({ health: "red", reasons: [{ code: "kpiAlert", kpi: nps.name }] });
    expect(by(alerted.id).kpis).toEqual([
      expect.objectContaining({
        id: nps.id,
        latest: { date: day(0), value: -4 },
        previous: { date: day(-7), value: 2 },
        status: "alert",
        trend: "worsening",
        target: 20,
      }),
    ]);
    expect(by(worse.id)).toMatchObject({ health: "amber", reasons: [{ code: "kpiWorsening", kpi: csat.name }] });
    // The same slipping CSAT tracks "Fine" too: amber for the same reason; the archived FCR is left out.
    expect(by(fine.id).kpis.map((k) => k.id)).toEqual([csat.id]);
    expect(by(done.id)).toMatchObject({ health: "closed", reasons: [{ code: "closed" }] });
    // Red first, then amber, green, closed.
    const ranks = p.items.map((i) => ["red", "amber", "green", "closed"].indexOf(i.health));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(p.healthCounts).toEqual({ red: 2, amber: 4, green: 0, closed: 1 });
    expect(p.total).toBe(7);
    // Links to the initiative and its traceability view.
    expect(by(fine.id).url).toBe(`/programs/${env.demo.programId}/reshape/quick-wins/${fine.id}`);
    expect(by(fine.id).traceUrl).toBe(`/programs/${env.demo.programId}/trace/initiative/${fine.id}`);
  });

  it("filters by program, team, kind, status, health and text, and counts n of m", async () => {
    const { a1, b, b1 } = await twoPrograms();
    const teams = await ensureOfficeTeams(env.demo.orgId);
    const callCenter = teams.find((t) => t.key === "call_center")!;
    const office = { id: env.demo.users.office, name: "李静" };
    await updateInitiativeOffice(office, b1.id, { owningTeamId: callCenter.id });
    const v = viewerOf(env.demo.users.office);
    const ids = async (q: string) => (await listPortfolio(v, parsePortfolioQuery(new URLSearchParams(q)).filters)).items.map((i) => i.id);

    expect(await ids(`program=${b.id}`)).toEqual([b1.id]);
    expect(await ids(`team=${callCenter.id}`)).toEqual([b1.id]);
    expect(await ids("team=none")).toEqual([a1.id]);
    expect(await ids("kind=small_loop")).toEqual([b1.id]);
    expect(await ids("status=idea&health=red")).toEqual([a1.id]);
    expect(await ids("q=CALLBACK")).toEqual([b1.id]);
    expect(await ids("q=credit card")).toEqual([b1.id]);
    const filtered = await listPortfolio(v, { health: "red" });
    expect(filtered.items.length).toBe(1);
    expect(filtered.total).toBe(2);
    expect(filtered.healthCounts).toEqual({ red: 1, amber: 0, green: 1, closed: 0 });

    expect(parsePortfolioQuery(new URLSearchParams("health=purple&kind=big&status=&q=x")).errors).toEqual({
      health: "validation.invalid",
      kind: "validation.invalid",
    });

    const stats = teamStats(await listPortfolio(v));
    expect(stats[callCenter.id]).toEqual({ owned: 1, open: 1, red: 0, amber: 0 });
  });

  it("overrides the health with a reason (who and when kept), clears it back to the computed value, audited", async () => {
    const team = await env.actor("team");
    const a1 = await initiative(team, "Overdue push", { dueDate: day(-5) });
    const office = { id: env.demo.users.office, name: "李静" };

    const set = await updateInitiativeOffice(office, a1.id, { healthOverride: { health: "amber", reason: "  Vendor delay, agreed new date  " } });
    expect(set).toMatchObject({
      health: "amber",
      computedHealth: "red",
      override: { health: "amber", reason: "Vendor delay, agreed new date", by: { id: office.id, name: "李静" } },
    });
    expect(Date.parse(set.override!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await listPortfolio(viewerOf(env.demo.users.team), { health: "amber" })).items.map((i) => i.id)).toEqual([a1.id]);

    // The project team may change it too (initiative.status); the owner as well.
    await updateInitiativeOffice({ id: env.demo.users.team, name: "王芳" }, a1.id, { healthOverride: { health: "green", reason: "Delivered early to pilot" } });
    const cleared = await updateInitiativeOffice({ id: env.demo.users.lead, name: "陈明" }, a1.id, { healthOverride: null });
    expect(cleared).toMatchObject({ health: "red", override: null });
    // Clearing again changes nothing and writes nothing.
    await updateInitiativeOffice(office, a1.id, { healthOverride: null });

    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "actor_id", "after_summary", "program_id"])
      .where("entity_id", "=", a1.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "health_override", "health_override", "health_clear"]);
    expect(audit[1]).toMatchObject({ actor_id: office.id, program_id: env.demo.programId });
    expect(JSON.parse(audit[1].after_summary!)).toEqual({ title: "Overdue push", health: "amber", reason: "Vendor delay, agreed new date" });
  });

  it("sets the owning team, audited; refuses frontline, viewers, leadership and functional reps (403), a missing reason (422), a closed initiative (409)", async () => {
    const team = await env.actor("team");
    const lead = await env.actor("lead");
    const a1 = await initiative(team, "Shorter IVR menu");
    const teams = await ensureOfficeTeams(env.demo.orgId);
    const newCx = teams.find((t) => t.key === "new_cx")!;
    const office = { id: env.demo.users.office, name: "李静" };

    const withTeam = await updateInitiativeOffice(office, a1.id, { owningTeamId: newCx.id });
    expect(withTeam.team).toEqual({ id: newCx.id, key: "new_cx" });
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "before_summary", "after_summary"])
      .where("entity_id", "=", a1.id)
      .where("action", "=", "owning_team")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_summary!)).toEqual({ team: null });
    expect(JSON.parse(audit[0].after_summary!)).toEqual({ title: "Shorter IVR menu", team: "new_cx" });
    expect((await updateInitiativeOffice(office, a1.id, { owningTeamId: null })).team).toBeNull();

    for (const who of ["frontline", "viewer", "exec", "rep"] as const) {
      const user = { id: env.demo.users[who], name: who };
      expect((await refusal(updateInitiativeOffice(user, a1.id, { healthOverride: { health: "red", reason: "no" } }))).status, who).toBe(403);
      expect((await refusal(updateInitiativeOffice(user, a1.id, { owningTeamId: newCx.id }))).status, who).toBe(403);
    }

    const noReason = await refusal(updateInitiativeOffice(office, a1.id, { healthOverride: { health: "red", reason: "   " } }));
    expect(noReason.status).toBe(422);
    expect(noReason.fields).toEqual({ "healthOverride.reason": "office.errors.reasonRequired" });
    const noHealth = await refusal(updateInitiativeOffice(office, a1.id, { healthOverride: { health: "purple", reason: "x" } }));
    expect(noHealth.fields).toEqual({ "healthOverride.health": "office.errors.healthRequired" });
    expect((await refusal(updateInitiativeOffice(office, a1.id, {}))).fields).toEqual({ _form: "office.errors.nothingToChange" });

    await transitionInitiative(lead, a1.id, { to: "dropped", notes: "Vendor cannot deliver." });
    expect((await refusal(updateInitiativeOffice(office, a1.id, { healthOverride: { health: "green", reason: "x" } }))).status).toBe(409);
    const row = await db().selectFrom("initiatives").select(["health_override", "owning_team_id"]).where("id", "=", a1.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ health_override: null, owning_team_id: null });
    // A closed initiative with an old override shows closed.
    await db()
      .updateTable("initiatives")
      .set({ health_override: "red", health_override_reason: "old", health_override_at: nowIso() })
      .where("id", "=", a1.id)
      .execute();
    expect((await listPortfolio(viewerOf(env.demo.users.office))).items[0]).toMatchObject({ health: "closed", override: null });
  });

  it("answers in a fixed number of queries whatever the number of initiatives", async () => {
    const team = await env.actor("team");
    const made = [];
    for (let i = 0; i < 40; i++) made.push(await initiative(team, `Initiative ${i}`, { dueDate: day(i - 20) }));
    await createKpi(team, { template: "nps", target: 20, alertThreshold: 0, initiativeIds: made.map((m) => m.id).slice(0, 30) }, "en");
    const handle = env.t.handle as unknown as { db: { getExecutor(): { executeQuery: (...a: unknown[]) => unknown } } };
    const exec = handle.db.getExecutor() as unknown as { executeQuery: (...a: unknown[]) => unknown };
    const original = exec.executeQuery.bind(exec);
    let count = 0;
    exec.executeQuery = (...a: unknown[]) => {
      count++;
      return original(...a);
    };
    try {
      const p = await listPortfolio(viewerOf(env.demo.users.office));
      expect(p.items).toHaveLength(40);
    } finally {
      exec.executeQuery = original;
    }
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(8);
  });
});
