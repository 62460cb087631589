/**
 * The side-by-side diff of a current-state map and its future state (either map's id works):
 * touchpoints added / removed / moved / edited per stage with a legend and counts, the emotion
 * curves current vs future, and the current pain points with the future touchpoints that resolve
 * them (editors mark and unmark: intent=mark|unmark with painPointId and touchpointId). Without a
 * future state yet, editors can design it here (intent=createFuture).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { DiffLegend, SideBySide } from "~/components/reshape/diff-view";
import { EmotionOverlayChart } from "~/components/reshape/emotion-overlay";
import { PainResolutions } from "~/components/reshape/pain-resolutions";
import { RouteError } from "~/components/route-error";
import { Alert, Button, ButtonLink, Card, CardHeader, EmptyState, PageHeader } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { createFutureState, loadReshapePair, markResolution, unmarkResolution } from "~/models/future-state.server";
import { initiativesByPainPoint } from "~/models/initiatives.server";
import { can } from "~/models/permissions";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";
import { domainErrorResponse, runDomain } from "~/utils/domain-http.server";
import { pageTitleText } from "~/utils/root-data";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitleText(matches, data?.current.name ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const pair = await runDomain(ctx.locale, () => loadReshapePair(ctx, params.mapId));
  const initiatives = pair.diff ? await initiativesByPainPoint(pair.current.id) : {};
  const stageName = new Map(pair.diff?.rows.map((r) => [r.id, r.futureName ?? ""]) ?? []);
  const options =
    pair.diff?.touchpoints
      .filter((d) => d.future && d.future.lane === "touchpoints")
      .map((d) => ({ id: d.id, text: d.future!.text, stageName: stageName.get(d.future!.stageId) ?? "", order: d.future!.position }))
      .sort((a, b) => {
        const rows = pair.diff!.rows.map((r) => r.id);
        return rows.indexOf(a.id) - rows.indexOf(b.id) || a.stageName.localeCompare(b.stageName) || a.order - b.order;
      })
      .map(({ id, text, stageName }) => ({ id, text, stageName })) ?? [];
  const editable = can(ctx.access, "journey.edit");
  return json({
    programId: ctx.program.id,
    ...pair,
    options,
    initiatives,
    canEdit: editable && !!pair.future && pair.future.archivedAt === null,
    canDesign: editable && pair.current.archivedAt === null,
    canCreateWin: can(ctx.access, "initiative.edit"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    const pair = await loadReshapePair(ctx, params.mapId);
    if (intent === "createFuture") {
      await createFutureState(ctx, pair.current.id, ctx.locale);
      return redirect(`/programs/${ctx.program.id}/reshape/${pair.current.id}`);
    }
    if (intent !== "mark" && intent !== "unmark") return httpError(ctx.locale, 400);
    if (!pair.future) throw new DomainError(409, "reshape.errors.notFuture");
    const input = { painPointId: form.get("painPointId"), touchpointId: form.get("touchpointId") };
    if (intent === "mark") await markResolution(ctx, pair.future.id, input);
    else await unmarkResolution(ctx, pair.future.id, input);
    return json({ ok: true });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

export default function ReshapeDiff() {
  const { t } = useTranslation();
  const { programId, current, future, diff, options, initiatives, canEdit, canDesign, canCreateWin } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const error = isApiErrorBody(data) ? data.error : null;
  const base = `/programs/${programId}/reshape`;
  return (
    <PageContainer className="max-w-7xl">
      <nav aria-label={t("reshape.breadcrumb")} className="mb-3 flex items-center gap-1 text-sm text-slate-600">
        <Link to={base} className="hover:text-brand-700 hover:underline">
          {t("steps.reshape.name")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="text-slate-900">{current.name}</span>
      </nav>
      <PageHeader
        title={future ? t("reshape.diff.title", { name: current.name }) : current.name}
        description={future ? t("reshape.diff.description") : t("reshape.index.noFuture")}
        actions={
          future ? (
            <>
              <ButtonLink to={`/programs/${programId}/journeys/${current.id}`} variant="secondary">
                {t("reshape.openCurrent")}
              </ButtonLink>
              <ButtonLink to={`/programs/${programId}/journeys/${future.id}`} data-testid="edit-future">
                {canEdit ? t("reshape.editFuture") : t("reshape.openFuture")}
              </ButtonLink>
            </>
          ) : undefined
        }
      />
      {error ? (
        <Alert tone="danger" className="mb-4">
          {error.message}
          {error.fields ? ` ${Object.values(error.fields).join(" ")}` : ""}
        </Alert>
      ) : null}

      {!future || !diff ? (
        <EmptyState
          title={t("reshape.diff.noFutureTitle")}
          actions={
            canDesign ? (
              <Form method="post">
                <Button type="submit" name="intent" value="createFuture" busy={nav.state !== "idle"}>
                  {t("reshape.design")}
                </Button>
              </Form>
            ) : undefined
          }
        >
          {t("reshape.diff.noFutureBody")}
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="diff-heading" className="space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="diff-heading" className="text-lg font-semibold text-slate-900">
                {t("reshape.diff.touchpointsHeading")}
              </h2>
              <DiffLegend counts={diff.counts} />
            </div>
            <p className="text-sm text-slate-600">{t("reshape.diff.projectedNote")}</p>
            <Card className="p-3">
              <SideBySide diff={diff} currentName={current.name} futureName={future.name} />
            </Card>
          </section>

          <section aria-labelledby="emotions-heading" className="space-y-3">
            <h2 id="emotions-heading" className="text-lg font-semibold text-slate-900">
              {t("reshape.emotions.heading")}
            </h2>
            {diff.emotions.length === 0 ? (
              <p className="text-sm text-slate-600">{t("reshape.emotions.none")}</p>
            ) : (
              <div className="grid gap-4 lg:grid-cols-2">
                {diff.emotions.map((e, i) => (
                  <EmotionOverlayChart key={e.personaId} overlay={e} index={i} />
                ))}
              </div>
            )}
          </section>

          <section aria-labelledby="pains-heading">
            <Card>
              <CardHeader
                id="pains-heading"
                title={t("reshape.pains.heading", { resolved: diff.resolvedCount, total: diff.painPoints.length })}
                description={canEdit ? t("reshape.pains.intro") : t("reshape.pains.introReadOnly")}
                actions={
                  canCreateWin ? (
                    <ButtonLink to={`${base}/quick-wins/new`} size="sm" variant="secondary">
                      {t("initiatives.new")}
                    </ButtonLink>
                  ) : undefined
                }
              />
              <PainResolutions items={diff.painPoints} options={options} canEdit={canEdit} programId={programId} initiatives={initiatives} />
            </Card>
          </section>
        </div>
      )}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
