/**
 * Step 3, reshape journeys: each current-state map with its future state (the diff at a glance,
 * or "Design the future state"), the quick wins by status with seed 004's guidance, and the
 * step's purpose. Designing a future state posts intent=createFuture with mapId and redirects to
 * the pair's diff.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { StepAccess, StepPurpose } from "~/components/program/step-guide";
import { useProgram } from "~/components/program/use-program";
import { QuickWinBoard, QuickWinGuidance } from "~/components/reshape/quick-wins";
import { Alert, Badge, Button, ButtonLink, Card, CardBody, EmptyState, PageHeader } from "~/components/ui";
import { PlusIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { createFutureState, diffPair, listReshapePairs } from "~/models/future-state.server";
import { initiativeAbilities, listInitiatives } from "~/models/initiatives.server";
import { can } from "~/models/permissions";
import { STEPS } from "~/models/steps";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const [pairs, wins] = await Promise.all([listReshapePairs(ctx.program.id), listInitiatives(ctx.program.id, { kind: "quick_win" })]);
  const withDiff = await Promise.all(
    pairs.map(async (p) => {
      if (!p.future) return { ...p, summary: null };
      const d = await diffPair(p.current.id, p.future.id);
      return { ...p, summary: { ...d.counts, resolved: d.resolvedCount, painPoints: d.painPoints.length } };
    }),
  );
  return json({
    programId: ctx.program.id,
    pairs: withDiff,
    wins: wins.map((w) => ({
      id: w.id,
      title: w.title,
      lever: w.lever,
      leverCustom: w.leverCustom,
      status: w.status,
      owner: w.owner,
      dueDate: w.dueDate,
      painPoints: w.painPoints.map((p) => ({ title: p.title })),
      warnings: w.warnings,
    })),
    canDesign: can(ctx.access, "journey.edit"),
    ...initiativeAbilities(ctx),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  if (form.get("intent") !== "createFuture") return httpError(ctx.locale, 400);
  try {
    const future = await createFutureState(ctx, form.get("mapId"), ctx.locale);
    return redirect(`/programs/${ctx.program.id}/reshape/${future.currentMapId}`);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

type Pair = ReturnType<typeof useLoaderData<typeof loader>>["pairs"][number];

function Count({ n, label, tone }: { n: number; label: string; tone: string }) {
  return (
    <div className={`rounded-md px-2.5 py-1.5 ${tone}`}>
      <div className="text-lg font-semibold tabular-nums leading-6">{n}</div>
      <div className="text-xs">{label}</div>
    </div>
  );
}

function PairCard({ pair, programId, canDesign }: { pair: Pair; programId: string; canDesign: boolean }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("mapId") === pair.current.id;
  const s = pair.summary;
  return (
    <Card data-testid="reshape-pair">
      <CardBody className="flex h-full flex-col gap-4 py-5">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone="neutral">{t("reshape.current")}</Badge>
          <Link to={`/programs/${programId}/journeys/${pair.current.id}`} className="font-semibold text-slate-900 hover:underline">
            {pair.current.name}
          </Link>
          {pair.current.archivedAt ? <Badge tone="neutral">{t("reshape.archived")}</Badge> : null}
        </div>
        {pair.future && s ? (
          <>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone="success">{t("reshape.future")}</Badge>
              <span className="font-semibold text-slate-900">{pair.future.name}</span>
              {pair.future.archivedAt ? <Badge tone="neutral">{t("reshape.archived")}</Badge> : null}
            </div>
            <div className="grid grid-cols-4 gap-2 text-center">
              <Count n={s.added} label={t("reshape.legend.added")} tone="bg-emerald-50 text-emerald-900" />
              <Count n={s.removed} label={t("reshape.legend.removed")} tone="bg-red-50 text-red-900" />
              <Count n={s.moved} label={t("reshape.legend.moved")} tone="bg-sky-50 text-sky-900" />
              <Count n={s.edited} label={t("reshape.legend.edited")} tone="bg-amber-50 text-amber-900" />
            </div>
            <p className="text-sm text-slate-600">{t("reshape.index.resolved", { resolved: s.resolved, total: s.painPoints })}</p>
            <div className="mt-auto flex flex-wrap gap-2 border-t border-slate-100 pt-3">
              <ButtonLink to={`/programs/${programId}/reshape/${pair.current.id}`} size="sm">
                {t("reshape.index.viewDiff")}
              </ButtonLink>
              <ButtonLink to={`/programs/${programId}/journeys/${pair.future.id}`} size="sm" variant="secondary">
                {canDesign ? t("reshape.editFuture") : t("reshape.openFuture")}
              </ButtonLink>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm leading-6 text-slate-600">{t("reshape.index.noFuture")}</p>
            {canDesign && !pair.current.archivedAt ? (
              <Form method="post" className="mt-auto">
                <input type="hidden" name="mapId" value={pair.current.id} />
                <Button type="submit" name="intent" value="createFuture" size="sm" busy={busy}>
                  {t("reshape.design")}
                </Button>
              </Form>
            ) : null}
          </>
        )}
      </CardBody>
    </Card>
  );
}

export default function ReshapeIndex() {
  const { t } = useTranslation();
  const { programId, pairs, wins, canDesign, canEdit } = useLoaderData<typeof loader>();
  const { access } = useProgram();
  const data = useActionData<typeof action>();
  const number = STEPS.find((s) => s.key === "reshape")!.number;
  const newWin = canEdit ? (
    <ButtonLink to={`/programs/${programId}/reshape/quick-wins/new`}>
      <PlusIcon className="h-4 w-4" />
      {t("initiatives.new")}
    </ButtonLink>
  ) : null;
  return (
    <PageContainer>
      <PageHeader
        eyebrow={t("stepPage.eyebrow", { number, total: STEPS.length })}
        title={t("steps.reshape.name")}
        description={t("steps.reshape.short")}
        actions={newWin ?? undefined}
      />
      {isApiErrorBody(data) ? (
        <Alert tone="danger" className="mb-4">
          {data.error.message}
        </Alert>
      ) : null}

      <section aria-labelledby="pairs-heading" className="space-y-4">
        <div>
          <h2 id="pairs-heading" className="text-lg font-semibold text-slate-900">
            {t("reshape.index.pairsHeading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("reshape.index.pairsIntro")}</p>
        </div>
        {pairs.length === 0 ? (
          <EmptyState
            title={t("reshape.index.noMapsTitle")}
            actions={<ButtonLink to={`/programs/${programId}/journeys`} variant="secondary">{t("reshape.index.toJourneys")}</ButtonLink>}
          >
            {t("reshape.index.noMapsBody")}
          </EmptyState>
        ) : (
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
            {pairs.map((p) => (
              <PairCard key={p.current.id} pair={p} programId={programId} canDesign={canDesign} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="wins-heading" className="mt-10 space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="wins-heading" className="text-lg font-semibold text-slate-900">
              {t("initiatives.board.heading", { count: wins.length })}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("initiatives.board.intro")}</p>
          </div>
        </div>
        <QuickWinGuidance />
        {wins.length === 0 ? (
          <EmptyState title={t("initiatives.board.emptyTitle")} actions={newWin}>
            {canEdit ? t("initiatives.board.emptyBody") : t("initiatives.board.emptyBodyReadOnly")}
          </EmptyState>
        ) : (
          <QuickWinBoard programId={programId} wins={wins} />
        )}
      </section>

      <div className="mt-10">
        <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
          <StepPurpose step="reshape" />
          <StepAccess step="reshape" access={access} />
        </div>
      </div>
    </PageContainer>
  );
}
