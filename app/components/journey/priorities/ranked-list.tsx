/** The ranked top-N list of a map's pain points, and the list of those flagged for leadership review. */
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { TOP_N_OPTIONS, topN, type MatrixMode } from "~/models/prioritisation";
import { Card, CardHeader, cn } from "~/components/ui";
import { FlagBadge, formatScore, ReviewForm, useLocale } from "./triangulation-parts";
import type { RankedItem } from "./types";

export function TopNPicker({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2 text-xs text-slate-600">
      <span>{t("painPoints.priorities.show")}</span>
      <div className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm" role="group" aria-label={t("painPoints.priorities.show")}>
        {TOP_N_OPTIONS.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={value === n}
            data-testid={`top-${n || "all"}`}
            onClick={() => onChange(n)}
            className={cn(
              "rounded px-2 py-1 font-medium",
              value === n ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {n ? t("painPoints.priorities.top", { count: n }) : t("painPoints.priorities.all")}
          </button>
        ))}
      </div>
    </div>
  );
}

export function RankedList({
  mode,
  ranked,
  n,
  onN,
  selectedId,
  onSelect,
}: {
  mode: MatrixMode;
  ranked: RankedItem[];
  n: number;
  onN: (n: number) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = topN(ranked, n);
  return (
    <Card data-testid="ranked-list">
      <CardHeader
        title={t("painPoints.priorities.ranked")}
        description={t("painPoints.priorities.rankedDescription", { formula: t(`painPoints.priorities.formula.${mode}`) })}
        actions={<TopNPicker value={n} onChange={onN} />}
      />
      <ol className="divide-y divide-slate-100">
        {shown.map((p) => (
          <li key={p.id} data-testid="ranked-item" data-pain-point-id={p.id}>
            <button
              type="button"
              onClick={() => onSelect(p.id)}
              className={cn("flex w-full gap-3 px-5 py-3 text-left hover:bg-slate-50", selectedId === p.id && "bg-brand-50/60")}
            >
              <span
                className={cn(
                  "mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-bold tabular-nums",
                  p.rank <= 3 ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-700",
                )}
                aria-label={t("painPoints.priorities.rank", { rank: p.rank })}
                data-testid="ranked-rank"
              >
                {p.rank}
              </span>
              <span className="min-w-0 flex-1">
                <span className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium text-slate-900" data-testid="ranked-title">
                    {p.title}
                  </span>
                  {p.flagged ? <FlagBadge state="flagged" /> : null}
                </span>
                <span className="mt-0.5 block truncate text-xs text-slate-600">
                  {p.touchpoint
                    ? [p.touchpoint.channel ? t(`journey.channels.${p.touchpoint.channel}`) : null, p.touchpoint.text, p.touchpoint.stageName]
                        .filter(Boolean)
                        .join(" · ")
                    : t("painPoints.priorities.noTouchpoint")}
                </span>
                <span className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
                  <span className="font-semibold text-slate-800" data-testid="ranked-priority">
                    {t("painPoints.priorities.priority", { score: p.priority })}
                  </span>
                  <span>
                    {t("painPoints.priorities.scoresShort", {
                      topDown: p.severity,
                      bottomUp: p.bottomUp == null ? "—" : formatScore(p.bottomUp, locale),
                    })}
                  </span>
                  <span>{t("painPoints.priorities.evidenceCount", { count: p.evidenceCount })}</span>
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function FlaggedList({
  mapId,
  items,
  canReview,
  onReviewed,
  onSelect,
}: {
  mapId: string;
  items: RankedItem[];
  canReview: boolean;
  onReviewed: () => void;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState<string | null>(null);
  const flagged = items.filter((p) => p.flagged);
  return (
    <Card data-testid="flagged-list">
      <CardHeader title={t("painPoints.priorities.flaggedTitle")} description={t("painPoints.priorities.flaggedDescription")} />
      {flagged.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">{t("painPoints.priorities.noneFlagged")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {flagged.map((p) => (
            <li key={p.id} className="space-y-2 px-5 py-3" data-testid="flagged-item">
              <div className="flex items-start justify-between gap-3">
                <button type="button" className="min-w-0 text-left" onClick={() => onSelect(p.id)}>
                  <span className="block font-medium text-slate-900">{p.title}</span>
                  <span className="text-xs text-slate-600">
                    {t("painPoints.priorities.scoresShort", { topDown: p.severity, bottomUp: formatScore(p.bottomUp ?? 0, locale) })}
                  </span>
                </button>
                {canReview && open !== p.id ? (
                  <button
                    type="button"
                    onClick={() => setOpen(p.id)}
                    className="shrink-0 rounded-md border border-red-300 bg-white px-2.5 py-1 text-xs font-medium text-red-800 shadow-sm hover:bg-red-50"
                    data-testid="flagged-review"
                  >
                    {t("painPoints.review.action")}
                  </button>
                ) : null}
              </div>
              {canReview && open === p.id && p.bottomUp != null ? (
                <ReviewForm
                  mapId={mapId}
                  painPointId={p.id}
                  topDown={p.severity}
                  bottomUp={p.bottomUp}
                  onCancel={() => setOpen(null)}
                  onDone={() => {
                    setOpen(null);
                    onReviewed();
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
