/**
 * The CX office's teams on both databases: created lazily, once, even when requests race; members
 * are people of the organisation, one lead per team; org admins and the CX office manage, others
 * are refused; another organisation's team is not found; every change audited.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { addTeamMember, ensureOfficeTeams, listOfficeTeams, removeTeamMember, setTeamLead, updateTeamDescription } from "../../app/models/office-teams.server";
import { createOrganization } from "../../app/models/org.server";
import { createUser } from "../../app/models/user.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("CX office teams on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const as = (who: keyof VisionTestEnv["demo"]["users"]) => ({ userId: env.demo.users[who], orgId: env.demo.orgId });
  const audit = () =>
    db()
      .selectFrom("audit_log")
      .select(["action", "entity_type", "entity_id", "actor_id", "program_id", "after_summary", "before_summary"])
      .where("entity_type", "=", "office_team")
      .orderBy("created_at")
      .orderBy("id")
      .execute();

  it("creates the three teams lazily, in order, exactly once even when requests race", async () => {
    expect(await db().selectFrom("office_teams").select("id").execute()).toHaveLength(0);
    const results = await Promise.all(Array.from({ length: 6 }, () => ensureOfficeTeams(env.demo.orgId)));
    for (const r of results) expect(r.map((t) => t.key)).toEqual(["new_cx", "call_center", "analytics"]);
    const rows = await db().selectFrom("office_teams").select(["id", "key"]).where("org_id", "=", env.demo.orgId).execute();
    expect(rows).toHaveLength(3);
    expect(new Set(results.flatMap((r) => r.map((t) => t.id)))).toEqual(new Set(rows.map((r) => r.id)));
    const teams = await listOfficeTeams(env.demo.orgId);
    expect(teams.map((t) => ({ key: t.key, members: t.members, lead: t.lead, description: t.description }))).toEqual([
      { key: "new_cx", members: [], lead: null, description: "" },
      { key: "call_center", members: [], lead: null, description: "" },
      { key: "analytics", members: [], lead: null, description: "" },
    ]);
  });

  it("the CX office adds members (people of the organisation), sets and changes the lead, removes members — audited", async () => {
    const [newCx, , analytics] = await ensureOfficeTeams(env.demo.orgId);
    await addTeamMember(as("office"), analytics.id, { userId: env.demo.users.office });
    await addTeamMember(as("office"), analytics.id, { userId: env.demo.users.team });
    await addTeamMember(as("office"), analytics.id, { userId: env.demo.users.team }); // again: nothing changes
    await setTeamLead(as("office"), analytics.id, { userId: env.demo.users.office });
    // The admin (lead@) manages too.
    await addTeamMember(as("lead"), newCx.id, { userId: env.demo.users.frontline });

    let teams = await listOfficeTeams(env.demo.orgId);
    const a = teams.find((t) => t.key === "analytics")!;
    expect(a.members.map((m) => [m.name, m.isLead])).toEqual([
      ["李静", true],
      ["王芳", false],
    ]);
    expect(a.lead).toMatchObject({ userId: env.demo.users.office, name: "李静", orgRole: "cx_office" });

    // One lead per team: a new lead replaces the old one, who stays a member.
    await setTeamLead(as("office"), analytics.id, { userId: env.demo.users.team });
    teams = await listOfficeTeams(env.demo.orgId);
    expect(
      teams
        .find((t) => t.key === "analytics")!
        .members.filter((m) => m.isLead)
        .map((m) => m.name)
    ).toEqual(["王芳"]);
    await removeTeamMember(as("office"), analytics.id, { userId: env.demo.users.team });
    teams = await listOfficeTeams(env.demo.orgId);
    expect(teams.find((t) => t.key === "analytics")!).toMatchObject({ lead: null, members: [{ name: "李静", isLead: false }] });

    const log = await audit();
    expect(log.map((l) => l.action)).toEqual(["add_member", "add_member", "set_lead", "add_member", "set_lead", "remove_member"]);
    expect(log.every((l) => l.program_id === null)).toBe(true);
    expect(JSON.parse(log[1].after_summary!)).toEqual({ name: "王芳", team: "analytics" });
    expect(JSON.parse(log[4].before_summary!)).toEqual({ lead: "李静", team: "analytics" });
    expect(log[3]).toMatchObject({ actor_id: env.demo.users.lead, entity_id: newCx.id });
  });

  it("edits the description; empty restores the standard text", async () => {
    const [newCx] = await ensureOfficeTeams(env.demo.orgId);
    await updateTeamDescription(as("office"), newCx.id, { description: "  新客户旅程：开户与首刷  " });
    expect((await listOfficeTeams(env.demo.orgId))[0].description).toBe("新客户旅程：开户与首刷");
    await updateTeamDescription(as("office"), newCx.id, { description: "" });
    expect((await listOfficeTeams(env.demo.orgId))[0].description).toBe("");
    expect((await audit()).map((l) => l.action)).toEqual(["update", "update"]);
    const tooLong = await refusal(updateTeamDescription(as("office"), newCx.id, { description: "x".repeat(1001) }));
    expect(tooLong).toMatchObject({ status: 422, fields: { description: "validation.tooLong" } });
  });

  it("refuses everyone but org admins and the CX office (403), and nonsense input", async () => {
    const [newCx] = await ensureOfficeTeams(env.demo.orgId);
    for (const who of ["team", "exec", "frontline", "viewer", "rep"] as const) {
      expect((await refusal(addTeamMember(as(who), newCx.id, { userId: env.demo.users[who] }))).status, who).toBe(403);
      expect((await refusal(setTeamLead(as(who), newCx.id, { userId: null }))).status, who).toBe(403);
      expect((await refusal(removeTeamMember(as(who), newCx.id, { userId: env.demo.users[who] }))).status, who).toBe(403);
      expect((await refusal(updateTeamDescription(as(who), newCx.id, { description: "mine" }))).status, who).toBe(403);
    }
    // Unknown team, a person outside the organisation, a lead who is not a member, removing a non-member.
    expect((await refusal(addTeamMember(as("office"), "no-such-team", { userId: env.demo.users.team }))).key).toBe("office.errors.teamNotFound");
    const outsider = await createUser({ email: `out-${Date.now()}@example.com`, name: "Outsider", password: "password-123" });
    expect((await refusal(addTeamMember(as("office"), newCx.id, { userId: outsider.id }))).fields).toEqual({ userId: "office.errors.notOrgMember" });
    expect((await refusal(setTeamLead(as("office"), newCx.id, { userId: env.demo.users.team }))).fields).toEqual({ userId: "office.errors.leadNotMember" });
    expect((await refusal(removeTeamMember(as("office"), newCx.id, { userId: env.demo.users.team }))).status).toBe(404);
    expect((await refusal(addTeamMember(as("office"), newCx.id, {}))).fields).toEqual({ userId: "validation.required" });
    expect(await db().selectFrom("office_team_members").select("user_id").execute()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("keeps organisations apart: another organisation's team is not found, its people cannot be added", async () => {
    const stranger = await createUser({ email: `s-${Date.now()}@example.com`, name: "Stranger", password: "password-123" });
    const org2 = await createOrganization(stranger.id, { name: "别家银行", name_en: null });
    const [theirs] = await ensureOfficeTeams(org2.id);
    const [ours] = await ensureOfficeTeams(env.demo.orgId);
    expect(theirs.id).not.toBe(ours.id);
    // Our office cannot touch their team, even naming our own people.
    expect((await refusal(addTeamMember(as("office"), theirs.id, { userId: env.demo.users.office }))).status).toBe(404);
    // Their admin cannot add our people to their team, nor act on ours.
    const theirAdmin = { userId: stranger.id, orgId: org2.id };
    expect((await refusal(addTeamMember(theirAdmin, theirs.id, { userId: env.demo.users.office }))).fields).toEqual({ userId: "office.errors.notOrgMember" });
    expect((await refusal(addTeamMember(theirAdmin, ours.id, { userId: stranger.id }))).status).toBe(404);
    // Claiming our organisation without belonging to it: refused.
    expect((await refusal(addTeamMember({ userId: stranger.id, orgId: env.demo.orgId }, ours.id, { userId: stranger.id }))).status).toBe(403);
    await addTeamMember(theirAdmin, theirs.id, { userId: stranger.id });
    expect((await listOfficeTeams(env.demo.orgId)).flatMap((t) => t.members)).toEqual([]);
    expect((await listOfficeTeams(org2.id))[0].members.map((m) => m.name)).toEqual(["Stranger"]);
  });

  it("a member who leaves the organisation no longer shows in the team", async () => {
    const [newCx] = await ensureOfficeTeams(env.demo.orgId);
    await addTeamMember(as("office"), newCx.id, { userId: env.demo.users.rep });
    await db().deleteFrom("org_members").where("org_id", "=", env.demo.orgId).where("user_id", "=", env.demo.users.rep).execute();
    expect((await listOfficeTeams(env.demo.orgId))[0].members).toEqual([]);
  });
});
