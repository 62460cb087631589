/** Turns a DomainError (a model's refusal) into the JSON error Response routes throw or return. */
import { tFor, type Locale } from "../i18n/config";
import { DomainError } from "../models/domain.server";
import { httpError } from "./http.server";

/** `journey.errors.mapNotFound` → `journey_map_not_found`; generic `errors.*` keys keep the status's code. */
function errorCode(key: string): string | undefined {
  const m = /^(\w+)\.errors\.(\w+)$/.exec(key);
  if (!m || key.startsWith("errors.")) return undefined;
  return `${m[1]}_${m[2]}`.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function domainErrorResponse(locale: Locale, error: DomainError, headers?: HeadersInit): Response {
  const t = tFor(locale);
  const vars = error.vars ?? {};
  const fields = error.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, String(t(key, vars))]))
    : undefined;
  return httpError(locale, error.status, { key: error.key, vars, fields, code: errorCode(error.key), headers });
}

/** Runs a model call; a DomainError becomes its Response (thrown), anything else propagates. */
export async function runDomain<T>(locale: Locale, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw domainErrorResponse(locale, error);
    throw error;
  }
}
