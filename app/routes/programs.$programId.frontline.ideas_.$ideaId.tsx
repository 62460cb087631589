/**
 * One frontline idea: its text and photo, who sent it and when, the journey map and touchpoint it
 * is about, the small-loop cycle it was sent to, and what became of it as a full progress trail
 * (sent → triaged into a cycle's step ① → part of an initiative → done; or dismissed with the
 * reason). Everyone who can see the program reads it; the project team gets a link to the inbox.
 * (`ideas_` keeps the page out of the idea box's layout.)
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { IdeaPlace } from "~/components/ideas/idea-card";
import { LoopIcon } from "~/components/ideas/idea-icons";
import { IdeaStageBadge, IdeaTrail } from "~/components/ideas/idea-status";
import { RouteError } from "~/components/route-error";
import { Avatar, Badge, ButtonLink, Card, CardBody, CardHeader } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { getIdea } from "~/models/ideas.server";
import { can } from "~/models/permissions";
import { runDomain } from "~/utils/domain-http.server";
import { formatDateTime } from "~/utils/format";
import { pageTitleText, useLocale } from "~/utils/root-data";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitleText(matches, data?.idea.title ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const idea = await runDomain(ctx.locale, () => getIdea(ctx, params.ideaId));
  return json({ idea, canTriage: can(ctx.access, "feedback.triage"), mine: idea.author?.id === ctx.user.id });
}

export default function IdeaPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { idea, canTriage, mine } = useLoaderData<typeof loader>();
  const base = `/programs/${idea.programId}`;
  const cycleName = (c: { kind: "small" | "large"; number: number }) => t("loops.cycleName", { kind: t(`loops.kinds.${c.kind}.name`), number: c.number });
  return (
    <div className="space-y-4" data-testid="idea-page">
      <Link to={`${base}/frontline/ideas`} className="inline-flex text-sm text-brand-700 hover:underline">
        ← {t("ideas.title")}
      </Link>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="min-w-0">
          <CardBody className="space-y-4 py-5">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <h2 className="min-w-0 break-words text-xl font-semibold text-slate-900">{idea.title}</h2>
              <IdeaStageBadge stage={idea.status.stage} />
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
              <span className="inline-flex items-center gap-2">
                <Avatar name={idea.author?.name ?? "?"} seed={idea.author?.id} size="sm" />
                <span className="font-medium text-slate-800">{idea.author?.name ?? t("ideas.formerMember")}</span>
                {mine ? <Badge tone="brand">{t("ideas.you")}</Badge> : null}
              </span>
              <span>{formatDateTime(idea.createdAt, locale)}</span>
            </div>
            <p className="whitespace-pre-wrap break-words text-base leading-7 text-slate-800" data-testid="idea-text">
              {idea.text}
            </p>
            {idea.photo ? (
              <a href={idea.photo.url} target="_blank" rel="noreferrer" className="block w-fit max-w-full">
                <img
                  src={idea.photo.url}
                  alt={t("ideas.photoAlt", { title: idea.title })}
                  className="max-h-96 max-w-full rounded-lg object-contain ring-1 ring-slate-200"
                  data-testid="idea-photo-full"
                />
              </a>
            ) : null}
            <dl className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-2">
              <div className="min-w-0">
                <dt className="text-slate-500">{t("ideas.detail.place")}</dt>
                <dd className="mt-0.5 text-slate-900">{idea.map ? <IdeaPlace idea={idea} /> : t("ideas.detail.noPlace")}</dd>
              </div>
              <div className="min-w-0">
                <dt className="text-slate-500">{t("ideas.detail.sentTo")}</dt>
                <dd className="mt-0.5 flex items-center gap-1.5 text-slate-900" data-testid="idea-sent-to">
                  {idea.sentTo ? (
                    <>
                      <LoopIcon className="h-4 w-4 text-brand-700" />
                      {cycleName(idea.sentTo)}
                      {idea.sentTo.status === "closed" ? <span className="text-slate-500">({t("ideas.detail.cycleClosed")})</span> : null}
                    </>
                  ) : (
                    t("ideas.detail.noCycle")
                  )}
                </dd>
              </div>
            </dl>
          </CardBody>
        </Card>

        <div className="space-y-4">
          <Card>
            <CardHeader title={t("ideas.detail.fate")} as="h2" />
            <CardBody>
              <IdeaTrail status={idea.status} />
            </CardBody>
          </Card>
          {idea.status.initiatives.length > 1 ? (
            <Card>
              <CardHeader title={t("ideas.detail.initiatives")} as="h2" />
              <CardBody>
                <ul className="space-y-2 text-sm">
                  {idea.status.initiatives.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
                      <span className="min-w-0 break-words text-slate-900">{i.title}</span>
                      <Badge tone={i.status === "done" ? "success" : i.status === "dropped" ? "neutral" : "brand"}>{t(`initiatives.statuses.${i.status}`)}</Badge>
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
          ) : null}
          {canTriage ? (
            <ButtonLink to={`${base}/loops/inbox?source=idea&q=${encodeURIComponent(idea.title.slice(0, 60))}`} variant="secondary" className="w-full">
              {t("ideas.detail.openInbox")}
            </ButtonLink>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
