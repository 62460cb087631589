/**
 * The CX office's initiative portfolio (step 6): every initiative of every program of the active
 * organisation the user can see (the CX office and admins: all programs; others: their own),
 * with RAG health, owning team, linked journeys, pain points and KPIs. Table or board
 * (`?view=board&group=status|health`), filters in the URL, "n of m", the rule written out.
 * Posts (from the manage dialog): intent=override {initiativeId, health, reason},
 * intent=clearOverride {initiativeId}, intent=setTeam {initiativeId, teamId} — checked by the
 * model (initiative.status in the initiative's program), audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { RagRule } from "~/components/office/health";
import { HealthChips, PortfolioFilterForm, ResultLine, ViewToggle } from "~/components/office/portfolio-filters";
import { PortfolioBoard } from "~/components/office/portfolio-board";
import { PortfolioTable } from "~/components/office/portfolio-table";
import { RouteError } from "~/components/route-error";
import { Alert, ButtonLink, EmptyState } from "~/components/ui";
import { DomainError } from "~/models/domain.server";
import { updateInitiativeOffice } from "~/models/initiative-office.server";
import { isFiltered, parsePortfolioQuery, portfolioView } from "~/models/portfolio";
import { listPortfolio } from "~/models/portfolio.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "portfolio.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  const params = new URL(request.url).searchParams;
  const { filters } = parsePortfolioQuery(params);
  const { view, group } = portfolioView(params);
  if (!activeOrg) return json({ portfolio: null, filters, view, group, locale });
  const portfolio = await listPortfolio({ userId: user.id, orgId: activeOrg.id, locale }, filters);
  return json({ portfolio, filters, view, group, locale });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, locale } = await requireOrgContext(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const initiativeId = form.get("initiativeId");
  const me = { id: user.id, name: user.name };
  try {
    if (intent === "override") {
      const item = await updateInitiativeOffice(
        me,
        initiativeId,
        { healthOverride: { health: form.get("health") ?? undefined, reason: form.get("reason") ?? "" } },
        locale
      );
      return json({ ok: true, initiative: item });
    }
    if (intent === "clearOverride") {
      const item = await updateInitiativeOffice(me, initiativeId, { healthOverride: null }, locale);
      return json({ ok: true, initiative: item });
    }
    if (intent === "setTeam") {
      const teamId = form.get("teamId");
      const item = await updateInitiativeOffice(me, initiativeId, { owningTeamId: typeof teamId === "string" && teamId ? teamId : null }, locale);
      return json({ ok: true, initiative: item });
    }
    return httpError(locale, 400);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(locale, error);
    throw error;
  }
}

export default function PortfolioPage() {
  const { t } = useTranslation();
  const { portfolio, filters, view, group, locale } = useLoaderData<typeof loader>();
  const location = useLocation();
  if (!portfolio) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-8">
        <EmptyState title={t("onboarding.title")} actions={<ButtonLink to="/orgs/new">{t("onboarding.createAction")}</ButtonLink>}>
          {t("office.noOrg")}
        </EmptyState>
      </div>
    );
  }
  const filtered = isFiltered(filters);
  const resetParams = new URLSearchParams();
  if (view === "board") resetParams.set("view", "board");
  if (view === "board" && group === "health") resetParams.set("group", "health");
  const resetTo = `${location.pathname}${resetParams.size ? `?${resetParams}` : ""}`;
  const showProgram = !filters.programId;

  return (
    <div className="space-y-5" data-testid="portfolio">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">{t("portfolio.title")}</h2>
          <p className="mt-1 max-w-3xl text-sm leading-6 text-slate-600">{portfolio.seesAll ? t("portfolio.descriptionAll") : t("portfolio.descriptionOwn")}</p>
        </div>
        <ViewToggle view={view} group={group} />
      </div>

      {portfolio.total === 0 ? (
        <EmptyState title={t("portfolio.emptyTitle")}>{t("portfolio.empty")}</EmptyState>
      ) : (
        <>
          <HealthChips counts={portfolio.healthCounts} active={filters.health} />
          <PortfolioFilterForm filters={filters} programs={portfolio.programs} teams={portfolio.teams} view={view} group={group} />
          <ResultLine shown={portfolio.items.length} total={portfolio.total} filtered={filtered} resetTo={resetTo} />
          {portfolio.items.length === 0 ? (
            <Alert tone="info" title={t("portfolio.noMatchesTitle")}>
              {t("portfolio.noMatches")}
            </Alert>
          ) : view === "board" ? (
            <PortfolioBoard items={portfolio.items} group={group} teams={portfolio.teams} today={portfolio.today} locale={locale} showProgram={showProgram} />
          ) : (
            <PortfolioTable items={portfolio.items} teams={portfolio.teams} today={portfolio.today} locale={locale} showProgram={showProgram} />
          )}
        </>
      )}
      <RagRule />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
