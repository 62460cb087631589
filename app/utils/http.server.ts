/**
 * HTTP errors as JSON `{error:{code,message}}` with the right status. Pages and API routes throw
 * the same Responses: the API returns them as they are, pages render them in the ErrorBoundary.
 */
import { json } from "@remix-run/node";
import { tFor, type Locale } from "../i18n/config";

import type { ApiErrorBody } from "./http";

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string>; headers?: HeadersInit } = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } };
  return json(body, { status, headers: extra.headers });
}

const STATUS_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "invalid_input",
  429: "too_many_requests",
};

/** A translated error: `errors.<code>` in the user's language unless a message key is given. */
export function httpError(
  locale: Locale,
  status: number,
  opts: { code?: string; key?: string; vars?: Record<string, unknown>; fields?: Record<string, string>; headers?: HeadersInit } = {},
): Response {
  const code = opts.code ?? STATUS_CODES[status] ?? "error";
  const message = tFor(locale)(opts.key ?? `errors.${code}`, opts.vars ?? {});
  return errorResponse(status, code, String(message), { fields: opts.fields, headers: opts.headers });
}
