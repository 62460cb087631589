/**
 * The side-by-side diff of a current map and its future state: one row per stage (matched by id),
 * the current touchpoints on the left and the future ones on the right, colour-coded added /
 * removed / moved / edited, with a legend and the counts.
 */
import { useTranslation } from "~/i18n/react";
import type { JourneyDiff, StageRow, TouchpointDiff } from "../../models/journey-diff";
import { cn } from "../ui";

export const DIFF_STYLE = {
  added: { box: "border-emerald-400 bg-emerald-50", chip: "bg-emerald-600", text: "text-emerald-900" },
  removed: { box: "border-red-300 bg-red-50", chip: "bg-red-600", text: "text-red-900" },
  moved: { box: "border-sky-400 bg-sky-50", chip: "bg-sky-600", text: "text-sky-900" },
  edited: { box: "border-amber-400 bg-amber-50", chip: "bg-amber-500", text: "text-amber-900" },
  unchanged: { box: "border-slate-200 bg-white", chip: "bg-slate-300", text: "text-slate-700" },
} as const;

type Kind = keyof typeof DIFF_STYLE;

export function DiffLegend({ counts }: { counts: JourneyDiff["counts"] }) {
  const { t } = useTranslation();
  const items: Kind[] = ["added", "removed", "moved", "edited", "unchanged"];
  return (
    <ul className="flex flex-wrap gap-2" aria-label={t("reshape.legend.label")} data-testid="diff-legend">
      {items.map((k) => (
        <li key={k} className={cn("flex items-center gap-2 rounded-full border px-3 py-1 text-sm", DIFF_STYLE[k].box, DIFF_STYLE[k].text)} data-kind={k}>
          <span className={cn("h-2.5 w-2.5 rounded-full", DIFF_STYLE[k].chip)} aria-hidden />
          {t(`reshape.legend.${k}`)}
          <span className="font-semibold tabular-nums" data-testid={`count-${k}`}>
            {counts[k]}
          </span>
        </li>
      ))}
    </ul>
  );
}

function kindOf(d: TouchpointDiff, side: "current" | "future"): Kind {
  if (d.status === "added") return "added";
  if (d.status === "removed") return "removed";
  if (d.moved) return "moved";
  if (d.edited) return "edited";
  return side === "current" ? "unchanged" : "unchanged";
}

function TouchpointChip({ d, side, stageName }: { d: TouchpointDiff; side: "current" | "future"; stageName: (id: string) => string }) {
  const { t } = useTranslation();
  const card = (side === "current" ? d.current : d.future)!;
  const kind = kindOf(d, side);
  const notes: string[] = [];
  if (side === "future" && d.current && d.future) {
    if (d.changes.includes("stage")) notes.push(String(t("reshape.diff.movedFrom", { stage: stageName(d.current.stageId) })));
    if (d.changes.includes("lane")) notes.push(String(t("reshape.diff.laneChanged", { from: t(`journey.lanes.${d.current.lane}`), to: t(`journey.lanes.${d.future.lane}`) })));
    if (d.changes.includes("channel") && d.current.channel && d.future.channel) {
      notes.push(String(t("reshape.diff.channelChanged", { from: t(`journey.channels.${d.current.channel}`), to: t(`journey.channels.${d.future.channel}`) })));
    }
    if (d.edited) notes.push(String(t("reshape.diff.wasText", { text: d.current.text })));
  }
  if (side === "current" && d.status === "changed" && d.future) {
    if (d.changes.includes("stage")) notes.push(String(t("reshape.diff.movedTo", { stage: stageName(d.future.stageId) })));
    else if (d.changes.includes("lane") && d.future.lane !== "touchpoints") notes.push(String(t("reshape.diff.nowLane", { lane: t(`journey.lanes.${d.future.lane}`) })));
  }
  const badges: Kind[] = d.status === "changed" ? ([d.moved && "moved", d.edited && "edited"].filter(Boolean) as Kind[]) : kind === "unchanged" ? [] : [kind];
  return (
    <li
      className={cn("rounded-md border px-2.5 py-2 text-sm shadow-sm", DIFF_STYLE[kind].box, kind === "unchanged" && "text-slate-700")}
      data-testid="diff-touchpoint"
      data-kind={kind}
      data-side={side}
    >
      <div className={cn("leading-5", kind === "removed" && "text-red-900 line-through decoration-red-400")}>{card.text}</div>
      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
        {card.channel ? <span className="rounded bg-white/80 px-1.5 py-0.5 ring-1 ring-slate-200">{t(`journey.channels.${card.channel}`)}</span> : null}
        {card.lane !== "touchpoints" ? <span className="rounded bg-white/80 px-1.5 py-0.5 ring-1 ring-slate-200">{t(`journey.lanes.${card.lane}`)}</span> : null}
        {badges.map((b) => (
          <span key={b} className={cn("rounded px-1.5 py-0.5 font-medium text-white", DIFF_STYLE[b].chip)}>
            {t(`reshape.legend.${b}`)}
          </span>
        ))}
      </div>
      {notes.length > 0 ? <p className="mt-1 text-xs leading-5 text-slate-600">{notes.join(" · ")}</p> : null}
    </li>
  );
}

function StageCell({ row, side, stageName }: { row: StageRow; side: "current" | "future"; stageName: (id: string) => string }) {
  const { t } = useTranslation();
  const name = side === "current" ? row.currentName : row.futureName;
  const list = side === "current" ? row.current : row.future;
  if (name === null) {
    return (
      <div className="flex items-center justify-center rounded-md border border-dashed border-slate-300 p-3 text-xs text-slate-500">
        {side === "current" ? t("reshape.diff.stageNew") : t("reshape.diff.stageGone")}
      </div>
    );
  }
  return (
    <div className="min-w-0">
      {list.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-200 px-3 py-2 text-xs text-slate-500">{t("reshape.diff.noTouchpoints")}</p>
      ) : (
        <ul className="space-y-1.5">
          {list.map((d) => (
            <TouchpointChip key={d.id} d={d} side={side} stageName={stageName} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function SideBySide({ diff, currentName, futureName }: { diff: JourneyDiff; currentName: string; futureName: string }) {
  const { t } = useTranslation();
  const names = new Map(diff.rows.map((r) => [r.id, r.futureName ?? r.currentName ?? ""]));
  const stageName = (id: string) => names.get(id) ?? "";
  return (
    <div className="overflow-x-auto" data-testid="side-by-side">
      <table className="w-full min-w-[720px] table-fixed border-separate border-spacing-0">
        <caption className="sr-only">{t("reshape.diff.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="w-36 border-b border-slate-200 px-3 pb-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              {t("reshape.diff.stage")}
            </th>
            <th scope="col" className="border-b border-slate-200 px-3 pb-2 text-left">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("reshape.current")}</span>
              <span className="block truncate text-sm font-semibold text-slate-900">{currentName}</span>
            </th>
            <th scope="col" className="border-b border-slate-200 px-3 pb-2 text-left">
              <span className="text-xs font-semibold uppercase tracking-wide text-emerald-700">{t("reshape.future")}</span>
              <span className="block truncate text-sm font-semibold text-slate-900">{futureName}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {diff.rows.map((row) => (
            <tr key={row.id} data-testid="diff-stage" className="align-top">
              <th scope="row" className="border-b border-slate-100 px-3 py-3 text-left text-sm font-semibold text-slate-800">
                {row.renamed ? (
                  <>
                    <span className="block text-slate-400 line-through">{row.currentName}</span>
                    <span className="block">{row.futureName}</span>
                    <span className="mt-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-600">{t("reshape.diff.renamed")}</span>
                  </>
                ) : (
                  (row.futureName ?? row.currentName)
                )}
              </th>
              <td className="border-b border-slate-100 px-3 py-3">
                <StageCell row={row} side="current" stageName={stageName} />
              </td>
              <td className="border-b border-slate-100 bg-emerald-50/20 px-3 py-3">
                <StageCell row={row} side="future" stageName={stageName} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
