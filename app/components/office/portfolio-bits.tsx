/**
 * Pieces of a portfolio row shared by the table, the phone cards and the board: the due date with
 * how far it is, the journeys and pain points an initiative addresses (count; titles on hover and
 * on expand), and its KPIs with the latest value against the target.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import { daysBetween } from "~/models/initiative";
import { formatKpiValue } from "~/models/kpi";
import type { PortfolioItem, PortfolioKpi } from "~/models/portfolio.server";
import { formatDate } from "~/utils/format";
import { cn } from "../ui";

/** A calendar day, short: "Nov 20" / "11月20日", with the year when it is not this year's. */
export function shortDay(day: string, today: string, locale: Locale): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) }).format(
    new Date(`${day}T00:00:00Z`)
  );
}

export function DueDate({
  item,
  today,
  locale,
  compact,
}: {
  item: Pick<PortfolioItem, "dueDate" | "status">;
  today: string;
  locale: Locale;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!item.dueDate) return <span className="text-slate-400">{t("portfolio.noDue")}</span>;
  const open = item.status !== "done" && item.status !== "dropped";
  const days = daysBetween(today, item.dueDate);
  const rel = !open
    ? null
    : days < 0
    ? t("portfolio.overdueBy", { count: -days })
    : days === 0
    ? t("portfolio.dueToday")
    : t("portfolio.dueIn", { count: days });
  return (
    <span className={cn(compact ? "inline-flex flex-wrap gap-x-1.5" : "block")}>
      <span className="whitespace-nowrap text-slate-800" title={formatDate(`${item.dueDate}T04:00:00Z`, locale)}>
        {shortDay(item.dueDate, today, locale)}
      </span>
      {rel ? (
        <span
          className={cn(
            "block whitespace-nowrap text-xs",
            days < 0 ? "font-medium text-red-700" : days <= 14 ? "text-amber-800" : "text-slate-500",
            compact && "inline"
          )}
        >
          {rel}
        </span>
      ) : null}
    </span>
  );
}

export function LinkedWork({ item }: { item: Pick<PortfolioItem, "id" | "programId" | "journeys" | "painPoints"> }) {
  const { t } = useTranslation();
  if (item.painPoints.length === 0) return <span className="text-xs text-slate-400">{t("portfolio.noPainPoints")}</span>;
  const titles = item.painPoints.map((p) => p.title || t("portfolio.deletedPainPoint")).join("\n");
  return (
    <details className="group text-xs" data-testid="linked-work">
      <summary
        className="cursor-pointer list-none rounded text-slate-700 hover:text-brand-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        title={titles}
      >
        <span className="font-medium">{t("portfolio.painPointCount", { count: item.painPoints.length })}</span>
        <span className="text-slate-500"> · {t("portfolio.journeyCount", { count: item.journeys.length })}</span>
        <span className="ml-1 text-slate-400 group-open:hidden" aria-hidden>
          ▸
        </span>
        <span className="ml-1 hidden text-slate-400 group-open:inline" aria-hidden>
          ▾
        </span>
      </summary>
      <ul className="mt-1.5 space-y-1.5">
        {item.journeys.map((j) => (
          <li key={j.id}>
            <Link to={`/programs/${item.programId}/journeys/${j.id}`} className="font-medium text-brand-700 hover:underline">
              {j.name}
            </Link>
            <ul className="mt-0.5 space-y-0.5 border-l border-slate-200 pl-2">
              {item.painPoints
                .filter((p) => p.mapId === j.id)
                .map((p) => (
                  <li key={p.id} className={cn("text-slate-700", !p.exists && "text-slate-400 line-through")}>
                    {p.title || t("portfolio.deletedPainPoint")}
                    {p.exists && p.severity ? <span className="ml-1 text-slate-400">({t("portfolio.severity", { value: p.severity })})</span> : null}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}

const STATUS_TEXT: Record<PortfolioKpi["status"], string> = {
  alert: "text-red-700",
  off_target: "text-amber-800",
  on_target: "text-emerald-700",
  no_target: "text-slate-700",
  no_data: "text-slate-400",
};

export function KpiLine({ k }: { k: PortfolioKpi }) {
  const { t, i18n } = useTranslation();
  const fmt = (v: number | null | undefined) => formatKpiValue(v ?? null, k.unit, t, i18n.language);
  const arrow = k.trend === "improving" ? "▲" : k.trend === "worsening" ? "▼" : k.trend === "flat" ? "▶" : "";
  return (
    <li className="min-w-0 text-xs leading-5" data-testid="portfolio-kpi" title={`${k.name} · ${t(`kpis.status.${k.status}`)}`}>
      <span className="block truncate text-slate-600">{k.name}</span>
      <span className={cn("font-semibold tabular-nums", STATUS_TEXT[k.status])}>{fmt(k.latest?.value)}</span>
      {arrow ? (
        <span
          className={cn("ml-1", k.trend === "worsening" ? "text-red-700" : k.trend === "improving" ? "text-emerald-700" : "text-slate-400")}
          aria-label={t(`kpis.trend.${k.trend}`)}
        >
          {arrow}
        </span>
      ) : null}
      <span className="text-slate-500"> {k.target !== null ? t("portfolio.vsTarget", { value: fmt(k.target) }) : t("portfolio.noTarget")}</span>
    </li>
  );
}

export function KpiList({ kpis, limit = 2 }: { kpis: PortfolioKpi[]; limit?: number }) {
  const { t } = useTranslation();
  if (kpis.length === 0) return <span className="text-xs text-slate-400">{t("portfolio.noKpis")}</span>;
  return (
    <ul className="space-y-1">
      {kpis.slice(0, limit).map((k) => (
        <KpiLine key={k.id} k={k} />
      ))}
      {kpis.length > limit ? (
        <li
          className="text-xs text-slate-500"
          title={kpis
            .slice(limit)
            .map((k) => k.name)
            .join("\n")}
        >
          {t("portfolio.moreKpis", { count: kpis.length - limit })}
        </li>
      ) : null}
    </ul>
  );
}
