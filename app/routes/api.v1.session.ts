/**
 * POST /api/v1/session {email,password} → 200 {user, token} + session cookie; 401 on bad credentials;
 * 429 with Retry-After while throttled. DELETE signs the caller out.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "../i18n/locale.server";
import { signIn } from "../models/auth.server";
import { clearedSessionCookieHeader, destroySession, sessionCookieHeader } from "../models/session.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { httpError } from "../utils/http.server";

export const SignInSchema = z.object({
  email: z.string().trim().min(1, "validation.required").max(254, "validation.tooLong"),
  password: z.string().min(1, "validation.required").max(200, "validation.tooLong"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = await localeFor(request);
  if (request.method === "DELETE") {
    await destroySession(request);
    return json({ ok: true }, { headers: { "Set-Cookie": await clearedSessionCookieHeader() } });
  }
  if (request.method !== "POST") return methodNotAllowed(locale);
  const body = await parseJsonBody(request, SignInSchema, locale);
  const result = await signIn({
    email: body.email,
    password: body.password,
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    if (result.reason === "throttled") {
      return httpError(locale, 429, { vars: { seconds: result.retryAfter }, headers: { "Retry-After": String(result.retryAfter) } });
    }
    return httpError(locale, 401, { code: "bad_credentials", key: "errors.badCredentials" });
  }
  const { user, token } = result;
  return json(
    { user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, token },
    { headers: { "Set-Cookie": await sessionCookieHeader(token) } },
  );
}

export async function loader({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
