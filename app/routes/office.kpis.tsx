/**
 * The CX office's KPI board (/office/kpis): every KPI of every program the user sees in the active
 * organisation (CX office and admins: all), with sparkline, latest value against target, trend,
 * status and open alerts; filters (program, kind, status, alerts only) live in the URL. The alerts
 * panel (`?tab=alerts`, filter `show=open|acknowledged|all`, `kpi=<id>`) lists the alerts, open
 * first, each with "Acknowledge" (with a note) for the KPI's program editors and the CX office.
 * `?alert=<id>` opens the panel on that alert, highlighted and scrolled into view (notifications
 * link there).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useSubmit } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { KpiIcon } from "~/components/kpis/kpi-bits";
import { AlertCard } from "~/components/office/alert-card";
import { KpiBoardList } from "~/components/office/kpi-board-list";
import { RouteError } from "~/components/route-error";
import { Alert, Button, ButtonLink, EmptyState, Field, PageHeader, Select } from "~/components/ui";
import { cn } from "~/components/ui/cn";
import { DomainError } from "~/models/domain.server";
import { KPI_KINDS } from "~/models/kpi";
import { ALERT_FILTERS, type AlertFilter } from "~/models/kpi-alerts";
import { acknowledgeKpiAlert, getKpiAlert, listKpiAlerts } from "~/models/kpi-alerts.server";
import { BOARD_STATUSES, boardFiltersFromSearch, type BoardStatus } from "~/models/kpi-board";
import { listKpiBoard } from "~/models/kpi-board.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle, useLocale } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "office.kpis.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) return json({ org: null } as const);
  const url = new URL(request.url);
  const sp = url.searchParams;
  const focusId = sp.get("alert");
  const tab: "board" | "alerts" = sp.get("tab") === "alerts" || focusId ? "alerts" : "board";
  const filters = boardFiltersFromSearch(sp);
  const showParam = sp.get("show");
  const show: AlertFilter = (ALERT_FILTERS as readonly string[]).includes(showParam ?? "") ? (showParam as AlertFilter) : "open";
  const kpiFilter = sp.get("kpi");
  const viewer = { userId: user.id, orgId: activeOrg.id };
  const [board, alerts, focused] = await Promise.all([
    listKpiBoard(viewer, filters),
    listKpiAlerts(viewer, { status: "all", programId: filters.programId, kpiId: kpiFilter }),
    focusId ? getKpiAlert(viewer, focusId) : Promise.resolve(null),
  ]);
  const counts = { open: alerts.filter((a) => a.status === "open").length, acknowledged: alerts.filter((a) => a.status === "acknowledged").length, all: alerts.length };
  let shown = show === "all" ? alerts : alerts.filter((a) => a.status === show);
  // The alert a notification points to is always shown, whatever the filters.
  if (focused && !shown.some((a) => a.id === focused.id)) shown = [focused, ...shown];
  const kpiName = kpiFilter ? (board.kpis.find((k) => k.id === kpiFilter)?.name ?? alerts[0]?.kpi.name ?? null) : null;
  return json({
    org: { id: activeOrg.id },
    tab,
    filters,
    show,
    kpiFilter: kpiFilter ? { id: kpiFilter, name: kpiName } : null,
    board,
    alerts: shown,
    counts,
    focusId: focused?.id ?? null,
    focusMissing: Boolean(focusId && !focused),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) throw httpError(locale, 404);
  const form = await request.formData();
  try {
    if (form.get("intent") !== "acknowledge") throw new DomainError(400, "office.alerts.errors.unknownIntent");
    const alert = await acknowledgeKpiAlert(user, form.get("alertId"), { note: form.get("note") ?? "" });
    return json({ ok: true as const, alertId: alert.id });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(locale, error);
    throw error;
  }
}

type LoaderData = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { org: null }>;

/** The URL with some parameters changed (null removes one). */
function withParams(search: string, changes: Record<string, string | null>): string {
  const sp = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) sp.delete(k);
    else sp.set(k, v);
  }
  const s = sp.toString();
  return s ? `?${s}` : "?";
}

function SummaryTiles({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { summary } = data.board;
  const tiles: { key: string; label: string; value: number; tone: string; to: string; active: boolean }[] = [
    { key: "total", label: t("office.kpis.summary.total"), value: summary.total, tone: "text-slate-900", to: withParams(location.search, { status: null, alerts: null, tab: null, alert: null }), active: data.tab === "board" && !data.filters.status && !data.filters.alertsOnly },
    ...(["past_threshold", "off_target", "on_target", "unmeasured"] as BoardStatus[]).map((s) => ({
      key: s,
      label: t(`office.kpis.status.${s}`),
      value: summary.byStatus[s],
      tone: s === "past_threshold" ? "text-red-700" : s === "off_target" ? "text-amber-800" : s === "on_target" ? "text-emerald-700" : "text-slate-700",
      to: withParams(location.search, { status: s, tab: null, alert: null }),
      active: data.tab === "board" && data.filters.status === s,
    })),
    { key: "alerts", label: t("office.kpis.summary.openAlerts"), value: data.counts.open, tone: data.counts.open ? "text-red-700" : "text-slate-700", to: withParams(location.search, { tab: "alerts", show: "open", alert: null }), active: data.tab === "alerts" },
  ];
  return (
    <ul className="mb-6 grid grid-cols-3 gap-2 sm:gap-3 lg:grid-cols-6" data-testid="board-summary">
      {tiles.map((tile) => (
        <li key={tile.key}>
          <Link
            to={tile.to}
            className={cn(
              "block h-full rounded-lg border bg-white px-3 py-2.5 shadow-sm sm:px-4 sm:py-3 transition-colors hover:border-brand-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
              tile.active ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200",
            )}
            data-testid={`summary-${tile.key}`}
          >
            <span className={cn("block text-xl font-semibold tabular-nums sm:text-2xl", tile.tone)}>{tile.value}</span>
            <span className="mt-0.5 block text-xs font-medium text-slate-600">{tile.label}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Tabs({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const location = useLocation();
  const items = [
    { key: "board", label: t("office.kpis.tabs.board", { count: data.board.kpis.length }), to: withParams(location.search, { tab: null, alert: null, show: null, kpi: null }) },
    { key: "alerts", label: t("office.kpis.tabs.alerts"), to: withParams(location.search, { tab: "alerts", alert: null }), badge: data.counts.open },
  ] as const;
  return (
    <div role="tablist" aria-label={t("office.kpis.tabs.label")} className="mb-4 inline-flex rounded-lg border border-slate-200 bg-slate-100 p-1">
      {items.map((item) => {
        const active = data.tab === item.key;
        return (
          <Link
            key={item.key}
            to={item.to}
            role="tab"
            aria-selected={active}
            className={cn(
              "inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
              active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
            )}
            data-testid={`tab-${item.key}`}
          >
            {item.label}
            {"badge" in item && item.badge ? (
              <span className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">{item.badge}</span>
            ) : null}
          </Link>
        );
      })}
    </div>
  );
}

function programLabel(p: { name: string; nameEn: string | null }, locale: string) {
  return locale === "en" && p.nameEn ? p.nameEn : p.name;
}

function BoardFilters({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const submit = useSubmit();
  const location = useLocation();
  const f = data.filters;
  const filtered = Boolean(f.programId || f.kind || f.status || f.alertsOnly);
  return (
    <Form
      method="get"
      className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1fr)_auto_auto] lg:items-end"
      onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}
      data-testid="board-filters"
    >
      <Field label={t("office.kpis.filters.program")} className="col-span-2 lg:col-span-1">
        <Select name="program" defaultValue={f.programId ?? ""}>
          <option value="">{t("office.kpis.filters.allPrograms")}</option>
          {data.board.programs.map((p) => (
            <option key={p.id} value={p.id}>
              {programLabel(p, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("office.kpis.filters.kind")}>
        <Select name="kind" defaultValue={f.kind ?? ""}>
          <option value="">{t("office.kpis.filters.allKinds")}</option>
          {KPI_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kpis.kinds.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("office.kpis.filters.status")}>
        <Select name="status" defaultValue={f.status ?? ""}>
          <option value="">{t("office.kpis.filters.allStatuses")}</option>
          {BOARD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`office.kpis.status.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <label className="col-span-2 flex h-10 items-center gap-2 text-sm text-slate-800 lg:col-span-1">
        <input type="checkbox" name="alerts" value="1" defaultChecked={f.alertsOnly} className="h-4 w-4 rounded border-slate-300 text-brand-700 focus:ring-brand-500" />
        {t("office.kpis.filters.alertsOnly")}
      </label>
      <noscript>
        <Button type="submit" variant="secondary">
          {t("office.kpis.filters.apply")}
        </Button>
      </noscript>
      {filtered ? (
        <div className="col-span-2 flex lg:col-span-1">
          <ButtonLink to={location.pathname} variant="ghost" data-testid="board-clear">
            {t("office.kpis.filters.clear")}
          </ButtonLink>
        </div>
      ) : null}
    </Form>
  );
}

function AlertFilters({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" data-testid="alert-filters">
      <span className="text-sm font-medium text-slate-700">{t("office.alerts.show")}</span>
      {ALERT_FILTERS.map((s) => (
        <Link
          key={s}
          to={withParams(location.search, { tab: "alerts", show: s === "open" ? null : s, alert: null })}
          className={cn(
            "rounded-full border px-3 py-1 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
            data.show === s ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
          )}
          aria-current={data.show === s ? "true" : undefined}
          data-testid={`alerts-show-${s}`}
        >
          {t(`office.alerts.filters.${s}`, { count: data.counts[s] })}
        </Link>
      ))}
      {data.kpiFilter ? (
        <span className="inline-flex items-center gap-2 rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700">
          {t("office.alerts.onlyKpi", { name: data.kpiFilter.name ?? "—" })}
          <Link to={withParams(location.search, { kpi: null, alert: null })} className="font-medium text-brand-700 hover:underline">
            {t("office.kpis.filters.clear")}
          </Link>
        </span>
      ) : null}
    </div>
  );
}

function AlertsPanel({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="alerts-heading" data-testid="alerts-panel">
      <h2 id="alerts-heading" className="sr-only">
        {t("office.kpis.tabs.alerts")}
      </h2>
      {data.focusMissing ? (
        <Alert tone="warning" className="mb-4">
          {t("office.alerts.focusMissing")}
        </Alert>
      ) : null}
      <AlertFilters data={data} />
      {data.alerts.length === 0 ? (
        <EmptyState title={data.show === "open" ? t("office.alerts.emptyOpenTitle") : t("office.alerts.emptyTitle")}>
          {data.show === "open" ? t("office.alerts.emptyOpenBody") : t("office.alerts.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {data.alerts.map((a) => (
            <AlertCard key={a.id} alert={a} focused={a.id === data.focusId} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default function OfficeKpis() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  if (!data.org) {
    return (
      <PageContainer className="max-w-3xl">
        <PageHeader title={t("office.kpis.title")} />
        <EmptyState title={t("onboarding.title")} actions={<ButtonLink to="/orgs/new">{t("onboarding.createAction")}</ButtonLink>}>
          {t("office.noOrg")}
        </EmptyState>
      </PageContainer>
    );
  }
  const d = data as LoaderData;
  const alertsHref = (k: { id: string }) => withParams(location.search, { tab: "alerts", kpi: k.id, show: null, alert: null });
  return (
    <div>
      <div className="mb-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("office.kpis.title")}</h2>
        <p className="mt-1 text-sm leading-6 text-slate-600">{t("office.kpis.description")}</p>
      </div>
      <SummaryTiles data={d} />
      <Tabs data={d} />
      {d.tab === "alerts" ? (
        <AlertsPanel data={d} />
      ) : (
        <section aria-label={t("office.kpis.tabs.label")}>
          {d.counts.open > 0 ? (
            <Alert
              tone="danger"
              className="mb-4"
              title={t("office.kpis.openAlertsBanner", { count: d.counts.open })}
              actions={
                <ButtonLink to={withParams(location.search, { tab: "alerts", show: null, alert: null })} size="sm" variant="danger" data-testid="review-alerts">
                  {t("office.kpis.reviewAlerts")}
                </ButtonLink>
              }
            >
              {t("office.kpis.openAlertsBody")}
            </Alert>
          ) : null}
          <BoardFilters data={d} />
          {d.board.summary.total === 0 ? (
            <EmptyState icon={<KpiIcon className="h-6 w-6" />} title={t("office.kpis.emptyTitle")}>
              {t("office.kpis.emptyBody")}
            </EmptyState>
          ) : d.board.kpis.length === 0 ? (
            <EmptyState title={t("office.kpis.noMatchTitle")} actions={<ButtonLink to={location.pathname} variant="secondary">{t("office.kpis.filters.clear")}</ButtonLink>}>
              {t("office.kpis.noMatchBody")}
            </EmptyState>
          ) : (
            <KpiBoardList rows={d.board.kpis} alertsHref={alertsHref} />
          )}
          <p className="mt-3 text-xs text-slate-500">{t("office.kpis.legend")}</p>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
