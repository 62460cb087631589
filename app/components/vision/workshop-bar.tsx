/**
 * The workshop bar: pinned to the top of the page during a live workshop, so everyone always sees
 * the current agenda section, the shared countdown, whether the board is locked or anonymous, the
 * vote (and my dots left), and can say "I'm done". The facilitator opens a second row with the
 * controls: timer, lock, anonymous, and the dot-vote round (open with a budget, close, reveal).
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Button, Input } from "~/components/ui";
import { CheckIcon, ChevronDownIcon, LockIcon } from "~/components/ui/icons";
import { timerRemaining, type VisionControlState } from "~/models/vision-doc";
import { AgendaDialog } from "./agenda-dialog";
import { EyeOffIcon, PauseIcon, PlayIcon, SkipIcon, SlidersIcon, TimerIcon } from "./icons";
import { ErrorLine, formatMs, useNow, type ActionData } from "./shared";

const PANEL_KEY = "cx:vision:facilitator-panel";

function Divider() {
  return <span className="hidden h-8 w-px bg-slate-200 sm:block" aria-hidden />;
}

function DotsLeft({ remaining, budget }: { remaining: number; budget: number }) {
  const shown = Math.min(budget, 10);
  return (
    <span className="hidden items-center gap-0.5 sm:inline-flex" aria-hidden>
      {Array.from({ length: shown }, (_, i) => (
        <span key={i} className={`h-2 w-2 rounded-full ${i < remaining ? "bg-brand-600" : "bg-brand-200"}`} />
      ))}
    </span>
  );
}

export function WorkshopBar({
  boardId,
  control,
  me,
  perms,
  ballot,
  progress,
  resultsHref,
}: {
  boardId: string;
  control: VisionControlState;
  me: { id: string };
  perms: { participate: boolean; facilitate: boolean };
  ballot: { roundId: string; remaining: number; used: number; budget: number } | null;
  progress: { voters: number; dotsUsed: number } | null;
  resultsHref: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ActionData>();
  const now = useNow();
  const panelId = useId();
  const [agendaOpen, setAgendaOpen] = useState(false);
  const [panelOpen, setPanelOpen] = useState(true);
  useEffect(() => {
    const saved = window.localStorage.getItem(PANEL_KEY);
    if (saved !== null) setPanelOpen(saved === "1");
    else if (window.matchMedia("(max-width: 639px)").matches) setPanelOpen(false);
  }, []);
  const togglePanel = () =>
    setPanelOpen((o) => {
      window.localStorage.setItem(PANEL_KEY, o ? "0" : "1");
      return !o;
    });

  const post = (data: Record<string, string>) => fetcher.submit({ boardId, ...data }, { method: "post" });
  const remaining = timerRemaining(control.timer, now);
  const sectionIndex = control.agenda.findIndex((a) => a.id === control.currentSectionId);
  const current = sectionIndex >= 0 ? control.agenda[sectionIndex] : null;
  const doneHere = current ? (control.done[current.id] ?? []) : [];
  const iAmDone = doneHere.includes(me.id);
  const vote = control.vote;
  const timerTone =
    remaining === null ? "text-slate-400" : remaining === 0 && control.timer.running ? "text-red-600" : remaining <= 60_000 && control.timer.running ? "text-amber-600" : control.timer.running ? "text-slate-900" : "text-slate-500";

  return (
    <div className="sticky top-14 z-20 -mx-1 mb-2 bg-slate-50 px-1 pb-2 pt-2" data-testid="workshop-bar">
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-4">
          {/* Agenda section */}
          <button
            type="button"
            onClick={() => setAgendaOpen(true)}
            className="group -mx-1.5 min-w-0 rounded-md px-1.5 py-0.5 text-left hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            aria-haspopup="dialog"
            data-testid="agenda-button"
          >
            <span className="block text-[11px] font-medium uppercase tracking-wide text-slate-500">
              {current ? t("vision.bar.section", { number: sectionIndex + 1, total: control.agenda.length }) : t("vision.facilitation.agenda")}
            </span>
            <span className="block max-w-[16rem] truncate text-sm font-semibold text-slate-900 group-hover:text-brand-800">
              {current ? current.title : control.agenda.length ? t("vision.bar.notStarted") : t("vision.bar.noAgenda")}
            </span>
          </button>

          {/* Countdown */}
          <div className="flex items-center gap-2" role="timer" aria-label={t("vision.bar.timer")}>
            <TimerIcon className={`h-5 w-5 ${timerTone}`} />
            <span className={`font-mono text-2xl font-semibold tabular-nums leading-none ${timerTone}`} data-testid="timer" aria-live="off">
              {remaining === null ? "--:--" : formatMs(remaining)}
            </span>
            {remaining !== null && !control.timer.running ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">{t("vision.bar.paused")}</span> : null}
          </div>

          <Divider />

          {/* Vote */}
          {vote ? (
            <div className="flex items-center gap-2 text-sm" data-testid="vote-status">
              {vote.status === "open" ? (
                <span className="inline-flex items-center gap-2 rounded-full bg-brand-50 px-3 py-1 text-brand-900 ring-1 ring-inset ring-brand-200">
                  <span className="h-2 w-2 animate-pulse rounded-full bg-brand-600" aria-hidden />
                  <span className="font-medium">{t("vision.bar.voteOpen")}</span>
                  {ballot ? (
                    <>
                      <DotsLeft remaining={ballot.remaining} budget={ballot.budget} />
                      <span className="font-semibold tabular-nums" data-testid="dots-left">
                        {t("vision.vote.dotsLeft", { count: ballot.remaining })}
                      </span>
                    </>
                  ) : (
                    <span className="text-brand-800">{t("vision.bar.budgetEach", { count: vote.budget })}</span>
                  )}
                </span>
              ) : vote.status === "closed" ? (
                <span className="rounded-full bg-slate-100 px-3 py-1 text-slate-700">{t("vision.bar.voteClosed")}</span>
              ) : (
                <Link
                  to={resultsHref}
                  preventScrollReset
                  className="inline-flex items-center gap-1.5 rounded-full bg-violet-50 px-3 py-1 font-medium text-violet-800 ring-1 ring-inset ring-violet-200 hover:bg-violet-100"
                >
                  {t("vision.bar.revealed")}
                </Link>
              )}
            </div>
          ) : null}

          {control.locked ? (
            <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="locked-badge">
              <LockIcon className="h-3.5 w-3.5" />
              {t("vision.facilitation.locked")}
            </span>
          ) : null}
          {control.anonymous ? (
            <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-200">
              <EyeOffIcon className="h-3.5 w-3.5" />
              {t("vision.facilitation.anonymous")}
            </span>
          ) : null}

          <div className="ml-auto flex flex-wrap items-center gap-2">
            {current ? (
              <div className="flex items-center gap-2">
                <span className="text-xs text-slate-500" data-testid="done-count">
                  {t("vision.facilitation.doneCount", { count: doneHere.length })}
                </span>
                {perms.participate ? (
                  <Button
                    size="sm"
                    variant={iAmDone ? "secondary" : "primary"}
                    aria-pressed={iAmDone}
                    className={iAmDone ? "border-emerald-300 bg-emerald-50 text-emerald-800 hover:bg-emerald-100" : ""}
                    onClick={() => post({ intent: "done", sectionId: current.id, value: iAmDone ? "0" : "1" })}
                    data-testid="done-toggle"
                  >
                    {iAmDone ? <CheckIcon className="h-4 w-4" /> : null}
                    {t("vision.facilitation.done")}
                  </Button>
                ) : null}
              </div>
            ) : null}
            {perms.facilitate ? (
              <Button size="sm" variant="ghost" aria-expanded={panelOpen} aria-controls={panelId} onClick={togglePanel} data-testid="facilitator-toggle">
                <SlidersIcon className="h-4 w-4" />
                {t("vision.bar.facilitate")}
                <ChevronDownIcon className={`h-4 w-4 transition-transform ${panelOpen ? "rotate-180" : ""}`} />
              </Button>
            ) : null}
          </div>
        </div>

        {perms.facilitate && panelOpen ? (
          <div id={panelId} className="flex flex-wrap items-center gap-x-5 gap-y-2.5 border-t border-slate-100 bg-slate-50/80 px-3 py-2 sm:px-4" data-testid="facilitation-panel">
            <div className="flex items-center gap-1.5" role="group" aria-label={t("vision.bar.timerControls")}>
              {control.timer.running ? (
                <Button size="sm" variant="secondary" onClick={() => post({ intent: "timerPause" })}>
                  <PauseIcon className="h-3.5 w-3.5" />
                  {t("vision.facilitation.pause")}
                </Button>
              ) : (
                <Button size="sm" variant="secondary" onClick={() => post({ intent: "timerStart" })} data-testid="timer-start">
                  <PlayIcon className="h-3.5 w-3.5" />
                  {t("vision.facilitation.start")}
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={() => post({ intent: "timerAddMinute" })}>
                {t("vision.facilitation.addMinute")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => post({ intent: "nextSection" })} disabled={!control.agenda.length}>
                <SkipIcon className="h-3.5 w-3.5" />
                {t("vision.facilitation.next")}
              </Button>
            </div>
            <span className="hidden h-6 w-px bg-slate-200 md:block" aria-hidden />
            <div className="flex items-center gap-1.5" role="group" aria-label={t("vision.bar.boardControls")}>
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={control.locked}
                className={control.locked ? "bg-amber-100 text-amber-900 hover:bg-amber-200" : ""}
                data-testid="toggle-lock"
                onClick={() => post({ intent: "lock", value: control.locked ? "0" : "1" })}
              >
                <LockIcon className="h-3.5 w-3.5" />
                {control.locked ? t("vision.facilitation.unlock") : t("vision.facilitation.lock")}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={control.anonymous}
                className={control.anonymous ? "bg-slate-200 text-slate-900 hover:bg-slate-300" : ""}
                onClick={() => post({ intent: "anonymous", value: control.anonymous ? "0" : "1" })}
              >
                <EyeOffIcon className="h-3.5 w-3.5" />
                {control.anonymous ? t("vision.facilitation.showAuthors") : t("vision.facilitation.hideAuthors")}
              </Button>
            </div>
            <span className="hidden h-6 w-px bg-slate-200 md:block" aria-hidden />
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("vision.vote.title")}>
              {vote && vote.status !== "revealed" ? (
                <>
                  {vote.status === "open" && progress ? (
                    <span className="text-xs text-slate-600" data-testid="vote-progress">
                      {t("vision.vote.progress", { voters: progress.voters, dots: progress.dotsUsed })}
                    </span>
                  ) : null}
                  {vote.status === "open" ? (
                    <Button size="sm" variant="secondary" onClick={() => post({ intent: "closeRound", roundId: vote.roundId })}>
                      {t("vision.vote.close")}
                    </Button>
                  ) : null}
                  <Button size="sm" onClick={() => post({ intent: "revealRound", roundId: vote.roundId })} data-testid="reveal">
                    {t("vision.vote.reveal")}
                  </Button>
                </>
              ) : (
                <fetcher.Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="openRound" />
                  <input type="hidden" name="boardId" value={boardId} />
                  <label className="flex items-center gap-1.5 whitespace-nowrap text-sm text-slate-700">
                    {t("vision.vote.budget")}
                    <Input name="budget" type="number" min={1} max={50} defaultValue={5} className="h-8 w-16 px-2" data-testid="budget" />
                  </label>
                  <Button size="sm" type="submit" data-testid="open-round">
                    {vote ? t("vision.bar.newRound") : t("vision.vote.openRound")}
                  </Button>
                </fetcher.Form>
              )}
            </div>
            <ErrorLine data={fetcher.data} className="w-full text-xs" />
          </div>
        ) : (
          <ErrorLine data={fetcher.data} className="border-t border-slate-100 px-4 py-2 text-xs" />
        )}
      </div>
      <AgendaDialog open={agendaOpen} onOpenChange={setAgendaOpen} boardId={boardId} control={control} facilitate={perms.facilitate} />
    </div>
  );
}
