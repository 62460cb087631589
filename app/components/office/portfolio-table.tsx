/**
 * The portfolio as a table on wide screens and as stacked cards below the `lg` breakpoint (phones
 * and tablets): program, title, kind, status, owner, owning team, due date, RAG health with its
 * reasons, linked journeys and pain points, KPIs against target; each row links to the initiative
 * and its traceability view and, for those allowed, opens the office controls.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import { teamNameKey, type OfficeTeamKey } from "~/models/office-teams";
import type { PortfolioItem } from "~/models/portfolio.server";
import { StatusBadge } from "../reshape/status";
import { HealthBadge, HealthReasons } from "./health";
import { InitiativeOfficeDialog } from "./initiative-office-dialog";
import { DueDate, KpiList, LinkedWork } from "./portfolio-bits";

interface Props {
  items: PortfolioItem[];
  teams: { id: string; key: OfficeTeamKey }[];
  today: string;
  locale: Locale;
  showProgram: boolean;
}

function TitleCell({ item, showProgram }: { item: PortfolioItem; showProgram: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="min-w-0">
      <Link to={item.url} className="font-medium text-slate-900 hover:text-brand-800 hover:underline" data-testid="initiative-link">
        {item.title}
      </Link>
      <p className="mt-0.5 text-xs text-slate-500">
        {showProgram ? <span>{item.programName} · </span> : null}
        {t(`initiatives.kinds.${item.kind}`)}
        <span aria-hidden> · </span>
        <Link to={item.traceUrl} className="text-brand-700 hover:underline" data-testid="trace-link">
          {t("portfolio.trace")}
        </Link>
      </p>
    </div>
  );
}

function TeamName({ team }: { team: PortfolioItem["team"] }) {
  const { t } = useTranslation();
  return team ? (
    <span data-testid="row-team">{t(teamNameKey(team.key))}</span>
  ) : (
    <span className="text-slate-400" data-testid="row-team">
      {t("portfolio.noTeam")}
    </span>
  );
}

export function PortfolioTable({ items, teams, today, locale, showProgram }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm lg:block">
        <table className="w-full table-fixed text-left text-sm" data-testid="portfolio-table">
          <caption className="sr-only">{t("portfolio.tableCaption")}</caption>
          <colgroup>
            <col className="w-[21%]" />
            <col className="w-[13%]" />
            <col className="w-[10%]" />
            <col className="w-[12%]" />
            <col className="w-[12%]" />
            <col className="w-[11%]" />
            <col className="w-[12%]" />
            <col className="w-[9%]" />
          </colgroup>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2.5">
                {t("portfolio.cols.initiative")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t("portfolio.cols.health")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t("portfolio.cols.status")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t("portfolio.cols.ownerTeam")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t("portfolio.cols.due")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t("portfolio.cols.addresses")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t("portfolio.cols.kpis")}
              </th>
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">{t("portfolio.cols.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((i) => (
              <tr key={i.id} className="align-top hover:bg-slate-50/60" data-testid="portfolio-row" data-health={i.health}>
                <td className="px-4 py-3">
                  <TitleCell item={i} showProgram={showProgram} />
                </td>
                <td className="px-3 py-3">
                  <HealthBadge health={i.health} overridden={!!i.override} />
                  {i.override ? (
                    <p className="mt-1 line-clamp-2 text-xs leading-5 text-slate-600" title={i.override.reason}>
                      “{i.override.reason}”
                    </p>
                  ) : i.health !== "green" && i.health !== "closed" ? (
                    <HealthReasons reasons={i.reasons} limit={1} className="mt-1" />
                  ) : null}
                </td>
                <td className="px-3 py-3">
                  <StatusBadge status={i.status} />
                </td>
                <td className="px-3 py-3 text-sm">
                  <span className="block truncate text-slate-800">{i.owner?.name ?? t("portfolio.noOwner")}</span>
                  <span className="mt-0.5 block text-xs leading-5 text-slate-600">
                    <TeamName team={i.team} />
                  </span>
                </td>
                <td className="px-3 py-3 text-sm">
                  <DueDate item={i} today={today} locale={locale} />
                </td>
                <td className="px-3 py-3">
                  <LinkedWork item={i} />
                </td>
                <td className="px-3 py-3">
                  <KpiList kpis={i.kpis} />
                </td>
                <td className="py-3 pl-1 pr-3 text-right">{i.canManage ? <InitiativeOfficeDialog item={i} teams={teams} locale={locale} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 lg:hidden" data-testid="portfolio-cards">
        {items.map((i) => (
          <li key={i.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="portfolio-card" data-health={i.health}>
            <div className="flex items-start justify-between gap-3">
              <TitleCell item={i} showProgram={showProgram} />
              <HealthBadge health={i.health} overridden={!!i.override} className="shrink-0" />
            </div>
            {i.override ? (
              <p className="mt-2 text-xs leading-5 text-slate-600">“{i.override.reason}”</p>
            ) : i.health !== "green" && i.health !== "closed" ? (
              <HealthReasons reasons={i.reasons} limit={2} className="mt-2" />
            ) : null}
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div className="min-w-0">
                <dt className="text-xs text-slate-500">{t("portfolio.cols.status")}</dt>
                <dd className="mt-0.5">
                  <StatusBadge status={i.status} />
                </dd>
              </div>
              <div className="min-w-0">
                <dt className="text-xs text-slate-500">{t("portfolio.cols.due")}</dt>
                <dd className="mt-0.5">
                  <DueDate item={i} today={today} locale={locale} />
                </dd>
              </div>
              <div className="min-w-0">
                <dt className="text-xs text-slate-500">{t("portfolio.cols.owner")}</dt>
                <dd className="mt-0.5 truncate text-slate-800">{i.owner?.name ?? t("portfolio.noOwner")}</dd>
              </div>
              <div className="min-w-0">
                <dt className="text-xs text-slate-500">{t("portfolio.cols.team")}</dt>
                <dd className="mt-0.5 truncate text-slate-800">
                  <TeamName team={i.team} />
                </dd>
              </div>
              <div className="col-span-2 min-w-0">
                <dt className="text-xs text-slate-500">{t("portfolio.cols.addresses")}</dt>
                <dd className="mt-0.5">
                  <LinkedWork item={i} />
                </dd>
              </div>
              <div className="col-span-2 min-w-0">
                <dt className="text-xs text-slate-500">{t("portfolio.cols.kpis")}</dt>
                <dd className="mt-0.5">
                  <KpiList kpis={i.kpis} limit={3} />
                </dd>
              </div>
            </dl>
            {i.canManage ? (
              <div className="mt-3 border-t border-slate-100 pt-3">
                <InitiativeOfficeDialog item={i} teams={teams} locale={locale} triggerClassName="w-full" />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
