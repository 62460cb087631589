/**
 * A pain point's triangulation, shown in the canvas's pain-point drawer and on the priorities
 * tab: its top-down score (severity — live from the shared document when the map's live doc is at
 * hand) and bottom-up score (from the linked feedback, via the API), the flag, the last review and,
 * for leadership, the review form. Re-fetched when the pain point changes, when the window regains
 * focus, when evidence is linked (`cx:evidence-changed` window event) and every 30 s while shown.
 */
import { useOutletContext } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "~/i18n/react";
import { painPointsMap, readPainPoint } from "~/models/journey-doc";
import type { PainPointTriangulation } from "~/models/pain-points.server";
import { reviewCovers } from "~/models/triangulation";
import { Alert } from "~/components/ui";
import { formatNumber } from "~/utils/format";
import type { JourneyMapOutletContext } from "./map-context";
import {
  FlagBadge,
  flagState,
  formatScore,
  HowComputed,
  LastReview,
  ReviewForm,
  ScorePair,
  ScoreScale,
  useLocale,
} from "./priorities/triangulation-parts";

export interface PainPointScoresProps {
  programId: string;
  mapId: string;
  painPointId: string;
  canReview: boolean;
  /** Called after leadership recorded a review (e.g. to refresh a list around it). */
  onReviewed?: () => void;
}

/** Fired on window by whoever links or unlinks evidence, so open score panels refresh. */
export const EVIDENCE_CHANGED_EVENT = "cx:evidence-changed";

/** The pain point's current severity in the live doc (null when there is no doc or no such pain point). */
function useLiveSeverity(doc: Y.Doc | null | undefined, painPointId: string): number | null {
  const read = useCallback(() => (doc ? (readPainPoint(painPointId, painPointsMap(doc).get(painPointId))?.severity ?? null) : null), [doc, painPointId]);
  const [severity, setSeverity] = useState<number | null>(read);
  useEffect(() => {
    setSeverity(read());
    if (!doc) return;
    const map = painPointsMap(doc);
    const onChange = () => setSeverity(read());
    map.observeDeep(onChange);
    return () => map.unobserveDeep(onChange);
  }, [doc, read]);
  return severity;
}

export function PainPointScores({ mapId, painPointId, canReview, onReviewed }: PainPointScoresProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const outlet = useOutletContext<JourneyMapOutletContext | undefined>();
  const liveSeverity = useLiveSeverity(outlet?.collab?.doc, painPointId);
  const [data, setData] = useState<PainPointTriangulation | null>(null);
  const [failed, setFailed] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [done, setDone] = useState(false);

  const load = useCallback(async () => {
    try {
      const res = await fetch(`/api/v1/journey-maps/${encodeURIComponent(mapId)}/pain-points/${encodeURIComponent(painPointId)}`);
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as { triangulation: PainPointTriangulation };
      setData(body.triangulation);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [mapId, painPointId]);

  useEffect(() => {
    setData(null);
    setReviewing(false);
    setDone(false);
    void load();
    const refresh = () => {
      if (document.visibilityState === "visible") void load();
    };
    window.addEventListener("focus", refresh);
    window.addEventListener(EVIDENCE_CHANGED_EVENT, refresh);
    document.addEventListener("visibilitychange", refresh);
    const timer = window.setInterval(refresh, 30_000);
    return () => {
      window.removeEventListener("focus", refresh);
      window.removeEventListener(EVIDENCE_CHANGED_EVENT, refresh);
      document.removeEventListener("visibilitychange", refresh);
      window.clearInterval(timer);
    };
  }, [load]);

  if (!data) {
    return (
      <section className="space-y-2" data-testid="pain-point-scores" aria-busy={!failed}>
        <h3 className="text-sm font-semibold text-slate-900">{t("painPoints.scores.title")}</h3>
        {failed ? <Alert tone="danger">{t("painPoints.errors.loadFailed")}</Alert> : <div className="h-24 animate-pulse rounded-md bg-slate-100" />}
      </section>
    );
  }

  const topDown = liveSeverity ?? data.topDownScore;
  const bottomUp = data.bottomUp?.score ?? null;
  const state = flagState(topDown, bottomUp, data.margin, data.lastReview);
  const pct = (v: number) => formatNumber(v, locale, { style: "percent", maximumFractionDigits: v < 0.1 && v > 0 ? 1 : 0 });

  return (
    <section className="space-y-3" data-testid="pain-point-scores" data-flag={state}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{t("painPoints.scores.title")}</h3>
        <FlagBadge state={state} />
      </div>
      <ScorePair topDown={topDown} bottomUp={bottomUp} />
      <ScoreScale topDown={topDown} bottomUp={bottomUp} flagged={state === "flagged"} />
      {bottomUp == null ? (
        <p className="text-xs leading-5 text-slate-600">{t("painPoints.scores.noFeedbackHint")}</p>
      ) : (
        <div className="space-y-0.5 text-xs leading-5 text-slate-600">
          {state === "flagged" || state === "reviewed" ? (
            <p className={state === "flagged" ? "font-medium text-red-800" : undefined}>
              {t("painPoints.scores.difference", {
                diff: formatScore(Math.abs(topDown - bottomUp), locale),
                margin: formatScore(data.margin, locale),
              })}
            </p>
          ) : null}
          <p>
            {t("painPoints.scores.details", {
              dissatisfaction: pct(data.bottomUp!.dissatisfaction),
              linked: formatNumber(data.evidence.feedback, locale),
              total: formatNumber(data.programFeedbackTotal, locale),
              share: pct(data.bottomUp!.share),
            })}
          </p>
        </div>
      )}
      <p className="text-xs text-slate-600" data-testid="evidence-counts">
        {t("painPoints.scores.evidence", { feedback: data.evidence.feedback, file: data.evidence.file, link: data.evidence.link })}
      </p>
      {done ? <Alert tone="success">{t("painPoints.review.done")}</Alert> : null}
      {data.lastReview ? <LastReview review={data.lastReview} current={reviewCovers(data.lastReview, topDown, bottomUp)} /> : null}
      {canReview && state === "flagged" && bottomUp != null ? (
        reviewing ? (
          <ReviewForm
            mapId={mapId}
            painPointId={painPointId}
            topDown={topDown}
            bottomUp={bottomUp}
            onCancel={() => setReviewing(false)}
            onDone={() => {
              setReviewing(false);
              setDone(true);
              void load();
              onReviewed?.();
            }}
          />
        ) : (
          <button
            type="button"
            onClick={() => setReviewing(true)}
            className="w-full rounded-md border border-red-300 bg-white px-3 py-2 text-sm font-medium text-red-800 shadow-sm hover:bg-red-50"
            data-testid="review-open"
          >
            {t("painPoints.review.action")}
          </button>
        )
      ) : null}
      <HowComputed margin={data.margin} />
    </section>
  );
}
