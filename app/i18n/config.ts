/** Languages, resources and one translator per language (server and client alike). */
import en from "./en.json";
import zhCN from "./zh-CN.json";
import { createTranslator, type TFunction, type TranslationTree, type Translator } from "./translate";

export type { TFunction, Translator };

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

const resources: Record<Locale, TranslationTree> = { en, "zh-CN": zhCN };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}

const translators = new Map<Locale, Translator>();

export function i18nFor(locale: Locale): Translator {
  let tr = translators.get(locale);
  if (!tr) translators.set(locale, (tr = createTranslator(locale, resources[locale])));
  return tr;
}

export function tFor(locale: Locale): TFunction {
  return i18nFor(locale).t;
}
