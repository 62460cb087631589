/**
 * The CX office's KPI board, pure parts shared by server and UI: the board status of a KPI (on
 * target / off target / past threshold / no target / unmeasured), its filters as read from the
 * URL, and the geometry of the inline sparkline (the last values as an SVG polyline, with the
 * target as a line when it falls in range) and the words a screen reader hears for it.
 */
import { z } from "zod";
import { KPI_KINDS, type KpiKind, type KpiStatus, type KpiTrend } from "./kpi";

/**
 * Who looks at the office pages: a user in one organisation. What they see is decided on the
 * server: every program of the organisation for its CX office and admins, the programs they are a
 * member of for everyone else (listVisiblePrograms).
 */
export interface OfficeViewer {
  userId: string;
  orgId: string;
}

/** How many of the latest values the board's sparkline shows. */
export const BOARD_SPARKLINE_POINTS = 12;

export const BOARD_STATUSES = ["past_threshold", "off_target", "unmeasured", "no_target", "on_target"] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** The registry's status of the latest value, in the board's words. */
export function boardStatus(status: KpiStatus): BoardStatus {
  switch (status) {
    case "alert":
      return "past_threshold";
    case "off_target":
      return "off_target";
    case "on_target":
      return "on_target";
    case "no_target":
      return "no_target";
    default:
      return "unmeasured";
  }
}

/** Worst first: the board's default order. */
export function boardStatusRank(status: BoardStatus): number {
  return BOARD_STATUSES.indexOf(status);
}

export type BoardTrend = "better" | "worse" | "flat" | "none";

/** The registry's trend (latest against previous, judged by the KPI's direction) in the board's words. */
export function boardTrend(trend: KpiTrend): BoardTrend {
  return trend === "improving" ? "better" : trend === "worsening" ? "worse" : trend;
}

export interface BoardFilters {
  programId: string | null;
  kind: KpiKind | null;
  status: BoardStatus | null;
  /** Only KPIs past their threshold now or with an open alert. */
  alertsOnly: boolean;
}

const emptyToNull = (v: unknown) => (v === "" || v === undefined || v === null ? null : v);

export const BoardFiltersSchema = z.object({
  programId: z.preprocess(emptyToNull, z.string().max(100).nullable()).catch(null),
  kind: z.preprocess(emptyToNull, z.enum(KPI_KINDS).nullable()).catch(null),
  status: z.preprocess(emptyToNull, z.enum(BOARD_STATUSES).nullable()).catch(null),
  alertsOnly: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).catch(false),
});

/** The board's filters from URL search params (`program`, `kind`, `status`, `alerts=1`); unknown values are ignored. */
export function boardFiltersFromSearch(search: URLSearchParams): BoardFilters {
  return BoardFiltersSchema.parse({
    programId: search.get("program") ?? undefined,
    kind: search.get("kind") ?? undefined,
    status: search.get("status") ?? undefined,
    alertsOnly: search.get("alerts") ?? undefined,
  });
}

export interface SparklineGeometry {
  /** "x,y x,y …" for <polyline points>. */
  points: string;
  /** The last point (drawn as a dot). */
  last: { x: number; y: number };
  /** The target's y, when a target is set (the range includes it). */
  targetY: number | null;
  /** The threshold's y, when set and inside the values' range widened by the target. */
  thresholdY: number | null;
}

/**
 * Lays out values (oldest first) in a width × height box with `pad` pixels inside. The vertical
 * range spans the values and the target, so the target line is always visible; a flat series is
 * drawn in the middle. Null for fewer than two values.
 */
export function sparklineGeometry(
  values: number[],
  opts: { width: number; height: number; pad?: number; target?: number | null; threshold?: number | null },
): SparklineGeometry | null {
  if (values.length < 2) return null;
  const pad = opts.pad ?? 3;
  const target = opts.target ?? null;
  const threshold = opts.threshold ?? null;
  const range = values.concat(target === null ? [] : [target]);
  const min = Math.min(...range);
  const max = Math.max(...range);
  const innerW = opts.width - pad * 2;
  const innerH = opts.height - pad * 2;
  const y = (v: number) => (max === min ? opts.height / 2 : pad + innerH - ((v - min) / (max - min)) * innerH);
  const x = (i: number) => pad + (i / (values.length - 1)) * innerW;
  const round = (n: number) => Math.round(n * 10) / 10;
  const pts = values.map((v, i) => ({ x: round(x(i)), y: round(y(v)) }));
  return {
    points: pts.map((p) => `${p.x},${p.y}`).join(" "),
    last: pts[pts.length - 1],
    targetY: target === null ? null : round(y(target)),
    thresholdY: threshold !== null && threshold >= min && threshold <= max ? round(y(threshold)) : null,
  };
}

/** Rising, falling or steady over the whole sparkline (first against last value, 0.5% tolerance): for its accessible label. */
export function sparklineShape(values: number[]): "rising" | "falling" | "steady" | "none" {
  if (values.length < 2) return "none";
  const first = values[0];
  const last = values[values.length - 1];
  const delta = last - first;
  if (delta === 0 || Math.abs(delta) <= Math.abs(first) * 0.005) return "steady";
  return delta > 0 ? "rising" : "falling";
}
