/**
 * Personal access tokens on both dialects: the raw token is answered once and only its hash is
 * stored; resolving; revoked and expired tokens refused; scopes enforced by requireApiUser;
 * last_used_at written at most once a minute; creation and revocation audited.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, setDbHandle } from "../../app/db.server";
import {
  API_TOKEN_PREFIX,
  createApiToken,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  resolveApiToken,
  revokeApiToken,
} from "../../app/models/api-tokens.server";
import { DomainError } from "../../app/models/domain.server";
import { createSession } from "../../app/models/session.server";
import { hashToken } from "../../app/models/token-hash.server";
import { requireApiUser } from "../../app/utils/api.server";
import { seedDemoFoundation, type DemoIds } from "../../db/seed/demo-foundation";
import { createTestDb, dialects, type TestDb } from "../helpers/db";

async function domainRefusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** The Response requireApiUser throws (fails the test when it lets the request through). */
async function apiRefusal(p: Promise<unknown>): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: await e.json() };
    throw e;
  }
  throw new Error("expected a refusal");
}

function request(method: string, token: string, lang = "en"): Request {
  return new Request("http://localhost/api/v1/programs", { method, headers: { authorization: `Bearer ${token}`, "accept-language": lang } });
}

describe.each(dialects())("personal access tokens on %s", (dialect) => {
  let t: TestDb;
  let demo: DemoIds;

  beforeEach(async () => {
    t = await createTestDb(dialect);
    setDbHandle(t.handle);
    demo = await seedDemoFoundation(t.handle.db);
  });
  afterEach(async () => {
    setDbHandle(undefined);
    await t.cleanup();
  });

  it("answers the raw token once and stores only its SHA-256 and a short prefix; audited", async () => {
    const { token, apiToken } = await createApiToken(demo.users.team, { name: "  Power BI  ", scope: "read", expiresInDays: 30 });
    expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(token.length).toBeGreaterThanOrEqual(API_TOKEN_PREFIX.length + 43);
    expect(apiToken).toMatchObject({ name: "Power BI", scope: "read", status: "active", lastUsedAt: null, revokedAt: null });
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    expect(apiToken.prefix.length).toBeLessThan(16);
    const days = (Date.parse(apiToken.expiresAt!) - Date.parse(apiToken.createdAt)) / 86_400_000;
    expect(days).toBe(30);

    const row = await db().selectFrom("api_tokens").selectAll().where("id", "=", apiToken.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    // The raw token is nowhere in the table.
    expect(Object.values(row).some((v) => typeof v === "string" && v.includes(token.slice(API_TOKEN_PREFIX.length + 8)))).toBe(false);
    // Listing never carries the raw token or its hash.
    const listed = await listApiTokens(demo.users.team);
    expect(listed).toEqual([apiToken]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(row.token_hash);
    // Another user's list does not show it.
    expect(await listApiTokens(demo.users.viewer)).toEqual([]);

    const audit = await db().selectFrom("audit_log").select(["action", "actor_id", "entity_type", "after_summary"]).where("entity_id", "=", apiToken.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: "create", actor_id: demo.users.team, entity_type: "api_token" })]);
    expect(audit[0].after_summary).not.toContain(token);
  });

  it("creates a token that never expires, and refuses bad input with field errors", async () => {
    const { apiToken } = await createApiToken(demo.users.team, { name: "Script", scope: "write", expiresInDays: "never" });
    expect(apiToken.expiresAt).toBeNull();
    const bad = await domainRefusal(createApiToken(demo.users.team, { name: " ", scope: "admin", expiresInDays: -3 }));
    expect(bad.status).toBe(422);
    expect(bad.fields).toEqual({ name: "validation.required", scope: "tokens.errors.scope", expiresInDays: "tokens.errors.expiry" });
    expect(await listApiTokens(demo.users.team)).toHaveLength(1);
  });

  it("resolves a token to its user and scope; unknown, malformed and session-looking tokens resolve to nothing", async () => {
    const { token } = await createApiToken(demo.users.team, { name: "BI", scope: "write" });
    const resolved = await resolveApiToken(token);
    expect(resolved).toMatchObject({ scope: "write", user: { id: demo.users.team, email: "team@demo.test" } });
    expect(await resolveApiToken(`${token}x`)).toBeNull();
    expect(await resolveApiToken(`${API_TOKEN_PREFIX}nothing`)).toBeNull();
    expect(await resolveApiToken(token.slice(API_TOKEN_PREFIX.length))).toBeNull();
    expect(await resolveApiToken("")).toBeNull();
  });

  it("revoked → refused (401), revoking again changes nothing, someone else's token → 404; audited", async () => {
    const { token, apiToken } = await createApiToken(demo.users.team, { name: "BI", scope: "write" });
    expect((await domainRefusal(revokeApiToken(demo.users.viewer, apiToken.id))).status).toBe(404);
    expect(await resolveApiToken(token)).not.toBeNull();
    const revoked = await revokeApiToken(demo.users.team, apiToken.id);
    expect(revoked.status).toBe("revoked");
    expect(await resolveApiToken(token)).toBeNull();
    const again = await revokeApiToken(demo.users.team, apiToken.id);
    expect(again.revokedAt).toBe(revoked.revokedAt);
    const refused = await apiRefusal(requireApiUser(request("GET", token)));
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_token");
    const actions = await db().selectFrom("audit_log").select("action").where("entity_id", "=", apiToken.id).orderBy("created_at").execute();
    expect(actions.map((a) => a.action)).toEqual(["create", "revoke"]);
  });

  it("expired → refused (401) and listed as expired", async () => {
    const { token, apiToken } = await createApiToken(demo.users.team, { name: "BI", scope: "read", expiresInDays: 7 });
    await db().updateTable("api_tokens").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", apiToken.id).execute();
    expect(await resolveApiToken(token)).toBeNull();
    expect((await apiRefusal(requireApiUser(request("GET", token)))).status).toBe(401);
    expect((await listApiTokens(demo.users.team))[0].status).toBe("expired");
  });

  it("a read token reads but gets 403 on a write (by method, or when the route says so), in the caller's language", async () => {
    const { token } = await createApiToken(demo.users.team, { name: "BI", scope: "read" });
    const ok = await requireApiUser(request("GET", token));
    expect(ok.user.id).toBe(demo.users.team);
    expect(ok.auth).toMatchObject({ kind: "token", scope: "read" });
    const post = await apiRefusal(requireApiUser(request("POST", token)));
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe("insufficient_scope");
    // The team user's stored language wins over Accept-Language; switch it to check both languages.
    await db().updateTable("users").set({ locale: "zh-CN" }).where("id", "=", demo.users.team).execute();
    const zh = await apiRefusal(requireApiUser(request("GET", token), { write: true }));
    expect(zh.status).toBe(403);
    expect(zh.body.error.message).toBe("此访问令牌只有读取权限。如需修改数据，请创建具有写入权限的令牌。");
    await db().updateTable("users").set({ locale: "en" }).where("id", "=", demo.users.team).execute();
    const en = await apiRefusal(requireApiUser(request("DELETE", token)));
    expect(en.body.error.message).toBe("This access token may only read. Create a token with the write scope to change data.");
    // An explicit option wins over the method.
    expect((await requireApiUser(request("POST", token), { write: false })).user.id).toBe(demo.users.team);
    // A write token may write.
    const { token: writer } = await createApiToken(demo.users.team, { name: "Push", scope: "write" });
    expect((await requireApiUser(request("POST", writer), { write: true })).auth).toMatchObject({ kind: "token", scope: "write" });
  });

  it("the session Bearer token keeps working exactly as before, with full rights", async () => {
    const session = await createSession(demo.users.team, null);
    const res = await requireApiUser(request("POST", session), { write: true });
    expect(res.user.id).toBe(demo.users.team);
    expect(res.auth).toEqual({ kind: "session" });
    expect((await apiRefusal(requireApiUser(request("GET", "not-a-session")))).body.error.code).toBe("unauthorized");
  });

  it("notes last_used_at, at most once a minute", async () => {
    const { token, apiToken } = await createApiToken(demo.users.team, { name: "BI", scope: "read" });
    const lastUsed = async () => (await db().selectFrom("api_tokens").select("last_used_at").where("id", "=", apiToken.id).executeTakeFirstOrThrow()).last_used_at;
    expect(await lastUsed()).toBeNull();
    await resolveApiToken(token);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // Used 30 s ago: not written again.
    const recent = new Date(Date.now() - 30_000).toISOString();
    await db().updateTable("api_tokens").set({ last_used_at: recent }).where("id", "=", apiToken.id).execute();
    await resolveApiToken(token);
    expect(await lastUsed()).toBe(recent);
    // Used two minutes ago: written.
    const old = new Date(Date.now() - 120_000).toISOString();
    await db().updateTable("api_tokens").set({ last_used_at: old }).where("id", "=", apiToken.id).execute();
    await resolveApiToken(token);
    expect((await lastUsed())! > old).toBe(true);
    expect((await listApiTokens(demo.users.team))[0].lastUsedAt).toBe(await lastUsed());
  });

  it(`refuses more than ${MAX_ACTIVE_TOKENS} active tokens (409); revoked ones do not count`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) ids.push((await createApiToken(demo.users.team, { name: `T${i}`, scope: "read" })).apiToken.id);
    const refused = await domainRefusal(createApiToken(demo.users.team, { name: "one more", scope: "read" }));
    expect(refused.status).toBe(409);
    expect(refused.key).toBe("tokens.errors.tooMany");
    await revokeApiToken(demo.users.team, ids[0]);
    expect((await createApiToken(demo.users.team, { name: "one more", scope: "read" })).apiToken.status).toBe("active");
  });
});
