/** Picks out of a nominations page's action answer the errors that concern one form (a nomination's, or the nominate form's). */
import { isApiErrorBody } from "~/utils/http";

export function errorsFor(data: unknown, nominationId: string | null): { fields: Record<string, string>; message: string | null } {
  if (!isApiErrorBody(data)) return { fields: {}, message: null };
  const target = (data as { target?: string | null }).target ?? null;
  if (target !== nominationId) return { fields: {}, message: null };
  return { fields: data.error.fields ?? {}, message: data.error.fields ? null : data.error.message };
}

/** The intent a successful answer reports, or null. */
export function okIntent(data: unknown): string | null {
  return data && typeof data === "object" && "ok" in data && typeof (data as { ok: unknown }).ok === "string" ? (data as { ok: string }).ok : null;
}
