/**
 * The organisation's activity feed on both databases: the CX office reads every program of its
 * organisation and the organisation's own entries, filtered by program, person, artefact type and
 * date range, paged by a cursor that skips nothing written at the same instant; a member reads
 * only the programs whose activity their role shows; nobody sees anything of another
 * organisation, even when asking for its program by id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, newId } from "../../app/db.server";
import { recordAudit } from "../../app/models/audit.server";
import { createOrganization, setOrgRole } from "../../app/models/org.server";
import { listOrgActivity, orgActivityFacets, orgActivityScope, type OrgActivityScope } from "../../app/models/org-activity.server";
import { createProgram, updateProgram } from "../../app/models/program.server";
import { activityCursor, parseActivityCursor } from "../../app/models/activity-cursor";
import { dialects } from "../helpers/db";
import { setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("organisation activity on %s", (dialect) => {
  let env: VisionTestEnv;
  let secondProgram: string;
  let otherOrg: string;
  let otherProgram: string;
  const scopeOf = (user: keyof VisionTestEnv["demo"]["users"], orgId: string, role: "admin" | "cx_office" | "member") =>
    orgActivityScope(env.demo.users[user], { id: orgId, role });

  beforeAll(async () => {
    env = await setupVision(dialect);
    const { users, orgId } = env.demo;
    // A second program of the demo organisation, run by the project team (lead is not a member of it).
    secondProgram = (await createProgram(users.team, orgId, { name: "对公客户体验", name_en: "Corporate CX", description: "" })).id;
    // Organisation-wide entries.
    await setOrgRole(users.lead, orgId, users.viewer, "cx_office");
    await setOrgRole(users.lead, orgId, users.rep, "cx_office");
    // Another organisation, with its own program and history, created by the office user of the demo.
    otherOrg = (await createOrganization(users.office, { name: "别家银行", name_en: "Other Bank" })).id;
    otherProgram = (await createProgram(users.office, otherOrg, { name: "别家项目", name_en: "Other program", description: "" })).id;
    const other = await db().selectFrom("programs").selectAll().where("id", "=", otherProgram).executeTakeFirstOrThrow();
    await updateProgram(users.office, other, { name: "别家项目二", name_en: "Other program 2", description: "" });
    // Many entries at one instant in the demo program, to page through.
    const at = "2026-01-15T02:00:00.000Z";
    await db().transaction().execute(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await tx
          .insertInto("audit_log")
          .values({ id: newId(), org_id: orgId, program_id: env.demo.programId, actor_id: users.exec, entity_type: "kpi", entity_id: newId(), action: "update", before_summary: null, after_summary: JSON.stringify({ name: `KPI ${i}` }), created_at: at })
          .execute();
      }
      await recordAudit(tx, { orgId, programId: env.demo.programId, actorId: users.rep, entityType: "journey_map", entityId: newId(), action: "create", after: { name: "开户" } });
    });
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("the CX office reads every program of its organisation and the organisation's own entries", async () => {
    const scope = await scopeOf("office", env.demo.orgId, "cx_office");
    expect(scope.seesAll).toBe(true);
    expect(scope.programs.map((p) => p.id).sort()).toEqual([env.demo.programId, secondProgram].sort());
    const rows = await listOrgActivity(scope, { limit: 200 });
    const programs = new Set(rows.map((r) => r.program_id));
    expect(programs).toEqual(new Set([env.demo.programId, secondProgram, null]));
    expect(rows.every((r) => r.org_id === env.demo.orgId)).toBe(true);
    // Newest first.
    const times = rows.map((r) => r.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    // The organisation's own entries alone.
    const orgWide = await listOrgActivity(scope, { programId: "org" });
    expect(orgWide.length).toBeGreaterThan(0);
    expect(orgWide.every((r) => r.program_id === null && r.entity_type === "org_member")).toBe(true);
  });

  it("filters by program, person, artefact type and date range", async () => {
    const scope = await scopeOf("office", env.demo.orgId, "cx_office");
    const second = await listOrgActivity(scope, { programId: secondProgram });
    expect(second.map((r) => `${r.entity_type}.${r.action}`)).toEqual(["program.create"]);
    const byRep = await listOrgActivity(scope, { actorId: env.demo.users.rep });
    expect(byRep.map((r) => r.entity_type)).toEqual(["journey_map"]);
    const kpis = await listOrgActivity(scope, { entityType: "kpi" });
    expect(kpis).toHaveLength(7);
    expect(kpis.every((r) => r.actor_id === env.demo.users.exec)).toBe(true);
    const january = await listOrgActivity(scope, { since: "2026-01-15T00:00:00.000Z", until: "2026-01-15T23:59:59.999Z" });
    expect(january).toHaveLength(7);
    expect(await listOrgActivity(scope, { since: "2026-01-16T00:00:00.000Z", until: "2026-01-16T23:59:59.999Z", entityType: "kpi" })).toEqual([]);
    const both = await listOrgActivity(scope, { programId: env.demo.programId, actorId: env.demo.users.lead, entityType: "org_member" });
    expect(both).toEqual([]);
    const facets = await orgActivityFacets(scope);
    expect(facets.entityTypes).toEqual(expect.arrayContaining(["kpi", "journey_map", "org_member", "program"]));
    expect(facets.actors.map((a) => a.id)).toEqual(expect.arrayContaining([env.demo.users.rep, env.demo.users.exec, env.demo.users.lead]));
    // Nothing of the other organisation shows up among the people either (office acted only there).
    expect(facets.actors.map((a) => a.id)).not.toContain(env.demo.users.office);
  });

  it("pages with a cursor that skips nothing written at the same instant", async () => {
    const scope = await scopeOf("office", env.demo.orgId, "cx_office");
    const all = await listOrgActivity(scope, { entityType: "kpi", limit: 200 });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const c = parseActivityCursor(cursor);
      const page = await listOrgActivity(scope, { entityType: "kpi", limit: 3, before: c?.before, beforeId: c?.beforeId });
      seen.push(...page.map((r) => r.id));
      if (page.length < 3) break;
      cursor = activityCursor({ createdAt: page[2].created_at, id: page[2].id });
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect(parseActivityCursor("not a cursor")).toBeNull();
    expect(parseActivityCursor("2026-01-15T02:00:00.000Z")).toEqual({ before: "2026-01-15T02:00:00.000Z" });
  });

  it("office users of one organisation see nothing of another", async () => {
    // office@ is admin of the other organisation, but reads the demo organisation's feed here.
    const demoScope = await scopeOf("office", env.demo.orgId, "cx_office");
    expect(demoScope.programs.map((p) => p.id)).not.toContain(otherProgram);
    expect(await listOrgActivity(demoScope, { programId: otherProgram })).toEqual([]);
    const everything = await listOrgActivity(demoScope, { limit: 200 });
    expect(everything.some((r) => r.org_id === otherOrg || r.program_id === otherProgram)).toBe(false);
    // The demo's CX office (rep@ now) reading the other organisation's id finds nothing it may see.
    const foreign: OrgActivityScope = await orgActivityScope(env.demo.users.rep, { id: otherOrg, role: "member" });
    expect(foreign.programs).toEqual([]);
    expect(await listOrgActivity(foreign, {})).toEqual([]);
    // And the other organisation's feed holds none of the demo's history.
    const otherScope = await orgActivityScope(env.demo.users.office, { id: otherOrg, role: "admin" });
    const otherRows = await listOrgActivity(otherScope, { limit: 200 });
    expect(otherRows.length).toBeGreaterThan(0);
    expect(otherRows.every((r) => r.org_id === otherOrg)).toBe(true);
    expect(otherRows.some((r) => r.program_id === env.demo.programId)).toBe(false);
  });

  it("a member reads only the programs whose activity their role shows; frontline staff none", async () => {
    const lead = await scopeOf("lead", env.demo.orgId, "member");
    expect(lead.seesAll).toBe(false);
    expect(lead.programs.map((p) => p.id)).toEqual([env.demo.programId]);
    const rows = await listOrgActivity(lead, { limit: 200 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.program_id === env.demo.programId)).toBe(true);
    expect(await listOrgActivity(lead, { programId: secondProgram })).toEqual([]);
    expect(await listOrgActivity(lead, { programId: "org" })).toEqual([]);
    const frontline = await scopeOf("frontline", env.demo.orgId, "member");
    expect(frontline.programs).toEqual([]);
    expect(await listOrgActivity(frontline, {})).toEqual([]);
    expect(await orgActivityFacets(frontline)).toEqual({ entityTypes: [], actors: [] });
  });
});
