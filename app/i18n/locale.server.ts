/** The language of a request: the user's stored choice, then the language cookie, then Accept-Language. */
import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type Locale } from "./config";

export const localeCookie = createCookie("cx_lang", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });

export async function localeFor(request: Request, user?: { locale: string | null } | null): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie = await localeCookie.parse(request.headers.get("cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("accept-language"));
}
