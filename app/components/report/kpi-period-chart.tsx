/**
 * A KPI's values over a report period as a small inline SVG (rendered on the server, no script):
 * the line of values, the value before the period (dotted lead-in), the target as a dashed line,
 * and the first and last points marked. Fixed aspect, scales to its box, prints crisply.
 */
import { useTranslation } from "~/i18n/react";

const W = 240;
const H = 64;
const PAD = { l: 4, r: 4, t: 8, b: 8 };

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export function KpiPeriodChart({
  points,
  start,
  target,
  periodStart,
  periodEnd,
  label,
}: {
  points: { date: string; value: number }[];
  /** The value the period started from (may lie before it). */
  start: { date: string; value: number } | null;
  target: number | null;
  periodStart: string;
  periodEnd: string;
  label: string;
}) {
  const { t } = useTranslation();
  const lead = start && start.date < periodStart ? start : null;
  if (points.length === 0 && !lead) {
    return (
      <div className="flex h-16 items-center justify-center rounded border border-dashed border-slate-200 text-xs text-slate-500" role="img" aria-label={label}>
        {t("report.satisfaction.noValues")}
      </div>
    );
  }
  const values = [...points.map((p) => p.value), ...(lead ? [lead.value] : []), ...(target !== null ? [target] : [])];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const margin = (hi - lo) * 0.08;
  lo -= margin;
  hi += margin;
  const x0 = dayNumber(periodStart);
  const x1 = dayNumber(periodEnd);
  const leadX = PAD.l;
  const plotL = PAD.l + (lead ? 14 : 0);
  const x = (d: string) => plotL + ((dayNumber(d) - x0) / Math.max(1, x1 - x0)) * (W - PAD.r - plotL);
  const y = (v: number) => PAD.t + (1 - (v - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  const line = points.map((p) => `${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points.at(-1);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="block h-auto w-full" role="img" aria-label={label}>
      <rect x={plotL} y={PAD.t - 4} width={W - PAD.r - plotL} height={H - PAD.t - PAD.b + 8} fill="#f8fafc" />
      {target !== null ? (
        <line x1={PAD.l} x2={W - PAD.r} y1={y(target)} y2={y(target)} stroke="#059669" strokeWidth={1} strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />
      ) : null}
      {lead && first ? (
        <line x1={leadX} y1={y(lead.value)} x2={x(first.date)} y2={y(first.value)} stroke="#94a3b8" strokeWidth={1.5} strokeDasharray="2 2" vectorEffect="non-scaling-stroke" />
      ) : null}
      {lead ? <circle cx={leadX + 2} cy={y(lead.value)} r={2.2} fill="#94a3b8" /> : null}
      {points.length > 1 ? <polyline points={line} fill="none" stroke="#1d4ff2" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" /> : null}
      {first && !lead ? <circle cx={x(first.date)} cy={y(first.value)} r={2.4} fill="#1d4ff2" /> : null}
      {last ? <circle cx={x(last.date)} cy={y(last.value)} r={3} fill="#1d4ff2" stroke="#fff" strokeWidth={1} /> : null}
    </svg>
  );
}
