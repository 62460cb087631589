/**
 * The KPI board's sparkline: the last values as a small inline SVG (no chart library), the target
 * as a dashed green line, the alert threshold as a dotted red one when it falls in range, and the
 * latest value as a dot in the status colour. Screen readers hear one sentence instead: how many
 * values, from which to which, rising or falling.
 */
import { useTranslation } from "~/i18n/react";
import { formatKpiValue } from "~/models/kpi";
import { sparklineGeometry, sparklineShape, type BoardStatus } from "~/models/kpi-board";

const STROKE: Record<BoardStatus, string> = {
  past_threshold: "#dc2626",
  off_target: "#b45309",
  on_target: "#059669",
  no_target: "#1d4ed8",
  unmeasured: "#64748b",
};

export function KpiSparkline({
  points,
  unit,
  target,
  threshold,
  status,
  width = 120,
  height = 36,
}: {
  points: { date: string; value: number }[];
  unit: string;
  target: number | null;
  threshold: number | null;
  status: BoardStatus;
  width?: number;
  height?: number;
}) {
  const { t, i18n } = useTranslation();
  const values = points.map((p) => p.value);
  const geo = sparklineGeometry(values, { width, height, target, threshold });
  if (!geo) {
    return (
      <span className="inline-flex items-center text-xs text-slate-500" style={{ width, height }} data-testid="sparkline-empty">
        {points.length === 1 ? t("office.kpis.sparkline.one") : t("office.kpis.sparkline.none")}
      </span>
    );
  }
  const fmt = (v: number) => formatKpiValue(v, unit, t, i18n.language);
  const label = t(`office.kpis.sparkline.${sparklineShape(values)}`, {
    count: values.length,
    first: fmt(values[0]),
    last: fmt(values[values.length - 1]),
  });
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="block shrink-0 overflow-visible"
      data-testid="sparkline"
    >
      <title>{label}</title>
      {geo.targetY !== null ? (
        <line x1={0} x2={width} y1={geo.targetY} y2={geo.targetY} stroke="#059669" strokeOpacity={0.55} strokeDasharray="3 3" strokeWidth={1} />
      ) : null}
      {geo.thresholdY !== null ? (
        <line x1={0} x2={width} y1={geo.thresholdY} y2={geo.thresholdY} stroke="#dc2626" strokeOpacity={0.45} strokeDasharray="1 2" strokeWidth={1} />
      ) : null}
      <polyline points={geo.points} fill="none" stroke={STROKE[status]} strokeWidth={1.75} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={geo.last.x} cy={geo.last.y} r={2.75} fill={STROKE[status]} stroke="#fff" strokeWidth={1} />
    </svg>
  );
}
