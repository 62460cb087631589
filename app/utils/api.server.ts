/** Helpers for JSON API routes under /api/v1: auth by cookie or Bearer token, zod-parsed bodies. */
import type { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { tFor, type Locale } from "../i18n/config";
import type { ApiTokenScope } from "../../db/schema";
import { isPersonalAccessToken, resolveApiToken } from "../models/api-tokens.server";
import { getUser } from "../models/session.server";
import type { PublicUser } from "../models/user.server";
import { httpError } from "./http.server";
import { fieldErrors } from "./zod";

const MAX_JSON_BYTES = 1024 * 1024;

export interface ApiAuthOptions {
  /**
   * True when the route changes data: a personal access token then needs the `write` scope (403
   * otherwise). Defaults to true for every method but GET and HEAD; an explicit value wins.
   */
  write?: boolean;
}

/** How the caller authenticated: the session (cookie or session Bearer token), or a personal access token. */
export type ApiAuth = { kind: "session" } | { kind: "token"; tokenId: string; scope: ApiTokenScope };

const READ_METHODS = new Set(["GET", "HEAD"]);

function bearerToken(request: Request): string | null {
  const auth = request.headers.get("authorization");
  if (!auth || !/^Bearer\s+/i.test(auth)) return null;
  return auth.replace(/^Bearer\s+/i, "").trim() || null;
}

/**
 * The caller of a JSON API route, by the session cookie, the session token from POST /api/v1/session
 * (`Authorization: Bearer <token>`), or a personal access token (`Authorization: Bearer cxp_…`).
 * 401 when none is valid (an unknown, revoked or expired access token included); 403 when a
 * read-scoped access token calls a route that writes.
 */
export async function requireApiUser(
  request: Request,
  opts: ApiAuthOptions = {},
): Promise<{ user: PublicUser; locale: Locale; auth: ApiAuth }> {
  const bearer = bearerToken(request);
  if (bearer && isPersonalAccessToken(bearer)) {
    const resolved = await resolveApiToken(bearer);
    if (!resolved) {
      throw httpError(await localeFor(request), 401, {
        code: "invalid_token",
        key: "errors.invalidToken",
        headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
      });
    }
    const locale = await localeFor(request, resolved.user);
    const write = opts.write ?? !READ_METHODS.has(request.method.toUpperCase());
    if (write && resolved.scope !== "write") {
      throw httpError(locale, 403, {
        code: "insufficient_scope",
        key: "errors.insufficientScope",
        headers: { "WWW-Authenticate": 'Bearer error="insufficient_scope", scope="write"' },
      });
    }
    return { user: resolved.user, locale, auth: { kind: "token", tokenId: resolved.tokenId, scope: resolved.scope } };
  }
  const user = await getUser(request);
  const locale = await localeFor(request, user);
  if (!user) throw httpError(locale, 401);
  return { user, locale, auth: { kind: "session" } };
}

const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a body as text, refusing (null) past maxBytes. By default the rest is drained (up to
 * 64 MB) so the connection stays usable; with `drain: false` (very large uploads) a declared
 * length past the limit is refused unread and the upload is cut off at the first byte past it.
 */
export async function readBodyCapped(request: Request, maxBytes: number, opts: { drain?: boolean } = {}): Promise<string | null> {
  if (!request.body) return "";
  const drain = opts.drain ?? true;
  if (!drain && Number(request.headers.get("content-length") ?? "0") > maxBytes) return null;
  const stopAt = drain ? DRAIN_LIMIT_BYTES : maxBytes;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > stopAt) {
      await reader.cancel();
      return null;
    }
    if (size <= maxBytes) chunks.push(value);
  }
  if (size > maxBytes) return null;
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body with a schema; 413 when too large, 400 when not JSON, 422 with field errors when invalid. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  locale: Locale,
  opts: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  const text = await readBodyCapped(request, opts.maxBytes ?? MAX_JSON_BYTES);
  if (text === null) throw httpError(locale, 413);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw httpError(locale, 400);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw httpError(locale, 422, { fields: fieldErrors(parsed.error, tFor(locale)) });
  return parsed.data;
}

export function methodNotAllowed(locale: Locale): Response {
  return httpError(locale, 405, { code: "method_not_allowed", key: "errors.method_not_allowed" });
}
