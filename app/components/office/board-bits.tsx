/** Small pieces of the KPI board: the status chip, the trend mark (better / worse / flat), the overdue chip, the open-alerts pill. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { BoardStatus, BoardTrend } from "~/models/kpi-board";
import { Badge, type BadgeTone } from "../ui";
import { cn } from "../ui/cn";

const STATUS_TONE: Record<BoardStatus, BadgeTone> = {
  past_threshold: "danger",
  off_target: "warning",
  on_target: "success",
  no_target: "neutral",
  unmeasured: "neutral",
};

export function BoardStatusChip({ status }: { status: BoardStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]} data-testid="board-status" data-status={status}>
      {status === "past_threshold" ? <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-red-600" /> : null}
      {t(`office.kpis.status.${status}`)}
    </Badge>
  );
}

const TREND: Record<BoardTrend, { mark: string; cls: string }> = {
  better: { mark: "▲", cls: "text-emerald-700" },
  worse: { mark: "▼", cls: "text-red-700" },
  flat: { mark: "▶", cls: "text-slate-500" },
  none: { mark: "", cls: "text-slate-400" },
};

/** The arrow points the way the value moved; its colour and word say whether that is better or worse for this KPI. */
export function BoardTrendMark({ trend, direction }: { trend: BoardTrend; direction: "up" | "down" }) {
  const { t } = useTranslation();
  if (trend === "none") return <span className="text-xs text-slate-400">{t("office.kpis.trend.none")}</span>;
  const rising = trend === "flat" ? null : (trend === "better") === (direction === "up");
  const mark = trend === "flat" ? TREND.flat.mark : rising ? "▲" : "▼";
  return (
    <span className={cn("inline-flex items-center gap-1 text-xs font-medium", TREND[trend].cls)} data-testid="board-trend" data-trend={trend}>
      <span aria-hidden>{mark}</span>
      {t(`office.kpis.trend.${trend}`)}
    </span>
  );
}

export function OverdueChip({ nextDue }: { nextDue: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone="warning" title={t("office.kpis.overdueHint", { day: nextDue })} data-testid="board-overdue">
      {t("office.kpis.overdue")}
    </Badge>
  );
}

export function OpenAlertsPill({ count, to }: { count: number; to: string }) {
  const { t } = useTranslation();
  if (count === 0) return <span className="text-xs text-slate-400">{t("office.kpis.noOpenAlerts")}</span>;
  return (
    <Link
      to={to}
      className="inline-flex items-center gap-1 rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-1"
      data-testid="board-open-alerts"
    >
      {t("office.kpis.openAlerts", { count })}
    </Link>
  );
}
