/**
 * A nomination in a list (my nominations, all nominations): nominee, behaviour, status, the story
 * (clamped), who sent it and when, the reason of a rejection, the reward once granted, and a link to
 * its page with the full timeline.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { NominationView } from "~/models/nomination-views.server";
import { formatDate } from "~/utils/format";
import { ChevronRightIcon } from "../ui/icons";
import { NominationStatusBadge, PersonLine, RewardLine, useLocale } from "./nomination-bits";

export function NominationCard({ n, programId, showNominator = true }: { n: NominationView; programId: string; showNominator?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="nomination-card" data-id={n.id}>
      <div className="flex items-start justify-between gap-3">
        <PersonLine person={n.nominee} size="md" sub={t("nominations.card.forBehaviour", { type: n.type.name })} />
        <NominationStatusBadge status={n.status} />
      </div>
      <p className="mt-3 line-clamp-4 whitespace-pre-line text-sm leading-6 text-slate-800">{n.story}</p>
      {n.status === "rejected" && n.reviewReason ? (
        <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{t("nominations.card.reason", { reason: n.reviewReason })}</p>
      ) : null}
      {n.reward ? <RewardLine kind={n.type.rewardKind} text={n.reward.text} value={n.reward.value} className="mt-3 text-sm" /> : null}
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-xs text-slate-500">
        <span>
          {showNominator ? `${t("nominations.card.nominatedBy", { name: n.nominator.name })} · ` : null}
          {t("nominations.card.sentOn", { date: formatDate(n.createdAt, locale) })}
        </span>
        <Link
          to={`/programs/${programId}/frontline/nominations/${n.id}`}
          className="inline-flex items-center gap-0.5 rounded font-medium text-brand-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          {t("nominations.card.open")}
          <ChevronRightIcon className="h-3.5 w-3.5" />
        </Link>
      </div>
    </li>
  );
}
