/**
 * One quick win: the state bar, the moves the viewer may make (done and dropped ask for notes),
 * its details, warnings and the pain points it addresses (with their maps); ?edit=1 shows the form.
 * Posts intent=update (the form) or intent=transition with `to` and `notes`.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { CommentCountLink } from "~/components/comments/comment-count";
import { CommentsCard } from "~/components/comments/comments-card";
import { InitiativeForm } from "~/components/reshape/initiative-form";
import { leverLabel, QuickWinWarnings } from "~/components/reshape/quick-wins";
import { StateBar, StatusBadge } from "~/components/reshape/status";
import { RouteError } from "~/components/route-error";
import { Alert, Badge, Button, ButtonLink, Card, CardBody, CardHeader, Field, PageHeader, Textarea } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { commentCounts } from "~/models/comments.server";
import { DomainError } from "~/models/domain.server";
import { initiativeInputFromForm, painPointRefValue, transitionNeedsNotes, transitionPermission, type InitiativeStatus } from "~/models/initiative";
import { getInitiative, initiativeOwnerOptions, painPointOptions, transitionInitiative, updateInitiative } from "~/models/initiatives.server";
import { can } from "~/models/permissions";
import { publishedStandardOptions } from "~/models/standard-refs.server";
import { domainErrorResponse, runDomain } from "~/utils/domain-http.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";
import { pageTitleText } from "~/utils/root-data";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitleText(matches, data?.initiative.title ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const initiative = await runDomain(ctx.locale, () => getInitiative(ctx, params.initiativeId));
  const canEdit = can(ctx.access, "initiative.edit");
  const editing = canEdit && new URL(request.url).searchParams.get("edit") === "1";
  const [owners, groups] = editing ? await Promise.all([initiativeOwnerOptions(ctx.program.id), painPointOptions(ctx.program.id)]) : [[], []];
  const standards = editing ? (await publishedStandardOptions(ctx.program.id)).map((s) => ({ key: s.key, title: s.title })) : [];
  const moves = initiative.next.filter((to) => can(ctx.access, transitionPermission(initiative.status, to)));
  const commentCount = (await commentCounts(ctx.program.id, "initiative", [initiative.id]))[initiative.id] ?? 0;
  return json({ programId: ctx.program.id, initiative, canEdit, editing, owners, groups, moves, standards, commentCount });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "update") {
      await updateInitiative(ctx, params.initiativeId, initiativeInputFromForm(form));
      return redirect(`/programs/${ctx.program.id}/reshape/quick-wins/${params.initiativeId}`);
    }
    if (intent === "transition") {
      await transitionInitiative(ctx, params.initiativeId, { to: form.get("to"), notes: form.get("notes") ?? "" });
      return json({ ok: true });
    }
    return httpError(ctx.locale, 400);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

const MOVE_VARIANT: Record<InitiativeStatus, "primary" | "secondary" | "ghost" | "danger"> = {
  approved: "primary",
  in_progress: "primary",
  done: "primary",
  idea: "secondary",
  dropped: "ghost",
};

function Moves({ moves }: { moves: InitiativeStatus[] }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const data = useActionData<typeof action>();
  const [asking, setAsking] = useState<InitiativeStatus | null>(null);
  const busy = nav.state !== "idle" && nav.formData?.get("intent") === "transition";
  const notesError = isApiErrorBody(data) ? data.error.fields?.notes : undefined;
  useEffect(() => {
    if (data && !isApiErrorBody(data)) setAsking(null);
  }, [data]);
  if (moves.length === 0) return null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {moves.map((to) =>
          transitionNeedsNotes(to) ? (
            <Button key={to} variant={MOVE_VARIANT[to]} onClick={() => setAsking(to)} aria-expanded={asking === to}>
              {t(`initiatives.moves.${to}`)}
            </Button>
          ) : (
            <Form key={to} method="post">
              <input type="hidden" name="intent" value="transition" />
              <input type="hidden" name="to" value={to} />
              <Button type="submit" variant={MOVE_VARIANT[to]} busy={busy && nav.formData?.get("to") === to}>
                {t(`initiatives.moves.${to}`)}
              </Button>
            </Form>
          ),
        )}
      </div>
      {asking ? (
        <Form method="post" className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="to" value={asking} />
          <Field label={t(`initiatives.notes.${asking}`)} hint={t(`initiatives.notes.${asking}Hint`)} error={notesError}>
            <Textarea name="notes" rows={3} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setAsking(null)}>
              {t("ui.cancel")}
            </Button>
            <Button type="submit" variant={asking === "dropped" ? "danger" : "primary"} busy={busy}>
              {t(`initiatives.moves.${asking}`)}
            </Button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}

export default function QuickWinPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as "en" | "zh-CN";
  const { programId, initiative: w, canEdit, editing, owners, groups, moves, standards, commentCount } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const base = `/programs/${programId}/reshape`;
  const self = `${base}/quick-wins/${w.id}`;
  const fields = isApiErrorBody(data) ? (data.error.fields ?? {}) : {};
  const formError = isApiErrorBody(data) && !data.error.fields ? data.error.message : null;
  const day = (d: string | null) => (d ? formatDate(`${d}T12:00:00+08:00`, locale) : "—");
  return (
    <PageContainer>
      <nav aria-label={t("reshape.breadcrumb")} className="mb-3 flex items-center gap-1 text-sm text-slate-600">
        <Link to={base} className="hover:text-brand-700 hover:underline">
          {t("steps.reshape.name")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="text-slate-900">{t(`initiatives.kinds.${w.kind}`)}</span>
        <span className="ml-auto shrink-0 pl-2">
          <CommentCountLink count={commentCount} />
        </span>
      </nav>
      <PageHeader
        eyebrow={t(`initiatives.kinds.${w.kind}`)}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {w.title}
            <StatusBadge status={w.status} />
          </span>
        }
        actions={
          <>
            <ButtonLink to={`/programs/${programId}/trace/initiative/${w.id}`} variant="ghost" data-testid="trace-link">
              {t("trace.open")}
            </ButtonLink>
            {canEdit && !editing && params.get("edit") !== "1" ? (
              <ButtonLink to={`${self}?edit=1`} variant="secondary">
                {t("initiatives.edit")}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {formError ? (
        <Alert tone="danger" className="mb-4">
          {formError}
        </Alert>
      ) : null}

      {editing ? (
        <Card>
          <CardBody className="py-5">
            <InitiativeForm
              intent="update"
              defaults={{
                title: w.title,
                description: w.description,
                lever: w.lever,
                leverCustom: w.leverCustom ?? "",
                ownerId: w.owner?.id ?? "",
                expectedResult: w.expectedResult,
                startDate: w.startDate ?? "",
                dueDate: w.dueDate ?? "",
                teamSize: w.teamSize == null ? "" : String(w.teamSize),
                painPoints: w.painPoints.map((p) => painPointRefValue(p)),
                standardKey: w.standardKey ?? "",
              }}
              standards={standards}
              owners={owners}
              painPointGroups={groups}
              fields={fields}
              submitLabel={t("initiatives.save")}
              cancelTo={self}
            />
          </CardBody>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="space-y-6">
            <Card>
              <CardHeader title={t("initiatives.stateBar.title")} description={t("initiatives.stateBar.changed", { when: formatDateTime(w.statusChangedAt, locale) })} />
              <CardBody className="space-y-5">
                <StateBar status={w.status} />
                <Moves moves={moves} />
                {w.resultNotes ? (
                  <div className="rounded-md bg-emerald-50/70 px-4 py-3 ring-1 ring-emerald-100">
                    <div className="text-xs font-semibold uppercase tracking-wide text-emerald-800">
                      {w.status === "dropped" ? t("initiatives.notes.droppedShown") : t("initiatives.fields.resultNotes")}
                    </div>
                    <p className="mt-1 whitespace-pre-line text-sm leading-6 text-slate-800" data-testid="result-notes">
                      {w.resultNotes}
                    </p>
                  </div>
                ) : null}
              </CardBody>
            </Card>
            <QuickWinWarnings warnings={w.warnings} />
            <Card>
              <CardHeader title={t("initiatives.fields.painPoints")} description={t("initiatives.detail.painPointsIntro")} />
              {w.painPoints.length === 0 ? (
                <CardBody className="text-sm text-slate-600">{t("initiatives.detail.noPainPoints")}</CardBody>
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="linked-pain-points">
                  {w.painPoints.map((p) => (
                    <li key={`${p.mapId}:${p.painPointId}`} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3">
                      <div className="min-w-0">
                        <div className={p.exists ? "font-medium text-slate-900" : "font-medium text-slate-400 line-through"}>{p.title || t("initiatives.detail.deletedPain")}</div>
                        <div className="text-sm text-slate-600">{p.mapName}</div>
                      </div>
                      <div className="flex gap-2">
                        <ButtonLink to={`${base}/${p.mapId}`} size="sm" variant="ghost">
                          {t("initiatives.detail.toDiff")}
                        </ButtonLink>
                        <ButtonLink to={`/programs/${programId}/journeys/${p.mapId}/priorities`} size="sm" variant="ghost">
                          {t("initiatives.detail.toMap")}
                        </ButtonLink>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            {w.description ? (
              <Card>
                <CardHeader title={t("initiatives.fields.description")} />
                <CardBody className="whitespace-pre-line text-sm leading-7 text-slate-700">{w.description}</CardBody>
              </Card>
            ) : null}
            <CommentsCard key={w.id} programId={programId} targetType="initiative" targetId={w.id} initialCount={commentCount} />
          </div>
          <Card className="h-fit">
            <CardBody>
              <dl className="space-y-3 text-sm">
                <div>
                  <dt className="text-xs text-slate-500">{t("initiatives.fields.lever")}</dt>
                  <dd className="mt-0.5">
                    <Badge tone="brand">{leverLabel(t, w.lever, w.leverCustom)}</Badge>
                    {w.lever !== "custom" ? <p className="mt-1 text-xs leading-5 text-slate-600">{t(`initiatives.levers.${w.lever}.hint`)}</p> : null}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("initiatives.fields.owner")}</dt>
                  <dd className="mt-0.5 font-medium text-slate-900">{w.owner?.name ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("initiatives.fields.expectedResult")}</dt>
                  <dd className="mt-0.5 whitespace-pre-line text-slate-800">{w.expectedResult || "—"}</dd>
                </div>
                <div className="grid grid-cols-2 gap-3">
                  <div>
                    <dt className="text-xs text-slate-500">{t("initiatives.fields.startDate")}</dt>
                    <dd className="mt-0.5 text-slate-800">{day(w.startDate)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-500">{t("initiatives.fields.dueDate")}</dt>
                    <dd className="mt-0.5 text-slate-800">{day(w.dueDate)}</dd>
                  </div>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("initiatives.fields.teamSize")}</dt>
                  <dd className="mt-0.5 text-slate-800">{w.teamSize == null ? "—" : t("initiatives.detail.people", { count: w.teamSize })}</dd>
                </div>
              </dl>
            </CardBody>
          </Card>
        </div>
      )}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
