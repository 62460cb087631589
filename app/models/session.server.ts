/**
 * Sessions: a random token in a signed, HttpOnly, SameSite=Lax cookie (Secure in production),
 * or the same token as `Authorization: Bearer <token>`. Only the token's SHA-256 is stored,
 * so the sessions table cannot be replayed if it leaks.
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { db, nowIso } from "../db.server";
import { env } from "../env.server";
import { findUserById, type PublicUser } from "./user.server";
import { hashToken } from "./token-hash.server";
import { memoForRequest } from "../utils/request-memo.server";

const SESSION_DAYS = 30;
const COOKIE_NAME = "cx_session";

let cookieCache: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  return (cookieCache ??= createCookie(COOKIE_NAME, {
    secrets: [env().SESSION_SECRET],
    httpOnly: true,
    sameSite: "lax",
    secure: env().cookieSecure,
    path: "/",
    maxAge: SESSION_DAYS * 24 * 3600,
  }));
}

export async function createSession(userId: string, userAgent: string | null): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db()
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + SESSION_DAYS * 24 * 3600 * 1000).toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export async function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export async function clearedSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** The raw session token from a signed cookie header or a Bearer header, if any. */
export async function tokenFromHeaders(headers: Headers | { cookie?: string; authorization?: string }): Promise<string | null> {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers as Record<string, string | undefined>)[name] ?? null;
  const auth = get("authorization");
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, "").trim() || null;
  const cookie = get("cookie");
  if (!cookie) return null;
  const value = await sessionCookie().parse(cookie);
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function userFromToken(token: string | null): Promise<PublicUser | null> {
  if (!token) return null;
  const row = await db()
    .selectFrom("sessions")
    .select(["user_id", "expires_at"])
    .where("id", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso()) return null;
  return (await findUserById(row.user_id)) ?? null;
}

// One lookup per page request: its root, layout and leaf loaders all ask who is signed in. Each
// loader gets its own copy of the Request, so the memo is per HTTP request (see request-memo), and
// per Request object for calls made outside a request scope.
const usersByRequest = new WeakMap<Request, Promise<PublicUser | null>>();

export function getUser(request: Request): Promise<PublicUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    const credentials = `${request.headers.get("authorization") ?? ""}\u0000${request.headers.get("cookie") ?? ""}`;
    user = memoForRequest(request, `user\u0000${credentials}`, () => tokenFromHeaders(request.headers).then(userFromToken));
    usersByRequest.set(request, user);
  }
  return user;
}

export function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = "/programs"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<PublicUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function destroySession(request: Request): Promise<void> {
  const token = await tokenFromHeaders(request.headers);
  if (token) await db().deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

export async function destroyUserSessions(userId: string): Promise<void> {
  await db().deleteFrom("sessions").where("user_id", "=", userId).execute();
}
