/**
 * The portfolio as a board: a column per status (idea → dropped) or per health (red → closed),
 * each card with the title, program, health, owner, team, due date and KPIs. Columns sit side by
 * side on wide screens (scrolling sideways when there are many) and stack on phones.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import { INITIATIVE_STATUSES } from "~/models/initiative";
import { teamNameKey, type OfficeTeamKey } from "~/models/office-teams";
import type { PortfolioGroup } from "~/models/portfolio";
import type { PortfolioItem } from "~/models/portfolio.server";
import { PORTFOLIO_HEALTHS } from "~/models/rag-health";
import { StatusBadge } from "../reshape/status";
import { Badge, cn } from "../ui";
import { HealthBadge, healthDotClass } from "./health";
import { InitiativeOfficeDialog } from "./initiative-office-dialog";
import { DueDate, KpiList } from "./portfolio-bits";

const STATUS_DOT: Record<(typeof INITIATIVE_STATUSES)[number], string> = {
  idea: "bg-slate-400",
  approved: "bg-brand-600",
  in_progress: "bg-violet-600",
  done: "bg-emerald-600",
  dropped: "bg-red-500",
};

interface Props {
  items: PortfolioItem[];
  group: PortfolioGroup;
  teams: { id: string; key: OfficeTeamKey }[];
  today: string;
  locale: Locale;
  showProgram: boolean;
}

function BoardCard({ item, group, teams, today, locale, showProgram }: Omit<Props, "items"> & { item: PortfolioItem }) {
  const { t } = useTranslation();
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3 shadow-sm" data-testid="board-card" data-health={item.health}>
      <Link to={item.url} className="block text-sm font-medium leading-5 text-slate-900 hover:text-brand-800 hover:underline">
        {item.title}
      </Link>
      <p className="mt-0.5 text-xs text-slate-500">
        {showProgram ? `${item.programName} · ` : ""}
        {t(`initiatives.kinds.${item.kind}`)}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-1.5">
        {group === "status" ? (
          <HealthBadge health={item.health} overridden={!!item.override} />
        ) : (
          <>
            <StatusBadge status={item.status} />
            {item.override ? (
              <Badge tone="neutral" title={t("rag.overridden")} data-testid="override-mark">
                {t("rag.overriddenShort")}
              </Badge>
            ) : null}
          </>
        )}
      </div>
      {item.override ? (
        <p className="mt-1.5 line-clamp-2 text-xs text-slate-600" title={item.override.reason}>
          “{item.override.reason}”
        </p>
      ) : null}
      <dl className="mt-2 space-y-1 text-xs text-slate-600">
        <div className="flex min-w-0 gap-1">
          <dt className="shrink-0 text-slate-500">{t("portfolio.cols.owner")}:</dt>
          <dd className="truncate text-slate-800">{item.owner?.name ?? t("portfolio.noOwner")}</dd>
        </div>
        <div className="flex min-w-0 gap-1">
          <dt className="shrink-0 text-slate-500">{t("portfolio.cols.team")}:</dt>
          <dd className="min-w-0 text-slate-800">{item.team ? t(teamNameKey(item.team.key)) : t("portfolio.noTeam")}</dd>
        </div>
        <div>
          <dt className="sr-only">{t("portfolio.cols.due")}</dt>
          <dd>
            <DueDate item={item} today={today} locale={locale} compact />
          </dd>
        </div>
      </dl>
      {item.kpis.length ? (
        <div className="mt-2 border-t border-slate-100 pt-2">
          <KpiList kpis={item.kpis} limit={1} />
        </div>
      ) : null}
      <div className="mt-2 flex items-center justify-between gap-2">
        <Link to={item.traceUrl} className="text-xs text-brand-700 hover:underline">
          {t("portfolio.trace")}
        </Link>
        {item.canManage ? <InitiativeOfficeDialog item={item} teams={teams} locale={locale} /> : null}
      </div>
    </li>
  );
}

export function PortfolioBoard(props: Props) {
  const { t } = useTranslation();
  const { items, group } = props;
  const columns =
    group === "health"
      ? PORTFOLIO_HEALTHS.map((h) => ({
          key: h,
          label: t(`rag.health.${h}`),
          items: items.filter((i) => i.health === h),
          mark: <span className={cn("h-2.5 w-2.5 rounded-full", healthDotClass(h))} aria-hidden />,
        }))
      : INITIATIVE_STATUSES.map((s) => ({
          key: s,
          label: t(`initiatives.statuses.${s}`),
          items: items.filter((i) => i.status === s),
          mark: <span className={cn("h-2.5 w-2.5 rounded-full", STATUS_DOT[s])} aria-hidden />,
        }));
  return (
    <div className="-mx-4 overflow-x-auto px-4 pb-2 sm:mx-0 sm:px-0" data-testid="portfolio-board" data-group={group}>
      <div className={cn("grid grid-cols-1 gap-3 md:auto-cols-[minmax(12rem,1fr)] md:grid-flow-col md:grid-cols-none")}>
        {columns.map((c) => (
          <section
            key={c.key}
            className="flex min-w-0 flex-col rounded-lg bg-slate-100/80 p-2.5"
            aria-labelledby={`col-${c.key}`}
            data-testid="board-column"
            data-column={c.key}
          >
            <h3 id={`col-${c.key}`} className="flex items-center gap-2 px-1 pb-2 text-sm font-semibold text-slate-800">
              {c.mark}
              {c.label}
              <span className="ml-auto rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">{c.items.length}</span>
            </h3>
            {c.items.length === 0 ? (
              <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-xs text-slate-500">{t("portfolio.board.empty")}</p>
            ) : (
              <ul className="space-y-2">
                {c.items.map((i) => (
                  <BoardCard key={i.id} item={i} group={group} teams={props.teams} today={props.today} locale={props.locale} showProgram={props.showProgram} />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
