/**
 * The emotion curve of each persona, current vs future, on one chart per persona (recharts 2:
 * fixed id, fixed first width, interval={0} on the stage axis, so server and client agree).
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslation } from "~/i18n/react";
import type { EmotionOverlay } from "../../models/journey-diff";
import { formatNumber } from "../../utils/format";
import { useWidth } from "../journey/analysis/charts";

export function EmotionOverlayChart({ overlay, index }: { overlay: EmotionOverlay; index: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as "en" | "zh-CN";
  const [ref, width] = useWidth(520);
  const currentLabel = String(t("reshape.current"));
  const futureLabel = String(t("reshape.future"));
  const data = overlay.points.map((p) => ({ stage: p.stageName, current: p.current, future: p.future }));
  const delta = overlay.meanDelta;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid="emotion-overlay">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <span className="h-2.5 w-2.5 rounded-full" style={{ background: overlay.colour }} aria-hidden />
          {overlay.name}
        </span>
        {delta !== null ? (
          <span className={delta > 0 ? "text-sm font-medium text-emerald-700" : delta < 0 ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"}>
            {t("reshape.emotions.meanDelta", { delta: `${delta > 0 ? "+" : ""}${formatNumber(delta, locale, { maximumFractionDigits: 2 })}` })}
          </span>
        ) : null}
      </figcaption>
      <div ref={ref} className="w-full">
        <LineChart id={`emotion-overlay-${index}`} width={width} height={220} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="stage" interval={0} tick={{ fontSize: 11, fill: "#475569" }} />
          <YAxis domain={[-2, 2]} ticks={[-2, -1, 0, 1, 2]} width={36} tick={{ fontSize: 11, fill: "#64748b" }} tickFormatter={(v: number) => (v > 0 ? `+${v}` : String(v))} />
          <ReferenceLine y={0} stroke="#cbd5e1" />
          <Tooltip formatter={(v: number, name: string) => [formatNumber(v, locale), name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            name={currentLabel}
            dataKey="current"
            stroke="#94a3b8"
            strokeDasharray="5 4"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
          <Line name={futureLabel} dataKey="future" stroke={overlay.colour} strokeWidth={2.5} dot={{ r: 4 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </div>
      <table className="sr-only">
        <caption>{t("reshape.emotions.tableCaption", { name: overlay.name })}</caption>
        <thead>
          <tr>
            <th>{t("reshape.diff.stage")}</th>
            <th>{currentLabel}</th>
            <th>{futureLabel}</th>
          </tr>
        </thead>
        <tbody>
          {overlay.points.map((p) => (
            <tr key={p.stageId}>
              <td>{p.stageName}</td>
              <td>{p.current ?? "—"}</td>
              <td>{p.future ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
