/**
 * RAG health on screen: the badge (colour + word, never colour alone), the reasons in words, the
 * override note (who, when, why) and the rule itself as a disclosure, in the user's language.
 */
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import type { PortfolioHealth, RagReason } from "~/models/rag-health";
import { DUE_SOON_DAYS } from "~/models/rag-health";
import { formatDateTime } from "~/utils/format";
import { cn } from "../ui";

const TONE: Record<PortfolioHealth, { chip: string; dot: string }> = {
  red: { chip: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-600" },
  amber: { chip: "bg-amber-50 text-amber-900 ring-amber-300", dot: "bg-amber-500" },
  green: { chip: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-600" },
  closed: { chip: "bg-slate-100 text-slate-600 ring-slate-200", dot: "bg-slate-400" },
};

export function healthDotClass(h: PortfolioHealth): string {
  return TONE[h].dot;
}

export function HealthBadge({ health, overridden, className }: { health: PortfolioHealth; overridden?: boolean; className?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset",
        TONE[health].chip,
        className
      )}
      data-testid="health-badge"
      data-health={health}
    >
      <span className={cn("h-2 w-2 rounded-full", TONE[health].dot)} aria-hidden />
      {t(`rag.health.${health}`)}
      {overridden ? (
        <span className="font-normal opacity-80" title={t("rag.overridden")}>
          · {t("rag.overriddenShort")}
        </span>
      ) : null}
    </span>
  );
}

export function useReasonText() {
  const { t } = useTranslation();
  return (r: RagReason): string => {
    switch (r.code) {
      case "overdue":
        return String(t("rag.reasons.overdue", { count: r.days }));
      case "dueSoon":
        return r.days === 0 ? String(t("rag.reasons.dueToday")) : String(t("rag.reasons.dueSoon", { count: r.days }));
      case "kpiAlert":
        return String(t("rag.reasons.kpiAlert", { kpi: r.kpi }));
      case "kpiWorsening":
        return String(t("rag.reasons.kpiWorsening", { kpi: r.kpi }));
      default:
        return String(t(`rag.reasons.${r.code}`));
    }
  };
}

/** The reasons as a short list (the first `limit`, then "+n"). */
export function HealthReasons({ reasons, limit, className }: { reasons: RagReason[]; limit?: number; className?: string }) {
  const { t } = useTranslation();
  const text = useReasonText();
  const shown = limit ? reasons.slice(0, limit) : reasons;
  return (
    <ul className={cn("space-y-0.5 text-xs leading-5 text-slate-600", className)}>
      {shown.map((r, i) => (
        <li key={i}>{text(r)}</li>
      ))}
      {limit && reasons.length > limit ? <li className="text-slate-500">{t("rag.moreReasons", { count: reasons.length - limit })}</li> : null}
    </ul>
  );
}

export function OverrideNote({
  override,
  computed,
  locale,
}: {
  override: { health: string; reason: string; by: { name: string } | null; at: string };
  computed: PortfolioHealth;
  locale: Locale;
}) {
  const { t } = useTranslation();
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs leading-5 text-slate-700" data-testid="override-note">
      <p>
        {t("rag.overrideBy", { name: override.by?.name ?? t("activity.formerMember"), when: formatDateTime(override.at, locale) })}{" "}
        <span className="text-slate-500">{t("rag.computedWas", { health: t(`rag.health.${computed}`) })}</span>
      </p>
      <p className="mt-1 whitespace-pre-line text-slate-900">“{override.reason}”</p>
    </div>
  );
}

/** The rule, written out (both languages through i18n). */
export function RagRule() {
  const { t } = useTranslation();
  return (
    <details className="group rounded-lg border border-slate-200 bg-white text-sm shadow-sm" data-testid="rag-rule">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3 font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500">
        <span>{t("rag.rule.title")}</span>
        <span className="text-xs font-normal text-slate-500 group-open:hidden">{t("rag.rule.show")}</span>
        <span className="hidden text-xs font-normal text-slate-500 group-open:inline">{t("rag.rule.hide")}</span>
      </summary>
      <div className="grid grid-cols-1 gap-3 border-t border-slate-100 px-4 py-3 sm:grid-cols-2 lg:grid-cols-4">
        {(["red", "amber", "green", "closed"] as const).map((h) => (
          <div key={h} className="min-w-0">
            <HealthBadge health={h} />
            <p className="mt-1.5 text-xs leading-5 text-slate-700">{t(`rag.rule.${h}`, { days: DUE_SOON_DAYS })}</p>
          </div>
        ))}
      </div>
      <p className="border-t border-slate-100 px-4 py-2.5 text-xs leading-5 text-slate-600">{t("rag.rule.override")}</p>
    </details>
  );
}
