/**
 * Dates and numbers through Intl in the user's language. Times are shown in one fixed zone
 * (China Standard Time, where our customers work) so the server and the browser render the
 * same text and hydration never disagrees.
 */
import type { Locale } from "../i18n/config";

export const DISPLAY_TIME_ZONE = "Asia/Shanghai";
/** Offset of DISPLAY_TIME_ZONE, for turning a calendar day of a date filter into an instant. */
export const DISPLAY_TIME_ZONE_OFFSET = "+08:00";

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: DISPLAY_TIME_ZONE, ...options })));
  return f;
}

export function formatDate(iso: string, locale: Locale): string {
  return dateFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(new Date(iso));
}

/**
 * A 24-hour clock from 00:00 to 23:59. (`hour12: false` leaves the hour cycle to the engine's
 * locale data: Node wrote "24:09" where Chromium wrote "00:09", and the page failed to hydrate.)
 */
export function formatDateTime(iso: string, locale: Locale): string {
  return dateFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(iso),
  );
}

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f.format(value);
}

/** The calendar day (YYYY-MM-DD) of an instant in the display zone. */
export function dayInDisplayZone(iso: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: DISPLAY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(iso),
  );
}
