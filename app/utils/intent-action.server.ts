/**
 * A page action that dispatches on the form's `intent`: runs the handler the intent names and
 * answers `{ok: true, intent}`; an unknown intent answers 400, a DomainError its JSON error.
 */
import { json } from "@remix-run/node";
import type { Locale } from "../i18n/config";
import { DomainError } from "../models/domain.server";
import { domainErrorResponse } from "./domain-http.server";
import { httpError } from "./http.server";

export async function intentAction<I extends string>(locale: Locale, form: FormData, handlers: Record<I, () => Promise<unknown>>) {
  const intent = form.get("intent");
  if (typeof intent !== "string" || !Object.prototype.hasOwnProperty.call(handlers, intent)) return httpError(locale, 400);
  try {
    await handlers[intent as I]();
    return json({ ok: true as const, intent });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(locale, error);
    throw error;
  }
}
