/**
 * Step 5, nominations: nominate a colleague for a behaviour of the catalogue with a story
 * (`?tab=nominate`), follow what I sent and see what I received (`mine`), the reviewers' queue —
 * each story with the guideline it is evaluated against, approve or reject with a reason — and the
 * approved nominations waiting for their reward (`review`), and every nomination with filters for
 * those who read the whole program (`all`). Intents: nominate, approve, reject, reward.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { errorsFor, okIntent } from "~/components/recognition/action-errors";
import { GuidelinePanel, MedalIcon, NominationStatusBadge, PersonLine, useLocale } from "~/components/recognition/nomination-bits";
import { NominationCard } from "~/components/recognition/nomination-card";
import { NominateForm, RewardForm, ReviewActions } from "~/components/recognition/nomination-forms";
import { RouteError } from "~/components/route-error";
import { Alert, Button, Card, CardBody, CardHeader, EmptyState, Field, Select, cn } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { isNominationStatus, NOMINATION_STATUSES, reviewConflict, type NominationStatus } from "~/models/nominations";
import {
  listBehaviourTypes,
  listNominations,
  nominationAbilities,
  nominationCounts,
  nominationFormOptions,
  NOMINATION_LIST_MAX,
} from "~/models/nomination-reading.server";
import type { NominationView } from "~/models/nomination-views.server";
import { formatDate } from "~/utils/format";
import { handleNominationIntent } from "~/utils/nomination-intents.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nominations.title");

const TABS = ["nominate", "mine", "review", "all"] as const;
type Tab = (typeof TABS)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const abilities = nominationAbilities(ctx);
  const allowed: Tab[] = TABS.filter((tab) =>
    tab === "nominate" || tab === "mine" ? abilities.canSubmit : tab === "review" ? abilities.canReview : abilities.canSeeAll,
  );
  const sp = new URL(request.url).searchParams;
  const asked = sp.get("tab");
  const tab: Tab | null = allowed.includes(asked as Tab) ? (asked as Tab) : (allowed.includes("review") ? "review" : allowed[0] ?? null);
  const status = sp.get("status");
  const typeId = sp.get("type");
  const filter: { status: NominationStatus | ""; typeId: string } = { status: isNominationStatus(status) ? status : "", typeId: typeId && typeId.length <= 100 ? typeId : "" };
  const none: NominationView[] = [];
  const noTypes: { id: string; name: string; archived: boolean }[] = [];

  const [counts, options, sent, received, queue, awaiting, all, types] = await Promise.all([
    abilities.canReview ? nominationCounts(ctx.program.id) : null,
    tab === "nominate" ? nominationFormOptions(ctx) : null,
    tab === "mine" ? listNominations(ctx, { scope: "sent" }) : none,
    tab === "mine" ? listNominations(ctx, { scope: "received" }) : none,
    tab === "review" ? listNominations(ctx, { scope: "queue" }) : none,
    tab === "review" ? listNominations(ctx, { scope: "reward" }) : none,
    tab === "all" ? listNominations(ctx, { scope: "all", status: filter.status || undefined, typeId: filter.typeId || undefined }) : none,
    tab === "all" ? listBehaviourTypes(ctx.program.id) : noTypes,
  ]);
  return json({ programId: ctx.program.id, me: ctx.user.id, tab, allowed, counts, options, sent, received, queue, awaiting, all, types, filter });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const result = await handleNominationIntent(ctx, await request.formData());
  if (result instanceof Response) return result;
  if (result.ok === "nominate") return redirect(`/programs/${ctx.program.id}/frontline/nominations/${result.id}?sent=1`);
  return json(result);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Tabs({ data }: { data: Data }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nominations.tabsLabel")} className="mb-5 overflow-x-auto">
      <ul className="flex w-full min-w-max gap-0.5 rounded-lg bg-slate-100 p-1 sm:inline-flex sm:w-auto sm:gap-1">
        {data.allowed.map((tab) => {
          const active = tab === data.tab;
          const badge = tab === "review" && data.counts ? data.counts.submitted + data.counts.approved : 0;
          return (
            <li key={tab} className="flex-1 sm:flex-none">
              <Link
                to={`?tab=${tab}`}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center justify-center gap-1.5 whitespace-nowrap rounded-md px-1.5 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 sm:px-3",
                  active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                )}
                data-testid={`nominations-tab-${tab}`}
              >
                {t(`nominations.tabs.${tab}`)}
                {badge ? <span className="rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">{badge}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NominateTab({ data }: { data: Data }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { fields, message } = errorsFor(actionData, null);
  const options = data.options;
  if (!options) return null;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <Card className="min-w-0">
        <CardHeader title={t("nominations.form.title")} description={t("nominations.form.description")} />
        <CardBody>
          {options.types.length === 0 ? (
            <Alert tone="info">{t("nominations.form.noTypes")}</Alert>
          ) : options.colleagues.length === 0 ? (
            <Alert tone="info">{t("nominations.form.noColleagues")}</Alert>
          ) : (
            <NominateForm colleagues={options.colleagues} types={options.types} fields={fields} formError={message} />
          )}
        </CardBody>
      </Card>
      <aside className="min-w-0">
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:sticky lg:top-20">
          <h2 className="text-sm font-semibold text-slate-900">{t("nominations.how.title")}</h2>
          <ol className="mt-3 space-y-3">
            {(["step1", "step2", "step3", "step4"] as const).map((step, i) => (
              <li key={step} className="flex gap-3 text-sm leading-6 text-slate-700">
                <span className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-800">{i + 1}</span>
                <span>{t(`nominations.how.${step}`)}</span>
              </li>
            ))}
          </ol>
          <Link to={`/programs/${data.programId}/frontline/wall`} className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
            <MedalIcon className="h-4 w-4" />
            {t("nominations.how.wall")}
          </Link>
        </div>
      </aside>
    </div>
  );
}

function MineTab({ data }: { data: Data }) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <section aria-labelledby="sent-title">
        <h2 id="sent-title" className="mb-3 text-base font-semibold text-slate-900">
          {t("nominations.mine.sentTitle")}
        </h2>
        {data.sent.length ? (
          <ul className="space-y-3" data-testid="sent-list">
            {data.sent.map((n) => (
              <NominationCard key={n.id} n={n} programId={data.programId} showNominator={false} />
            ))}
          </ul>
        ) : (
          <EmptyState title={t("nominations.mine.sentEmpty")} />
        )}
      </section>
      <section aria-labelledby="received-title">
        <h2 id="received-title" className="mb-3 text-base font-semibold text-slate-900">
          {t("nominations.mine.receivedTitle")}
        </h2>
        {data.received.length ? (
          <ul className="space-y-3" data-testid="received-list">
            {data.received.map((n) => (
              <NominationCard key={n.id} n={n} programId={data.programId} />
            ))}
          </ul>
        ) : (
          <EmptyState title={t("nominations.mine.receivedEmpty")} />
        )}
      </section>
    </div>
  );
}

function ReviewItem({ n, data, mode }: { n: NominationView; data: Data; mode: "review" | "reward" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const { fields, message } = errorsFor(actionData, n.id);
  const conflict = reviewConflict({ nominatorId: n.nominator.id, nomineeId: n.nominee.id }, data.me);
  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={mode === "review" ? "review-item" : "reward-item"} data-id={n.id}>
      <div className="grid grid-cols-1 gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <PersonLine person={n.nominee} size="md" sub={t("nominations.card.forBehaviour", { type: n.type.name })} />
            <NominationStatusBadge status={n.status} />
          </div>
          <blockquote className="whitespace-pre-line border-l-4 border-brand-200 pl-3 text-sm leading-6 text-slate-800">{n.story}</blockquote>
          <p className="text-xs text-slate-500">
            {t("nominations.card.nominatedBy", { name: n.nominator.name })} · {t("nominations.card.sentOn", { date: formatDate(n.createdAt, locale) })} ·{" "}
            <Link to={`/programs/${data.programId}/frontline/nominations/${n.id}`} className="font-medium text-brand-700 hover:underline">
              {t("nominations.card.open")}
            </Link>
          </p>
        </div>
        {mode === "review" ? <GuidelinePanel guideline={n.guideline} typeDescription={n.type.description} /> : null}
      </div>
      <div className="border-t border-slate-100 bg-slate-50/60 px-4 py-3">
        {message ? (
          <Alert tone="danger" className="mb-3">
            {message}
          </Alert>
        ) : null}
        {conflict ? (
          <p className="text-sm text-slate-600" data-testid="review-conflict">
            {t(conflict === "own" ? "nominations.review.conflictOwn" : "nominations.review.conflictNominee")}
          </p>
        ) : mode === "review" ? (
          <ReviewActions nominationId={n.id} fields={fields} />
        ) : (
          <RewardForm nominationId={n.id} reward={{ kind: n.type.rewardKind, text: n.type.rewardText, value: n.type.rewardValue }} fields={fields} />
        )}
      </div>
    </li>
  );
}

function ReviewTab({ data }: { data: Data }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const ok = okIntent(actionData);
  return (
    <div className="space-y-8">
      {ok === "approve" || ok === "reject" || ok === "reward" ? (
        <Alert tone="success">{t(`nominations.review.${ok === "approve" ? "approved" : ok === "reject" ? "rejected" : "rewarded"}`)}</Alert>
      ) : null}
      <section aria-labelledby="queue-title">
        <div className="mb-3">
          <h2 id="queue-title" className="text-base font-semibold text-slate-900">
            {t("nominations.review.queueTitle")} <span className="font-normal text-slate-500">({data.queue.length})</span>
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("nominations.review.queueDescription")}</p>
        </div>
        {data.queue.length ? (
          <ul className="space-y-4" data-testid="review-queue">
            {data.queue.map((n) => (
              <ReviewItem key={n.id} n={n} data={data} mode="review" />
            ))}
          </ul>
        ) : (
          <EmptyState title={t("nominations.review.queueEmpty")} />
        )}
      </section>
      <section aria-labelledby="reward-title">
        <div className="mb-3">
          <h2 id="reward-title" className="text-base font-semibold text-slate-900">
            {t("nominations.review.rewardTitle")} <span className="font-normal text-slate-500">({data.awaiting.length})</span>
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("nominations.review.rewardDescription")}</p>
        </div>
        {data.awaiting.length ? (
          <ul className="space-y-4" data-testid="reward-queue">
            {data.awaiting.map((n) => (
              <ReviewItem key={n.id} n={n} data={data} mode="reward" />
            ))}
          </ul>
        ) : (
          <EmptyState title={t("nominations.review.rewardEmpty")} />
        )}
      </section>
    </div>
  );
}

function AllTab({ data }: { data: Data }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <Form method="get" className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <input type="hidden" name="tab" value="all" />
        <Field label={t("nominations.all.status")}>
          <Select name="status" defaultValue={data.filter.status}>
            <option value="">{t("nominations.all.anyStatus")}</option>
            {NOMINATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`nominations.statuses.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("nominations.all.type")}>
          <Select name="type" defaultValue={data.filter.typeId}>
            <option value="">{t("nominations.all.anyType")}</option>
            {data.types.map((ty) => (
              <option key={ty.id} value={ty.id}>
                {ty.archived ? t("recognitionWall.filters.archived", { name: ty.name }) : ty.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          {t("nominations.all.apply")}
        </Button>
      </Form>
      {data.all.length ? (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2" data-testid="all-list">
          {data.all.map((n) => (
            <NominationCard key={n.id} n={n} programId={data.programId} />
          ))}
        </ul>
      ) : (
        <EmptyState title={t("nominations.all.empty")} />
      )}
      {data.all.length >= NOMINATION_LIST_MAX ? <p className="text-sm text-slate-500">{t("nominations.all.limited", { count: NOMINATION_LIST_MAX })}</p> : null}
    </div>
  );
}

export default function Nominations() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="mb-4 max-w-3xl text-sm leading-6 text-slate-600">{t("nominations.intro")}</p>
      {data.allowed.length > 1 ? <Tabs data={data} /> : null}
      {data.tab && !data.allowed.includes("nominate") ? <p className="mb-4 text-sm text-slate-500">{t("nominations.form.readOnly")}</p> : null}
      {data.tab === "nominate" ? <NominateTab data={data} /> : null}
      {data.tab === "mine" ? <MineTab data={data} /> : null}
      {data.tab === "review" ? <ReviewTab data={data} /> : null}
      {data.tab === "all" ? <AllTab data={data} /> : null}
      {!data.tab ? <Alert tone="info">{t("nominations.form.readOnly")}</Alert> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
