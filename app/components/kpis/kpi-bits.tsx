/** Small pieces of the KPI screens: the status badge, the trend mark, the kind badge, the KPI nav icon. */
import { useTranslation } from "~/i18n/react";
import type { KpiStatus, KpiTrend } from "~/models/kpi";
import { Badge, type BadgeTone } from "../ui";

const STATUS_TONE: Record<KpiStatus, BadgeTone> = {
  no_data: "neutral",
  no_target: "neutral",
  on_target: "success",
  off_target: "warning",
  alert: "danger",
};

export function KpiStatusBadge({ status }: { status: KpiStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]} data-testid="kpi-status" data-status={status}>
      {t(`kpis.status.${status}`)}
    </Badge>
  );
}

const TREND_MARK: Record<KpiTrend, { mark: string; cls: string }> = {
  improving: { mark: "▲", cls: "text-emerald-700" },
  worsening: { mark: "▼", cls: "text-red-700" },
  flat: { mark: "▶", cls: "text-slate-500" },
  none: { mark: "", cls: "text-slate-400" },
};

export function KpiTrendMark({ trend }: { trend: KpiTrend }) {
  const { t } = useTranslation();
  if (trend === "none") return null;
  return (
    <span className={`inline-flex items-center gap-1 text-xs font-medium ${TREND_MARK[trend].cls}`} title={t(`kpis.trend.${trend}`)}>
      <span aria-hidden>{TREND_MARK[trend].mark}</span>
      {t(`kpis.trend.${trend}`)}
    </span>
  );
}

export function KindBadge({ kind }: { kind: "process" | "outcome" }) {
  const { t } = useTranslation();
  return <Badge tone={kind === "outcome" ? "violet" : "brand"}>{t(`kpis.kinds.${kind}`)}</Badge>;
}

export function KpiIcon(p: React.SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" {...p}>
      <path d="M3 16h14" />
      <path d="M4 13l4-4 3 3 5-6" />
      <path d="M13 6h3v3" />
    </svg>
  );
}
