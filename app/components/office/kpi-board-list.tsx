/**
 * The KPI board's list: one row per KPI — name (to its KPI page), program, kind and cadence; the
 * sparkline; the latest value against the target; the trend; the status (and overdue); its open
 * alerts; a link to its traceability view. A table-like grid from 1024 px, stacked cards below.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { KindBadge } from "~/components/kpis/kpi-bits";
import { formatKpiValue } from "~/models/kpi";
import type { KpiBoardRow } from "~/models/kpi-board.server";
import { formatDay } from "~/models/notification-text";
import { useLocale } from "~/utils/root-data";
import { LinkIcon } from "../ui/icons";
import { BoardStatusChip, BoardTrendMark, OpenAlertsPill, OverdueChip } from "./board-bits";
import { KpiSparkline } from "./kpi-sparkline";

type Row = KpiBoardRow;

const GRID = "lg:grid-cols-[minmax(0,1.7fr)_8rem_minmax(0,1fr)_6.5rem_9rem_6.5rem]";

function programName(p: Row["program"], locale: string) {
  return locale === "en" && p.nameEn ? p.nameEn : p.name;
}

function BoardRow({ k, alertsHref }: { k: Row; alertsHref: (k: Row) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = (v: number | null) => formatKpiValue(v, k.unit, t, locale);
  return (
    <li
      className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-3 px-4 py-4 sm:px-5 ${GRID} ${
        k.status === "past_threshold" ? "bg-red-50/40" : ""
      }`}
      data-testid="board-row"
      data-kpi-id={k.id}
      data-status={k.status}
    >
      <div className="col-span-2 min-w-0 lg:col-span-1">
        <Link
          to={k.url}
          className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          data-testid="board-kpi-name"
        >
          {k.name}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
          <KindBadge kind={k.kind} />
          <span className="truncate">{programName(k.program, locale)}</span>
          <span aria-hidden className="text-slate-300">
            ·
          </span>
          <span>{t(`kpis.cadences.${k.cadence}`)}</span>
          {k.owner ? (
            <>
              <span aria-hidden className="text-slate-300">
                ·
              </span>
              <span>{k.owner.name}</span>
            </>
          ) : null}
        </div>
      </div>
      <div className="min-w-0">
        <KpiSparkline points={k.sparkline} unit={k.unit} target={k.target} threshold={k.alertThreshold} status={k.status} />
      </div>
      <div className="text-right lg:text-left">
        <div className="text-lg font-semibold tabular-nums text-slate-900" data-testid="board-latest">
          {fmt(k.latest?.value ?? null)}
        </div>
        <div className="text-xs text-slate-500">
          {k.target !== null ? t("office.kpis.vsTarget", { value: fmt(k.target) }) : t("kpis.registry.noTarget")}
          {k.latest ? <span className="block">{t("office.kpis.asOf", { day: formatDay(k.latest.date, locale) })}</span> : null}
        </div>
      </div>
      <div className="flex items-center lg:block">
        <span className="sr-only">{t("office.kpis.columns.trend")}: </span>
        <BoardTrendMark trend={k.trend} direction={k.direction} />
      </div>
      <div className="flex flex-wrap items-center justify-end gap-1.5 lg:justify-start">
        <BoardStatusChip status={k.status} />
        {k.overdue ? <OverdueChip nextDue={formatDay(k.nextDue, locale)} /> : null}
      </div>
      <div className="col-span-2 flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-3 lg:col-span-1 lg:flex-col lg:items-start lg:justify-start lg:gap-1.5 lg:border-0 lg:pt-0">
        <OpenAlertsPill count={k.openAlerts} to={alertsHref(k)} />
        <Link
          to={k.traceUrl}
          className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          data-testid="board-trace"
        >
          <LinkIcon className="h-3.5 w-3.5" />
          {t("office.kpis.trace")}
        </Link>
      </div>
    </li>
  );
}

export function KpiBoardList({ rows, alertsHref }: { rows: Row[]; alertsHref: (k: Row) => string }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div
        className={`hidden gap-x-4 border-b border-slate-200 bg-slate-50 px-5 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 lg:grid ${GRID}`}
        aria-hidden
      >
        <span>{t("office.kpis.columns.kpi")}</span>
        <span>{t("office.kpis.columns.sparkline")}</span>
        <span>{t("office.kpis.columns.latest")}</span>
        <span>{t("office.kpis.columns.trend")}</span>
        <span>{t("office.kpis.columns.status")}</span>
        <span>{t("office.kpis.columns.alerts")}</span>
      </div>
      <ul className="divide-y divide-slate-100" data-testid="kpi-board">
        {rows.map((k) => (
          <BoardRow key={k.id} k={k} alertsHref={alertsHref} />
        ))}
      </ul>
    </div>
  );
}
