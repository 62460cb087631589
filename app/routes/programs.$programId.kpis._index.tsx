/**
 * The KPI registry of a program: every active KPI with its sparkline, latest value against the
 * target, status and trend, grouped into outcome and process KPIs; the initiatives that lack a
 * process or an outcome KPI; "New KPI" opens the template picker.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { KindBadge, KpiIcon, KpiStatusBadge, KpiTrendMark } from "~/components/kpis/kpi-bits";
import { Sparkline } from "~/components/kpis/kpi-chart";
import { ProgramAlertsBanner } from "~/components/office/program-alerts-banner";
import { RouteError } from "~/components/route-error";
import { buttonClasses, Card, CardBody, CardHeader, EmptyState, PageHeader } from "~/components/ui";
import { ChevronRightIcon, PlusIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { formatKpiValue, KPI_KINDS } from "~/models/kpi";
import { initiativeKpiWarnings, kpiAbilities, listKpis, type KpiView } from "~/models/kpis.server";
import { listProgramOpenAlerts } from "~/models/kpi-alerts.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "kpis.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const [kpis, checks, openAlerts] = await Promise.all([listKpis(ctx.program.id), initiativeKpiWarnings(ctx.program.id), listProgramOpenAlerts(ctx.program.id)]);
  return json({ programId: ctx.program.id, kpis, unpaired: checks.filter((c) => c.warnings.length > 0), openAlerts, ...kpiAbilities(ctx) });
}

function KpiRow({ k, programId }: { k: KpiView; programId: string }) {
  const { t, i18n } = useTranslation();
  const fmt = (v: number | null) => formatKpiValue(v, k.unit, t, i18n.language);
  return (
    <li>
      <Link
        to={`/programs/${programId}/kpis/${k.id}`}
        className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none sm:grid-cols-[minmax(0,1fr)_8rem_9rem_7rem]"
        data-testid="kpi-row"
      >
        <div className="min-w-0">
          <div className="truncate font-medium text-slate-900">{k.name}</div>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
            <span>{t(`kpis.cadences.${k.cadence}`)}</span>
            {k.owner ? <span>· {k.owner.name}</span> : null}
            {k.initiatives.length ? <span>· {t("kpis.registry.initiativeCount", { count: k.initiatives.length })}</span> : null}
          </div>
        </div>
        <div className="hidden sm:block">
          <Sparkline id={`spark-${k.id}`} points={k.sparkline} target={k.target} tone={k.status === "alert" ? "danger" : k.status === "on_target" ? "success" : "brand"} />
        </div>
        <div className="text-right sm:text-left">
          <div className="text-lg font-semibold tabular-nums text-slate-900" data-testid="kpi-latest">
            {fmt(k.latest?.value ?? null)}
          </div>
          <div className="text-xs text-slate-500">
            {k.target !== null ? t("kpis.registry.targetShort", { value: fmt(k.target) }) : t("kpis.registry.noTarget")}
          </div>
        </div>
        <div className="col-span-2 flex flex-wrap items-center gap-2 sm:col-span-1 sm:flex-col sm:items-start sm:gap-1">
          <KpiStatusBadge status={k.status} />
          <KpiTrendMark trend={k.trend} />
        </div>
      </Link>
    </li>
  );
}

export default function KpiRegistry() {
  const { t } = useTranslation();
  const { programId, kpis, unpaired, openAlerts, canEdit } = useLoaderData<typeof loader>();
  const base = `/programs/${programId}`;
  const alerts = kpis.filter((k) => k.status === "alert");
  return (
    <PageContainer>
      <nav aria-label={t("kpis.breadcrumb")} className="mb-3 flex items-center gap-1 text-sm text-slate-600">
        <Link to={`${base}/loops`} className="hover:text-brand-700 hover:underline">
          {t("steps.iterate.name")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="text-slate-900">{t("kpis.title")}</span>
      </nav>
      <PageHeader
        title={t("kpis.title")}
        description={t("kpis.description")}
        actions={
          canEdit ? (
            <Link to={`${base}/kpis/new`} className={buttonClasses("primary")} data-testid="new-kpi">
              <PlusIcon className="h-4 w-4" /> {t("kpis.new")}
            </Link>
          ) : null
        }
      />
      <ProgramAlertsBanner openAlerts={openAlerts} pastThreshold={alerts.map((k) => k.name)} />
      {kpis.length === 0 ? (
        <EmptyState
          icon={<KpiIcon className="h-6 w-6" />}
          title={t("kpis.empty.title")}
          actions={
            canEdit ? (
              <Link to={`${base}/kpis/new`} className={buttonClasses("primary")}>
                {t("kpis.new")}
              </Link>
            ) : null
          }
        >
          {t("kpis.empty.body")}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {[...KPI_KINDS].reverse().map((kind) => {
            const list = kpis.filter((k) => k.kind === kind);
            if (!list.length) return null;
            return (
              <Card key={kind}>
                <CardHeader title={<span className="flex items-center gap-2"><KindBadge kind={kind} /> {t(`kpis.registry.group_${kind}`)}</span>} description={t(`kpis.kindHelp.${kind}`)} />
                <ul className="divide-y divide-slate-100">
                  {list.map((k) => (
                    <KpiRow key={k.id} k={k} programId={programId} />
                  ))}
                </ul>
              </Card>
            );
          })}
        </div>
      )}
      {unpaired.length ? (
        <Card className="mt-6" data-testid="pairing-warnings">
          <CardHeader title={t("kpis.pairing.title")} description={t("kpis.pairing.description")} />
          <CardBody>
            <ul className="space-y-2 text-sm">
              {unpaired.map((c) => (
                <li key={c.initiativeId} className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium text-slate-900">{c.title}</span>
                  <span className="text-amber-800">{c.warnings.map((w) => t(`kpis.warnings.${w.key}`)).join(t("kpis.listSeparator"))}</span>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
