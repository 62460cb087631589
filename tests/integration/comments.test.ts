/**
 * Comments with @mentions on both databases: threads on every kind of target, replies, edits,
 * resolve/reopen, audit; mentions notify only the newly mentioned and never the author; mentioning
 * someone who cannot see the program is refused; frontline and viewers are refused (403); a
 * target of another program answers 404; and through the API, an office user of another
 * organisation cannot read.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, nowIso } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { commentCounts, createComment, editComment, listComments, mentionablePeople, setThreadResolved } from "../../app/models/comments.server";
import { mentionToken } from "../../app/models/comments";
import { createInitiative } from "../../app/models/initiatives.server";
import { journeyDocName, putCard, putPainPoint, readJourneyContent } from "../../app/models/journey-doc";
import { createJourneyMap } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { createKpi } from "../../app/models/kpis.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram, getProgramAccess } from "../../app/models/program.server";
import { createUser } from "../../app/models/user.server";
import { createVisionBoard } from "../../app/models/vision-boards.server";
import { loader as threadLoader, action as threadAction } from "../../app/routes/api.v1.comments.$commentId";
import { action as resolveAction } from "../../app/routes/api.v1.comments.$commentId.resolve";
import { action as programCommentsAction, loader as programCommentsLoader } from "../../app/routes/api.v1.programs.$programId.comments";
import { changeDoc } from "../../app/models/live-docs.server";
import { setDbHandle } from "../../app/db.server";
import { seedDemoIfEmpty } from "../../db/seed/index";
import { createTestDb, dialects } from "../helpers/db";
import { useMemoryLiveDocs } from "../helpers/memory-live-docs";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("comments on %s", (dialect) => {
  let env: VisionTestEnv;
  let mapId: string;
  let boardId: string;
  let initiativeId: string;
  let kpiId: string;
  const tp = "tp-progress";
  const pain = "pp-progress";
  const note = "note-1";

  beforeEach(async () => {
    env = await setupVision(dialect);
    const team = await env.actor("team");
    mapId = (await createJourneyMap(team, { name: "信用卡申请", persona: "年轻白领" }, "zh-CN")).id;
    const doc = env.live.doc(journeyDocName(mapId));
    const stageId = readJourneyContent(doc).stages[0].id;
    doc.transact(() => {
      putCard(doc, { id: tp, lane: "touchpoints", stageId, text: "申请进度页面", channel: "web", position: 1, createdBy: null, createdAt: nowIso() });
      putPainPoint(doc, {
        id: pain, touchpointId: tp, title: "进度不透明", description: "", severity: 5, reach: 4, impact: 4, effort: 2,
        source: "bottom_up", status: "confirmed", createdBy: null, createdAt: nowIso(),
      });
    });
    await db().transaction().execute((tx) => saveJourneyProjection(tx, mapId, env.demo.programId, readJourneyContent(doc)));
    boardId = (await createVisionBoard(await env.actor("lead"), { title: "愿景工作坊" })).id;
    await db()
      .insertInto("vision_notes")
      .values({ board_id: boardId, doc_object_id: note, prompt_id: "p1", cluster_id: null, text: "客户随时知道申请进度", colour: "yellow", author_id: env.demo.users.exec, created_at: nowIso(), projected_at: nowIso(), deleted_at: null })
      .execute();
    initiativeId = (
      await createInitiative(team, { title: "主动推送申请进度", lever: "progress_feedback", ownerId: env.demo.users.team, painPoints: [{ mapId, painPointId: pain }] })
    ).id;
    kpiId = (await createKpi(team, { template: "nps" }, "zh-CN")).id;
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const audit = () =>
    db().selectFrom("audit_log").select(["entity_id", "action", "actor_id"]).where("entity_type", "=", "comment").orderBy("created_at").orderBy("id").execute();
  const notifications = (userId: string) =>
    db().selectFrom("notifications").selectAll().where("user_id", "=", userId).where("kind", "=", "mention").orderBy("created_at").execute();
  const user = (key: keyof VisionTestEnv["demo"]["users"], name: string) => ({ id: env.demo.users[key], name });
  const LEAD = () => user("lead", "陈明");
  const OFFICE = () => user("office", "李静");
  const TEAM = () => user("team", "王芳");

  it("starts threads on every kind of target and replies; lists threads with replies, authors and mentions; audited", async () => {
    const team = await env.actor("team");
    const office = await env.actor("office");
    const targets = [
      { targetType: "initiative", targetId: initiativeId },
      { targetType: "kpi", targetId: kpiId },
      { targetType: "pain_point", targetId: pain, targetContext: mapId },
      { targetType: "touchpoint", targetId: tp },
      { targetType: "sticky", targetId: note, targetContext: boardId },
    ] as const;
    for (const target of targets) {
      const thread = await createComment(team, { ...target, body: `关于${target.targetType}的讨论` });
      expect(thread).toMatchObject({ targetType: target.targetType, targetId: target.targetId, author: { id: team.user.id, name: "王芳" }, replies: [], resolvedAt: null });
    }
    // The context of a doc object is looked up when left out.
    const touchThread = (await listComments(team, "touchpoint", tp))[0];
    expect(touchThread.targetContext).toBe(mapId);

    const first = (await listComments(team, "kpi", kpiId))[0];
    const replied = await createComment(office, { targetType: "kpi", targetId: kpiId, threadId: first.id, body: `${mentionToken(TEAM())} 数据口径确认了吗？` });
    expect(replied.id).toBe(first.id);
    expect(replied.replies).toHaveLength(1);
    expect(replied.replies[0]).toMatchObject({ threadId: first.id, author: { name: "李静" }, mentions: [{ id: env.demo.users.team, name: "王芳" }] });
    await createComment(team, { targetType: "kpi", targetId: kpiId, threadId: replied.replies[0].id, body: "确认了" }); // a reply id stands for its thread
    const second = await createComment(team, { targetType: "kpi", targetId: kpiId, body: "第二个话题" });

    const list = await listComments(await env.actor("viewer"), "kpi", kpiId);
    expect(list.map((th) => th.id)).toEqual([first.id, second.id]);
    expect(list[0].replies.map((r) => r.body)).toEqual([`${mentionToken(TEAM())} 数据口径确认了吗？`, "确认了"]);
    expect(await commentCounts(env.demo.programId, "kpi", [kpiId, initiativeId, "nothing"])).toEqual({ [kpiId]: 4 });
    expect(await commentCounts(env.demo.programId, "pain_point", [pain])).toEqual({ [pain]: 1 });

    // (Audit rows written within one millisecond have no order: compare as sets.)
    const log = await audit();
    expect(log.map((a) => a.action).sort()).toEqual(["create", "create", "create", "create", "create", "create", "reply", "reply"]);
    expect(log.find((a) => a.entity_id === replied.replies[0].id)).toMatchObject({ action: "reply", actor_id: office.user.id });
  });

  it("notifies the mentioned (never the author), and on an edit only the newly mentioned", async () => {
    const team = await env.actor("team");
    const body = `${mentionToken(LEAD())} ${mentionToken(TEAM())} 请看一下进度页面的改版方案`;
    const thread = await createComment(team, { targetType: "pain_point", targetId: pain, body });
    expect(thread.mentions.map((m) => m.id).sort()).toEqual([env.demo.users.lead, env.demo.users.team].sort());
    expect(await notifications(env.demo.users.team)).toEqual([]);
    const leadNotes = await notifications(env.demo.users.lead);
    expect(leadNotes).toHaveLength(1);
    expect(leadNotes[0]).toMatchObject({
      entity_id: thread.id,
      actor_id: env.demo.users.team,
      program_id: env.demo.programId,
      org_id: env.demo.orgId,
      read_at: null,
    });
    expect(leadNotes[0].url).toBe(`/programs/${env.demo.programId}/journeys/${mapId}?touchpoint=${tp}&painPoint=${pain}#comments`);
    expect(JSON.parse(leadNotes[0].payload)).toEqual({ excerpt: "@陈明 @王芳 请看一下进度页面的改版方案", targetType: "pain_point", targetTitle: "进度不透明" });

    // Adding 李静 and keeping 陈明: only 李静 is notified; dropping 王芳 unlists her.
    const edited = await editComment(team, thread.id, { body: `${mentionToken(LEAD())} ${mentionToken(OFFICE())} 请看一下` });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.mentions.map((m) => m.name).sort()).toEqual(["李静", "陈明"].sort());
    expect(await notifications(env.demo.users.lead)).toHaveLength(1);
    const officeNotes = await notifications(env.demo.users.office);
    expect(officeNotes).toHaveLength(1);
    expect(JSON.parse(officeNotes[0].payload)).toMatchObject({ excerpt: "@陈明 @李静 请看一下", targetType: "pain_point" });
    // The same text again changes nothing (no edited_at bump, no audit).
    const before = (await audit()).length;
    await editComment(team, thread.id, { body: `${mentionToken(LEAD())} ${mentionToken(OFFICE())} 请看一下` });
    expect((await audit()).length).toBe(before);
    expect((await audit()).map((a) => a.action).sort()).toEqual(["create", "edit"]);
  });

  it("edits only one's own comment, checking the body's limits", async () => {
    const team = await env.actor("team");
    const thread = await createComment(team, { targetType: "initiative", targetId: initiativeId, body: "初稿" });
    const e1 = await refusal(editComment(await env.actor("lead"), thread.id, { body: "改一下" }));
    expect([e1.status, e1.key]).toEqual([403, "comments.errors.notAuthor"]);
    const e2 = await refusal(editComment(team, thread.id, { body: "x".repeat(4001) }));
    expect([e2.status, e2.fields]).toEqual([422, { body: "comments.errors.bodyTooLong" }]);
    const e3 = await refusal(createComment(team, { targetType: "initiative", targetId: initiativeId, body: "   " }));
    expect(e3.fields).toEqual({ body: "validation.required" });
    expect((await refusal(editComment(team, "no-such-comment", { body: "x" }))).status).toBe(404);
    expect((await listComments(team, "initiative", initiativeId))[0]).toMatchObject({ body: "初稿", editedAt: null });
  });

  it("refuses mentioning someone who cannot see the program, naming them; nothing is written", async () => {
    const team = await env.actor("team");
    const outsider = await createUser({ email: `outsider${Date.now()}@example.com`, name: "外部顾问", password: "password-123" });
    const e = await refusal(
      createComment(team, { targetType: "kpi", targetId: kpiId, body: `${mentionToken(LEAD())} ${mentionToken({ id: outsider.id, name: "外部顾问" })} 看看` }),
    );
    expect([e.status, e.fields, e.vars]).toEqual([422, { body: "comments.errors.mentionNotAllowed" }, { names: "外部顾问" }]);
    expect(await db().selectFrom("comments").select("id").execute()).toEqual([]);
    expect(await notifications(env.demo.users.lead)).toEqual([]);
    // Frontline and viewers see the program, so they can be mentioned; the CX office too.
    const ok = await createComment(team, { targetType: "kpi", targetId: kpiId, body: `${mentionToken(user("frontline", "张伟"))} ${mentionToken(OFFICE())}` });
    expect(ok.mentions).toHaveLength(2);
    // Editing to add an outsider is refused the same way.
    expect((await refusal(editComment(team, ok.id, { body: mentionToken({ id: outsider.id, name: "外部顾问" }) }))).status).toBe(422);
    const people = await mentionablePeople((await env.actor("team")).program);
    expect(people.map((p) => p.name).sort()).toEqual(["张伟", "李静", "王芳", "刘洋", "周华", "赵磊", "陈明"].sort());
  });

  it("refuses frontline and viewers (403) while they read", async () => {
    const team = await env.actor("team");
    const thread = await createComment(team, { targetType: "kpi", targetId: kpiId, body: "讨论" });
    for (const who of ["frontline", "viewer"] as const) {
      const actor = await env.actor(who);
      expect((await refusal(createComment(actor, { targetType: "kpi", targetId: kpiId, body: "我也想说" }))).status, who).toBe(403);
      expect((await refusal(createComment(actor, { targetType: "kpi", targetId: kpiId, threadId: thread.id, body: "回复" }))).status, who).toBe(403);
      expect((await refusal(setThreadResolved(actor, thread.id, { resolved: true }))).status, who).toBe(403);
      expect((await listComments(actor, "kpi", kpiId)).map((th) => th.id)).toEqual([thread.id]);
    }
    // Every role with `comment` may: owner, leadership, project team, functional rep, CX office.
    for (const who of ["lead", "exec", "rep", "office"] as const) {
      await createComment(await env.actor(who), { targetType: "kpi", targetId: kpiId, body: `${who} 的意见` });
    }
    expect(await db().selectFrom("comments").select("id").execute()).toHaveLength(5);
  });

  it("answers 404 for a target that is unknown, of another program, deleted, or in another map or board", async () => {
    const team = await env.actor("team");
    const lead = await env.actor("lead");
    const other = await createProgram(env.demo.users.lead, env.demo.orgId, { name: "另一个项目", name_en: null, description: "" });
    const otherAccess = await getProgramAccess(env.demo.users.lead, other.id);
    const otherLead = { program: otherAccess!.program, access: otherAccess!.access, user: lead.user };
    const foreignKpi = (await createKpi(otherLead, { template: "csat" }, "zh-CN")).id;
    const cases = [
      { targetType: "kpi", targetId: foreignKpi },
      { targetType: "kpi", targetId: "no-such-kpi" },
      { targetType: "initiative", targetId: kpiId },
      { targetType: "pain_point", targetId: pain, targetContext: boardId },
      { targetType: "touchpoint", targetId: pain },
      { targetType: "sticky", targetId: note, targetContext: mapId },
    ];
    for (const target of cases) {
      const e = await refusal(createComment(team, { ...target, body: "x" }));
      expect([e.status, e.key], JSON.stringify(target)).toEqual([404, "comments.errors.targetNotFound"]);
    }
    expect((await refusal(listComments(team, "kpi", foreignKpi))).status).toBe(404);
    expect((await refusal(listComments(team, "board", kpiId))).status).toBe(422);
    // A comment of another program cannot be replied to, edited or resolved from this one.
    const theirs = await createComment(otherLead, { targetType: "kpi", targetId: foreignKpi, body: "别处的讨论" });
    expect((await refusal(createComment(team, { targetType: "kpi", targetId: kpiId, threadId: theirs.id, body: "x" }))).status).toBe(404);
    expect((await refusal(setThreadResolved(lead, theirs.id, { resolved: true }))).status).toBe(404);
    // A note deleted from its board keeps its comments readable, and takes no new ones.
    await createComment(team, { targetType: "sticky", targetId: note, body: "好想法" });
    await db().updateTable("vision_notes").set({ deleted_at: nowIso() }).where("doc_object_id", "=", note).execute();
    expect(await listComments(team, "sticky", note)).toHaveLength(1);
    expect((await refusal(createComment(team, { targetType: "sticky", targetId: note, body: "还在吗" }))).status).toBe(404);
  });

  it("resolves and reopens a thread (anyone who may comment); a resolved thread takes no reply", async () => {
    const team = await env.actor("team");
    const rep = await env.actor("rep");
    const thread = await createComment(team, { targetType: "initiative", targetId: initiativeId, body: "负责人是谁？" });
    const reply = await createComment(rep, { targetType: "initiative", targetId: initiativeId, threadId: thread.id, body: "王芳" });
    const resolved = await setThreadResolved(rep, reply.replies[0].id, { resolved: true });
    expect(resolved).toMatchObject({ id: thread.id, resolvedBy: { id: rep.user.id, name: "刘洋" } });
    expect(resolved.resolvedAt).not.toBeNull();
    await setThreadResolved(rep, thread.id, { resolved: true }); // the same state again: nothing
    const e = await refusal(createComment(team, { targetType: "initiative", targetId: initiativeId, threadId: thread.id, body: "还有问题" }));
    expect([e.status, e.key]).toEqual([409, "comments.errors.threadResolved"]);
    expect((await refusal(setThreadResolved(team, thread.id, { resolved: "yes" }))).status).toBe(422);
    const reopened = await setThreadResolved(await env.actor("office"), thread.id, { resolved: false });
    expect(reopened).toMatchObject({ resolvedAt: null, resolvedBy: null });
    await createComment(team, { targetType: "initiative", targetId: initiativeId, threadId: thread.id, body: "还有问题" });
    expect((await audit()).map((a) => a.action).sort()).toEqual(["create", "reopen", "reply", "reply", "resolve"]);
  });

  it("serves the API: list, create (201), edit, resolve; refusals as JSON; an office user of another organisation cannot read", async () => {
    const tokenOf = async (userId: string, scope: "read" | "write" = "write") => (await createApiToken(userId, { name: "t", scope, expiresInDays: 30 })).token;
    const req = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
      new Request(`http://localhost${path}`, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    const context = { clientIp: "127.0.0.1" };
    const programId = env.demo.programId;
    const base = `/api/v1/programs/${programId}/comments`;
    const status = async (p: Promise<Response>) => {
      try {
        return (await p).status;
      } catch (e) {
        if (e instanceof Response) return e.status;
        throw e;
      }
    };

    const office = await tokenOf(env.demo.users.office);
    const created = await programCommentsAction({ request: req(base, office, { method: "POST", body: { targetType: "kpi", targetId: kpiId, body: `${mentionToken(LEAD())} 这个月的 NPS 为何下降？` } }), params: { programId }, context });
    expect(created.status).toBe(201);
    const { thread } = (await created.json()) as { thread: { id: string; mentions: { name: string }[] } };
    expect(thread.mentions).toEqual([{ id: env.demo.users.lead, name: "陈明" }]);

    const listed = await programCommentsLoader({ request: req(`${base}?targetType=kpi&targetId=${kpiId}`, await tokenOf(env.demo.users.viewer, "read")), params: { programId }, context });
    expect(((await listed.json()) as { threads: unknown[] }).threads).toHaveLength(1);

    const edited = await threadAction({ request: req(`/api/v1/comments/${thread.id}`, office, { method: "PATCH", body: { body: "改了问题" } }), params: { commentId: thread.id }, context });
    expect(((await edited.json()) as { thread: { body: string; editedAt: string | null } }).thread).toMatchObject({ body: "改了问题", editedAt: expect.any(String) });
    const resolved = await resolveAction({ request: req(`/api/v1/comments/${thread.id}/resolve`, office, { method: "POST", body: { resolved: true } }), params: { commentId: thread.id }, context });
    expect(((await resolved.json()) as { thread: { resolvedAt: string | null } }).thread.resolvedAt).not.toBeNull();

    // Refusals: viewer (403), someone else's comment (403), a read-scoped token (403), bad input (422, JSON in the caller's language), unknown target (404).
    const viewer = await tokenOf(env.demo.users.viewer);
    expect(await status(programCommentsAction({ request: req(base, viewer, { method: "POST", body: { targetType: "kpi", targetId: kpiId, body: "x" } }), params: { programId }, context }))).toBe(403);
    expect(await status(threadAction({ request: req(`/api/v1/comments/${thread.id}`, await tokenOf(env.demo.users.team), { method: "PATCH", body: { body: "x" } }), params: { commentId: thread.id }, context }))).toBe(403);
    expect(await status(programCommentsAction({ request: req(base, await tokenOf(env.demo.users.office, "read"), { method: "POST", body: { targetType: "kpi", targetId: kpiId, body: "x" } }), params: { programId }, context }))).toBe(403);
    try {
      await programCommentsAction({ request: req(base, office, { method: "POST", body: { targetType: "kpi", targetId: kpiId, body: "" } }), params: { programId }, context });
      expect.unreachable();
    } catch (e) {
      const res = e as Response;
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: { code: "invalid_input", message: expect.any(String), fields: { body: "This field is required." } } });
    }
    expect(await status(programCommentsLoader({ request: req(`${base}?targetType=kpi&targetId=nope`, office), params: { programId }, context }))).toBe(404);

    // The CX office (an admin) of another organisation sees neither the program nor its comments.
    const stranger = await createUser({ email: `office${Date.now()}@other.test`, name: "别家办公室", password: "password-123" });
    await createOrganization(stranger.id, { name: "别家集团", name_en: null });
    const theirs = await tokenOf(stranger.id);
    expect(await status(programCommentsLoader({ request: req(`${base}?targetType=kpi&targetId=${kpiId}`, theirs), params: { programId }, context }))).toBe(404);
    expect(await status(threadLoader({ request: req(`/api/v1/comments/${thread.id}`, theirs), params: { commentId: thread.id }, context }))).toBe(404);
    expect(await status(resolveAction({ request: req(`/api/v1/comments/${thread.id}/resolve`, theirs, { method: "POST", body: { resolved: false } }), params: { commentId: thread.id }, context }))).toBe(404);
  });
});

describe.each(dialects())("the demo discussions on %s", (dialect) => {
  it("seeds six threads on a pain point, an initiative, KPIs and a sticky note, with replies, mentions and their notifications; one resolved", async () => {
    const t = await createTestDb(dialect);
    setDbHandle(t.handle);
    useMemoryLiveDocs();
    try {
      const ids = (await seedDemoIfEmpty(t.handle.db, changeDoc))!;
      const rows = await db().selectFrom("comments").selectAll().where("program_id", "=", ids.programId).execute();
      const roots = rows.filter((r) => r.thread_id === null);
      expect(roots).toHaveLength(6);
      expect(roots.map((r) => r.target_type).sort()).toEqual(["initiative", "kpi", "kpi", "pain_point", "pain_point", "sticky"]);
      expect(roots.filter((r) => r.resolved_at !== null)).toHaveLength(1);
      expect(rows.length).toBeGreaterThanOrEqual(14);
      expect(roots.every((r) => r.target_type === "initiative" || r.target_type === "kpi" || r.target_context !== null)).toBe(true);
      // 王芳 mentions 陈明 and 李静 on the pain point; both are notified through notify.
      const first = roots.find((r) => r.author_id === ids.users.team && r.target_type === "pain_point")!;
      const mentioned = await db().selectFrom("comment_mentions").select("user_id").where("comment_id", "=", first.id).execute();
      expect(mentioned.map((m) => m.user_id).sort()).toEqual([ids.users.lead, ids.users.office].sort());
      for (const who of [ids.users.lead, ids.users.office]) {
        const n = await db().selectFrom("notifications").selectAll().where("user_id", "=", who).where("entity_id", "=", first.id).executeTakeFirstOrThrow();
        expect(n).toMatchObject({ kind: "mention", actor_id: ids.users.team, read_at: null });
        expect(JSON.parse(n.payload)).toMatchObject({ targetType: "pain_point", targetTitle: "审批进度不透明" });
        expect(n.url).toMatch(new RegExp(`^/programs/${ids.programId}/journeys/[^?]+\\?touchpoint=[^&]+&painPoint=${first.target_id}#comments$`));
      }
      // Nobody is notified of their own comment.
      const own = await db().selectFrom("notifications").innerJoin("comments", "comments.id", "notifications.entity_id").select("notifications.id").whereRef("notifications.user_id", "=", "comments.author_id").execute();
      expect(own).toEqual([]);
      // The seeded threads read through the model like any other.
      const team = await getProgramAccess(ids.users.team, ids.programId);
      const threads = await listComments({ program: team!.program, access: team!.access, user: { id: ids.users.team, name: "王芳" } }, "initiative", roots.find((r) => r.target_type === "initiative")!.target_id);
      expect(threads[0].replies.length).toBe(2);
    } finally {
      setDbHandle(undefined);
      await t.cleanup();
    }
  });
});
