/**
 * Step 2, identify pain points: the program's journey maps (one per customer segment / persona)
 * with create, duplicate, archive and restore; the way to the outside-in analysis, the feedback
 * import and the evidence library; and the program's top pain points.
 *
 * The "New journey map" dialog posts intent=create with inputs name="name", name="persona",
 * name="description" and redirects to the new map.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { StepAccess, StepPurpose } from "~/components/program/step-guide";
import { useProgram } from "~/components/program/use-program";
import { RouteError } from "~/components/route-error";
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  CardBody,
  Dialog,
  DialogContent,
  DialogTrigger,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Textarea,
} from "~/components/ui";
import { PlusIcon, UsersIcon } from "~/components/ui/icons";
import { FormActions } from "~/components/ui/form-actions";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { journeyMapStats, programEvidenceVolume } from "~/models/journey-overview.server";
import {
  createJourneyMap,
  duplicateJourneyMap,
  listJourneyMaps,
  MAP_DESCRIPTION_MAX_CHARS,
  MAP_NAME_MAX_CHARS,
  MAP_PERSONA_MAX_CHARS,
  setJourneyMapArchived,
} from "~/models/journey-maps.server";
import { listProgramPainPoints } from "~/models/pain-points.server";
import { can } from "~/models/permissions";
import { STEPS } from "~/models/steps";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { formatDateTime, formatNumber } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steps.painPoints.name");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, access } = await requireProgram(request, params.programId);
  const showArchived = new URL(request.url).searchParams.get("archived") === "1";
  const maps = await listJourneyMaps(program.id, { includeArchived: true });
  const [stats, volume, pains] = await Promise.all([
    journeyMapStats(maps.map((m) => m.id)),
    programEvidenceVolume(program.id),
    listProgramPainPoints(program.id, { sort: "priority" }),
  ]);
  return json({
    programId: program.id,
    maps: maps.map((m) => ({ ...m, stats: stats[m.id] })),
    volume,
    topPains: pains.slice(0, TOP_PAINS).map((p) => ({
      id: p.id,
      rank: p.rank,
      title: p.title,
      map: p.map,
      touchpoint: p.touchpoint ? { text: p.touchpoint.text, channel: p.touchpoint.channel } : null,
      topDownScore: p.topDownScore,
      bottomUpScore: p.bottomUpScore,
      flagged: p.flagged,
      evidenceCount: p.evidenceCount,
    })),
    painTotals: { all: pains.length, flagged: pains.filter((p) => p.flagged).length },
    showArchived,
    canEdit: can(access, "journey.edit"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const mapId = form.get("mapId");
  try {
    switch (intent) {
      case "create": {
        const map = await createJourneyMap(
          ctx,
          { name: form.get("name"), persona: form.get("persona"), description: form.get("description") ?? "" },
          ctx.locale,
        );
        return redirect(`/programs/${ctx.program.id}/journeys/${map.id}`);
      }
      case "duplicate": {
        const map = await duplicateJourneyMap(ctx, mapId, ctx.locale);
        return redirect(`/programs/${ctx.program.id}/journeys/${map.id}`);
      }
      case "archive":
      case "restore":
        await setJourneyMapArchived(ctx, mapId, intent === "archive");
        return json({ ok: true, intent });
      default:
        return httpError(ctx.locale, 400);
    }
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

const TOP_PAINS = 5;

type MapRow = ReturnType<typeof useLoaderData<typeof loader>>["maps"][number];

function NewMapDialog() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("intent") === "create";
  const fields = isApiErrorBody(data) ? (data.error.fields ?? {}) : {};
  useEffect(() => {
    if (isApiErrorBody(data) && data.error.fields) setOpen(true);
  }, [data]);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon className="h-4 w-4" />
          {t("journey.index.new")}
        </Button>
      </DialogTrigger>
      <DialogContent title={t("journey.index.newTitle")} description={t("journey.index.newDescription")} className="max-w-lg">
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field label={t("journey.fields.name")} hint={t("journey.fields.nameHint")} error={fields.name}>
            <Input name="name" required maxLength={MAP_NAME_MAX_CHARS} autoFocus />
          </Field>
          <Field label={t("journey.fields.persona")} hint={t("journey.fields.personaHint")} error={fields.persona}>
            <Input name="persona" required maxLength={MAP_PERSONA_MAX_CHARS} />
          </Field>
          <Field label={t("journey.fields.description")} optionalLabel={t("ui.optional")} error={fields.description}>
            <Textarea name="description" rows={3} maxLength={MAP_DESCRIPTION_MAX_CHARS} />
          </Field>
          <FormActions onCancel={() => setOpen(false)} submitLabel={t("journey.index.create")} busy={busy} />
        </Form>
      </DialogContent>
    </Dialog>
  );
}

function TopPainPoints({ programId }: { programId: string }) {
  const { t, i18n } = useTranslation();
  const { topPains, painTotals } = useLoaderData<typeof loader>();
  const locale = i18n.language as "en" | "zh-CN";
  if (topPains.length === 0) return null;
  return (
    <section aria-labelledby="top-pains-heading" className="mt-8">
      <Card>
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-4">
          <h2 id="top-pains-heading" className="text-base font-semibold text-slate-900">
            {t("journey.index.topPains.title", { count: topPains.length })}
          </h2>
          <p className="text-sm text-slate-600">
            {t("journey.index.topPains.summary", { count: painTotals.all, flagged: painTotals.flagged })}
          </p>
        </div>
        <ol className="divide-y divide-slate-100">
          {topPains.map((p) => (
            <li key={`${p.map.id}:${p.id}`} className="flex items-start gap-4 px-5 py-3">
              <span className="mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-800">
                {p.rank}
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link to={`/programs/${programId}/journeys/${p.map.id}/priorities`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {p.title}
                  </Link>
                  {p.flagged ? <Badge tone="warning">{t("journey.index.topPains.flagged")}</Badge> : null}
                </div>
                <p className="mt-0.5 text-sm text-slate-600">
                  {p.map.name}
                  {p.touchpoint ? ` · ${p.touchpoint.text}${p.touchpoint.channel ? ` (${t(`journey.channels.${p.touchpoint.channel}`)})` : ""}` : ""}
                </p>
              </div>
              <dl className="hidden shrink-0 grid-cols-3 gap-4 text-right text-sm sm:grid">
                <div>
                  <dt className="text-xs text-slate-500">{t("journey.index.topPains.topDown")}</dt>
                  <dd className="font-semibold tabular-nums">{formatNumber(p.topDownScore, locale)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("journey.index.topPains.bottomUp")}</dt>
                  <dd className="font-semibold tabular-nums">{p.bottomUpScore === null ? "—" : formatNumber(p.bottomUpScore, locale)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("journey.index.topPains.evidence")}</dt>
                  <dd className="font-semibold tabular-nums">{formatNumber(p.evidenceCount, locale)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      </Card>
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dd className="text-base font-semibold tabular-nums text-slate-900">{value}</dd>
      <dt className="text-sm text-slate-600">{label}</dt>
    </div>
  );
}

function MapCard({ map, programId, canEdit, currentName }: { map: MapRow; programId: string; canEdit: boolean; currentName?: string }) {
  const { t, i18n } = useTranslation();
  const nav = useNavigation();
  const pending = nav.state !== "idle" && nav.formData?.get("mapId") === map.id;
  const locale = i18n.language as "en" | "zh-CN";
  const archived = map.archivedAt !== null;
  return (
    <Card className={archived ? "opacity-80" : undefined}>
      <CardBody className="flex h-full flex-col gap-4 py-5">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="truncate text-base font-semibold text-slate-900">
              <Link to={`/programs/${programId}/journeys/${map.id}`} className="hover:text-brand-700 hover:underline">
                {map.name}
              </Link>
            </h3>
            <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-600" title={t("journey.fields.persona")}>
              <UsersIcon className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
              <span className="sr-only">{t("journey.fields.persona")}: </span>
              {map.persona}
            </p>
          </div>
          {archived ? <Badge tone="neutral">{t("journey.index.archived")}</Badge> : null}
        </div>
        {map.state === "future" ? (
          <Link to={`/programs/${programId}/reshape/${map.currentMapId ?? map.id}`} className="-mt-2 w-fit max-w-full" data-testid="future-badge">
            <Badge tone="success" className="max-w-full whitespace-normal break-words">{currentName ? t("reshape.futureOf", { name: currentName }) : t("reshape.future")}</Badge>
          </Link>
        ) : null}
        {map.description ? <p className="line-clamp-2 text-sm leading-6 text-slate-600">{map.description}</p> : null}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-md bg-slate-50 px-3 py-2.5">
          <Stat label={t("journey.index.stats.stages")} value={formatNumber(map.stats.stages, locale)} />
          <Stat label={t("journey.index.stats.touchpoints")} value={formatNumber(map.stats.touchpoints, locale)} />
          <Stat label={t("journey.index.stats.painPoints")} value={formatNumber(map.stats.painPoints, locale)} />
          <Stat label={t("journey.index.stats.questions")} value={`${map.stats.answered}/6`} />
        </dl>
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
          <span className="text-xs text-slate-500">{t("journey.index.updated", { when: formatDateTime(map.updatedAt, locale) })}</span>
          <div className="flex flex-wrap gap-2">
            <ButtonLink to={`/programs/${programId}/journeys/${map.id}`} size="sm" variant="secondary">
              {t("journey.index.open")}
            </ButtonLink>
            {canEdit ? (
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="mapId" value={map.id} />
                {!archived ? (
                  <Button type="submit" name="intent" value="duplicate" size="sm" variant="ghost" disabled={pending}>
                    {t("journey.index.duplicate")}
                  </Button>
                ) : null}
                <Button type="submit" name="intent" value={archived ? "restore" : "archive"} size="sm" variant="ghost" disabled={pending}>
                  {archived ? t("journey.index.restore") : t("journey.index.archive")}
                </Button>
              </Form>
            ) : null}
          </div>
        </div>
      </CardBody>
    </Card>
  );
}

export default function JourneysPage() {
  const { t, i18n } = useTranslation();
  const { programId, maps, volume, showArchived, canEdit } = useLoaderData<typeof loader>();
  const { access } = useProgram();
  const [params] = useSearchParams();
  const data = useActionData<typeof action>();
  const locale = i18n.language as "en" | "zh-CN";
  const active = maps.filter((m) => m.archivedAt === null);
  const archived = maps.filter((m) => m.archivedAt !== null);
  const number = STEPS.find((s) => s.key === "painPoints")!.number;
  const formError = isApiErrorBody(data) && !data.error.fields ? data.error.message : null;
  const base = `/programs/${programId}/journeys`;
  return (
    <PageContainer>
      <PageHeader
        eyebrow={t("stepPage.eyebrow", { number, total: STEPS.length })}
        title={t("steps.painPoints.name")}
        description={t("steps.painPoints.short")}
        actions={canEdit ? <NewMapDialog /> : undefined}
      />
      {formError ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}

      <nav aria-label={t("journey.index.toolsLabel")} className="mb-6 grid gap-3 sm:grid-cols-3">
        <Link to={`${base}/analysis`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:bg-brand-50/40">
          <div className="text-sm font-semibold text-slate-900">{t("journey.index.tools.analysis")}</div>
          <div className="mt-1 text-sm text-slate-600">
            {t("journey.index.tools.analysisHint", { count: volume.feedback, formatted: formatNumber(volume.feedback, locale) })}
          </div>
        </Link>
        <Link to={`${base}/import`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:bg-brand-50/40">
          <div className="text-sm font-semibold text-slate-900">{t("journey.index.tools.import")}</div>
          <div className="mt-1 text-sm text-slate-600">{t("journey.index.tools.importHint")}</div>
        </Link>
        <Link to={`${base}/evidence`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:bg-brand-50/40">
          <div className="text-sm font-semibold text-slate-900">{t("journey.index.tools.evidence")}</div>
          <div className="mt-1 text-sm text-slate-600">{t("journey.index.tools.evidenceHint", { count: volume.files })}</div>
        </Link>
      </nav>

      <section aria-labelledby="maps-heading" className="space-y-4">
        <div className="flex items-center justify-between">
          <h2 id="maps-heading" className="text-lg font-semibold text-slate-900">
            {t("journey.index.mapsHeading", { count: active.length })}
          </h2>
          {archived.length > 0 ? (
            <Link
              to={showArchived ? "." : `?${new URLSearchParams({ ...Object.fromEntries(params), archived: "1" })}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              {showArchived ? t("journey.index.hideArchived") : t("journey.index.showArchived", { count: archived.length })}
            </Link>
          ) : null}
        </div>
        {active.length === 0 ? (
          <EmptyState title={t("journey.index.emptyTitle")} actions={canEdit ? <NewMapDialog /> : undefined}>
            {canEdit ? t("journey.index.emptyBody") : t("journey.index.emptyBodyReadOnly")}
          </EmptyState>
        ) : (
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
            {active.map((m) => (
              <MapCard key={m.id} map={m} programId={programId} canEdit={canEdit} currentName={maps.find((c) => c.id === m.currentMapId)?.name} />
            ))}
          </div>
        )}
        {showArchived && archived.length > 0 ? (
          <div className="space-y-3 pt-2">
            <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{t("journey.index.archivedHeading")}</h3>
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
              {archived.map((m) => (
                <MapCard key={m.id} map={m} programId={programId} canEdit={canEdit} currentName={maps.find((c) => c.id === m.currentMapId)?.name} />
              ))}
            </div>
          </div>
        ) : null}
      </section>

      <TopPainPoints programId={programId} />

      <div className="mt-8">
        <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
          <StepPurpose step="painPoints" />
          <StepAccess step="painPoints" access={access} />
        </div>
      </div>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
