/** The relational model on both databases: visibility, roles, invites, audit, throttling. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import { listAudit } from "../../app/models/audit.server";
import { acceptInvite, createInvite, getInviteByToken, listPendingInvites, revokeInvite } from "../../app/models/invite.server";
import { changeMemberRole, listProgramMembers, removeMember } from "../../app/models/membership.server";
import { createOrganization, listUserOrgs, setOrgRole } from "../../app/models/org.server";
import { createProgram, getProgramAccess, listVisiblePrograms } from "../../app/models/program.server";
import { clearFailures, recordFailure, retryAfterSeconds } from "../../app/models/throttle.server";
import { createUser, EmailTakenError, findUserByEmail, verifyLogin } from "../../app/models/user.server";
import { briefDocName } from "../../app/models/brief";
import { journeyDocName, readJourneyContent } from "../../app/models/journey-doc";
import { changeDoc, readDoc } from "../../app/models/live-docs.server";
import { seedDemoIfEmpty } from "../../db/seed/index";
import { useMemoryLiveDocs } from "../helpers/memory-live-docs";
import type { DemoIds } from "../../db/seed/demo-foundation";
import { createTestDb, dialects, type TestDb } from "../helpers/db";

describe.each(dialects())("models on %s", (dialect) => {
  let t: TestDb;
  let demo: DemoIds;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    setDbHandle(t.handle);
    useMemoryLiveDocs();
    const ids = await seedDemoIfEmpty(t.handle.db, changeDoc);
    if (!ids) throw new Error("seed skipped on an empty database");
    demo = ids;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await t.cleanup();
  });

  it("seeds the demo only once, with its live documents written through the rooms", async () => {
    expect(await seedDemoIfEmpty(t.handle.db, changeDoc)).toBeNull();
    const brief = await readDoc(briefDocName(demo.programId), (doc) => doc.getText("ambition").toString());
    expect(brief).toContain("NPS");
    const boards = await t.handle.db.selectFrom("vision_boards").select("id").where("program_id", "=", demo.programId).execute();
    expect(boards).toHaveLength(1);
    const notes = await readDoc(`vision:${boards[0].id}`, (doc) => doc.getMap("notes").size);
    expect(notes).toBe(40);
  });

  it("seeds step 2: two maps with 40 touchpoints, 15 pain points, answered questions and 2,000 linked feedback records", async () => {
    const maps = await t.handle.db
      .selectFrom("journey_maps")
      .select(["id", "name"])
      .where("program_id", "=", demo.programId)
      .where("state", "=", "current")
      .execute();
    expect(maps.map((m) => m.name).sort()).toEqual(["信用卡申请", "投诉处理"].sort());
    let touchpoints = 0;
    let pains = 0;
    for (const m of maps) {
      const c = await readDoc(journeyDocName(m.id), readJourneyContent);
      touchpoints += c.cards.filter((x) => x.lane === "touchpoints").length;
      pains += c.painPoints.length;
      expect(c.painPoints.every((p) => p.touchpointId !== null)).toBe(true);
      expect(Object.values(c.questions).every((a) => a.length > 0)).toBe(true);
      expect(Object.keys(c.emotions).length).toBeGreaterThan(0);
    }
    expect(touchpoints).toBe(40);
    expect(pains).toBe(15);
    const records = await t.handle.db.selectFrom("feedback_records").select((eb) => eb.fn.countAll<number>().as("n")).where("source", "=", "import").executeTakeFirstOrThrow();
    expect(Number(records.n)).toBe(2000);
    const withCustomer = await t.handle.db
      .selectFrom("feedback_records")
      .select((eb) => eb.fn.count<number>("customer_id").distinct().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(withCustomer.n)).toBeGreaterThan(100);
    const linked = await t.handle.db
      .selectFrom("journey_evidence_links")
      .select((eb) => eb.fn.count<number>("target_id").distinct().as("n"))
      .where("target_type", "=", "pain_point")
      .executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBe(15);
  });

  it("seeds step 3: the card journey's future state, its diff, resolutions and four quick wins in different states", async () => {
    const future = await t.handle.db.selectFrom("journey_maps").selectAll().where("state", "=", "future").executeTakeFirstOrThrow();
    const current = await t.handle.db.selectFrom("journey_maps").selectAll().where("id", "=", future.current_map_id!).executeTakeFirstOrThrow();
    expect(current.name).toBe("信用卡申请");
    const c = await readDoc(journeyDocName(future.id), readJourneyContent);
    const texts = c.cards.filter((x) => x.lane === "touchpoints").map((x) => x.text);
    expect(texts).toEqual(expect.arrayContaining(["审批进度主动推送", "补件清单短信"]));
    expect(texts).not.toContain("网点纸质申请");
    expect(c.painPoints).toHaveLength(0);
    const { diffPair } = await import("../../app/models/future-state.server");
    const { saveJourneyProjection } = await import("../../app/models/journey-projection.server");
    const cur = await readDoc(journeyDocName(current.id), readJourneyContent);
    await t.handle.db.transaction().execute((tx) => saveJourneyProjection(tx, current.id, demo.programId, cur));
    const d = await diffPair(current.id, future.id);
    expect(d.counts).toMatchObject({ added: 2, removed: 1, moved: 1, edited: 1 });
    expect(d.resolvedCount).toBe(3);
    const wait = d.emotions[0].points.find((p) => p.stageName === "审批等待")!;
    expect(wait.future!).toBeGreaterThan(wait.current!);
    const wins = await t.handle.db.selectFrom("initiatives").select(["status", "result_notes", "owner_id"]).where("kind", "=", "quick_win").execute();
    expect(wins.map((w) => w.status).sort()).toEqual(["approved", "done", "idea", "in_progress"]);
    expect(wins.find((w) => w.status === "done")!.result_notes).not.toBe("");
    const links = await t.handle.db
      .selectFrom("initiative_pain_points")
      .innerJoin("initiatives", "initiatives.id", "initiative_pain_points.initiative_id")
      .select("initiative_id")
      .where("initiatives.kind", "=", "quick_win")
      .execute();
    expect(new Set(links.map((l) => l.initiative_id)).size).toBe(4);
  });

  it("seeds step 4's KPIs: eight with six months of values, two past their alert threshold, linked to the quick wins", async () => {
    const { listKpis, initiativeKpiWarnings } = await import("../../app/models/kpis.server");
    const kpis = await listKpis(demo.programId);
    expect(kpis).toHaveLength(8);
    expect(kpis.filter((k) => k.kind === "process").length).toBeGreaterThanOrEqual(4);
    expect(kpis.filter((k) => k.template === null).map((k) => k.name)).toEqual(["信用卡审批时长"]);
    for (const k of kpis) {
      expect(k.measurementCount, k.name).toBeGreaterThanOrEqual(6);
      const first = k.sparkline.length ? (await t.handle.db.selectFrom("kpi_measurements").select("measured_on").where("kpi_id", "=", k.id).orderBy("measured_on").executeTakeFirstOrThrow()).measured_on : "";
      expect(Date.parse(k.latest!.date) - Date.parse(first), k.name).toBeGreaterThanOrEqual(140 * 86_400_000);
      expect(k.latest!.date <= new Date().toISOString().slice(0, 10)).toBe(true);
    }
    expect(kpis.filter((k) => k.status === "alert").map((k) => k.name).sort()).toEqual(["信用卡投诉率", "信用卡热线平均处理时长"].sort());
    // The improvement story: the others moved from their baseline towards the target.
    for (const k of kpis.filter((x) => x.status !== "alert")) {
      const better = k.direction === "up" ? k.latest!.value > k.baseline! : k.latest!.value < k.baseline!;
      expect(better, k.name).toBe(true);
    }
    const repeat = kpis.find((k) => k.template === "repeat_contact")!;
    expect(repeat.journeyMap?.name).toBe("信用卡申请");
    // The quick wins (step 6's demo adds loop initiatives of its own).
    const checks = (await initiativeKpiWarnings(demo.programId)).filter((c) => c.kind === "quick_win");
    expect(checks.filter((c) => c.kpis.length > 0)).toHaveLength(4);
    expect(checks.filter((c) => c.warnings.length > 0).map((c) => c.warnings.map((w) => w.key))).toEqual([["noOutcomeKpi"]]);
  });

  it("seeds step 4's loops: two closed small cycles with their before/after, a large cycle running, a triaged and partly dismissed inbox", async () => {
    const dbx = t.handle.db;
    const cycles = await dbx.selectFrom("loop_cycles").selectAll().where("program_id", "=", demo.programId).orderBy("kind", "desc").orderBy("number").execute();
    expect(cycles.map((c) => [c.kind, Number(c.number), c.status])).toEqual([["small", 1, "closed"], ["small", 2, "closed"], ["large", 1, "open"]]);
    for (const c of cycles.filter((x) => x.status === "closed")) {
      const result = JSON.parse(c.result_json!) as { kpis: { after: { on: string } }[] };
      const tracked = await dbx.selectFrom("cycle_kpis").select("kpi_id").where("cycle_id", "=", c.id).execute();
      expect(result.kpis).toHaveLength(tracked.length);
      expect(tracked.length).toBeGreaterThan(0);
      for (const k of result.kpis) expect(k.after.on >= c.starts_on && k.after.on <= c.ends_on).toBe(true);
    }
    const large = cycles.find((c) => c.kind === "large")!;
    const steps = await dbx.selectFrom("cycle_items").select("step").distinct().where("cycle_id", "=", large.id).execute();
    expect(steps.length).toBeGreaterThanOrEqual(4);
    const triage = await dbx.selectFrom("feedback_triage").selectAll().where("program_id", "=", demo.programId).execute();
    expect(triage.filter((x) => x.status === "triaged").length).toBeGreaterThanOrEqual(28);
    const dismissed = triage.filter((x) => x.status === "dismissed");
    expect(dismissed.length).toBeGreaterThanOrEqual(3);
    for (const d of dismissed) expect(d.reason).toBeTruthy();
    // (Step 5's idea box adds frontline records of source "idea"; see tests/integration/ideas.test.ts.)
    const frontline = await dbx.selectFrom("feedback_records").select("source").where("program_id", "=", demo.programId).where("origin", "=", "frontline").where("source", "!=", "idea").execute();
    expect(frontline.map((f) => f.source)).toEqual(Array(6).fill("manual"));
    expect((await dbx.selectFrom("feedback_links").select("id").where("program_id", "=", demo.programId).execute()).length).toBeGreaterThanOrEqual(6);
  });

  it("signs in demo users with the demo password, case-insensitively by email", async () => {
    expect((await verifyLogin("LEAD@demo.test", "demo-password"))?.id).toBe(demo.users.lead);
    expect(await verifyLogin("lead@demo.test", "wrong-password")).toBeUndefined();
    expect(await verifyLogin("nobody@demo.test", "demo-password")).toBeUndefined();
  });

  it("refuses a second account with the same email", async () => {
    await expect(createUser({ email: "Team@Demo.test", name: "x", password: "password123" })).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("shows each demo user the demo program with their role", async () => {
    const expectations: [keyof DemoIds["users"], string | null, boolean][] = [
      ["lead", "owner", true],
      ["exec", "leadership", false],
      ["team", "project_team", false],
      ["rep", "functional_rep", false],
      ["office", null, true],
      ["frontline", "frontline", false],
      ["viewer", "viewer", false],
    ];
    for (const [key, role, office] of expectations) {
      const programs = await listVisiblePrograms(demo.users[key]);
      expect(programs.map((p) => p.id), key).toEqual([demo.programId]);
      expect(programs[0].role, key).toBe(role);
      expect(programs[0].office, key).toBe(office);
    }
  });

  it("hides a program from people outside it: no access, no existence", async () => {
    const outsider = await createUser({ email: `out-${dialect}@example.com`, name: "Outsider", password: "password123" });
    expect(await listVisiblePrograms(outsider.id)).toEqual([]);
    expect(await getProgramAccess(outsider.id, demo.programId)).toBeNull();
    expect(await getProgramAccess(outsider.id, "no-such-program")).toBeNull();
    // A member of the same organisation without a program role and without office sees nothing either.
    const org2 = await createOrganization(outsider.id, { name: "另一家公司", name_en: "Other Co" });
    const p2 = await createProgram(outsider.id, org2.id, { name: "P2", name_en: null, description: "" });
    expect(await getProgramAccess(demo.users.lead, p2.id)).toBeNull();
    expect((await listVisiblePrograms(outsider.id)).map((p) => p.id)).toEqual([p2.id]);
    expect((await listUserOrgs(outsider.id)).map((o) => o.role)).toEqual(["admin"]);
  });

  it("a person can belong to several organisations", async () => {
    const u = await createUser({ email: `multi-${dialect}@example.com`, name: "Multi", password: "password123" });
    await createOrganization(u.id, { name: "甲", name_en: null });
    await createOrganization(u.id, { name: "乙", name_en: null });
    expect((await listUserOrgs(u.id)).map((o) => o.name)).toEqual(["甲", "乙"]);
  });

  it("keeps the last owner: cannot be demoted or removed", async () => {
    const program = (await getProgramAccess(demo.users.lead, demo.programId))!.program;
    expect(await changeMemberRole(demo.users.lead, program, demo.users.lead, "viewer")).toBe("last_owner");
    expect(await removeMember(demo.users.lead, program, demo.users.lead)).toBe("last_owner");
    // With a second owner, the first may step down.
    expect(await changeMemberRole(demo.users.lead, program, demo.users.exec, "owner")).toBe("ok");
    expect(await changeMemberRole(demo.users.lead, program, demo.users.lead, "leadership")).toBe("ok");
    expect(await changeMemberRole(demo.users.exec, program, demo.users.exec, "viewer")).toBe("last_owner");
    // Restore.
    expect(await changeMemberRole(demo.users.exec, program, demo.users.lead, "owner")).toBe("ok");
    expect(await changeMemberRole(demo.users.lead, program, demo.users.exec, "leadership")).toBe("ok");
    const roles = Object.fromEntries((await listProgramMembers(demo.programId)).map((m) => [m.user_id, m.role]));
    expect(roles[demo.users.lead]).toBe("owner");
    expect(roles[demo.users.exec]).toBe("leadership");
  });

  it("audits role changes with who, what, before and after", async () => {
    const entries = await listAudit({ programId: demo.programId, entityType: "member" });
    const change = entries.find((e) => e.entity_id === demo.users.exec && e.action === "change_role");
    expect(change).toBeDefined();
    expect(change!.actor_name).toBeTruthy();
    expect(JSON.parse(change!.after_summary!)).toHaveProperty("role");
    expect(JSON.parse(change!.before_summary!)).toHaveProperty("role");
  });

  it("invites by link: only the invited email can accept, once", async () => {
    const program = (await getProgramAccess(demo.users.lead, demo.programId))!.program;
    const email = `new-${dialect}@example.com`;
    const created = await createInvite(demo.users.lead, program, { email: email.toUpperCase(), role: "functional_rep" });
    if (!created.ok) throw new Error("invite refused");
    expect((await listPendingInvites(demo.programId)).map((i) => i.email)).toContain(email);
    expect((await getInviteByToken(created.token))?.status).toBe("valid");
    expect(await getInviteByToken("not-a-token")).toBeNull();

    const stranger = await createUser({ email: `stranger-${dialect}@example.com`, name: "S", password: "password123" });
    expect(await acceptInvite(created.token, stranger)).toEqual({ ok: false, reason: "wrong_user" });

    const invitee = await createUser({ email, name: "New Rep", password: "password123" });
    expect(await acceptInvite(created.token, invitee)).toEqual({ ok: true, programId: demo.programId });
    expect(await acceptInvite(created.token, invitee)).toEqual({ ok: false, reason: "accepted" });
    const access = await getProgramAccess(invitee.id, demo.programId);
    expect(access?.access.role).toBe("functional_rep");
    expect((await listUserOrgs(invitee.id)).map((o) => o.id)).toEqual([demo.orgId]);
    expect((await findUserByEmail(email))?.active_org_id).toBe(demo.orgId);
  });

  it("refuses inviting an existing member, and revoked invites cannot be accepted", async () => {
    const program = (await getProgramAccess(demo.users.lead, demo.programId))!.program;
    expect(await createInvite(demo.users.lead, program, { email: "team@demo.test", role: "viewer" })).toEqual({
      ok: false,
      reason: "already_member",
    });
    const email = `revoked-${dialect}@example.com`;
    const created = await createInvite(demo.users.lead, program, { email, role: "viewer" });
    if (!created.ok) throw new Error("invite refused");
    expect(await revokeInvite(demo.users.lead, program, created.invite.id)).toBe(true);
    expect(await revokeInvite(demo.users.lead, program, created.invite.id)).toBe(false);
    const u = await createUser({ email, name: "R", password: "password123" });
    expect(await acceptInvite(created.token, u)).toEqual({ ok: false, reason: "revoked" });
    expect(await getProgramAccess(u.id, demo.programId)).toBeNull();
  });

  it("a removed member loses access at once", async () => {
    const program = (await getProgramAccess(demo.users.lead, demo.programId))!.program;
    const email = `leaver-${dialect}@example.com`;
    const created = await createInvite(demo.users.lead, program, { email, role: "project_team" });
    if (!created.ok) throw new Error("invite refused");
    const u = await createUser({ email, name: "Leaver", password: "password123" });
    await acceptInvite(created.token, u);
    expect(await getProgramAccess(u.id, demo.programId)).not.toBeNull();
    expect(await removeMember(demo.users.lead, program, u.id)).toBe("ok");
    expect(await getProgramAccess(u.id, demo.programId)).toBeNull();
    expect(await removeMember(demo.users.lead, program, u.id)).toBe("not_member");
  });

  it("the CX office reads every program of its organisation, and only of its own", async () => {
    const p = await createProgram(demo.users.lead, demo.orgId, { name: "第二个项目", name_en: "Second", description: "" });
    const seen = (await listVisiblePrograms(demo.users.office)).map((x) => x.id);
    expect(seen).toContain(p.id);
    expect((await getProgramAccess(demo.users.office, p.id))?.access).toEqual({ role: null, office: true });
    // The viewer of the demo program is not in the new one.
    expect(await getProgramAccess(demo.users.viewer, p.id)).toBeNull();
  });

  it("keeps the last organisation admin", async () => {
    expect(await setOrgRole(demo.users.lead, demo.orgId, demo.users.lead, "member")).toBe("last_admin");
    expect(await setOrgRole(demo.users.lead, demo.orgId, demo.users.team, "cx_office")).toBe("ok");
    expect((await getProgramAccess(demo.users.team, demo.programId))?.access).toEqual({ role: "project_team", office: true });
    expect(await setOrgRole(demo.users.lead, demo.orgId, demo.users.team, "member")).toBe("ok");
    expect(await setOrgRole(demo.users.lead, demo.orgId, "nobody", "member")).toBe("not_member");
  });

  it("leaves nothing half-written when a multi-row change fails", async () => {
    const before = await t.handle.db.selectFrom("programs").select("id").execute();
    // An organisation id that does not exist violates the programs→organizations foreign key.
    await expect(
      createProgram(demo.users.lead, "no-such-org", { name: "Broken", name_en: null, description: "" }),
    ).rejects.toThrow();
    const after = await t.handle.db.selectFrom("programs").select("id").execute();
    expect(after.length).toBe(before.length);
    const orphans = await t.handle.db.selectFrom("audit_log").select("id").where("org_id", "=", "no-such-org").execute();
    expect(orphans).toEqual([]);
  });

  it("throttles repeated sign-in failures with a growing lock", async () => {
    const key = `victim-${dialect}|1.2.3.4`;
    const now = 1_700_000_000_000;
    for (let i = 0; i < 4; i++) expect(await recordFailure(key, now + i)).toBe(0);
    expect(await recordFailure(key, now + 10)).toBe(30);
    expect(await retryAfterSeconds(key, now + 20)).toBeGreaterThan(0);
    expect(await recordFailure(key, now + 31_000)).toBe(60);
    expect(await retryAfterSeconds(key, now + 31_000 + 61_000)).toBe(0);
    await clearFailures(key);
    expect(await retryAfterSeconds(key, now)).toBe(0);
  });
});
