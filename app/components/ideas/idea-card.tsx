/**
 * One idea in a list ("My ideas", "All ideas"): photo thumbnail, title (to the idea page), who
 * sent it and when, the journey place, its stage and compact progress trail.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { IdeaView } from "~/models/ideas.server";
import type { SerializeFrom } from "@remix-run/node";
import { formatDate } from "~/utils/format";
import { useLocale } from "~/utils/root-data";
import { LightbulbIcon, MapPinIcon } from "./idea-icons";
import { IdeaStageBadge, IdeaTrailCompact } from "./idea-status";

export type IdeaItem = SerializeFrom<IdeaView>;

export function IdeaPlace({ idea }: { idea: Pick<IdeaItem, "map" | "touchpoint"> }) {
  if (!idea.map) return null;
  return (
    <span className="inline-flex min-w-0 items-center gap-1">
      <MapPinIcon className="h-3.5 w-3.5 shrink-0 text-slate-500" />
      <span className="truncate">
        {idea.map.name}
        {idea.touchpoint ? ` › ${idea.touchpoint.text}` : ""}
      </span>
    </span>
  );
}

export function IdeaCard({ idea, showAuthor = true }: { idea: IdeaItem; showAuthor?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <li className="flex gap-3 border-t border-slate-100 px-4 py-4 first:border-t-0 sm:px-5" data-testid="idea-card">
      {idea.photo ? (
        <img src={idea.photo.url} alt="" loading="lazy" className="h-14 w-14 shrink-0 rounded-md object-cover ring-1 ring-slate-200 sm:h-16 sm:w-16" />
      ) : (
        <span className="flex h-14 w-14 shrink-0 items-center justify-center rounded-md bg-amber-50 text-amber-600 ring-1 ring-amber-100 sm:h-16 sm:w-16" aria-hidden>
          <LightbulbIcon className="h-6 w-6" />
        </span>
      )}
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <Link to={`/programs/${idea.programId}/frontline/ideas/${idea.id}`} className="min-w-0 break-words font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {idea.title}
          </Link>
          <IdeaStageBadge stage={idea.status.stage} />
        </div>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-600">
          {showAuthor ? <span>{idea.author?.name ?? t("ideas.formerMember")}</span> : null}
          <span>{formatDate(idea.createdAt, locale)}</span>
          {idea.map ? <IdeaPlace idea={idea} /> : null}
        </p>
        <IdeaTrailCompact status={idea.status} />
      </div>
    </li>
  );
}
