/** Turns a VisionError (a model's refusal) into the JSON error Response routes throw or return. */
import { tFor, type Locale } from "../i18n/config";
import { VisionError } from "../models/vision-common.server";
import { httpError } from "./http.server";

export function visionErrorResponse(locale: Locale, error: VisionError, headers?: HeadersInit): Response {
  const t = tFor(locale);
  const vars = error.vars ?? {};
  const fields = error.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, String(t(key, vars))]))
    : undefined;
  const code = error.key.startsWith("errors.") ? undefined : error.key.replace(/^vision\.errors\./, "vision_").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return httpError(locale, error.status, { key: error.key, vars, fields, code, headers });
}

/** Runs a model call; a VisionError becomes its Response (thrown), anything else propagates. */
export async function runVision<T>(locale: Locale, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof VisionError) throw visionErrorResponse(locale, error);
    throw error;
  }
}
