/**
 * The Results tab: after the facilitator reveals a round, clusters ranked by score (their own dots
 * plus their notes' dots) with a bar and their notes, and the top notes across the board.
 * Before that it says where the vote stands.
 */
import { useTranslation } from "~/i18n/react";
import type { VisionBoardContent, VisionControlState } from "~/models/vision-doc";
import { rankResults } from "~/models/vision-results";
import { Card, CardBody, CardHeader, EmptyState } from "~/components/ui";
import { promptTitle } from "./board-types";
import { TrophyIcon } from "./icons";
import { SWATCH_CLASSES } from "./note-colours";

function Bar({ value, max, tone = "brand" }: { value: number; max: number; tone?: "brand" | "violet" }) {
  const pct = max > 0 ? Math.max(4, Math.round((value / max) * 100)) : 0;
  return (
    <span className="block h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
      <span className={`block h-full rounded-full ${tone === "violet" ? "bg-violet-500" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
    </span>
  );
}

function Rank({ rank }: { rank: number }) {
  const top = rank === 1 ? "bg-amber-400 text-amber-950" : rank === 2 ? "bg-slate-300 text-slate-800" : rank === 3 ? "bg-orange-300 text-orange-950" : "bg-slate-100 text-slate-600";
  return <span className={`grid h-7 w-7 shrink-0 place-items-center rounded-full text-xs font-bold tabular-nums ${top}`}>{rank}</span>;
}

export function VoteResults({ board, control, facilitate }: { board: VisionBoardContent; control: VisionControlState; facilitate: boolean }) {
  const { t } = useTranslation();
  const vote = control.vote;
  if (!vote || vote.status !== "revealed" || !vote.results) {
    return (
      <EmptyState
        icon={<TrophyIcon className="h-5 w-5" />}
        title={vote?.status === "open" ? t("vision.results.openTitle") : vote?.status === "closed" ? t("vision.results.closedTitle") : t("vision.results.noneTitle")}
      >
        {facilitate ? t("vision.results.hintFacilitator") : t("vision.results.hintParticipant")}
      </EmptyState>
    );
  }
  const ranked = rankResults(vote.results, board);
  const prompts = new Map(board.prompts.map((p) => [p.id, promptTitle(t, p)]));
  const votes = new Map(vote.results.map((r) => [r.targetId, r.votes]));
  const maxCluster = ranked.clusters[0]?.score ?? 0;
  const maxNote = ranked.notes[0]?.votes ?? 0;

  return (
    <div data-testid="vote-results" className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm text-slate-600">
        <h2 className="text-base font-semibold text-slate-900">{t("vision.vote.results")}</h2>
        <span>{t("vision.results.totalDots", { count: ranked.totalVotes })}</span>
        <span>{t("vision.results.budget", { count: vote.budget })}</span>
        <span className="text-xs text-slate-500">{t("vision.vote.scoreRule")}</span>
      </div>
      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader title={t("vision.results.clusters")} as="h3" />
          <CardBody className="p-0">
            {ranked.clusters.length ? (
              <ol className="divide-y divide-slate-100">
                {ranked.clusters.map((c) => {
                  const members = board.notes
                    .filter((n) => n.clusterId === c.cluster.id)
                    .map((n) => ({ n, v: votes.get(n.id) ?? 0 }))
                    .sort((a, b) => b.v - a.v);
                  const unvoted = members.filter((m) => !m.v).length;
                  return (
                    <li key={c.cluster.id} className="px-5 py-4" data-testid="result-cluster">
                      <div className="flex items-center gap-3">
                        <Rank rank={c.rank} />
                        <div className="min-w-0 flex-1">
                          <div className="flex flex-wrap items-baseline gap-x-2">
                            <span className="font-semibold text-slate-900">{c.cluster.name}</span>
                            <span className="text-xs text-slate-500">{prompts.get(c.cluster.promptId)}</span>
                          </div>
                          <div className="mt-1.5 flex items-center gap-3">
                            <Bar value={c.score} max={maxCluster} tone="violet" />
                            <span className="min-w-[3.5rem] shrink-0 whitespace-nowrap text-right text-sm font-semibold tabular-nums text-violet-800">{t("vision.vote.score", { count: c.score })}</span>
                          </div>
                          {c.directVotes ? <p className="mt-1 text-xs text-slate-500">{t("vision.results.direct", { count: c.directVotes })}</p> : null}
                        </div>
                      </div>
                      {members.some((m) => m.v) ? (
                        <ul className="ml-10 mt-3 space-y-1.5">
                          {members
                            .filter((m) => m.v)
                            .map(({ n, v }) => (
                              <li key={n.id} className="flex items-start gap-2 text-sm">
                                <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${SWATCH_CLASSES[n.colour]}`} aria-hidden />
                                <span className="min-w-0 flex-1 break-words text-slate-700">{n.text}</span>
                                <span className="shrink-0 text-xs font-semibold tabular-nums text-brand-800">{t("vision.vote.dots", { count: v })}</span>
                              </li>
                            ))}
                          {unvoted ? <li className="text-xs text-slate-400">{t("vision.results.unvoted", { count: unvoted })}</li> : null}
                        </ul>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">{t("vision.results.noClusterVotes")}</p>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("vision.results.notes")} as="h3" />
          <CardBody className="p-0">
            <ol className="divide-y divide-slate-100">
              {ranked.notes.slice(0, 12).map((n) => (
                <li key={n.note.id} className="flex items-start gap-3 px-5 py-3">
                  <Rank rank={n.rank} />
                  <div className="min-w-0 flex-1">
                    <p className="break-words text-sm text-slate-900">{n.note.text}</p>
                    <div className="mt-1.5 flex items-center gap-3">
                      <Bar value={n.votes} max={maxNote} />
                      <span className="min-w-[3rem] shrink-0 whitespace-nowrap text-right text-xs font-semibold tabular-nums text-brand-800">{t("vision.vote.dots", { count: n.votes })}</span>
                    </div>
                    <p className="mt-1 text-xs text-slate-500">{prompts.get(n.note.promptId)}</p>
                  </div>
                </li>
              ))}
            </ol>
            {ranked.notes.length > 12 ? <p className="px-5 pb-3 text-xs text-slate-500">{t("vision.results.moreRanked", { count: ranked.notes.length - 12 })}</p> : null}
            {ranked.orphanVotes ? <p className="px-5 pb-3 text-xs text-slate-500">{t("vision.results.orphans", { count: ranked.orphanVotes })}</p> : null}
          </CardBody>
        </Card>
      </div>
      <p className="flex items-center gap-2 text-xs text-slate-500">
        <TrophyIcon className="h-4 w-4" />
        {t("vision.results.next")}
      </p>
    </div>
  );
}
