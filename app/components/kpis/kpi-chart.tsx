/**
 * KPI charts (recharts 2): the detail chart — the values over time with the target and alert
 * threshold as reference lines and the program's loop cycles as shaded periods with their
 * boundaries — and the registry's sparkline. Server rendering and hydration: fixed ids and a fixed
 * first width; after mounting, the detail chart follows its card's width.
 */
import { Line, LineChart, CartesianGrid, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslation } from "~/i18n/react";
import { formatKpiValue, unitSuffix } from "~/models/kpi";
import { useWidth } from "../journey/analysis/charts";

const BRAND = "#1d4ed8";
const TARGET = "#059669";
const ALERT = "#dc2626";
const DAY_MS = 86_400_000;

export interface ChartCycle {
  id: string;
  kind: "small" | "large";
  number: number;
  title: string;
  startsOn: string;
  endsOn: string;
}

/** Rounds an axis end outwards to a step that reads well (1, 2 or 5 × a power of ten). */
function niceStep(span: number): number {
  const raw = Math.max(span, 1e-9) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

export function KpiChart({
  id,
  points,
  unit,
  target,
  alertThreshold,
  baseline,
  cycles,
}: {
  id: string;
  points: { date: string; value: number }[];
  unit: string;
  target: number | null;
  alertThreshold: number | null;
  baseline: number | null;
  cycles: ChartCycle[];
}) {
  const { t, i18n } = useTranslation();
  const [ref, width] = useWidth(720);
  const data = points.map((p) => ({ t: ms(p.date), value: p.value, date: p.date }));
  const fmt = (v: number) => formatKpiValue(v, unit, t, i18n.language);
  const tMin = data.length ? data[0].t : Date.now();
  const tMax = data.length ? data[data.length - 1].t : Date.now();
  const pad = Math.max(DAY_MS, Math.round((tMax - tMin) * 0.02));
  const values = data.map((d) => d.value).concat([target, alertThreshold].filter((v): v is number => v !== null));
  const vMin = Math.min(...values);
  const vMax = Math.max(...values);
  const vPad = vMax === vMin ? Math.max(1, Math.abs(vMax) * 0.1) : (vMax - vMin) * 0.1;
  const step = niceStep(vMax - vMin + 2 * vPad);
  const yLow = Math.floor((vMin - vPad) / step) * step;
  const yHigh = Math.ceil((vMax + vPad) / step) * step;
  const yTicks: number[] = [];
  for (let v = yLow; v <= yHigh + step / 2; v += step) yTicks.push(Math.round(v * 1e6) / 1e6);
  const shown = cycles.filter((c) => ms(c.endsOn) >= tMin - pad && ms(c.startsOn) <= tMax + pad);
  const numberFmt = new Intl.NumberFormat(i18n.language === "zh-CN" ? "zh-CN" : "en", { maximumFractionDigits: 2 });
  const unitText = unitSuffix(unit, t);
  const dateFmt = new Intl.DateTimeFormat(i18n.language === "zh-CN" ? "zh-CN" : "en", { month: "short", day: "numeric", timeZone: "UTC" });
  return (
    <div ref={ref} className="w-full min-w-0 overflow-hidden" data-testid="kpi-chart">
      <LineChart id={id} width={width} height={300} data={data} margin={{ top: 22, right: 24, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        {shown.map((c) => (
          <ReferenceArea
            key={c.id}
            x1={Math.max(ms(c.startsOn), tMin - pad)}
            x2={Math.min(ms(c.endsOn), tMax + pad)}
            ifOverflow="hidden"
            fill={c.kind === "large" ? "#ede9fe" : "#e0f2fe"}
            fillOpacity={0.55}
            label={{ value: t(`kpis.chart.cycle_${c.kind}`, { n: c.number }), position: "insideTopLeft", fontSize: 10, fill: "#475569" }}
          />
        ))}
        {shown.map((c) => (
          <ReferenceLine key={`${c.id}-s`} x={ms(c.startsOn)} ifOverflow="hidden" stroke="#94a3b8" strokeDasharray="2 3" />
        ))}
        <XAxis
          type="number"
          dataKey="t"
          domain={[tMin - pad, tMax + pad]}
          scale="time"
          tickFormatter={(v: number) => dateFmt.format(new Date(v))}
          tick={{ fontSize: 11, fill: "#64748b" }}
          tickCount={8}
        />
        <YAxis
          domain={[yLow, yHigh]}
          ticks={yTicks}
          tickFormatter={(v: number) => numberFmt.format(v)}
          width={52}
          tick={{ fontSize: 11, fill: "#64748b" }}
          label={unitText ? { value: unitText, position: "top", offset: 10, fontSize: 11, fill: "#64748b" } : undefined}
        />
        {target !== null ? (
          <ReferenceLine
            y={target}
            stroke={TARGET}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            label={{ value: t("kpis.chart.target", { value: fmt(target) }), position: "insideTopRight", fontSize: 11, fill: TARGET }}
          />
        ) : null}
        {alertThreshold !== null ? (
          <ReferenceLine
            y={alertThreshold}
            stroke={ALERT}
            strokeDasharray="3 3"
            strokeWidth={1.5}
            label={{ value: t("kpis.chart.threshold", { value: fmt(alertThreshold) }), position: "insideBottomRight", fontSize: 11, fill: ALERT }}
          />
        ) : null}
        {baseline !== null ? <ReferenceLine y={baseline} stroke="#94a3b8" strokeDasharray="1 4" /> : null}
        <Tooltip
          labelFormatter={(v: number) => dayOf(v)}
          formatter={(v: number) => [fmt(v), t("kpis.chart.value")]}
        />
        <Line type="monotone" dataKey="value" stroke={BRAND} strokeWidth={2} dot={{ r: 2.5 }} activeDot={{ r: 5 }} isAnimationActive={false} />
      </LineChart>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label={t("kpis.chart.legend")}>
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-4 bg-brand-700" aria-hidden /> {t("kpis.chart.value")}
        </li>
        {target !== null ? (
          <li className="flex items-center gap-1.5" data-testid="legend-target">
            <span className="inline-block w-4 border-t-2 border-dashed border-emerald-600" aria-hidden /> {t("kpis.chart.target", { value: fmt(target) })}
          </li>
        ) : null}
        {alertThreshold !== null ? (
          <li className="flex items-center gap-1.5">
            <span className="inline-block w-4 border-t-2 border-dotted border-red-600" aria-hidden /> {t("kpis.chart.threshold", { value: fmt(alertThreshold) })}
          </li>
        ) : null}
        {shown.length ? (
          <li className="flex items-center gap-1.5">
            <span className="inline-block h-3 w-4 rounded-sm bg-sky-100 ring-1 ring-sky-200" aria-hidden /> {t("kpis.chart.cycles")}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** A small line of the latest values (no axes), with the target as a faint line. */
export function Sparkline({ id, points, target, tone = "brand" }: { id: string; points: { date: string; value: number }[]; target: number | null; tone?: "brand" | "danger" | "success" }) {
  if (points.length < 2) return <div className="h-10 w-32" aria-hidden />;
  const values = points.map((p) => p.value).concat(target === null ? [] : [target]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max === min ? 1 : (max - min) * 0.1;
  const stroke = tone === "danger" ? ALERT : tone === "success" ? TARGET : BRAND;
  return (
    <div aria-hidden className="h-10 w-32">
      <LineChart id={id} width={128} height={40} data={points} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
        <YAxis hide domain={[min - pad, max + pad]} />
        {target !== null ? <ReferenceLine y={target} stroke={TARGET} strokeDasharray="3 3" strokeOpacity={0.7} /> : null}
        <Line type="monotone" dataKey="value" stroke={stroke} strokeWidth={1.75} dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
