/**
 * Small pieces of the recognition screens (step 5): the status badge and the status path, the
 * reward as text with its kind, the guideline a nomination is evaluated against (do / don't), the
 * person line (avatar + name) and a few icons. Shared by the nominations pages and the wall.
 */
import { useTranslation } from "~/i18n/react";
import { isLocale, type Locale } from "~/i18n/config";
import type { NominationStatus } from "~/models/nominations";
import type { NominationGuideline } from "~/models/nomination-views.server";
import type { RewardKind } from "../../../db/schema";
import { Avatar, Badge, cn, type BadgeTone } from "../ui";
import { formatNumber } from "~/utils/format";

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : "zh-CN";
}

const STATUS_TONE: Record<NominationStatus, BadgeTone> = {
  submitted: "warning",
  approved: "brand",
  rejected: "neutral",
  rewarded: "success",
};

export function NominationStatusBadge({ status }: { status: NominationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]} data-testid="nomination-status" data-status={status}>
      {status === "rewarded" ? <MedalIcon className="h-3.5 w-3.5" /> : null}
      {t(`nominations.statuses.${status}`)}
    </Badge>
  );
}

/** The path submitted → approved → rewarded, with where a nomination is (rejected ends it after the first step). */
export function StatusPath({ status }: { status: NominationStatus }) {
  const { t } = useTranslation();
  const steps: NominationStatus[] = status === "rejected" ? ["submitted", "rejected"] : ["submitted", "approved", "rewarded"];
  const reached = steps.indexOf(status);
  return (
    <ol className="flex w-full items-center gap-1.5 text-xs font-medium sm:w-auto" aria-label={t("nominations.path.label")} data-testid="status-path">
      {steps.map((s, i) => {
        const done = i <= reached;
        const current = i === reached;
        return (
          <li key={s} className={cn("flex items-center gap-1.5", i > 0 && "flex-1 sm:flex-none")} aria-current={current ? "step" : undefined}>
            {i > 0 ? <span aria-hidden className={cn("h-px min-w-3 flex-1 sm:w-8 sm:flex-none", done ? "bg-brand-400" : "bg-slate-300")} /> : null}
            <span
              className={cn(
                "inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-1",
                current && s === "rejected" ? "bg-slate-200 text-slate-800" : current ? "bg-brand-700 text-white" : done ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-500",
              )}
            >
              {done && !current ? <CheckSmallIcon className="h-3 w-3" /> : null}
              {t(`nominations.path.${s}`)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** "200 服务积分" plus, where the kind gives the value a meaning, the value (points, a bonus in yuan). */
export function rewardValueText(kind: RewardKind, value: number, locale: Locale, t: (k: string, v?: Record<string, unknown>) => string): string | null {
  if (!value) return null;
  if (kind === "points") return t("nominations.reward.points", { value: formatNumber(value, locale) });
  if (kind === "bonus") return formatNumber(value, locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  return formatNumber(value, locale);
}

export function RewardLine({ kind, text, value, className }: { kind: RewardKind; text: string; value: number; className?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const v = rewardValueText(kind, value, locale, (k, vars) => String(t(k, vars)));
  return (
    <span className={cn("inline-flex flex-wrap items-center gap-x-2 gap-y-1", className)}>
      <span className="inline-flex items-center gap-1.5 font-medium text-amber-900">
        <MedalIcon className="h-4 w-4 shrink-0 text-amber-600" />
        {text}
      </span>
      <Badge tone="warning" className="font-normal">
        {t(`nominations.rewardKinds.${kind}`)}
        {v && !text.includes(String(value)) ? ` · ${v}` : null}
      </Badge>
    </span>
  );
}

export function PersonLine({ person, size = "sm", sub }: { person: { id: string; name: string }; size?: "sm" | "md" | "lg"; sub?: React.ReactNode }) {
  return (
    <span className="flex min-w-0 items-center gap-2.5">
      <Avatar name={person.name} seed={person.id} size={size} />
      <span className="min-w-0">
        <span className="block truncate font-medium text-slate-900">{person.name}</span>
        {sub ? <span className="block truncate text-xs text-slate-500">{sub}</span> : null}
      </span>
    </span>
  );
}

/** The guideline a nomination is evaluated against: title, what it asks, do and don't examples. */
export function GuidelinePanel({ guideline, typeDescription, className }: { guideline: NominationGuideline | null; typeDescription: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <section className={cn("rounded-lg border border-brand-100 bg-brand-50/50 p-4 text-sm", className)} data-testid="guideline-panel">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-brand-800">{t("nominations.guideline.title")}</h4>
      {guideline ? (
        <>
          <p className="mt-1 font-semibold text-slate-900">{guideline.title}</p>
          {guideline.body ? <p className="mt-1 leading-6 text-slate-700">{guideline.body}</p> : null}
          {guideline.doExamples.length || guideline.dontExamples.length ? (
            <div className="mt-3 space-y-3">
              <ExampleList tone="do" title={t("nominations.guideline.do")} items={guideline.doExamples} />
              <ExampleList tone="dont" title={t("nominations.guideline.dont")} items={guideline.dontExamples} />
            </div>
          ) : null}
        </>
      ) : (
        <>
          <p className="mt-1 text-slate-600">{t("nominations.guideline.none")}</p>
          {typeDescription ? <p className="mt-1 leading-6 text-slate-800">{typeDescription}</p> : null}
        </>
      )}
    </section>
  );
}

function ExampleList({ tone, title, items }: { tone: "do" | "dont"; title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <div>
      <p className={cn("mb-1 text-xs font-semibold", tone === "do" ? "text-emerald-800" : "text-red-800")}>{title}</p>
      <ul className="space-y-1">
        {items.map((item, i) => (
          <li key={i} className="flex gap-1.5 leading-5 text-slate-700">
            {tone === "do" ? <CheckSmallIcon className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" /> : <CrossSmallIcon className="mt-0.5 h-4 w-4 shrink-0 text-red-600" />}
            <span>{item}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

type IconProps = React.SVGProps<SVGSVGElement>;

export function MedalIcon(p: IconProps) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden {...p}>
      <path d="M7.2 3h9.6l-2.6 6.3M9.8 9.3 7.2 3" />
      <circle cx="12" cy="15" r="6" />
      <path d="m12 12 .9 1.9 2 .3-1.5 1.4.4 2-1.8-1-1.8 1 .4-2-1.5-1.4 2-.3z" />
    </svg>
  );
}

export function CheckSmallIcon(p: IconProps) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden {...p}>
      <path d="m5 10.5 3 3 7-7" />
    </svg>
  );
}

export function CrossSmallIcon(p: IconProps) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden {...p}>
      <path d="m6 6 8 8M14 6l-8 8" />
    </svg>
  );
}

export function QuoteIcon(p: IconProps) {
  return (
    <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden {...p}>
      <path d="M9.5 6C6.5 7.2 4.5 9.8 4.5 13.2V18h5.6v-5.6H7.3c.1-2 1.2-3.5 3-4.4L9.5 6Zm9 0c-3 1.2-5 3.8-5 7.2V18h5.6v-5.6h-2.8c.1-2 1.2-3.5 3-4.4L18.5 6Z" />
    </svg>
  );
}
