/** The KPI and measurement API against the real server: list and create KPIs, post one value and a batch, and the refusals. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { createUser, findUserByEmail } from "../../app/models/user.server";
import { openDatabase } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let programId: string;
let foreignProgramId: string;
let foreignKpiId: string;
let team: { cookie: string; token: string };
let viewer: { cookie: string; token: string };
let readToken: string;
let writeToken: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function call(method: string, path: string, opts: { auth?: Record<string, string>; body?: unknown; lang?: string } = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", "accept-language": opts.lang ?? "en", ...(opts.auth ?? {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}
const cookie = (s: { cookie: string }) => ({ cookie: s.cookie });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = await startServer();
  team = await signIn(server.url, "team@demo.test");
  viewer = await signIn(server.url, "viewer@demo.test");
  const res = await call("GET", "/api/v1/programs", { auth: cookie(team) });
  programId = ((await res.json()) as { programs: { id: string }[] }).programs[0].id;

  // Someone else's program with a KPI, and the team member's personal access tokens.
  const handle = openDatabase(server.databaseUrl);
  setDbHandle(handle);
  try {
    const stranger = await createUser({ email: `kpi-stranger${Date.now()}@example.com`, name: "S", password: "password-123" });
    const org = await createOrganization(stranger.id, { name: "别家", name_en: null });
    const theirs = await createProgram(stranger.id, org.id, { name: "Theirs", name_en: null, description: "" });
    foreignProgramId = theirs.id;
    const strangerCookie = await signIn(server.url, stranger.email, "password-123");
    const created = await call("POST", `/api/v1/programs/${foreignProgramId}/kpis`, { auth: cookie(strangerCookie), body: { template: "nps" } });
    foreignKpiId = ((await created.json()) as { kpi: { id: string } }).kpi.id;
    const me = await findUserByEmail("team@demo.test");
    readToken = (await createApiToken(me!.id, { name: "BI read", scope: "read", expiresInDays: 30 })).token;
    writeToken = (await createApiToken(me!.id, { name: "Survey push", scope: "write", expiresInDays: 30 })).token;
  } finally {
    setDbHandle(undefined);
    await handle.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

describe("GET/POST /api/v1/programs/:programId/kpis", () => {
  it("lists the demo KPIs with latest value, status and trend", async () => {
    const res = await call("GET", `/api/v1/programs/${programId}/kpis`, { auth: cookie(viewer) });
    expect(res.status).toBe(200);
    const { kpis } = (await res.json()) as { kpis: { name: string; latest: { value: number } | null; status: string; measurementsApi: string }[] };
    expect(kpis.length).toBeGreaterThanOrEqual(8);
    expect(kpis.every((k) => k.latest !== null)).toBe(true);
    expect(kpis.filter((k) => k.status === "alert").map((k) => k.name).sort()).toEqual(["信用卡投诉率", "信用卡热线平均处理时长"].sort());
    expect(kpis[0].measurementsApi).toMatch(/^\/api\/v1\/kpis\/.+\/measurements$/);
  });

  it("creates a KPI from a template (201) in the caller's language", async () => {
    const res = await call("POST", `/api/v1/programs/${programId}/kpis`, { auth: cookie(team), body: { template: "ces", target: 5.5, alertThreshold: 4 }, lang: "zh-CN" });
    expect(res.status).toBe(201);
    const { kpi } = (await res.json()) as { kpi: Record<string, unknown> };
    expect(kpi).toMatchObject({ name: "客户费力度（CES）", kind: "outcome", unit: "score", direction: "up", target: 5.5, alertThreshold: 4, status: "no_data" });
  });

  it("answers bad input with 422 and field errors in the caller's language", async () => {
    const en = await call("POST", `/api/v1/programs/${programId}/kpis`, { auth: cookie(team), body: { template: "aht", target: 6, alertThreshold: 5 } });
    expect(en.status).toBe(422);
    expect(await en.json()).toEqual({
      error: { code: "invalid_input", message: expect.any(String), fields: { alertThreshold: "When lower is better, the alert threshold must be at or above the target." } },
    });
    const zh = await call("POST", `/api/v1/programs/${programId}/kpis`, { auth: cookie(team), body: { name: "x", kind: "x", unit: "%", direction: "up" }, lang: "zh-CN" });
    expect(((await zh.json()) as { error: { fields: Record<string, string> } }).error.fields.kind).toBe("请选择过程指标或结果指标。");
  });

  it("refuses: 401 without auth, 403 for a viewer and a read-scoped token, 404 for another program", async () => {
    expect((await call("GET", `/api/v1/programs/${programId}/kpis`)).status).toBe(401);
    expect((await call("POST", `/api/v1/programs/${programId}/kpis`, { body: { template: "nps" } })).status).toBe(401);
    const v = await call("POST", `/api/v1/programs/${programId}/kpis`, { auth: cookie(viewer), body: { template: "nps" } });
    expect(v.status).toBe(403);
    expect(((await v.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await call("GET", `/api/v1/programs/${programId}/kpis`, { auth: bearer(readToken) })).status).toBe(200);
    expect((await call("POST", `/api/v1/programs/${programId}/kpis`, { auth: bearer(readToken), body: { template: "nps" } })).status).toBe(403);
    expect((await call("GET", `/api/v1/programs/${foreignProgramId}/kpis`, { auth: cookie(team) })).status).toBe(404);
    expect((await call("POST", `/api/v1/programs/${foreignProgramId}/kpis`, { auth: cookie(team), body: { template: "nps" } })).status).toBe(404);
  });
});

describe("GET/POST /api/v1/kpis/:kpiId/measurements", () => {
  let kpiId: string;
  beforeAll(async () => {
    const res = await call("POST", `/api/v1/programs/${programId}/kpis`, { auth: cookie(team), body: { template: "fcr", target: 80, alertThreshold: 65 } });
    kpiId = ((await res.json()) as { kpi: { id: string } }).kpi.id;
  });

  it("takes one value, then replaces it on the same day (201 with counts)", async () => {
    const one = await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: cookie(team), body: { date: day(-1), value: 70, note: "weekly export" } });
    expect(one.status).toBe(201);
    expect(await one.json()).toEqual({ inserted: 1, replaced: 0 });
    const again = await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: bearer(writeToken), body: { date: day(-1), value: 71 } });
    expect(await again.json()).toEqual({ inserted: 0, replaced: 1 });
    const list = (await (await call("GET", `/api/v1/kpis/${kpiId}/measurements`, { auth: cookie(viewer) })).json()) as { measurements: { date: string; value: number; source: string }[] };
    expect(list.measurements).toEqual([expect.objectContaining({ date: day(-1), value: 71, source: "api" })]);
  });

  it("takes a batch of 10,000 with notes (several megabytes) in one go, and refuses a batch with one bad row whole", async () => {
    const note = "来自 BI 报表的周度数据（自动推送）".repeat(8);
    const measurements = Array.from({ length: 10_000 }, (_, i) => ({ date: day(-i - 2), value: 60 + (i % 20), note }));
    const ok = await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: cookie(team), body: { measurements } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ inserted: 10_000, replaced: 0 });
    const bad = [...measurements.slice(0, 10).map((m) => ({ ...m, value: 99 })), { date: day(5), value: 1 }];
    const refused = await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: cookie(team), body: { measurements: bad } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      "measurements.10.date": "The date is more than one day in the future.",
    });
    const list = (await (await call("GET", `/api/v1/kpis/${kpiId}/measurements?from=${day(-11)}&to=${day(-2)}`, { auth: cookie(team) })).json()) as { measurements: { value: number }[] };
    expect(list.measurements).toHaveLength(10);
    expect(list.measurements.some((m) => m.value === 99)).toBe(false);
    const nan = await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: cookie(team), body: { date: day(0), value: "lots" } });
    expect(nan.status).toBe(422);
  });

  it("refuses: 401 without auth, 403 for a viewer and a read token, 404 for another program's KPI or an unknown one", async () => {
    const body = { date: day(0), value: 75 };
    expect((await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { body })).status).toBe(401);
    expect((await call("GET", `/api/v1/kpis/${kpiId}/measurements`)).status).toBe(401);
    expect((await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: cookie(viewer), body })).status).toBe(403);
    expect((await call("POST", `/api/v1/kpis/${kpiId}/measurements`, { auth: bearer(readToken), body })).status).toBe(403);
    const foreign = await call("POST", `/api/v1/kpis/${foreignKpiId}/measurements`, { auth: cookie(team), body });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("kpi_not_found");
    expect((await call("GET", `/api/v1/kpis/${foreignKpiId}/measurements`, { auth: cookie(team) })).status).toBe(404);
    expect((await call("GET", `/api/v1/kpis/no-such-kpi/measurements`, { auth: cookie(team) })).status).toBe(404);
  });
});
