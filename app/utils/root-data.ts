/** The root loader's data (user, language, organisations) for components and meta functions. */
import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, isLocale, tFor, type Locale } from "../i18n/config";
import type { loader as rootLoader } from "../root";

export function useRootData() {
  return useRouteLoaderData<typeof rootLoader>("root");
}

export function useLocale(): Locale {
  const data = useRootData();
  return data?.locale ?? DEFAULT_LOCALE;
}

type MetaMatch = { id: string; data: unknown };

export function localeFromMatches(matches: readonly MetaMatch[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** `<title>` in the user's language: "Page · Product". */
export function pageTitle(matches: readonly MetaMatch[], key: string, vars: Record<string, unknown> = {}) {
  const t = tFor(localeFromMatches(matches));
  return [{ title: `${String(t(key, vars))} · ${String(t("app.name"))}` }];
}

/** `<title>` from an already-localised text (e.g. a program name). */
export function pageTitleText(matches: readonly MetaMatch[], text: string) {
  const t = tFor(localeFromMatches(matches));
  return [{ title: `${text} · ${String(t("app.name"))}` }];
}
