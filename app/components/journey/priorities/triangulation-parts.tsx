/**
 * Pieces of the triangulation UI shared by the pain-point drawer (pain-point-scores.tsx) and the
 * priorities tab: the two scores on one 1–5 scale, the flag badge, the "how is this computed"
 * explanation, the last review and leadership's review form.
 */
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { isLocale, type Locale } from "~/i18n/config";
import type { PainPointReviewView } from "~/models/pain-points.server";
import { disagrees, reviewCovers, round1 } from "~/models/triangulation";
import { Badge, Button, Textarea, cn } from "~/components/ui";
import { AlertIcon, CheckCircleIcon, ChevronRightIcon } from "~/components/ui/icons";
import { formatDateTime, formatNumber } from "~/utils/format";
import { isApiErrorBody } from "~/utils/http";

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : "zh-CN";
}

export function formatScore(value: number, locale: Locale): string {
  return formatNumber(round1(value), locale, { minimumFractionDigits: Number.isInteger(round1(value)) ? 0 : 1, maximumFractionDigits: 1 });
}

export type FlagState = "flagged" | "reviewed" | "agree" | "pending";

export function flagState(topDown: number, bottomUp: number | null, margin: number, review: PainPointReviewView | null | undefined): FlagState {
  if (bottomUp == null) return "pending";
  if (!disagrees(topDown, bottomUp, margin)) return "agree";
  return reviewCovers(review, topDown, bottomUp) ? "reviewed" : "flagged";
}

export function FlagBadge({ state, className }: { state: FlagState; className?: string }) {
  const { t } = useTranslation();
  const tone = state === "flagged" ? "danger" : state === "reviewed" ? "violet" : state === "agree" ? "success" : "neutral";
  return (
    <Badge tone={tone} className={className} data-testid={`flag-${state}`}>
      {state === "flagged" ? <AlertIcon className="h-3.5 w-3.5" /> : state === "reviewed" || state === "agree" ? <CheckCircleIcon className="h-3.5 w-3.5" /> : null}
      {t(`painPoints.flag.${state}`)}
    </Badge>
  );
}

const pct = (v: number) => `${((v - 1) / 4) * 100}%`;

/** Both scores on one 1–5 scale: the gap between them is what triangulation looks at. */
export function ScoreScale({ topDown, bottomUp, flagged }: { topDown: number; bottomUp: number | null; flagged: boolean }) {
  const lo = bottomUp == null ? topDown : Math.min(topDown, bottomUp);
  const hi = bottomUp == null ? topDown : Math.max(topDown, bottomUp);
  return (
    <div className="px-2 pb-1 pt-3" aria-hidden>
      <div className="relative h-2 rounded-full bg-slate-100">
        {bottomUp != null ? (
          <div
            className={cn("absolute inset-y-0 rounded-full", flagged ? "bg-red-200" : "bg-slate-200")}
            style={{ left: pct(lo), width: `calc(${pct(hi)} - ${pct(lo)})` }}
          />
        ) : null}
        <span className="absolute top-1/2 h-4 w-4 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-brand-700 shadow" style={{ left: pct(topDown) }} />
        {bottomUp != null ? (
          <span
            className="absolute top-1/2 h-4 w-4 -translate-x-1/2 -translate-y-1/2 rotate-45 rounded-[3px] border-2 border-white bg-amber-500 shadow"
            style={{ left: pct(bottomUp) }}
          />
        ) : null}
      </div>
      <div className="mt-1 flex justify-between text-[10px] tabular-nums text-slate-400">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n}>{n}</span>
        ))}
      </div>
    </div>
  );
}

/** The two scores side by side, with their meaning. */
export function ScorePair({ topDown, bottomUp }: { topDown: number; bottomUp: number | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="grid grid-cols-2 gap-2">
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2" data-testid="score-top-down">
        <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
          <span className="h-2.5 w-2.5 rounded-full bg-brand-700" aria-hidden />
          {t("painPoints.scores.topDown")}
        </p>
        <p className="mt-0.5 text-xl font-semibold tabular-nums text-slate-900">
          {formatScore(topDown, locale)} <span className="text-xs font-normal text-slate-500">{t("painPoints.scores.outOf")}</span>
        </p>
        <p className="text-[11px] leading-4 text-slate-500">{t("painPoints.scores.topDownHint")}</p>
      </div>
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2" data-testid="score-bottom-up">
        <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
          <span className="h-2.5 w-2.5 rotate-45 rounded-[2px] bg-amber-500" aria-hidden />
          {t("painPoints.scores.bottomUp")}
        </p>
        {bottomUp == null ? (
          <p className="mt-1 text-sm font-medium text-slate-500">{t("painPoints.scores.noFeedback")}</p>
        ) : (
          <p className="mt-0.5 text-xl font-semibold tabular-nums text-slate-900">
            {formatScore(bottomUp, locale)} <span className="text-xs font-normal text-slate-500">{t("painPoints.scores.outOf")}</span>
          </p>
        )}
        <p className="text-[11px] leading-4 text-slate-500">{t("painPoints.scores.bottomUpHint")}</p>
      </div>
    </div>
  );
}

/** "How is this computed?": the formula in words, in the reader's language. */
export function HowComputed({ margin }: { margin: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <details className="group rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs leading-5 text-slate-700" data-testid="how-computed">
      <summary className="flex cursor-pointer list-none items-center gap-1 font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon className="h-3.5 w-3.5 transition-transform group-open:rotate-90" />
        {t("painPoints.how.title")}
      </summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>{t("painPoints.how.topDown")}</li>
        <li>{t("painPoints.how.bottomUp")}</li>
        <li>{t("painPoints.how.dissatisfaction")}</li>
        <li>{t("painPoints.how.volume")}</li>
        <li>{t("painPoints.how.flag", { margin: formatScore(margin, locale) })}</li>
      </ul>
    </details>
  );
}

export function LastReview({ review, current }: { review: PainPointReviewView; current: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="rounded-md border border-violet-200 bg-violet-50/60 px-3 py-2 text-sm" data-testid="last-review">
      <p className="text-xs font-semibold uppercase tracking-wide text-violet-800">{t("painPoints.review.last")}</p>
      <p className="mt-1 whitespace-pre-wrap break-words text-slate-800">{review.note}</p>
      <p className="mt-1 text-xs text-slate-600">
        {t("painPoints.review.by", {
          name: review.reviewedBy?.name ?? t("painPoints.review.someone"),
          when: formatDateTime(review.reviewedAt, locale),
        })}
        {" · "}
        {t("painPoints.review.atScores", { topDown: formatScore(review.topDownScore, locale), bottomUp: formatScore(review.bottomUpScore, locale) })}
      </p>
      {!current ? <p className="mt-1 text-xs font-medium text-amber-800">{t("painPoints.review.outdated")}</p> : null}
    </div>
  );
}

async function errorMessage(res: Response, fallback: string): Promise<string> {
  try {
    const body: unknown = await res.json();
    if (isApiErrorBody(body)) return body.error.fields?.note ?? body.error.message;
  } catch {
    // not JSON: the fallback says it
  }
  return fallback;
}

/** Leadership records its review of a flagged pain point (a note is required). */
export function ReviewForm({
  mapId,
  painPointId,
  topDown,
  bottomUp,
  onDone,
  onCancel,
}: {
  mapId: string;
  painPointId: string;
  topDown: number;
  bottomUp: number;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setError(t("painPoints.errors.noteRequired"));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/journey-maps/${encodeURIComponent(mapId)}/pain-points/${encodeURIComponent(painPointId)}/review`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ note, topDownScore: topDown, bottomUpScore: bottomUp }),
      });
      if (!res.ok) {
        setError(await errorMessage(res, t("painPoints.errors.saveFailed")));
        return;
      }
      setNote("");
      onDone();
    } catch {
      setError(t("painPoints.errors.saveFailed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-red-200 bg-red-50/40 p-3" data-testid="review-form" noValidate>
      <label className="block text-sm font-medium text-slate-800" htmlFor={`review-${painPointId}`}>
        {t("painPoints.review.note")}
      </label>
      <Textarea
        id={`review-${painPointId}`}
        name="note"
        rows={3}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t("painPoints.review.notePlaceholder")}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p className="flex items-start gap-1.5 text-sm text-red-700" role="alert">
          <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        {onCancel ? (
          <Button variant="ghost" size="sm" onClick={onCancel}>
            {t("painPoints.review.cancel")}
          </Button>
        ) : null}
        <Button type="submit" size="sm" busy={busy} data-testid="review-submit">
          {t("painPoints.review.submit")}
        </Button>
      </div>
    </form>
  );
}
