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

/** Parses a JSON body with a schema; 413 when too large, 400 when not JSON, 422 with field errors when invalid. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, locale: Locale): Promise<z.infer<S>> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_JSON_BYTES) throw httpError(locale, 413);
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw httpError(locale, 413);
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
