/** Helpers for JSON API routes under /api/v1: auth by cookie or Bearer token, zod-parsed bodies. */
import type { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { tFor, type Locale } from "../i18n/config";
import { getUser } from "../models/session.server";
import type { PublicUser } from "../models/user.server";
import { httpError } from "./http.server";
import { fieldErrors } from "./zod";

const MAX_JSON_BYTES = 1024 * 1024;

export async function requireApiUser(request: Request): Promise<{ user: PublicUser; locale: Locale }> {
  const user = await getUser(request);
  const locale = await localeFor(request, user);
  if (!user) throw httpError(locale, 401);
  return { user, locale };
}

/** Reads a body as text, refusing (null) past maxBytes; drains the rest so the connection stays usable. */
async function readBodyCapped(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT_BYTES) {
      await reader.cancel();
      return null;
    }
    if (size <= maxBytes) chunks.push(value);
  }
  if (size > maxBytes) return null;
  return Buffer.concat(chunks).toString("utf8");
}

const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** Parses a JSON body with a schema; 413 when too large, 400 when not JSON, 422 with field errors when invalid. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, locale: Locale): Promise<z.infer<S>> {
  const text = await readBodyCapped(request, MAX_JSON_BYTES);
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
