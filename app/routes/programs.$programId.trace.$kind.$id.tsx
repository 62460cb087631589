/**
 * Traceability of a KPI or an initiative: /programs/:programId/trace/kpi/:id and
 * …/trace/initiative/:id. Follows the links back to the pain points, their evidence, the journey
 * maps and the vision standard served, and forward again (who else addresses those pain points,
 * which KPIs measure them) — see models/traceability.server.ts. Anyone who sees the program reads
 * it; an unknown kind or an id of another program answers 404.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { RouteError } from "~/components/route-error";
import { TraceColumns } from "~/components/trace/trace-columns";
import { ButtonLink, PageHeader } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { traceOf } from "~/models/traceability.server";
import { runDomain } from "~/utils/domain-http.server";
import { pageTitleText } from "~/utils/root-data";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitleText(matches, data?.view.root.title ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const view = await runDomain(ctx.locale, () => traceOf(ctx, params.kind, params.id));
  return json({ view });
}

export default function TracePage() {
  const { t } = useTranslation();
  const { view } = useLoaderData<typeof loader>();
  const pid = view.programId;
  const own = view.root.kind === "kpi" ? `/programs/${pid}/kpis/${view.root.id}` : `/programs/${pid}/reshape/quick-wins/${view.root.id}`;
  const section = view.root.kind === "kpi" ? { to: `/programs/${pid}/kpis`, label: t("kpis.title") } : { to: `/programs/${pid}/reshape`, label: t("steps.reshape.name") };
  return (
    <div className="w-full px-4 py-6 sm:px-6 sm:py-8">
      <nav aria-label={t("trace.breadcrumb")} className="mb-3 flex min-w-0 items-center gap-1 text-sm text-slate-600">
        <Link to={section.to} className="shrink-0 hover:text-brand-700 hover:underline">
          {section.label}
        </Link>
        <ChevronRightIcon className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
        <Link to={own} className="truncate hover:text-brand-700 hover:underline">
          {view.root.title}
        </Link>
        <ChevronRightIcon className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
        <span className="shrink-0 text-slate-900">{t("trace.title")}</span>
      </nav>
      <PageHeader
        eyebrow={t(`trace.eyebrow_${view.root.kind}`)}
        title={view.root.title}
        description={t("trace.description")}
        actions={
          <ButtonLink to={own} variant="secondary">
            {view.root.kind === "kpi" ? t("trace.openKpi") : t("trace.openInitiative")}
          </ButtonLink>
        }
      />
      <p className="mb-4 text-xs text-slate-500" aria-hidden>
        {t("trace.chain")}
      </p>
      <TraceColumns view={view} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
