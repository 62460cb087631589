/**
 * Step 4, the feedback inbox: every feedback record of the program (imported, typed in, posted by
 * the API, from the idea box; from customers or frontline staff) with its state — new, triaged into
 * a cycle's step ①, or dismissed with a reason (nothing is deleted). Filters by state, origin,
 * source, channel, text and date; bulk triage into an open cycle or dismissal; links to pain points
 * and initiatives; and a form to type in a new item. Intents: add, triage, dismiss, link.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { useCycleName } from "~/components/loops/loop-parts";
import { IdeaTriageForm, InboxIdeaSummary } from "~/components/ideas/inbox-idea";
import { Alert, Badge, Button, Card, CardBody, CardHeader, Field, Input, PageHeader, Select, Textarea } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { inboxFilterFromParams, listInbox, type InboxItem } from "~/models/feedback-inbox-list.server";
import { linkRecord, linkTargets } from "~/models/feedback-links.server";
import { submitFeedback } from "~/models/feedback-submit.server";
import { dismissRecords, triageRecords } from "~/models/feedback-triage.server";
import { FEEDBACK_ORIGINS, FEEDBACK_SOURCES, INBOX_STATES } from "~/models/feedback-inbox";
import { openCycles } from "~/models/loop-cycles.server";
import { can } from "~/models/permissions";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const sp = new URL(request.url).searchParams;
  const filter = inboxFilterFromParams(sp);
  const canTriage = can(ctx.access, "feedback.triage");
  const [page, cycles, targets] = await Promise.all([
    listInbox(ctx.program.id, filter, {
      page: Number(sp.get("page")) || 1,
      pageSize: 50,
    }),
    openCycles(ctx.program.id),
    canTriage ? linkTargets(ctx.program.id) : Promise.resolve({ painPoints: [], initiatives: [] }),
  ]);
  return json({
    programId: ctx.program.id,
    page,
    filter,
    cycles: cycles.map((c) => ({
      id: c.id,
      kind: c.kind,
      number: c.number,
      title: c.title,
    })),
    targets,
    canTriage,
    canSubmit: can(ctx.access, "feedback.submit"),
    today: new Date().toISOString().slice(0, 10),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const ids = form.getAll("recordId").filter((v): v is string => typeof v === "string");
  try {
    switch (form.get("intent")) {
      case "add": {
        const r = await submitFeedback(
          ctx,
          {
            text: s("text"),
            origin: s("origin") || undefined,
            channel: s("channel"),
            occurredOn: s("occurredOn") || undefined,
          },
          "manual",
        );
        return json({ ok: "added" as const, count: r.created });
      }
      case "triage": {
        const r = await triageRecords(ctx, {
          recordIds: ids,
          cycleId: s("cycleId"),
        });
        return json({ ok: "triaged" as const, count: r.added });
      }
      case "dismiss": {
        const r = await dismissRecords(ctx, {
          recordIds: ids,
          reason: s("reason"),
        });
        return json({ ok: "dismissed" as const, count: r.dismissed });
      }
      case "link": {
        // The select carries "pain_point|mapId:painPointId" or "initiative|initiativeId".
        const v = s("target") ?? "";
        const bar = v.indexOf("|");
        await linkRecord(ctx, {
          recordId: s("linkRecordId"),
          targetType: bar > 0 ? v.slice(0, bar) : undefined,
          target: v.slice(bar + 1),
        });
        return json({ ok: "linked" as const, count: 1 });
      }
      default:
        return httpError(ctx.locale, 400);
    }
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function LinkForm({ item, data }: { item: InboxItem; data: Data }) {
  const { t } = useTranslation();
  return (
    <details className="text-xs">
      <summary className="cursor-pointer font-medium text-brand-700">{t("inbox.link.open")}</summary>
      <Form method="post" className="mt-2 flex flex-wrap items-center gap-1.5">
        <input type="hidden" name="linkRecordId" value={item.id} />
        <Select name="target" aria-label={t("inbox.link.target")} className="h-8 max-w-[18rem] text-xs" required defaultValue="">
          <option value="" disabled>
            {t("inbox.link.target")}
          </option>
          {data.targets.painPoints.length ? (
            <optgroup label={t("inbox.link.painPoints")}>
              {data.targets.painPoints.map((p) => (
                <option key={p.value} value={`pain_point|${p.value}`}>
                  {p.title} · {p.mapName}
                </option>
              ))}
            </optgroup>
          ) : null}
          {data.targets.initiatives.length ? (
            <optgroup label={t("inbox.link.initiatives")}>
              {data.targets.initiatives.map((i) => (
                <option key={i.value} value={`initiative|${i.value}`}>
                  {i.title}
                </option>
              ))}
            </optgroup>
          ) : null}
        </Select>
        <Button type="submit" name="intent" value="link" size="sm" variant="secondary">
          {t("inbox.link.submit")}
        </Button>
      </Form>
    </details>
  );
}

function Row({ item, data }: { item: InboxItem; data: Data }) {
  const { t } = useTranslation();
  const name = useCycleName();
  return (
    <li className="flex gap-3 border-t border-slate-100 px-4 py-3" data-testid="inbox-item">
      {data.canTriage ? (
        <input
          type="checkbox"
          name="recordId"
          value={item.id}
          form="bulk"
          className="mt-1 h-4 w-4 shrink-0 rounded border-slate-300"
          aria-label={t("inbox.select")}
        />
      ) : null}
      <div className="min-w-0 flex-1 space-y-1.5">
        {item.idea ? (
          <InboxIdeaSummary id={item.id} text={item.text} idea={item.idea} />
        ) : (
          <p className="text-sm leading-6 text-slate-900">{item.text || <span className="text-slate-500">{t("inbox.noText")}</span>}</p>
        )}
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
          <Badge tone={item.origin === "frontline" ? "violet" : "neutral"}>{t(`inbox.origins.${item.origin}`)}</Badge>
          <Badge tone="neutral">{t(`inbox.sources.${item.source}`)}</Badge>
          <span>{item.occurredOn}</span>
          {item.channel ? <span>· {item.channel}</span> : null}
          {item.contactReason ? <span>· {item.contactReason}</span> : null}
          {item.score !== null ? (
            <span>
              ·{" "}
              {t("inbox.score", {
                score: item.score,
                max: item.scoreMax ?? "",
              })}
            </span>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          {item.state === "new" ? <Badge tone="warning">{t("inbox.states.new")}</Badge> : null}
          {item.state === "triaged" ? (
            <Badge tone="success">
              {t("inbox.triagedInto", {
                cycle: item.cycle ? name(item.cycle) : "—",
              })}
            </Badge>
          ) : null}
          {item.state === "dismissed" ? (
            <>
              <Badge tone="neutral">{t("inbox.states.dismissed")}</Badge>
              <span className="text-slate-600">{t("inbox.reason", { reason: item.reason ?? "" })}</span>
            </>
          ) : null}
          {item.links.map((l) => (
            <Badge key={l.id} tone="brand">
              {t(`inbox.link.kinds.${l.targetType}`)}: {l.title || l.targetId}
            </Badge>
          ))}
        </div>
        {data.canTriage && item.idea && item.state !== "triaged" ? <IdeaTriageForm recordId={item.id} idea={item.idea} cycles={data.cycles} /> : null}
        {data.canTriage ? <LinkForm item={item} data={data} /> : null}
      </div>
    </li>
  );
}

export default function InboxRoute() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nav = useNavigation();
  const [sp] = useSearchParams();
  const name = useCycleName();
  const { page, filter } = data;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageLink = (n: number) => {
    const next = new URLSearchParams(sp);
    next.set("page", String(n));
    return `?${next.toString()}`;
  };
  const stateLink = (state?: string) => {
    const next = new URLSearchParams(sp);
    next.delete("page");
    if (state) next.set("state", state);
    else next.delete("state");
    return `?${next.toString()}`;
  };
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  return (
    <PageContainer>
      <PageHeader
        eyebrow={
          <Link to={`/programs/${data.programId}/loops`} className="hover:underline">
            ← {t("steps.iterate.name")}
          </Link>
        }
        title={t("inbox.title")}
        description={t("inbox.intro")}
      />
      {isApiErrorBody(actionData) ? (
        <div data-testid="inbox-error">
          <Alert tone="danger" className="mb-4">
            {actionData.error.message}
            {actionData.error.fields ? ` ${Object.values(actionData.error.fields).join(" ")}` : ""}
          </Alert>
        </div>
      ) : actionData && "ok" in actionData ? (
        <div data-testid="inbox-done">
          <Alert tone="success" className="mb-4">
            {t(`inbox.done.${actionData.ok}`, { count: actionData.count })}
          </Alert>
        </div>
      ) : null}

      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <nav className="flex flex-wrap gap-2" aria-label={t("inbox.filters.state")}>
            <Link
              to={stateLink()}
              className={`rounded-full px-3 py-1 text-sm ${!filter.state ? "bg-slate-900 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200"}`}
            >
              {t("inbox.states.all")}
            </Link>
            {INBOX_STATES.map((s) => (
              <Link
                key={s}
                to={stateLink(s)}
                data-testid={`state-${s}`}
                className={`rounded-full px-3 py-1 text-sm ${filter.state === s ? "bg-slate-900 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200"}`}
              >
                {t(`inbox.states.${s}`)} <span className="tabular-nums">{page.counts[s]}</span>
              </Link>
            ))}
          </nav>
          <Form method="get" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-4" data-testid="inbox-filters">
            {filter.state ? <input type="hidden" name="state" value={filter.state} /> : null}
            <Field label={t("inbox.filters.q")} className="col-span-2">
              <Input name="q" defaultValue={filter.q ?? ""} type="search" />
            </Field>
            <Field label={t("inbox.filters.origin")}>
              <Select name="origin" defaultValue={filter.origin ?? ""}>
                <option value="">{t("inbox.filters.any")}</option>
                {FEEDBACK_ORIGINS.map((o) => (
                  <option key={o} value={o}>
                    {t(`inbox.origins.${o}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("inbox.filters.source")}>
              <Select name="source" defaultValue={filter.source ?? ""}>
                <option value="">{t("inbox.filters.any")}</option>
                {FEEDBACK_SOURCES.map((o) => (
                  <option key={o} value={o}>
                    {t(`inbox.sources.${o}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("inbox.filters.channel")}>
              <Select name="channel" defaultValue={filter.channel ?? ""}>
                <option value="">{t("inbox.filters.any")}</option>
                {page.channels.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("inbox.filters.from")}>
              <Input type="date" name="from" defaultValue={filter.from ?? ""} />
            </Field>
            <Field label={t("inbox.filters.to")}>
              <Input type="date" name="to" defaultValue={filter.to ?? ""} />
            </Field>
            <div className="flex items-end">
              <Button type="submit" variant="secondary" className="w-full">
                {t("inbox.filters.apply")}
              </Button>
            </div>
          </Form>

          {data.canTriage ? (
            <Form method="post" id="bulk" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="bulk">
              <Field label={t("inbox.bulk.cycle")}>
                <Select name="cycleId" defaultValue={data.cycles[0]?.id ?? ""} className="min-w-[14rem]">
                  {data.cycles.length === 0 ? <option value="">{t("inbox.bulk.noCycle")}</option> : null}
                  {data.cycles.map((c) => (
                    <option key={c.id} value={c.id}>
                      {name(c)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" name="intent" value="triage" disabled={data.cycles.length === 0} busy={busy("triage")}>
                {t("inbox.bulk.triage")}
              </Button>
              <span className="mx-1 hidden h-8 w-px bg-slate-200 sm:block" aria-hidden />
              <Field label={t("inbox.bulk.reason")} className="min-w-[12rem] flex-1">
                <Input name="reason" maxLength={500} placeholder={t("inbox.bulk.reasonPlaceholder")} />
              </Field>
              <Button type="submit" name="intent" value="dismiss" variant="secondary" busy={busy("dismiss")}>
                {t("inbox.bulk.dismiss")}
              </Button>
            </Form>
          ) : null}

          <Card>
            <div className="flex items-center justify-between px-4 py-2.5 text-sm text-slate-600">
              <span>{t("inbox.total", { count: page.total })}</span>
              {pages > 1 ? (
                <span className="flex items-center gap-3">
                  {page.page > 1 ? (
                    <Link to={pageLink(page.page - 1)} className="text-brand-700 hover:underline">
                      {t("inbox.prev")}
                    </Link>
                  ) : null}
                  <span className="tabular-nums">{t("inbox.pageOf", { page: page.page, pages })}</span>
                  {page.page < pages ? (
                    <Link to={pageLink(page.page + 1)} className="text-brand-700 hover:underline">
                      {t("inbox.next")}
                    </Link>
                  ) : null}
                </span>
              ) : null}
            </div>
            {page.items.length === 0 ? (
              <p className="border-t border-slate-100 px-4 py-8 text-center text-sm text-slate-600">{t("inbox.empty")}</p>
            ) : (
              <ul data-testid="inbox-list">
                {page.items.map((i) => (
                  <Row key={i.id} item={i} data={data} />
                ))}
              </ul>
            )}
          </Card>
        </div>

        {data.canSubmit ? (
          <Card>
            <CardHeader title={t("inbox.add.heading")} description={t("inbox.add.intro")} />
            <CardBody>
              <Form method="post" className="space-y-3" data-testid="add-feedback">
                <Field label={t("inbox.add.text")}>
                  <Textarea name="text" rows={4} required maxLength={5000} />
                </Field>
                <Field label={t("inbox.add.origin")}>
                  <Select name="origin" defaultValue="customer">
                    {FEEDBACK_ORIGINS.map((o) => (
                      <option key={o} value={o}>
                        {t(`inbox.origins.${o}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t("inbox.add.channel")} optionalLabel={t("ui.optional")}>
                  <Input name="channel" maxLength={200} />
                </Field>
                <Field label={t("inbox.add.date")}>
                  <Input type="date" name="occurredOn" defaultValue={data.today} />
                </Field>
                <Button type="submit" name="intent" value="add" busy={busy("add")}>
                  {t("inbox.add.submit")}
                </Button>
              </Form>
            </CardBody>
          </Card>
        ) : null}
      </div>
    </PageContainer>
  );
}
