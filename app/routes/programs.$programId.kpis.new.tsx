/**
 * A new KPI: pick one of the standard CX templates (each with its formula explained) or start a
 * custom KPI; the form opens pre-filled (?template=nps) and creates the KPI, then opens it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { KindBadge } from "~/components/kpis/kpi-bits";
import { KpiForm } from "~/components/kpis/kpi-form";
import { RouteError } from "~/components/route-error";
import { Alert, Card, CardBody, PageHeader } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { tFor } from "~/i18n/config";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { isTemplateKey, KPI_TEMPLATE_KEYS, KPI_TEMPLATES, kpiInputFromForm } from "~/models/kpi";
import { createKpi, kpiFormOptions } from "~/models/kpis.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { isApiErrorBody } from "~/utils/http";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "kpis.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId, "kpi.edit");
  const url = new URL(request.url);
  const raw = url.searchParams.get("template");
  const template = isTemplateKey(raw) ? raw : null;
  const custom = url.searchParams.get("custom") === "1";
  const options = await kpiFormOptions(ctx.program.id);
  const t = tFor(ctx.locale);
  return json({
    programId: ctx.program.id,
    template,
    picking: !template && !custom,
    options,
    me: ctx.user.id,
    templateName: template ? String(t(`kpis.templates.${template}.name`)) : "",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  try {
    const created = await createKpi(ctx, kpiInputFromForm(form), ctx.locale);
    return redirect(`/programs/${ctx.program.id}/kpis/${created.id}`);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

function TemplatePicker({ base }: { base: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="template-picker">
        {KPI_TEMPLATE_KEYS.map((key) => {
          const tpl = KPI_TEMPLATES[key];
          return (
            <li key={key}>
              <Link
                to={`${base}/kpis/new?template=${key}`}
                className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:bg-brand-50/40 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                data-testid={`template-${key}`}
              >
                <div className="flex items-start justify-between gap-2">
                  <span className="font-semibold text-slate-900">{t(`kpis.templates.${key}.name`)}</span>
                  <KindBadge kind={tpl.kind} />
                </div>
                <p className="mt-2 text-sm leading-6 text-slate-600">{t(`kpis.templates.${key}.formula`)}</p>
                <p className="mt-auto pt-2 text-xs text-slate-500">
                  {t(`kpis.directions.${tpl.direction}`)} · {t(`kpis.cadences.${tpl.cadence}`)}
                </p>
              </Link>
            </li>
          );
        })}
        <li>
          <Link
            to={`${base}/kpis/new?custom=1`}
            className="flex h-full flex-col justify-center rounded-lg border border-dashed border-slate-300 bg-white p-4 text-center hover:border-brand-300 hover:bg-brand-50/40 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            data-testid="template-custom"
          >
            <span className="font-semibold text-slate-900">{t("kpis.customTitle")}</span>
            <span className="mt-1 text-sm text-slate-600">{t("kpis.customBody")}</span>
          </Link>
        </li>
      </ul>
    </div>
  );
}

export default function NewKpi() {
  const { t } = useTranslation();
  const { programId, template, picking, options, me, templateName } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const fields = isApiErrorBody(data) ? (data.error.fields ?? {}) : {};
  const base = `/programs/${programId}`;
  const tpl = template ? KPI_TEMPLATES[template] : null;
  return (
    <PageContainer>
      <nav aria-label={t("kpis.breadcrumb")} className="mb-3 flex items-center gap-1 text-sm text-slate-600">
        <Link to={`${base}/kpis`} className="hover:text-brand-700 hover:underline">
          {t("kpis.title")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="text-slate-900">{t("kpis.newTitle")}</span>
      </nav>
      <PageHeader title={t("kpis.newTitle")} description={picking ? t("kpis.pickTemplate") : t("kpis.newDescription")} />
      {isApiErrorBody(data) && !data.error.fields ? (
        <Alert tone="danger" className="mb-4">
          {data.error.message}
        </Alert>
      ) : null}
      {picking ? (
        <TemplatePicker base={base} />
      ) : (
        <Card className="max-w-4xl">
          <CardBody className="py-5">
            <KpiForm
              key={template ?? "custom"}
              intent="create"
              defaults={{
                template,
                name: templateName,
                kind: tpl?.kind ?? "process",
                unit: tpl?.unit ?? "percent",
                direction: tpl?.direction ?? "up",
                cadence: tpl?.cadence ?? "monthly",
                baseline: "",
                target: "",
                alertThreshold: "",
                ownerId: options.owners.some((o) => o.id === me) ? me : "",
                journeyMapId: "",
                touchpointId: "",
                initiativeIds: [],
                description: "",
              }}
              options={options}
              fields={fields}
              submitLabel={t("kpis.create")}
              cancelTo={`${base}/kpis/new`}
            />
          </CardBody>
        </Card>
      )}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
