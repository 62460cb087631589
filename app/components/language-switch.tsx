/** 中文 / English: a form that posts to /settings/language and comes back to the current page. Works without JavaScript. */
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { LOCALES, type Locale } from "../i18n/config";
import { useLocale } from "../utils/root-data";
import { cn } from "./ui/cn";

const LABELS: Record<Locale, string> = { "zh-CN": "中文", en: "EN" };
const FULL: Record<Locale, string> = { "zh-CN": "简体中文", en: "English" };

export function LanguageSwitch({ tone = "light" }: { tone?: "light" | "dark" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/settings/language" replace preventScrollReset>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <div
        role="group"
        aria-label={t("nav.language")}
        className={cn(
          "inline-flex rounded-md p-0.5 text-xs font-medium",
          tone === "dark" ? "bg-white/10" : "border border-slate-200 bg-white",
        )}
      >
        {LOCALES.map((l) => {
          const active = l === locale;
          return (
            <button
              key={l}
              type="submit"
              name="locale"
              value={l}
              lang={l}
              aria-pressed={active}
              title={FULL[l]}
              aria-label={FULL[l]}
              className={cn(
                "rounded px-2 py-1 transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-400",
                active
                  ? tone === "dark"
                    ? "bg-white text-brand-950"
                    : "bg-brand-700 text-white"
                  : tone === "dark"
                    ? "text-white/80 hover:text-white"
                    : "text-slate-600 hover:text-slate-900",
              )}
            >
              {LABELS[l]}
            </button>
          );
        })}
      </div>
    </Form>
  );
}
