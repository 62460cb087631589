/**
 * Step 4, rapid iteration: the current small and large cycle with their progress (or "Start next
 * cycle", which carries the last cycle's open items), the history of closed cycles with their
 * before/after results, the way into the feedback inbox, and the step's purpose and access.
 * Starting posts intent=start and redirects to the new cycle's board.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { CycleProgress, LoopStepList, ResultTable, useCycleName } from "~/components/loops/loop-parts";
import { StepAccess, StepPurpose } from "~/components/program/step-guide";
import { useProgram } from "~/components/program/use-program";
import { Alert, Badge, Button, ButtonLink, Card, CardBody, CardHeader, Field, Input, PageHeader, Textarea } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { listInbox } from "~/models/feedback-inbox-list.server";
import { listCycles, loopAbilities, programKpiOptions, type CycleSummary } from "~/models/loop-cycles.server";
import { startCycle } from "~/models/loop-start.server";
import { defaultEndsOn, LOOP_KINDS, nextDay, type LoopKind } from "~/models/loops";
import { STEPS } from "~/models/steps";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const [cycles, kpis, inbox] = await Promise.all([
    listCycles(ctx.program.id),
    programKpiOptions(ctx.program.id),
    listInbox(ctx.program.id, { state: "new" }, { pageSize: 1 }),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  return json({
    programId: ctx.program.id,
    cycles,
    kpis,
    newFeedback: inbox.counts.new,
    today,
    ...loopAbilities(ctx.access),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  if (form.get("intent") !== "start") return httpError(ctx.locale, 400);
  try {
    const cycle = await startCycle(ctx, {
      kind: form.get("kind"),
      title: form.get("title"),
      goal: form.get("goal"),
      startsOn: form.get("startsOn"),
      endsOn: form.get("endsOn"),
      kpiIds: form.getAll("kpiId").filter((v): v is string => typeof v === "string"),
    });
    return redirect(`/programs/${ctx.program.id}/loops/${cycle.id}`);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function StartForm({ kind, last, data }: { kind: LoopKind; last: CycleSummary | undefined; data: Data }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("kind") === kind;
  const startsOn = last && nextDay(last.endsOn) > data.today ? nextDay(last.endsOn) : data.today;
  return (
    <Form method="post" className="space-y-3" data-testid={`start-${kind}`}>
      <input type="hidden" name="kind" value={kind} />
      {last && last.items.open > 0 ? <p className="text-sm text-slate-700">{t("loops.start.carries", { count: last.items.open })}</p> : null}
      <Field label={t("loops.start.title")} optionalLabel={t("ui.optional")}>
        <Input name="title" maxLength={120} placeholder={t(`loops.kinds.${kind}.titlePlaceholder`)} />
      </Field>
      <Field label={t("loops.start.goal")} optionalLabel={t("ui.optional")}>
        <Textarea name="goal" rows={2} maxLength={2000} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("loops.start.startsOn")}>
          <Input type="date" name="startsOn" defaultValue={startsOn} required />
        </Field>
        <Field label={t("loops.start.endsOn")} hint={t(`loops.kinds.${kind}.cadence`)}>
          <Input type="date" name="endsOn" defaultValue={defaultEndsOn(kind, startsOn)} required />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("loops.start.kpis")}</legend>
        {data.kpis.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t("loops.start.noKpis")}</p>
        ) : (
          <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1.5">
            {data.kpis.map((k) => (
              <label key={k.id} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" name="kpiId" value={k.id} defaultChecked className="h-4 w-4 rounded border-slate-300" />
                {k.name}
                <span className="text-xs text-slate-500">({t(`loops.kpiKinds.${k.kind}`)})</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <Button type="submit" name="intent" value="start" busy={busy}>
        {last ? t("loops.start.next") : t("loops.start.first")}
      </Button>
    </Form>
  );
}

function KindCard({ kind, data }: { kind: LoopKind; data: Data }) {
  const { t } = useTranslation();
  const name = useCycleName();
  const mine = data.cycles.filter((c) => c.kind === kind);
  const current = mine.find((c) => c.status === "open");
  const last = mine[0];
  return (
    <Card data-testid={`loop-${kind}`}>
      <CardHeader title={t(`loops.kinds.${kind}.name`)} description={t(`loops.kinds.${kind}.intro`)} />
      <CardBody className="space-y-5">
        <LoopStepList kind={kind} />
        <div className="border-t border-slate-100 pt-4">
          {current ? (
            <div className="space-y-3" data-testid={`current-${kind}`}>
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone="brand">{t("loops.status.open")}</Badge>
                <Link to={`/programs/${data.programId}/loops/${current.id}`} className="font-semibold text-slate-900 hover:underline">
                  {name(current)}
                </Link>
              </div>
              <p className="text-sm text-slate-600">
                {t("loops.dates", {
                  from: current.startsOn,
                  to: current.endsOn,
                })}
                {current.items.carried
                  ? ` · ${t("loops.carriedCount", {
                      count: current.items.carried,
                    })}`
                  : ""}
              </p>
              {current.goal ? <p className="text-sm leading-6 text-slate-700">{current.goal}</p> : null}
              <CycleProgress done={current.items.done} total={current.items.total} />
              <ButtonLink to={`/programs/${data.programId}/loops/${current.id}`} size="sm">
                {t("loops.openBoard")}
              </ButtonLink>
            </div>
          ) : data.canManage ? (
            <div className="space-y-3">
              <h3 className="text-sm font-semibold text-slate-900">{last ? t("loops.start.next") : t("loops.start.first")}</h3>
              <StartForm kind={kind} last={last} data={data} />
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("loops.noCurrent")}</p>
          )}
        </div>
      </CardBody>
    </Card>
  );
}

export default function LoopsIndex() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { access } = useProgram();
  const actionData = useActionData<typeof action>();
  const name = useCycleName();
  const number = STEPS.find((s) => s.key === "iterate")!.number;
  const closed = data.cycles.filter((c) => c.status === "closed").sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""));
  return (
    <PageContainer>
      <PageHeader
        eyebrow={t("stepPage.eyebrow", { number, total: STEPS.length })}
        title={t("steps.iterate.name")}
        description={t("steps.iterate.short")}
        actions={
          <ButtonLink to={`/programs/${data.programId}/loops/inbox`} variant="secondary" data-testid="inbox-link">
            {t("inbox.title")}
            {data.newFeedback ? <Badge tone="warning">{t("inbox.newCount", { count: data.newFeedback })}</Badge> : null}
          </ButtonLink>
        }
      />
      {isApiErrorBody(actionData) ? (
        <Alert tone="danger" className="mb-4">
          {actionData.error.message}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        {LOOP_KINDS.map((k) => (
          <KindCard key={k} kind={k} data={data} />
        ))}
      </div>

      <section aria-labelledby="history-heading" className="mt-10 space-y-4">
        <div>
          <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
            {t("loops.history.heading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("loops.history.intro")}</p>
        </div>
        {closed.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-6 text-sm text-slate-600">{t("loops.history.empty")}</p>
        ) : (
          <div className="space-y-4" data-testid="loop-history">
            {closed.map((c) => (
              <Card key={c.id}>
                <CardHeader
                  as="h3"
                  title={
                    <Link to={`/programs/${data.programId}/loops/${c.id}`} className="hover:underline">
                      {name(c)}
                    </Link>
                  }
                  description={`${t("loops.dates", {
                    from: c.startsOn,
                    to: c.endsOn,
                  })} · ${t("loops.progress", {
                    done: c.items.done,
                    total: c.items.total,
                  })}`}
                  actions={<Badge tone="neutral">{t("loops.status.closed")}</Badge>}
                />
                <CardBody>
                  <ResultTable kpis={c.result?.kpis ?? []} />
                </CardBody>
              </Card>
            ))}
          </div>
        )}
      </section>

      <div className="mt-10 grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
        <StepPurpose step="iterate" />
        <StepAccess step="iterate" access={access} />
      </div>
    </PageContainer>
  );
}
