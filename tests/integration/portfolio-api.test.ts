/**
 * The CX office portfolio API against the real server and the seeded demo: GET
 * /api/v1/office/portfolio (filters as query parameters, the demo's teams, colours and override),
 * GET and PATCH /api/v1/initiatives/:id/office (owning team, health override) with their
 * refusals — bad query 400, no session 401, viewers and read tokens 403, other organisations 404,
 * no reason 422.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { createUser, findUserByEmail } from "../../app/models/user.server";
import { openDatabase } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let office: { cookie: string; token: string };
let viewer: { cookie: string; token: string };
let stranger: { cookie: string; token: string };
let strangerOrgId: string;
let readToken: string;

interface Item {
  id: string;
  title: string;
  kind: string;
  status: string;
  health: string;
  computedHealth: string;
  team: { id: string; key: string } | null;
  override: { health: string; reason: string; by: { name: string } | null } | null;
  kpis: { name: string; status: string; latest: unknown }[];
  canManage: boolean;
}
interface Portfolio {
  items: Item[];
  total: number;
  healthCounts: Record<string, number>;
  teams: { id: string; key: string }[];
  programs: { id: string; name: string }[];
  seesAll: boolean;
}

function call(method: string, path: string, opts: { auth?: Record<string, string>; body?: unknown } = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", "accept-language": "en", ...(opts.auth ?? {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}
const cookie = (s: { cookie: string }) => ({ cookie: s.cookie });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const portfolio = async (query = "", who = office) =>
  ((await (await call("GET", `/api/v1/office/portfolio${query}`, { auth: cookie(who) })).json()) as { portfolio: Portfolio }).portfolio;

beforeAll(async () => {
  server = await startServer();
  office = await signIn(server.url, "office@demo.test");
  viewer = await signIn(server.url, "viewer@demo.test");
  const handle = openDatabase(server.databaseUrl);
  setDbHandle(handle);
  try {
    const s = await createUser({ email: `pf-stranger${Date.now()}@example.com`, name: "S", password: "password-123" });
    const org = await createOrganization(s.id, { name: "别家", name_en: null });
    strangerOrgId = org.id;
    await createProgram(s.id, org.id, { name: "Theirs", name_en: null, description: "" });
    stranger = await signIn(server.url, s.email, "password-123");
    const me = await findUserByEmail("office@demo.test");
    readToken = (await createApiToken(me!.id, { name: "BI read", scope: "read", expiresInDays: 30 })).token;
  } finally {
    setDbHandle(undefined);
    await handle.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

describe("GET /api/v1/office/portfolio", () => {
  it("needs a session or a token", async () => {
    expect((await call("GET", "/api/v1/office/portfolio")).status).toBe(401);
  });

  it("answers the demo portfolio: every kind, the three teams staffed, red and amber, the office's override", async () => {
    const p = await portfolio();
    expect(p.seesAll).toBe(true);
    expect(p.teams.map((t) => t.key)).toEqual(["new_cx", "call_center", "analytics"]);
    expect(p.total).toBeGreaterThanOrEqual(8);
    expect(new Set(p.items.map((i) => i.kind))).toEqual(new Set(["quick_win", "small_loop", "large_loop"]));
    expect(p.items.every((i) => i.team !== null)).toBe(true);
    const byTitle = (part: string) => p.items.find((i) => i.title.includes(part))!;
    expect(byTitle("热线回拨预约排程优化")).toMatchObject({ health: "red", team: { key: "call_center" } });
    expect(byTitle("热线回拨预约排程优化").kpis[0]).toMatchObject({ status: "alert" });
    expect(byTitle("一线进度答复话术卡")).toMatchObject({ health: "red", status: "approved" });
    expect(byTitle("客户之声月度洞察简报")).toMatchObject({ health: "amber" });
    expect(byTitle("投诉受理后")).toMatchObject({ health: "amber", computedHealth: "red", override: { health: "amber", by: { name: "李静" } } });
    expect(byTitle("审批进度主动推送")).toMatchObject({ health: "closed" });
    expect(p.healthCounts.red).toBeGreaterThanOrEqual(2);

    const callCenter = p.teams.find((t) => t.key === "call_center")!;
    const red = await portfolio(`?health=red&team=${callCenter.id}`);
    expect(red.items.length).toBeGreaterThanOrEqual(2);
    expect(red.items.every((i) => i.health === "red" && i.team?.key === "call_center")).toBe(true);
    expect(red.total).toBe(p.total);
    expect((await portfolio("?kind=large_loop")).items.map((i) => i.title)).toEqual(["投诉全流程数字化工单"]);
  });

  it("refuses a value it does not understand (400, naming it) and an organisation the caller is not in (404)", async () => {
    const bad = await call("GET", "/api/v1/office/portfolio?health=purple&sort=random", { auth: cookie(office) });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(["health", "sort"]);
    expect((await call("GET", `/api/v1/office/portfolio?org=${strangerOrgId}`, { auth: cookie(office) })).status).toBe(404);
  });

  it("shows another organisation nothing of the demo", async () => {
    const theirs = await portfolio("", stranger);
    expect(theirs).toMatchObject({ items: [], total: 0 });
    expect(theirs.programs.map((p) => p.name)).toEqual(["Theirs"]);
  });

  it("a viewer reads the portfolio of their program but may manage nothing", async () => {
    const p = await portfolio("", viewer);
    expect(p.seesAll).toBe(false);
    expect(p.items.length).toBeGreaterThan(0);
    expect(p.items.every((i) => !i.canManage)).toBe(true);
  });
});

describe("GET and PATCH /api/v1/initiatives/:initiativeId/office", () => {
  it("overrides the health with a reason, sets the team, clears the override", async () => {
    const p = await portfolio();
    const target = p.items.find((i) => i.title.includes("一线进度答复话术卡"))!;
    const newCx = p.teams.find((t) => t.key === "new_cx")!;
    const res = await call("PATCH", `/api/v1/initiatives/${target.id}/office`, {
      auth: cookie(office),
      body: { owningTeamId: newCx.id, healthOverride: { health: "amber", reason: "New date agreed with the branches" } },
    });
    expect(res.status).toBe(200);
    const { initiative } = (await res.json()) as { initiative: Item };
    expect(initiative).toMatchObject({
      health: "amber",
      computedHealth: "red",
      team: { key: "new_cx" },
      override: { reason: "New date agreed with the branches", by: { name: "李静" } },
    });

    const got = await call("GET", `/api/v1/initiatives/${target.id}/office`, { auth: bearer(readToken) });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { initiative: Item }).initiative.override?.health).toBe("amber");

    const cleared = await call("PATCH", `/api/v1/initiatives/${target.id}/office`, { auth: bearer(office.token), body: { healthOverride: null } });
    expect(((await cleared.json()) as { initiative: Item }).initiative).toMatchObject({ health: "red", override: null });
  });

  it("refuses: no reason 422, viewer 403, read token 403, unknown 404, another organisation 404, wrong method 405", async () => {
    const p = await portfolio();
    const target = p.items.find((i) => i.title.includes("热线回拨预约排程优化"))!;
    const path = `/api/v1/initiatives/${target.id}/office`;
    const noReason = await call("PATCH", path, { auth: cookie(office), body: { healthOverride: { health: "green" } } });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      "healthOverride.reason": "Say why you override the health.",
    });
    expect((await call("PATCH", path, { auth: cookie(viewer), body: { healthOverride: { health: "green", reason: "x" } } })).status).toBe(403);
    const read = await call("PATCH", path, { auth: bearer(readToken), body: { healthOverride: { health: "green", reason: "x" } } });
    expect(read.status).toBe(403);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");
    expect((await call("PATCH", "/api/v1/initiatives/nope/office", { auth: cookie(office), body: { owningTeamId: null } })).status).toBe(404);
    expect((await call("PATCH", path, { auth: cookie(stranger), body: { owningTeamId: null } })).status).toBe(404);
    expect((await call("GET", path, { auth: cookie(stranger) })).status).toBe(404);
    expect((await call("PATCH", path, { auth: cookie(office), body: { owningTeamId: "no-such-team" } })).status).toBe(404);
    expect((await call("POST", path, { auth: cookie(office), body: { owningTeamId: null } })).status).toBe(405);
    expect((await call("PATCH", path, { auth: cookie(office), body: "{not json" })).status).toBe(422);
    // Nothing changed.
    const after = (await portfolio()).items.find((i) => i.id === target.id)!;
    expect(after).toMatchObject({ health: "red", override: null, team: { key: "call_center" } });
  });
});
