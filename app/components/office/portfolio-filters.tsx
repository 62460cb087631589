/**
 * The portfolio's controls, all kept in the URL: health chips with counts (a click filters), the
 * filter form (search, program, team, kind, status, health, sort — applied on change, or with the
 * button without JavaScript), "n of m" with a reset, and the table/board and status/health toggles.
 */
import { Form, Link, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { INITIATIVE_KINDS, INITIATIVE_STATUSES } from "~/models/initiative";
import { teamNameKey, type OfficeTeamKey } from "~/models/office-teams";
import { NO_TEAM, PORTFOLIO_QUERY_KEYS, PORTFOLIO_SORTS, type PortfolioFilters, type PortfolioGroup, type PortfolioView } from "~/models/portfolio";
import { PORTFOLIO_HEALTHS, type PortfolioHealth } from "~/models/rag-health";
import { Button, buttonClasses, cn, Field, Input, Select } from "../ui";
import { healthDotClass } from "./health";

/** The current URL with some parameters changed (undefined or "" removes one). */
export function useUrlWith() {
  const location = useLocation();
  return (changes: Record<string, string | undefined>) => {
    const p = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") p.delete(k);
      else p.set(k, v);
    }
    const qs = p.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}`;
  };
}

export function HealthChips({ counts, active }: { counts: Record<PortfolioHealth, number>; active?: PortfolioHealth }) {
  const { t } = useTranslation();
  const href = useUrlWith();
  return (
    <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label={t("portfolio.healthSummary")} data-testid="health-chips">
      {PORTFOLIO_HEALTHS.map((h) => {
        const on = active === h;
        return (
          <li key={h}>
            <Link
              to={href({ health: on ? undefined : h })}
              aria-current={on ? "true" : undefined}
              className={cn(
                "flex items-center justify-between gap-3 rounded-lg border bg-white px-3 py-2.5 shadow-sm transition-colors hover:border-slate-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
                on ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200"
              )}
              data-testid={`health-chip-${h}`}
            >
              <span className="flex items-center gap-2 text-sm font-medium text-slate-700">
                <span className={cn("h-2.5 w-2.5 rounded-full", healthDotClass(h))} aria-hidden />
                {t(`rag.health.${h}`)}
              </span>
              <span className="text-xl font-semibold tabular-nums text-slate-900">{counts[h]}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function PortfolioFilterForm({
  filters,
  programs,
  teams,
  view,
  group,
}: {
  filters: PortfolioFilters;
  programs: { id: string; name: string }[];
  teams: { id: string; key: OfficeTeamKey }[];
  view: PortfolioView;
  group: PortfolioGroup;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  // When the URL changes (a chip, a reset, back/forward) the controls show the filters in force; focus stays where it is.
  const { search } = useLocation();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    const params = new URLSearchParams(search);
    for (const name of PORTFOLIO_QUERY_KEYS) {
      const el = form.elements.namedItem(name);
      const value = params.get(name) ?? "";
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) el.value = name === "sort" && value === "health" ? "" : value;
    }
  }, [search]);
  // Phones show the search and fold the other filters away (count of those in force on the button).
  const [open, setOpen] = useState(false);
  const moreId = useId();
  const active = [filters.programId, filters.teamId, filters.kind, filters.status, filters.health].filter(Boolean).length + (filters.sort ? 1 : 0);
  const onChange = (e: React.ChangeEvent<HTMLFormElement>) => {
    if (e.target instanceof HTMLSelectElement) submit(e.currentTarget, { replace: true, preventScrollReset: true });
  };
  return (
    <Form
      ref={ref}
      method="get"
      onChange={onChange}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="portfolio-filters"
      role="search"
    >
      {view === "board" ? <input type="hidden" name="view" value="board" /> : null}
      {view === "board" && group === "health" ? <input type="hidden" name="group" value="health" /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-[minmax(12rem,1.4fr)_repeat(3,minmax(0,1fr))]">
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-1">
          <Field label={t("portfolio.filters.search")} className="min-w-0 flex-1">
            <Input type="search" name="q" defaultValue={filters.q ?? ""} placeholder={t("portfolio.filters.searchPlaceholder")} maxLength={100} />
          </Field>
          <Button
            variant="secondary"
            className="sm:hidden"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={moreId}
            data-testid="toggle-filters"
          >
            {active ? t("portfolio.filters.moreActive", { count: active }) : t("portfolio.filters.more")}
          </Button>
        </div>
        <div id={moreId} className={cn("contents", !open && "max-sm:hidden")}>
          <Field label={t("portfolio.filters.program")}>
            <Select name="program" defaultValue={filters.programId ?? ""}>
              <option value="">{t("portfolio.filters.allPrograms")}</option>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("portfolio.filters.team")}>
            <Select name="team" defaultValue={filters.teamId ?? ""}>
              <option value="">{t("portfolio.filters.allTeams")}</option>
              {teams.map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {t(teamNameKey(tm.key))}
                </option>
              ))}
              <option value={NO_TEAM}>{t("portfolio.noTeam")}</option>
            </Select>
          </Field>
          <Field label={t("portfolio.filters.health")}>
            <Select name="health" defaultValue={filters.health ?? ""}>
              <option value="">{t("portfolio.filters.anyHealth")}</option>
              {PORTFOLIO_HEALTHS.map((h) => (
                <option key={h} value={h}>
                  {t(`rag.health.${h}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("portfolio.filters.kind")}>
            <Select name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">{t("portfolio.filters.allKinds")}</option>
              {INITIATIVE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`initiatives.kinds.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("portfolio.filters.status")}>
            <Select name="status" defaultValue={filters.status ?? ""}>
              <option value="">{t("portfolio.filters.allStatuses")}</option>
              {INITIATIVE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`initiatives.statuses.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("portfolio.filters.sort")}>
            <Select name="sort" defaultValue={filters.sort ?? ""}>
              {PORTFOLIO_SORTS.map((s) => (
                <option key={s} value={s === "health" ? "" : s}>
                  {t(`portfolio.sorts.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex items-end">
            <Button type="submit" variant="secondary" className="w-full" data-testid="apply-filters">
              {t("portfolio.filters.apply")}
            </Button>
          </div>
        </div>
      </div>
    </Form>
  );
}

export function ResultLine({ shown, total, filtered, resetTo }: { shown: number; total: number; filtered: boolean; resetTo: string }) {
  const { t } = useTranslation();
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" aria-live="polite">
      <span className="font-medium text-slate-900" data-testid="portfolio-count">
        {filtered ? t("portfolio.countFiltered", { shown, total }) : t("portfolio.count", { count: total })}
      </span>
      {filtered ? (
        <Link to={resetTo} className="font-medium text-brand-700 hover:underline" data-testid="reset-filters">
          {t("portfolio.filters.reset")}
        </Link>
      ) : null}
    </p>
  );
}

export function ViewToggle({ view, group }: { view: PortfolioView; group: PortfolioGroup }) {
  const { t } = useTranslation();
  const href = useUrlWith();
  const seg = (on: boolean) => cn(buttonClasses(on ? "primary" : "secondary", "sm"), "rounded-none first:rounded-l-md last:rounded-r-md", !on && "shadow-none");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div className="inline-flex" role="group" aria-label={t("portfolio.view.label")}>
        <Link
          to={href({ view: undefined, group: undefined })}
          className={seg(view === "table")}
          aria-current={view === "table" ? "true" : undefined}
          data-testid="view-table"
        >
          {t("portfolio.view.table")}
        </Link>
        <Link to={href({ view: "board" })} className={seg(view === "board")} aria-current={view === "board" ? "true" : undefined} data-testid="view-board">
          {t("portfolio.view.board")}
        </Link>
      </div>
      {view === "board" ? (
        <div className="inline-flex items-center gap-2" role="group" aria-label={t("portfolio.view.groupLabel")}>
          <span className="text-sm text-slate-600">{t("portfolio.view.groupBy")}</span>
          <span className="inline-flex">
            <Link
              to={href({ group: undefined })}
              className={seg(group === "status")}
              aria-current={group === "status" ? "true" : undefined}
              data-testid="group-status"
            >
              {t("portfolio.view.byStatus")}
            </Link>
            <Link
              to={href({ group: "health" })}
              className={seg(group === "health")}
              aria-current={group === "health" ? "true" : undefined}
              data-testid="group-health"
            >
              {t("portfolio.view.byHealth")}
            </Link>
          </span>
        </div>
      ) : null}
    </div>
  );
}
