/** The JSON API and the HTTP contract, against the real server started as `npm start` runs it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { createUser } from "../../app/models/user.server";
import { openDatabase } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("health", () => {
  it("answers ok once the database answers", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe("POST /api/v1/session", () => {
  it("signs in and sets a signed, HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await post("/api/v1/session", { email: "lead@demo.test", password: "demo-password" });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^cx_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // not production
    const body = await res.json();
    expect(body.user.email).toBe("lead@demo.test");
    expect(body.user).not.toHaveProperty("password_hash");
    expect(typeof body.token).toBe("string");
  });

  it("answers 401 with a JSON error on bad credentials, in the caller's language", async () => {
    const res = await post("/api/v1/session", { email: "team@demo.test", password: "nope-nope" }, { "accept-language": "en" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "bad_credentials", message: "Email or password is incorrect." } });
    const zh = await post("/api/v1/session", { email: "team@demo.test", password: "nope-nope" }, { "accept-language": "zh-CN" });
    expect((await zh.json()).error.message).toBe("邮箱或密码不正确。");
  });

  it("throttles repeated failures with 429 and Retry-After, and refuses even the right password meanwhile", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await post("/api/v1/session", { email: "frontline@demo.test", password: `wrong-${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe("too_many_requests");
    const right = await post("/api/v1/session", { email: "frontline@demo.test", password: "demo-password" });
    expect(right.status).toBe(429);
  });

  it("answers 400 to a body that is not JSON and 422 with field errors to an invalid one", async () => {
    const bad = await post("/api/v1/session", "{not json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
    const invalid = await post("/api/v1/session", { email: "", password: 5 }, { "accept-language": "en" });
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields).sort()).toEqual(["email", "password"]);
  });

  it("refuses an oversized body with 413 without reading it into the database", async () => {
    const res = await post("/api/v1/session", { email: "a@b.c", password: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe("GET /api/v1/programs", () => {
  it("needs a session: 401 JSON without one", async () => {
    const res = await fetch(`${server.url}/api/v1/programs`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("lists what the caller can see, by cookie or by Bearer token", async () => {
    const lead = await signIn(server.url, "lead@demo.test");
    const byCookie = await (await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: lead.cookie } })).json();
    expect(byCookie.programs).toHaveLength(1);
    const p = byCookie.programs[0];
    expect(p.name).toBe("零售银行客户体验转型");
    expect(p.nameEn).toBe("Retail banking CX transformation");
    expect(p.role).toBe("owner");
    expect(p).toHaveProperty("visionBoard");
    expect(Array.isArray(p.journeyMaps)).toBe(true);

    const viewer = await signIn(server.url, "viewer@demo.test");
    const byToken = await (
      await fetch(`${server.url}/api/v1/programs`, { headers: { authorization: `Bearer ${viewer.token}` } })
    ).json();
    expect(byToken.programs.map((x: { role: string }) => x.role)).toEqual(["viewer"]);

    const office = await signIn(server.url, "office@demo.test");
    const asOffice = await (await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: office.cookie } })).json();
    expect(asOffice.programs).toHaveLength(1);
    expect(asOffice.programs[0].cxOffice).toBe(true);
    expect(asOffice.programs[0].role).toBeNull();
  });

  it("refuses a forged or signed-out session", async () => {
    const forged = await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: "cx_session=abc.def" } });
    expect(forged.status).toBe(401);
    const lead = await signIn(server.url, "lead@demo.test");
    const out = await fetch(`${server.url}/api/v1/session`, { method: "DELETE", headers: { cookie: lead.cookie } });
    expect(out.status).toBe(200);
    const after = await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: lead.cookie } });
    expect(after.status).toBe(401);
  });
});

describe("errors", () => {
  it("an unknown API path is a JSON 404", async () => {
    const res = await fetch(`${server.url}/api/v1/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect((await res.json()).error.code).toBe("not_found");
  });

  it("someone else's program answers 404, exactly like an unknown id", async () => {
    // A stranger with their own organisation and program, written straight into the server's database.
    const handle = openDatabase(server.databaseUrl);
    setDbHandle(handle);
    const stranger = await createUser({ email: `stranger${Date.now()}@example.com`, name: "S", password: "password-123" });
    const org = await createOrganization(stranger.id, { name: "别家", name_en: null });
    const theirs = await createProgram(stranger.id, org.id, { name: "Theirs", name_en: null, description: "" });
    setDbHandle(undefined);
    await handle.close();

    const lead = await signIn(server.url, "lead@demo.test");
    const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie: lead.cookie }, redirect: "manual" });
    const foreign = await get(`/programs/${theirs.id}`);
    const unknown = await get(`/programs/00000000-0000-0000-0000-000000000000`);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    const strangerSession = await signIn(server.url, stranger.email, "password-123");
    const { programs } = await (await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: strangerSession.cookie } })).json();
    expect(programs.map((p: { id: string }) => p.id)).toEqual([theirs.id]);
  });

  it("never shows a stack trace", async () => {
    const res = await post("/api/v1/session", "[]");
    const text = await res.text();
    expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  it("signed-out pages redirect to sign-in with a return path", async () => {
    const res = await fetch(`${server.url}/programs`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fprograms");
  });
});
