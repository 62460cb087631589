/** The signed-out layout: centred card on a quiet background, with the language switch. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { BrandMark } from "./brand-mark";
import { LanguageSwitch } from "./language-switch";

export function AuthLayout({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 via-slate-50 to-slate-50">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-4 sm:px-6">
        <Link to="/" className="flex items-center gap-2.5 rounded-md font-semibold text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
          <BrandMark />
          <span>{t("app.name")}</span>
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:items-center sm:pt-0">
        <div className={wide ? "w-full max-w-lg" : "w-full max-w-md"}>{children}</div>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-slate-500">{t("app.tagline")}</footer>
    </div>
  );
}

export function AuthCard({ title, subtitle, children }: { title: React.ReactNode; subtitle?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      {subtitle ? <p className="mt-1.5 text-sm leading-6 text-slate-600">{subtitle}</p> : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}
