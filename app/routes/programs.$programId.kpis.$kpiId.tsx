/**
 * One KPI: the chart (values, target and alert-threshold lines, the program's loop cycles as shaded
 * periods with their boundaries), entering a value, importing a CSV with a row report, the values
 * (newest first), what it is linked to (journey map, touchpoint, initiatives), editing and archiving.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { CommentCountLink } from "~/components/comments/comment-count";
import { CommentsCard } from "~/components/comments/comments-card";
import { KindBadge, KpiStatusBadge, KpiTrendMark } from "~/components/kpis/kpi-bits";
import { KpiChart } from "~/components/kpis/kpi-chart";
import { KpiForm } from "~/components/kpis/kpi-form";
import { MeasurementCsvImport, MeasurementForm } from "~/components/kpis/measurement-forms";
import { RouteError } from "~/components/route-error";
import { Alert, Badge, Button, buttonClasses, Card, CardBody, CardHeader, PageHeader } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { commentCounts } from "~/models/comments.server";
import { DomainError } from "~/models/domain.server";
import { formatKpiValue, kpiInputFromForm, unitSuffix } from "~/models/kpi";
import {
  addMeasurement,
  cycleBoundaries,
  importMeasurementCsv,
  listMeasurements,
  MEASUREMENT_CSV_MAX_BYTES,
  previewMeasurementCsv,
} from "~/models/kpi-measurements.server";
import { getKpi, initiativeKpiWarnings, kpiAbilities, kpiFormOptions, setKpiArchived, unlinkKpiInitiative, updateKpi } from "~/models/kpis.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { isApiErrorBody } from "~/utils/http";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "kpis.title");

const LIST_LIMIT = 60;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  try {
    const kpi = await getKpi(ctx, params.kpiId);
    const abilities = kpiAbilities(ctx);
    const [measurements, cycles, options, checks, comments] = await Promise.all([
      listMeasurements(ctx, kpi.id),
      cycleBoundaries(ctx.program.id),
      abilities.canEdit ? kpiFormOptions(ctx.program.id) : Promise.resolve(null),
      initiativeKpiWarnings(ctx.program.id),
      commentCounts(ctx.program.id, "kpi", [kpi.id]),
    ]);
    const linked = new Set(kpi.initiatives.map((i) => i.id));
    return json({
      programId: ctx.program.id,
      kpi,
      measurements,
      cycles: cycles.map((c) => ({ id: c.id, kind: c.kind, number: c.number, title: c.title, startsOn: c.starts_on, endsOn: c.ends_on })),
      options,
      pairing: checks.filter((c) => linked.has(c.initiativeId) && c.warnings.length > 0),
      today: new Date().toISOString().slice(0, 10),
      commentCount: comments[kpi.id] ?? 0,
      ...abilities,
    });
  } catch (error) {
    if (error instanceof DomainError) throw domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

async function readForm(request: Request): Promise<FormData> {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MEASUREMENT_CSV_MAX_BYTES }));
  }
  return request.formData();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  try {
    let form: FormData;
    try {
      form = await readForm(request);
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        throw new DomainError(413, "kpis.csv.errors.tooLarge", { file: "kpis.csv.errors.tooLarge" }, { mb: MEASUREMENT_CSV_MAX_BYTES / 1024 / 1024 });
      }
      throw error;
    }
    const intent = form.get("intent");
    const kpiId = params.kpiId;
    const file = async () => {
      const f = form.get("file");
      if (!f || typeof f === "string" || f.size === 0) throw new DomainError(422, "kpis.csv.errors.fileMissing", { file: "kpis.csv.errors.fileMissing" });
      return { filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    };
    switch (intent) {
      case "measure": {
        const counts = await addMeasurement(ctx, kpiId, { date: form.get("date"), value: form.get("value"), note: form.get("note") ?? "" }, "manual");
        return json({ ok: true as const, ...counts });
      }
      case "csvPreview": {
        const preview = await previewMeasurementCsv(ctx, kpiId, (await file()).bytes);
        // The good rows stay on the server's side: the confirmation sends the file again.
        const { valid, ...report } = preview;
        return json({ preview: { ...report, validCount: valid.length } });
      }
      case "csvImport": {
        const imported = await importMeasurementCsv(ctx, kpiId, await file());
        return json({ imported });
      }
      case "update": {
        await updateKpi(ctx, kpiId, kpiInputFromForm(form), ctx.locale);
        return redirect(`/programs/${ctx.program.id}/kpis/${kpiId}`);
      }
      case "archive":
      case "restore": {
        await setKpiArchived(ctx, kpiId, intent === "archive");
        return redirect(intent === "archive" ? `/programs/${ctx.program.id}/kpis` : `/programs/${ctx.program.id}/kpis/${kpiId}`);
      }
      case "unlink": {
        await unlinkKpiInitiative(ctx, kpiId, form.get("initiativeId"));
        return json({ ok: true as const, inserted: 0, replaced: 0 });
      }
      default:
        throw new DomainError(400, "kpis.errors.unknownIntent");
    }
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

export default function KpiDetail() {
  const { t, i18n } = useTranslation();
  const { programId, kpi, measurements, cycles, options, pairing, today, canEdit, canMeasure, commentCount } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [search] = useSearchParams();
  const editing = canEdit && search.get("edit") === "1" && !kpi.archivedAt;
  const fmt = (v: number | null) => formatKpiValue(v, kpi.unit, t, i18n.language);
  const base = `/programs/${programId}`;
  const fields = isApiErrorBody(data) ? (data.error.fields ?? {}) : {};
  const newestFirst = [...measurements].reverse().slice(0, LIST_LIMIT);
  return (
    <PageContainer>
      <nav aria-label={t("kpis.breadcrumb")} className="mb-3 flex items-center gap-1 text-sm text-slate-600">
        <Link to={`${base}/kpis`} className="hover:text-brand-700 hover:underline">
          {t("kpis.title")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="truncate text-slate-900">{kpi.name}</span>
        <span className="ml-auto shrink-0 pl-2">
          <CommentCountLink count={commentCount} />
        </span>
      </nav>
      <PageHeader
        title={kpi.name}
        eyebrow={<span className="flex flex-wrap items-center gap-2"><KindBadge kind={kpi.kind} /> {kpi.template ? t(`kpis.templates.${kpi.template}.name`) : t("kpis.customTitle")}</span>}
        description={kpi.description || (kpi.template ? t(`kpis.templates.${kpi.template}.formula`) : undefined)}
        actions={
          <>
            <Link to={`${base}/trace/kpi/${kpi.id}`} className={buttonClasses("ghost")} data-testid="trace-link">
              {t("trace.open")}
            </Link>
            {canEdit ? (
              <>
                {!kpi.archivedAt && !editing ? (
                  <Link to="?edit=1" className={buttonClasses("secondary")} data-testid="edit-kpi">
                    {t("kpis.edit")}
                  </Link>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value={kpi.archivedAt ? "restore" : "archive"} />
                  <Button type="submit" variant="ghost">
                    {kpi.archivedAt ? t("kpis.restore") : t("kpis.archive")}
                  </Button>
                </Form>
              </>
            ) : null}
          </>
        }
      />
      {kpi.archivedAt ? (
        <Alert tone="warning" className="mb-4">
          {t("kpis.archivedNotice")}
        </Alert>
      ) : null}
      {isApiErrorBody(data) && !data.error.fields && !editing ? (
        <Alert tone="danger" className="mb-4">
          {data.error.message}
        </Alert>
      ) : null}

      {editing && options ? (
        <Card className="mb-6">
          <CardHeader title={t("kpis.edit")} />
          <CardBody className="py-5">
            <KpiForm
              intent="update"
              defaults={{
                template: kpi.template,
                name: kpi.name,
                kind: kpi.kind,
                unit: kpi.unit,
                direction: kpi.direction,
                cadence: kpi.cadence,
                baseline: kpi.baseline === null ? "" : String(kpi.baseline),
                target: kpi.target === null ? "" : String(kpi.target),
                alertThreshold: kpi.alertThreshold === null ? "" : String(kpi.alertThreshold),
                ownerId: kpi.owner?.id ?? "",
                journeyMapId: kpi.journeyMap?.id ?? "",
                touchpointId: kpi.touchpoint?.id ?? "",
                initiativeIds: kpi.initiatives.map((i) => i.id),
                description: kpi.description,
                standardKey: kpi.standardKey ?? "",
              }}
              options={options}
              fields={fields}
              submitLabel={t("ui.save")}
              cancelTo={`${base}/kpis/${kpi.id}`}
            />
          </CardBody>
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader
              title={t("kpis.chart.title")}
              description={t("kpis.chart.description")}
              actions={
                <div className="flex items-center gap-2">
                  <KpiStatusBadge status={kpi.status} />
                  <KpiTrendMark trend={kpi.trend} />
                </div>
              }
            />
            <CardBody>
              {measurements.length === 0 ? (
                <p className="py-10 text-center text-sm text-slate-500" data-testid="kpi-chart-empty">
                  {t("kpis.chart.empty")}
                </p>
              ) : (
                <KpiChart
                  id={`kpi-chart-${kpi.id}`}
                  points={measurements.map((m) => ({ date: m.date, value: m.value }))}
                  unit={kpi.unit}
                  target={kpi.target}
                  alertThreshold={kpi.alertThreshold}
                  baseline={kpi.baseline}
                  cycles={cycles}
                />
              )}
              {kpi.alertSince ? (
                <Alert tone="danger" className="mt-3">
                  {t("kpis.alertSince", { date: kpi.alertSince })}
                </Alert>
              ) : null}
            </CardBody>
          </Card>

          {canMeasure && !kpi.archivedAt ? (
            <Card>
              <CardHeader title={t("kpis.measure.title")} />
              <CardBody className="space-y-6">
                <MeasurementForm today={today} unitLabel={unitSuffix(kpi.unit, t)} />
                <div className="border-t border-slate-100 pt-4">
                  <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("kpis.csv.title")}</h3>
                  <MeasurementCsvImport />
                </div>
              </CardBody>
            </Card>
          ) : null}

          <Card>
            <CardHeader title={t("kpis.values.title", { count: measurements.length })} description={measurements.length > LIST_LIMIT ? t("kpis.values.limited", { n: LIST_LIMIT }) : undefined} />
            {newestFirst.length === 0 ? (
              <CardBody>
                <p className="text-sm text-slate-500">{t("kpis.values.none")}</p>
              </CardBody>
            ) : (
              <div className="max-h-96 overflow-y-auto">
                <table className="w-full text-left text-sm" data-testid="measurement-list">
                  <thead className="sticky top-0 bg-white text-xs text-slate-500">
                    <tr>
                      <th className="px-5 py-2 font-medium">{t("kpis.measure.date")}</th>
                      <th className="px-3 py-2 font-medium">{t("kpis.measure.value")}</th>
                      <th className="px-3 py-2 font-medium">{t("kpis.values.source")}</th>
                      <th className="px-5 py-2 font-medium">{t("kpis.measure.note")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {newestFirst.map((m) => (
                      <tr key={m.id}>
                        <td className="whitespace-nowrap px-5 py-1.5 tabular-nums">{m.date}</td>
                        <td className="px-3 py-1.5 tabular-nums">{fmt(m.value)}</td>
                        <td className="px-3 py-1.5 text-slate-600">{t(`kpis.sources.${m.source}`)}</td>
                        <td className="px-5 py-1.5 text-slate-600">{m.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>

          <CommentsCard key={kpi.id} programId={programId} targetType="kpi" targetId={kpi.id} initialCount={commentCount} />
        </div>

        <aside className="space-y-4">
          <Card>
            <CardBody className="space-y-3 text-sm">
              <div>
                <div className="text-xs text-slate-500">{t("kpis.latest")}</div>
                <div className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="kpi-latest">
                  {fmt(kpi.latest?.value ?? null)}
                </div>
                {kpi.latest ? <div className="text-xs text-slate-500">{kpi.latest.date}</div> : null}
              </div>
              <dl className="grid grid-cols-2 gap-x-3 gap-y-2">
                <dt className="text-slate-500">{t("kpis.fields.target")}</dt>
                <dd className="tabular-nums">{fmt(kpi.target)}</dd>
                <dt className="text-slate-500">{t("kpis.fields.alertThreshold")}</dt>
                <dd className="tabular-nums">{fmt(kpi.alertThreshold)}</dd>
                <dt className="text-slate-500">{t("kpis.fields.baseline")}</dt>
                <dd className="tabular-nums">{fmt(kpi.baseline)}</dd>
                <dt className="text-slate-500">{t("kpis.fields.direction")}</dt>
                <dd>{t(`kpis.directions.${kpi.direction}`)}</dd>
                <dt className="text-slate-500">{t("kpis.fields.cadence")}</dt>
                <dd>{t(`kpis.cadences.${kpi.cadence}`)}</dd>
                <dt className="text-slate-500">{t("kpis.fields.owner")}</dt>
                <dd>{kpi.owner?.name ?? "—"}</dd>
              </dl>
            </CardBody>
          </Card>
          {kpi.template ? (
            <Card>
              <CardHeader title={t("kpis.formulaTitle")} as="h3" />
              <CardBody className="space-y-2 text-sm text-slate-700">
                <p>{t(`kpis.templates.${kpi.template}.formula`)}</p>
                <p className="text-xs text-slate-500">{t(`kpis.templates.${kpi.template}.reading`)}</p>
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader title={t("kpis.links.title")} as="h3" />
            <CardBody className="space-y-3 text-sm">
              <div>
                <div className="text-xs text-slate-500">{t("kpis.fields.journeyMap")}</div>
                {kpi.journeyMap ? (
                  <Link to={`${base}/journeys/${kpi.journeyMap.id}`} className="text-brand-700 hover:underline">
                    {kpi.journeyMap.name}
                  </Link>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
                {kpi.touchpoint ? <div className="text-slate-700">{t("kpis.links.touchpoint", { text: kpi.touchpoint.text })}</div> : null}
              </div>
              <div>
                <div className="text-xs text-slate-500">{t("kpis.fields.initiatives")}</div>
                {kpi.initiatives.length === 0 ? (
                  <span className="text-slate-500">{t("kpis.links.noInitiatives")}</span>
                ) : (
                  <ul className="mt-1 space-y-1">
                    {kpi.initiatives.map((i) => (
                      <li key={i.id} className="flex items-start justify-between gap-2">
                        <span>
                          {i.kind === "quick_win" ? (
                            <Link to={`${base}/reshape/quick-wins/${i.id}`} className="text-brand-700 hover:underline">
                              {i.title}
                            </Link>
                          ) : (
                            i.title
                          )}{" "}
                          <Badge>{t(`initiatives.statuses.${i.status}`)}</Badge>
                        </span>
                        {canEdit && !kpi.archivedAt ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="unlink" />
                            <input type="hidden" name="initiativeId" value={i.id} />
                            <button type="submit" className="text-xs text-slate-500 hover:text-red-700" aria-label={t("kpis.links.unlink", { title: i.title })}>
                              {t("kpis.links.unlinkShort")}
                            </button>
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {pairing.length ? (
                <Alert tone="warning" title={t("kpis.pairing.title")}>
                  <ul className="space-y-1">
                    {pairing.map((c) => (
                      <li key={c.initiativeId}>
                        {c.title}: {c.warnings.map((w) => t(`kpis.warnings.${w.key}`)).join(t("kpis.listSeparator"))}
                      </li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
            </CardBody>
          </Card>
        </aside>
      </div>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
