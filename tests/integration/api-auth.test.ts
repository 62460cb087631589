/**
 * Personal access tokens against the real server: created through the settings page, a read token
 * reads but may not write (403), a write token writes, a revoked token answers 401, and the session
 * Bearer token from POST /api/v1/session keeps working. Tokens never open the web pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let lead: { cookie: string; token: string };
let programId: string;
let teamId: string;

beforeAll(async () => {
  server = await startServer();
  lead = await signIn(server.url, "lead@demo.test");
  const programs = await (await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: lead.cookie } })).json();
  programId = programs.programs[0].id;
  const me = await (await fetch(`${server.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "team@demo.test", password: "demo-password" }),
  })).json();
  teamId = me.user.id;
});
afterAll(async () => {
  await server?.stop();
});

/** Submits the settings page's form (as the browser does, through Remix's data request). */
async function settings(cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}/settings/tokens?_data=${encodeURIComponent("routes/settings.tokens")}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

async function createToken(scope: "read" | "write", name = `${scope} token`): Promise<{ token: string; id: string }> {
  const res = await settings(lead.cookie, { intent: "create", name, scope, expiresInDays: "30" });
  expect(res.status).toBe(201);
  const body = await res.json();
  expect(body.token).toMatch(/^cxp_[A-Za-z0-9_-]{43}$/);
  return { token: body.token, id: body.apiToken.id };
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, "accept-language": "en", ...extra });

function initiative(title: string) {
  return JSON.stringify({ title, lever: "progress_feedback", ownerId: teamId, expectedResult: "Fewer progress calls" });
}

describe("personal access tokens on the API", () => {
  it("a read token GETs /api/v1/programs and gets 403 insufficient_scope on a POST; nothing is written", async () => {
    const { token } = await createToken("read");
    const list = await fetch(`${server.url}/api/v1/programs`, { headers: bearer(token) });
    expect(list.status).toBe(200);
    expect((await list.json()).programs.map((p: { id: string }) => p.id)).toContain(programId);

    const before = (await (await fetch(`${server.url}/api/v1/programs/${programId}/initiatives`, { headers: bearer(token) })).json()).initiatives.length;
    const post = await fetch(`${server.url}/api/v1/programs/${programId}/initiatives`, {
      method: "POST",
      headers: bearer(token, { "content-type": "application/json" }),
      body: initiative("Read token must not create this"),
    });
    expect(post.status).toBe(403);
    expect(post.headers.get("www-authenticate")).toMatch(/insufficient_scope/);
    expect(await post.json()).toEqual({
      error: { code: "insufficient_scope", message: "This access token may only read. Create a token with the write scope to change data." },
    });
    const after = (await (await fetch(`${server.url}/api/v1/programs/${programId}/initiatives`, { headers: bearer(token) })).json()).initiatives.length;
    expect(after).toBe(before);

    // Other write routes refuse it too (a PUT, a DELETE).
    const put = await fetch(`${server.url}/api/v1/programs/${programId}/pain-point-settings`, {
      method: "PUT",
      headers: bearer(token, { "content-type": "application/json" }),
      body: JSON.stringify({ margin: 2 }),
    });
    expect(put.status).toBe(403);
    const del = await fetch(`${server.url}/api/v1/programs/${programId}/journey-evidence/nothing`, { method: "DELETE", headers: bearer(token) });
    expect(del.status).toBe(403);
  });

  it("the scope message follows the caller's language", async () => {
    const { token } = await createToken("read", "zh token");
    // The lead's stored language decides; switch it through the settings route and back.
    const set = (locale: string) =>
      fetch(`${server.url}/settings/language?_data=${encodeURIComponent("routes/settings.language")}`, {
        method: "POST",
        headers: { cookie: lead.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ locale }).toString(),
      });
    await set("zh-CN");
    try {
      const res = await fetch(`${server.url}/api/v1/programs/${programId}/initiatives`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: initiative("x"),
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toBe("此访问令牌只有读取权限。如需修改数据，请创建具有写入权限的令牌。");
    } finally {
      await set("en");
    }
  });

  it("a write token creates an initiative (201) as its user", async () => {
    const { token } = await createToken("write");
    const res = await fetch(`${server.url}/api/v1/programs/${programId}/initiatives`, {
      method: "POST",
      headers: bearer(token, { "content-type": "application/json" }),
      body: initiative("Created with a write token"),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.initiative).toMatchObject({ title: "Created with a write token", owner: { id: teamId } });
  });

  it("a revoked token answers 401 invalid_token; an unknown one too", async () => {
    const { token, id } = await createToken("write", "to revoke");
    expect((await fetch(`${server.url}/api/v1/programs`, { headers: bearer(token) })).status).toBe(200);
    const revoke = await settings(lead.cookie, { intent: "revoke", tokenId: id });
    expect(revoke.status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/programs`, { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/invalid_token/);
    expect((await res.json()).error.code).toBe("invalid_token");
    const unknown = await fetch(`${server.url}/api/v1/programs`, { headers: bearer(`cxp_${"A".repeat(43)}`) });
    expect(unknown.status).toBe(401);
  });

  it("someone else cannot revoke my token (404), and the list shows it still active", async () => {
    const { token, id } = await createToken("read", "mine");
    const team = await signIn(server.url, "team@demo.test");
    const res = await settings(team.cookie, { intent: "revoke", tokenId: id });
    expect(res.status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/programs`, { headers: bearer(token) })).status).toBe(200);
  });

  it("the session Bearer token from POST /api/v1/session still reads and writes", async () => {
    expect((await fetch(`${server.url}/api/v1/programs`, { headers: bearer(lead.token) })).status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/programs/${programId}/initiatives`, {
      method: "POST",
      headers: bearer(lead.token, { "content-type": "application/json" }),
      body: initiative("Created with the session token"),
    });
    expect(res.status).toBe(201);
  });

  it("a token does not open the web pages (they need a session)", async () => {
    const { token } = await createToken("write", "no pages");
    const page = await fetch(`${server.url}/programs`, { headers: bearer(token), redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login/);
  });

  it("serves the OpenAPI document at /api/v1/openapi.json without authentication", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(body.paths["/api/v1/programs/{programId}/kpis"]).toHaveProperty("post");
  });

  it("the settings page needs a session", async () => {
    const res = await fetch(`${server.url}/settings/tokens`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});
