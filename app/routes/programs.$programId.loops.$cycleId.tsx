/**
 * Step 4, a cycle's board: its steps as columns with what each holds — triaged feedback in ①,
 * initiatives, notes — and, in the KPI steps, the cycle's KPIs with their latest value against the
 * target. Managers add notes and initiatives (existing ones, or a new small_loop / large_loop
 * initiative), complete, reopen and move items, and close the cycle; closing is refused while a
 * KPI has no measurement in the period, and records the before/after table. Closed: read-only.
 * Intents: addNote, linkInitiative, newInitiative, item, close.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { CycleProgress, ResultTable, useCycleName } from "~/components/loops/loop-parts";
import { Alert, Badge, Button, ButtonLink, Card, CardBody, CardHeader, Field, Input, PageHeader, Select } from "~/components/ui";
import { CheckIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { INITIATIVE_LEVERS } from "~/models/initiative";
import { initiativeOwnerOptions } from "~/models/initiatives.server";
import { closeCycle } from "~/models/loop-close.server";
import { getCycleBoard, initiativeOptions, loopAbilities, type CycleItemView, type CycleKpiView } from "~/models/loop-cycles.server";
import { addCycleItem, addNewInitiativeItem, updateCycleItem } from "~/models/loop-items.server";
import { formatValue, LOOP_STEPS, STEP_MARKS } from "~/models/loops";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  let board;
  try {
    board = await getCycleBoard(ctx, params.cycleId);
  } catch (error) {
    if (error instanceof DomainError) throw domainErrorResponse(ctx.locale, error);
    throw error;
  }
  const abilities = loopAbilities(ctx.access);
  const open = board.cycle.status === "open";
  const [initiatives, owners] =
    open && abilities.canManage ? await Promise.all([initiativeOptions(ctx.program.id), initiativeOwnerOptions(ctx.program.id)]) : [[], []];
  return json({
    programId: ctx.program.id,
    board,
    initiatives,
    owners,
    me: ctx.user.id,
    canManage: abilities.canManage && open,
    canCreateInitiative: abilities.canCreateInitiative && abilities.canManage && open,
    canClose: open && (abilities.canManage || (board.cycle.kind === "large" && abilities.canCloseLarge)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const intent = form.get("intent");
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  try {
    switch (intent) {
      case "addNote":
        await addCycleItem(ctx, params.cycleId, {
          step: s("step"),
          itemType: "note",
          text: s("text"),
        });
        return json({ ok: "added" as const });
      case "linkInitiative":
        await addCycleItem(ctx, params.cycleId, {
          step: s("step"),
          itemType: "initiative",
          refId: s("refId"),
        });
        return json({ ok: "added" as const });
      case "newInitiative":
        await addNewInitiativeItem(ctx, params.cycleId, s("step"), {
          title: s("title"),
          lever: s("lever") || undefined,
          ownerId: s("ownerId") || undefined,
        });
        return json({ ok: "added" as const });
      case "item":
        await updateCycleItem(ctx, s("itemId"), {
          status: s("status") || undefined,
          step: s("step") || undefined,
        });
        return json({ ok: "updated" as const });
      case "close":
        await closeCycle(ctx, params.cycleId);
        return json({ ok: "closed" as const });
      default:
        return httpError(ctx.locale, 400);
    }
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function ItemCard({ item, data }: { item: CycleItemView; data: Data }) {
  const { t } = useTranslation();
  const steps = LOOP_STEPS[data.board.cycle.kind].filter((s) => s.number !== item.step && s.accepts.includes(item.itemType));
  const done = item.status === "done";
  return (
    <li
      className={`rounded-md border px-3 py-2 text-sm ${done ? "border-emerald-200 bg-emerald-50/50" : "border-slate-200 bg-white"}`}
      data-testid="cycle-item"
    >
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <Badge tone={item.itemType === "feedback" ? "violet" : item.itemType === "initiative" ? "brand" : "neutral"}>
          {t(`loops.itemTypes.${item.itemType}`)}
        </Badge>
        {item.feedback ? <Badge tone="neutral">{t(`inbox.origins.${item.feedback.origin}`)}</Badge> : null}
        {item.carried ? <Badge tone="warning">{t("loops.carried")}</Badge> : null}
        {done ? (
          <Badge tone="success">
            <CheckIcon className="h-3 w-3" />
            {t("loops.itemStatus.done")}
          </Badge>
        ) : null}
      </div>
      <p className={`mt-1.5 leading-6 ${done ? "text-slate-500 line-through" : "text-slate-800"}`}>
        {item.feedback ? item.feedback.text : item.initiative ? item.initiative.title : item.text}
      </p>
      {item.feedback ? (
        <p className="text-xs text-slate-500">
          {item.feedback.occurredOn}
          {item.feedback.channel ? ` · ${item.feedback.channel}` : ""}
        </p>
      ) : null}
      {item.initiative ? <p className="text-xs text-slate-500">{t(`initiatives.statuses.${item.initiative.status}`)}</p> : null}
      {item.itemType !== "note" && item.text ? <p className="mt-1 text-xs text-slate-600">{item.text}</p> : null}
      {data.canManage ? (
        <div className="mt-2 flex flex-wrap items-center gap-1.5 min-w-0">
          <Form method="post">
            <input type="hidden" name="itemId" value={item.id} />
            <input type="hidden" name="status" value={done ? "open" : "done"} />
            <Button type="submit" name="intent" value="item" size="sm" variant="secondary">
              {done ? t("loops.reopen") : t("loops.complete")}
            </Button>
          </Form>
          {steps.length ? (
            <Form method="post" className="flex w-full min-w-0 items-center gap-1">
              <input type="hidden" name="itemId" value={item.id} />
              <label className="sr-only" htmlFor={`move-${item.id}`}>
                {t("loops.moveTo")}
              </label>
              <select id={`move-${item.id}`} name="step" className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-1.5 text-xs" defaultValue="">
                <option value="" disabled>
                  {t("loops.moveTo")}
                </option>
                {steps.map((s) => (
                  <option key={s.number} value={s.number}>
                    {STEP_MARKS[s.number - 1]} {t(`loops.steps.${data.board.cycle.kind}.${s.key}.title`)}
                  </option>
                ))}
              </select>
              <Button type="submit" name="intent" value="item" size="sm" variant="ghost">
                {t("loops.move")}
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function KpiRow({ k }: { k: CycleKpiView }) {
  const { t } = useTranslation();
  const onTarget = k.latest && k.target !== null ? (k.direction === "up" ? k.latest.value >= k.target : k.latest.value <= k.target) : null;
  return (
    <li className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="cycle-kpi">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium text-slate-900">{k.name}</span>
        {k.inPeriod ? <Badge tone="success">{t("loops.kpi.measured")}</Badge> : <Badge tone="warning">{t("loops.kpi.missing")}</Badge>}
      </div>
      <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
        <span>
          {t("loops.kpi.latest")}: <span className="font-semibold tabular-nums text-slate-900">{k.latest ? formatValue(k.latest.value, k.unit, t) : "—"}</span>
          {k.latest ? ` (${k.latest.on})` : ""}
        </span>
        <span>
          {t("loops.kpi.target")}: <span className="tabular-nums">{formatValue(k.target, k.unit, t)}</span>
          {onTarget === true ? ` ✓` : ""}
        </span>
      </div>
    </li>
  );
}

function AddForms({ step, data }: { step: (typeof LOOP_STEPS)["small"][number]; data: Data }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent && nav.formData?.get("step") === String(step.number);
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3">
      {step.accepts.includes("feedback") ? (
        <Link to={`/programs/${data.programId}/loops/inbox?state=new`} className="block text-sm font-medium text-brand-700 hover:underline">
          {t("loops.board.triageFromInbox")}
        </Link>
      ) : null}
      {step.accepts.includes("initiative") ? (
        <>
          {data.initiatives.length ? (
            <Form method="post" className="flex gap-1.5">
              <input type="hidden" name="step" value={step.number} />
              <Select name="refId" aria-label={t("loops.board.existingInitiative")} className="h-9 min-w-0 text-xs" required defaultValue="">
                <option value="" disabled>
                  {t("loops.board.existingInitiative")}
                </option>
                {data.initiatives.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
              </Select>
              <Button type="submit" name="intent" value="linkInitiative" size="sm" variant="secondary" busy={busy("linkInitiative")}>
                {t("loops.board.add")}
              </Button>
            </Form>
          ) : null}
          {data.canCreateInitiative ? (
            <details className="rounded-md border border-slate-200 bg-white px-2.5 py-2">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">{t("loops.board.newInitiative")}</summary>
              <Form method="post" className="mt-2 space-y-2" data-testid={`new-initiative-${step.number}`}>
                <input type="hidden" name="step" value={step.number} />
                <Field label={t("initiatives.fields.title")}>
                  <Input name="title" required maxLength={120} />
                </Field>
                <Field label={t("initiatives.fields.lever")}>
                  <Select name="lever" required defaultValue="">
                    <option value="" disabled>
                      {t("loops.board.pickLever")}
                    </option>
                    {INITIATIVE_LEVERS.filter((l) => l !== "custom").map((l) => (
                      <option key={l} value={l}>
                        {t(`initiatives.levers.${l}.name`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t("initiatives.fields.owner")}>
                  <Select name="ownerId" defaultValue={data.owners.some((o) => o.id === data.me) ? data.me : ""} required>
                    <option value="" disabled>
                      {t("loops.board.pickOwner")}
                    </option>
                    {data.owners.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button type="submit" name="intent" value="newInitiative" size="sm" busy={busy("newInitiative")}>
                  {t("loops.board.createInitiative")}
                </Button>
              </Form>
            </details>
          ) : null}
        </>
      ) : null}
      <Form method="post" className="flex gap-1.5" data-testid={`add-note-${step.number}`}>
        <input type="hidden" name="step" value={step.number} />
        <Input
          name="text"
          aria-label={t("loops.board.note")}
          placeholder={t("loops.board.notePlaceholder")}
          className="h-9 text-xs"
          required
          maxLength={2000}
        />
        <Button type="submit" name="intent" value="addNote" size="sm" variant="secondary" busy={busy("addNote")}>
          {t("loops.board.add")}
        </Button>
      </Form>
    </div>
  );
}

export default function CycleBoardRoute() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nav = useNavigation();
  const name = useCycleName();
  const { cycle, steps, kpis, missing } = data.board;
  const closed = cycle.status === "closed";
  return (
    <PageContainer className="max-w-none">
      <PageHeader
        eyebrow={
          <Link to={`/programs/${data.programId}/loops`} className="hover:underline">
            ← {t("steps.iterate.name")}
          </Link>
        }
        title={name(cycle)}
        description={`${t("loops.dates", {
          from: cycle.startsOn,
          to: cycle.endsOn,
        })}${cycle.goal ? ` · ${cycle.goal}` : ""}`}
        actions={
          <>
            <Badge tone={closed ? "neutral" : "brand"}>{t(`loops.status.${cycle.status}`)}</Badge>
            <ButtonLink to={`/programs/${data.programId}/loops/inbox`} variant="secondary" size="sm">
              {t("inbox.title")}
            </ButtonLink>
          </>
        }
      />
      {isApiErrorBody(actionData) ? (
        <div data-testid="board-error">
          <Alert tone="danger" className="mb-4">
            {actionData.error.message}
          </Alert>
        </div>
      ) : null}
      {closed ? (
        <Alert tone="info" className="mb-4">
          {t("loops.board.readOnly", {
            by: cycle.closedBy ?? "—",
            on: (cycle.closedAt ?? "").slice(0, 10),
          })}
        </Alert>
      ) : null}
      <div className="mb-6 max-w-md">
        <CycleProgress done={cycle.items.done} total={cycle.items.total} />
      </div>

      <div className="-mx-4 overflow-x-auto px-4 pb-2">
        <div className="grid auto-cols-[minmax(16rem,1fr)] grid-flow-col gap-4" data-testid="cycle-board">
          {steps.map((s) => {
            const stepKpis = kpis.filter((k) => s.kpis.includes(k.kind));
            return (
              <section
                key={s.number}
                className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-slate-50 p-3"
                aria-labelledby={`step-${s.number}`}
                data-testid={`step-${s.number}`}
              >
                <h2 id={`step-${s.number}`} className="text-sm font-semibold text-slate-900">
                  <span className="mr-1 text-brand-700">{STEP_MARKS[s.number - 1]}</span>
                  {t(`loops.steps.${cycle.kind}.${s.key}.title`)}
                </h2>
                <p className="mt-1 text-xs leading-5 text-slate-600">{t(`loops.steps.${cycle.kind}.${s.key}.explain`)}</p>
                {s.kpis.length ? (
                  stepKpis.length ? (
                    <ul className="mt-3 space-y-2">
                      {stepKpis.map((k) => (
                        <KpiRow key={k.id} k={k} />
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-3 text-xs text-slate-500">{t("loops.board.noKpis")}</p>
                  )
                ) : null}
                <ul className="mt-3 flex-1 space-y-2">
                  {s.items.map((i) => (
                    <ItemCard key={i.id} item={i} data={data} />
                  ))}
                  {s.items.length === 0 && !s.kpis.length ? <li className="text-xs text-slate-500">{t("loops.board.emptyStep")}</li> : null}
                </ul>
                {data.canManage ? (
                  <div className="mt-3">
                    <AddForms step={s} data={data} />
                  </div>
                ) : null}
              </section>
            );
          })}
        </div>
      </div>

      <Card className="mt-6">
        <CardHeader title={closed ? t("loops.result.heading") : t("loops.close.heading")} description={closed ? undefined : t("loops.close.intro")} />
        <CardBody className="space-y-4">
          {closed ? (
            <ResultTable kpis={cycle.result?.kpis ?? []} />
          ) : (
            <>
              {missing.length ? (
                <div data-testid="kpis-missing">
                  <Alert tone="warning">
                    {t("loops.close.missing", {
                      kpis: missing.join(t("loops.listSeparator")),
                      count: missing.length,
                    })}
                  </Alert>
                </div>
              ) : (
                <p className="text-sm text-slate-700">{kpis.length ? t("loops.close.ready") : t("loops.close.readyNoKpis")}</p>
              )}
              {data.canClose ? (
                <Form method="post">
                  <Button
                    type="submit"
                    name="intent"
                    value="close"
                    busy={nav.state !== "idle" && nav.formData?.get("intent") === "close"}
                    data-testid="close-cycle"
                  >
                    {t("loops.close.button")}
                  </Button>
                </Form>
              ) : null}
              {cycle.items.open > 0 ? <p className="text-xs text-slate-600">{t("loops.close.carryNote", { count: cycle.items.open })}</p> : null}
            </>
          )}
        </CardBody>
      </Card>
    </PageContainer>
  );
}
