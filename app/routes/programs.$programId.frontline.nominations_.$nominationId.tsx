/**
 * One nomination: the nominee, the behaviour, the story, where it stands on the path
 * submitted → approved → rewarded (or rejected, with the reviewer's reason), the guideline it is
 * evaluated against, the reward as granted, and the full timeline — every transition with who and
 * when and the note given. Reviewers decide or grant the reward here too (not on a nomination they
 * sent or one about themselves). Nominations are never deleted. (`nominations_` keeps this page
 * out of the list page's layout while its URL stays /frontline/nominations/:id.)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { errorsFor, okIntent } from "~/components/recognition/action-errors";
import { GuidelinePanel, NominationStatusBadge, PersonLine, QuoteIcon, RewardLine, StatusPath, useLocale } from "~/components/recognition/nomination-bits";
import { RewardForm, ReviewActions } from "~/components/recognition/nomination-forms";
import { RouteError } from "~/components/route-error";
import { Alert, Avatar, Card, CardBody, CardHeader, cn } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { reviewConflict, type NominationStatus } from "~/models/nominations";
import { getNomination, nominationAbilities } from "~/models/nomination-reading.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { handleNominationIntent } from "~/utils/nomination-intents.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nominations.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  try {
    const nomination = await getNomination(ctx, params.nominationId);
    const { canReview } = nominationAbilities(ctx);
    return json({ programId: ctx.program.id, me: ctx.user.id, nomination, canReview });
  } catch (error) {
    if (error instanceof DomainError) throw domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  form.set("nominationId", params.nominationId ?? "");
  const result = await handleNominationIntent(ctx, form);
  return result instanceof Response ? result : json(result);
}

const DOT: Record<NominationStatus, string> = {
  submitted: "bg-amber-500",
  approved: "bg-brand-600",
  rejected: "bg-slate-500",
  rewarded: "bg-emerald-600",
};

function Timeline({ events }: { events: ReturnType<typeof useLoaderData<typeof loader>>["nomination"]["events"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="relative space-y-5" data-testid="nomination-timeline">
      {events.map((e, i) => (
        <li key={e.id} className="relative flex gap-3" data-testid="timeline-event" data-to={e.to}>
          {i < events.length - 1 ? <span aria-hidden className="absolute left-[0.9rem] top-8 h-[calc(100%-0.75rem)] w-px bg-slate-200" /> : null}
          <span className="relative h-7 w-7 shrink-0 self-start">
            {e.actor ? <Avatar name={e.actor.name} seed={e.actor.id} size="sm" /> : <Avatar name="?" size="sm" />}
            <span aria-hidden className={cn("absolute -bottom-0.5 -right-0.5 h-3 w-3 rounded-full ring-2 ring-white", DOT[e.to])} />
          </span>
          <div className="min-w-0 flex-1 pt-0.5">
            <p className="text-sm text-slate-900">{t(`nominations.detail.events.${e.to}`, { name: e.actor?.name ?? t("nominations.detail.formerMember") })}</p>
            <p className="text-xs text-slate-500">
              <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
            </p>
            {e.note ? <p className="mt-1.5 whitespace-pre-line rounded-md bg-slate-50 px-3 py-2 text-sm leading-6 text-slate-700">{e.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

export default function NominationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { programId, me, nomination: n, canReview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { fields, message } = errorsFor(actionData, n.id);
  const ok = okIntent(actionData);
  const conflict = reviewConflict({ nominatorId: n.nominator.id, nomineeId: n.nominee.id }, me);
  const base = `/programs/${programId}/frontline`;
  const decide = canReview && !conflict && (n.status === "submitted" || n.status === "approved");
  return (
    <div data-testid="nomination-page">
      <nav aria-label={t("nominations.detail.back")} className="mb-4 flex items-center gap-1 text-sm text-slate-600">
        <Link to={`${base}/nominations`} className="hover:text-brand-700 hover:underline">
          {t("nominations.detail.back")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="truncate text-slate-900">{n.nominee.name}</span>
      </nav>
      {params.get("sent") === "1" && n.nominator.id === me && n.status === "submitted" ? (
        <Alert tone="success" className="mb-4">
          {t("nominations.sent")}
        </Alert>
      ) : null}
      {ok === "approve" || ok === "reject" || ok === "reward" ? (
        <Alert tone="success" className="mb-4">
          {t(`nominations.review.${ok === "approve" ? "approved" : ok === "reject" ? "rejected" : "rewarded"}`)}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardBody className="space-y-4 py-5">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <PersonLine person={n.nominee} size="lg" sub={t("nominations.card.forBehaviour", { type: n.type.name })} />
                <NominationStatusBadge status={n.status} />
              </div>
              <StatusPath status={n.status} />
              <figure className="relative rounded-lg bg-slate-50 px-4 py-4 sm:px-5">
                <QuoteIcon className="absolute left-3 top-3 h-5 w-5 text-brand-200" />
                <blockquote className="whitespace-pre-line pl-7 text-[15px] leading-7 text-slate-800" data-testid="nomination-story">
                  {n.story}
                </blockquote>
              </figure>
              <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
                <div>
                  <dt className="text-xs font-medium text-slate-500">{t("nominations.detail.nominator")}</dt>
                  <dd className="mt-0.5 text-slate-900">
                    {n.nominator.name} · {formatDate(n.createdAt, locale)}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium text-slate-500">{t("nominations.detail.behaviour")}</dt>
                  <dd className="mt-0.5 text-slate-900">
                    {n.type.name}
                    {n.type.archived ? <span className="ml-1.5 text-xs text-slate-500">({t("nominations.card.archivedType")})</span> : null}
                  </dd>
                </div>
                {n.reviewReason ? (
                  <div className="sm:col-span-2">
                    <dt className="text-xs font-medium text-slate-500">{t("nominations.detail.reviewReason")}</dt>
                    <dd className="mt-0.5 whitespace-pre-line text-slate-900">{n.reviewReason}</dd>
                  </div>
                ) : null}
                {n.reward ? (
                  <div className="sm:col-span-2">
                    <dt className="text-xs font-medium text-slate-500">{t("nominations.reward.granted")}</dt>
                    <dd className="mt-1">
                      <RewardLine kind={n.type.rewardKind} text={n.reward.text} value={n.reward.value} className="text-sm" />
                    </dd>
                  </div>
                ) : null}
              </dl>
              {n.status === "rewarded" ? (
                <Link to={`${base}/wall`} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
                  {t("nominations.detail.onWall")}
                  <ChevronRightIcon className="h-4 w-4" />
                </Link>
              ) : null}
            </CardBody>
          </Card>

          {decide ? (
            <Card data-testid="decision-card">
              <CardHeader title={n.status === "submitted" ? t("nominations.detail.decide") : t("nominations.detail.grant")} />
              <CardBody>
                {message ? (
                  <Alert tone="danger" className="mb-3">
                    {message}
                  </Alert>
                ) : null}
                {n.status === "submitted" ? (
                  <ReviewActions nominationId={n.id} fields={fields} />
                ) : (
                  <RewardForm nominationId={n.id} reward={{ kind: n.type.rewardKind, text: n.type.rewardText, value: n.type.rewardValue }} fields={fields} />
                )}
              </CardBody>
            </Card>
          ) : canReview && conflict && (n.status === "submitted" || n.status === "approved") ? (
            <Alert tone="info">{t(conflict === "own" ? "nominations.review.conflictOwn" : "nominations.review.conflictNominee")}</Alert>
          ) : null}

          <Card>
            <CardHeader title={t("nominations.detail.timeline")} description={t("nominations.detail.timelineDescription")} />
            <CardBody>
              <Timeline events={n.events} />
            </CardBody>
          </Card>
        </div>
        <aside className="min-w-0">
          <GuidelinePanel guideline={n.guideline} typeDescription={n.type.description} className="lg:sticky lg:top-20" />
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
