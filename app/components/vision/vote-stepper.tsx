/** "− ●2 +": my dots on one note or cluster while a round is open. The server has the final word. */
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { BoardProps } from "./board-types";

export function VoteStepper({
  ballot,
  targetId,
  addTestId,
  mineTestId,
  label,
}: {
  ballot: NonNullable<BoardProps["ballot"]>;
  targetId: string;
  addTestId: string;
  mineTestId?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const vote = useFetcher<{ error?: { message: string } }>();
  const mine = ballot.votes[targetId] ?? 0;
  const busy = vote.state !== "idle";
  const send = (delta: string) => vote.submit({ intent: "vote", roundId: ballot.roundId, targetId, delta }, { method: "post" });
  const btn =
    "grid h-6 w-6 place-items-center rounded-full text-sm leading-none text-slate-600 hover:bg-slate-100 hover:text-slate-900 " +
    "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-30 disabled:hover:bg-transparent";
  return (
    <span className="inline-flex flex-col items-end">
      <span
        role="group"
        aria-label={t("vision.vote.onTarget", { target: label })}
        className={`inline-flex items-center rounded-full border bg-white/90 px-0.5 shadow-sm ${mine ? "border-brand-300" : "border-slate-200"}`}
      >
        <button type="button" className={btn} aria-label={t("vision.vote.remove")} disabled={mine === 0 || busy} onClick={() => send("-1")}>
          −
        </button>
        <span className={`inline-flex min-w-[2.25rem] items-center justify-center gap-1 text-xs font-semibold tabular-nums ${mine ? "text-brand-700" : "text-slate-400"}`}>
          <span aria-hidden className={`h-2 w-2 rounded-full ${mine ? "bg-brand-600" : "bg-slate-300"}`} />
          <span data-testid={mineTestId} aria-label={t("vision.vote.myDotsHere")}>
            {mine}
          </span>
        </span>
        <button
          type="button"
          className={btn}
          aria-label={t("vision.vote.add")}
          data-testid={addTestId}
          disabled={ballot.remaining === 0 || busy}
          onClick={() => send("1")}
        >
          +
        </button>
      </span>
      {vote.data?.error ? (
        <span className="mt-1 max-w-[14rem] text-right text-xs text-red-700" role="alert">
          {vote.data.error.message}
        </span>
      ) : null}
    </span>
  );
}
