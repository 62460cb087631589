/** zod helpers for forms and JSON bodies: field errors keyed by field, messages as i18n keys. */
import type { z } from "zod";
import type { TFunction } from "../i18n/translate";

/** Turns a zod error into `{field: message}`; messages that are i18n keys are translated. */
export function fieldErrors(error: z.ZodError, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    if (out[field]) continue;
    const msg = issue.message;
    out[field] = msg.startsWith("validation.") ? String(t(msg)) : String(t("validation.invalid"));
  }
  return out;
}

export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}
