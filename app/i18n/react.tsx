/** The translator in React: the root provides the user's language, components call useTranslation(). */
import { createContext, useContext, useMemo } from "react";
import { DEFAULT_LOCALE, i18nFor, type Locale } from "./config";
import type { TFunction, Translator } from "./translate";

const I18nContext = createContext<Translator>(i18nFor(DEFAULT_LOCALE));

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <I18nContext.Provider value={i18nFor(locale)}>{children}</I18nContext.Provider>;
}

/** `{t, i18n}` like react-i18next's hook: `i18n.language` and `i18n.exists(key)` are supported. */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const tr = useContext(I18nContext);
  return useMemo(() => ({ t: tr.t, i18n: tr }), [tr]);
}
