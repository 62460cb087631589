/**
 * The notification centre on both databases: a user reads and marks only their own notifications
 * (someone else's id is ignored, or 404 when opened), per organisation; the unread count; the
 * sentences for alerts and mentions in both languages (odd payloads degrade gracefully); only app
 * paths are followed; and the API (GET /api/v1/notifications, POST /api/v1/notifications/read).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { tFor } from "../../app/i18n/config";
import { createApiToken } from "../../app/models/api-tokens.server";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
  openNotification,
  safeAppPath,
} from "../../app/models/notification-centre.server";
import { notificationText } from "../../app/models/notification-text";
import { notify } from "../../app/models/notifications.server";
import { createOrganization } from "../../app/models/org.server";
import { createUser } from "../../app/models/user.server";
import { loader as listLoader } from "../../app/routes/api.v1.notifications";
import { action as readAction } from "../../app/routes/api.v1.notifications.read";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("notifications on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  /** A mention as the comments feature writes it, and an alert as detection writes it. */
  async function seed(orgId = env.demo.orgId) {
    const u = env.demo.users;
    await db()
      .transaction()
      .execute(async (tx) => {
        await notify(tx, {
          userIds: [u.office, u.lead, u.team],
          orgId,
          programId: env.demo.programId,
          kind: "mention",
          entityId: `comment-${orgId}`,
          actorId: u.team,
          url: "/programs/p/kpis/k#comment-1",
          payload: { excerpt: "这个月的 NPS 为何下降？", targetType: "kpi", targetTitle: "信用卡客户净推荐值（NPS）" },
        });
        await notify(tx, {
          userIds: [u.office, u.lead],
          orgId,
          programId: env.demo.programId,
          kind: "alert",
          entityId: `alert-${orgId}`,
          actorId: null,
          url: "/office/kpis?tab=alerts&alert=a1",
          payload: { alertKind: "threshold", kpiName: "信用卡投诉率", unit: "per_thousand", programName: "零售银行", programNameEn: "Retail banking", periodKey: "2026-03-01", value: 2.45, threshold: 2.2 },
        });
      });
  }

  it("lists only the user's own notifications in the organisation, newest first, and counts the unread", async () => {
    await seed();
    const u = env.demo.users;
    const office = await listNotifications(u.office, env.demo.orgId);
    expect(office.map((n) => n.kind).sort()).toEqual(["alert", "mention"]);
    expect(office.find((n) => n.kind === "mention")).toMatchObject({ actor: { id: u.team, name: "王芳" }, payload: { targetType: "kpi" }, readAt: null });
    // The author is never notified of their own comment; the viewer was not mentioned.
    expect(await listNotifications(u.team, env.demo.orgId)).toEqual([]);
    expect(await listNotifications(u.viewer, env.demo.orgId)).toEqual([]);
    expect(await countUnread(u.office, env.demo.orgId)).toBe(2);
    expect(await listNotifications(u.office, "another-org")).toEqual([]);
    expect(await countUnread(u.office, "another-org")).toBe(0);
  });

  it("marks only the user's own notifications: someone else's id is ignored, and 404 when opened", async () => {
    await seed();
    const u = env.demo.users;
    const [leadFirst] = await listNotifications(u.lead, env.demo.orgId);
    const officeList = await listNotifications(u.office, env.demo.orgId);
    expect(await markNotificationsRead(u.office, [leadFirst.id])).toBe(0);
    expect(await countUnread(u.lead, env.demo.orgId)).toBe(2);
    expect((await refusal(openNotification(u.office, leadFirst.id))).status).toBe(404);
    expect((await refusal(openNotification(u.office, 42))).status).toBe(404);

    expect(await markNotificationsRead(u.office, [officeList[0].id, officeList[0].id, leadFirst.id])).toBe(1);
    expect(await markNotificationsRead(u.office, [officeList[0].id])).toBe(0);
    expect(await countUnread(u.office, env.demo.orgId)).toBe(1);
    expect((await listNotifications(u.office, env.demo.orgId, { unreadOnly: true })).map((n) => n.id)).toEqual([officeList[1].id]);
    expect(await openNotification(u.office, officeList[1].id)).toBe(officeList[1].url);
    expect(await countUnread(u.office, env.demo.orgId)).toBe(0);
    // Still listed once read.
    expect(await listNotifications(u.office, env.demo.orgId)).toHaveLength(2);
    expect(await countUnread(u.lead, env.demo.orgId)).toBe(2);
  });

  it("mark all as read stays inside the organisation", async () => {
    const u = env.demo.users;
    const other = await createOrganization(u.office, { name: "第二组织", name_en: null });
    await seed();
    await seed(other.id);
    expect(await markAllNotificationsRead(u.office, env.demo.orgId)).toBe(2);
    expect(await countUnread(u.office, env.demo.orgId)).toBe(0);
    expect(await countUnread(u.office, other.id)).toBe(2);
    expect(await countUnread(u.lead, env.demo.orgId)).toBe(2);
  });

  it("says what happened in the reader's language, and degrades gracefully on odd payloads", async () => {
    await seed();
    const list = await listNotifications(env.demo.users.office, env.demo.orgId);
    const mention = list.find((n) => n.kind === "mention")!;
    const alert = list.find((n) => n.kind === "alert")!;
    expect(notificationText(mention, tFor("en"), "en")).toEqual({ title: "王芳 mentioned you on the KPI “信用卡客户净推荐值（NPS）”", body: "“这个月的 NPS 为何下降？”" });
    expect(notificationText(mention, tFor("zh-CN"), "zh-CN").title).toBe("王芳 在KPI“信用卡客户净推荐值（NPS）”中提及了你");
    expect(notificationText(alert, tFor("en"), "en")).toEqual({
      title: "信用卡投诉率 is past its alert threshold",
      body: "2.45‰ on Mar 1, 2026 (alert threshold 2.2‰) · Retail banking",
    });
    expect(notificationText(alert, tFor("zh-CN"), "zh-CN").body).toBe("2026年3月1日 的值为 2.45‰（预警阈值 2.2‰） · 零售银行");
    const stale = { kind: "alert", actor: null, payload: { alertKind: "stale", kpiName: "FCR", periodKey: "2026-03-09", lastMeasuredOn: "2026-03-02" } };
    expect(notificationText(stale, tFor("en"), "en")).toEqual({ title: "FCR has not been measured on time", body: "No value since Mar 2, 2026; the next one was due Mar 9, 2026" });
    expect(notificationText({ kind: "mention", actor: null, payload: { targetType: "spaceship", excerpt: 7 } }, tFor("en"), "en")).toEqual({ title: "Someone mentioned you", body: null });
    expect(notificationText({ kind: "alert", actor: null, payload: {} }, tFor("en"), "en")).toEqual({ title: "A KPI is past its alert threshold", body: null });
    expect(notificationText({ kind: "mystery", actor: null, payload: {} }, tFor("zh-CN"), "zh-CN").title).toBe("新通知");
  });

  it("follows only app paths", async () => {
    expect(safeAppPath("/office/kpis?alert=1")).toBe("/office/kpis?alert=1");
    expect(safeAppPath("//evil.example/x")).toBe("/notifications");
    expect(safeAppPath("/\\evil.example")).toBe("/notifications");
    expect(safeAppPath("https://evil.example")).toBe("/notifications");
    const u = env.demo.users;
    await db()
      .transaction()
      .execute((tx) => notify(tx, { userIds: [u.office], orgId: env.demo.orgId, programId: null, kind: "mention", entityId: "c-evil", actorId: u.team, url: "https://evil.example", payload: {} }));
    const [n] = await listNotifications(u.office, env.demo.orgId);
    expect(n.url).toBe("/notifications");
    expect(await openNotification(u.office, n.id)).toBe("/notifications");
  });

  it("the API: lists the caller's own (with sentences), marks by ids (others' ignored) or all; bad bodies 422; read tokens 403", async () => {
    await seed();
    const u = env.demo.users;
    const token = async (userId: string, scope: "read" | "write" = "write") => (await createApiToken(userId, { name: "t", scope, expiresInDays: 1 })).token;
    const req = (path: string, tok: string, body?: unknown) =>
      new Request(`http://localhost${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${tok}`, "content-type": "application/json", "accept-language": "en" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const context = { clientIp: "127.0.0.1" };
    const status = async (p: Promise<Response>) => {
      try {
        return (await p).status;
      } catch (e) {
        if (e instanceof Response) return e.status;
        throw e;
      }
    };
    const office = await token(u.office);
    const res = await listLoader({ request: req("/api/v1/notifications?unread=1", office), params: {}, context });
    const body = (await res.json()) as { notifications: { id: string; kind: string; title: string }[]; unread: number };
    expect(body.unread).toBe(2);
    expect(body.notifications.map((n) => n.kind).sort()).toEqual(["alert", "mention"]);
    expect(body.notifications.find((n) => n.kind === "alert")?.title).toBe("信用卡投诉率 is past its alert threshold");
    expect(await status(listLoader({ request: req("/api/v1/notifications?limit=0", office), params: {}, context }))).toBe(400);

    const leadIds = (await listNotifications(u.lead, env.demo.orgId)).map((n) => n.id);
    const ignored = await readAction({ request: req("/api/v1/notifications/read", office, { ids: leadIds }), params: {}, context });
    expect(await ignored.json()).toEqual({ updated: 0, unread: 2 });
    expect(await countUnread(u.lead, env.demo.orgId)).toBe(2);
    const one = await readAction({ request: req("/api/v1/notifications/read", office, { ids: [body.notifications[0].id] }), params: {}, context });
    expect(await one.json()).toEqual({ updated: 1, unread: 1 });
    for (const bad of [{}, { ids: [] }, { all: false }, { ids: ["x"], all: true }]) {
      expect(await status(readAction({ request: req("/api/v1/notifications/read", office, bad), params: {}, context }))).toBe(422);
    }
    expect(await status(readAction({ request: req("/api/v1/notifications/read", await token(u.office, "read"), { all: true }), params: {}, context }))).toBe(403);
    const all = await readAction({ request: req("/api/v1/notifications/read", office, { all: true }), params: {}, context });
    expect(await all.json()).toEqual({ updated: 1, unread: 0 });
    expect(await countUnread(u.lead, env.demo.orgId)).toBe(2);

    // A user of no organisation, or naming one they are not in: 404.
    const loner = await createUser({ email: `loner-${Date.now()}@x.test`, name: "L", password: "password-123" });
    expect(await status(listLoader({ request: req("/api/v1/notifications", await token(loner.id)), params: {}, context }))).toBe(404);
    expect(await status(listLoader({ request: req(`/api/v1/notifications?orgId=${env.demo.orgId}`, await token(loner.id)), params: {}, context }))).toBe(404);
  });
});
