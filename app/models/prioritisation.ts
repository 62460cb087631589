/**
 * Prioritisation of pain points (step 2): a 5×5 matrix in one of two modes and a ranked list.
 * Pure (shared by server and UI).
 *
 *   impact × effort:   x = effort (1 low … 5 high), y = impact;   priority = impact × (6 − effort)
 *   severity × reach:  x = reach,                   y = severity; priority = severity × reach
 *
 * Both give 1…25. Ties: a flagged pain point first (it needs leadership's attention), then more
 * linked evidence, then title, then id (so the order is the same everywhere).
 */

export const MATRIX_MODES = ["impact_effort", "severity_reach"] as const;
export type MatrixMode = (typeof MATRIX_MODES)[number];
export const DEFAULT_MATRIX_MODE: MatrixMode = "impact_effort";

export type ScoreField = "impact" | "effort" | "severity" | "reach";

export const MATRIX_AXES: Record<MatrixMode, { x: ScoreField; y: ScoreField }> = {
  impact_effort: { x: "effort", y: "impact" },
  severity_reach: { x: "reach", y: "severity" },
};

export const SCALE = [1, 2, 3, 4, 5] as const;

/** Choices for the length of the ranked list; 0 = all. */
export const TOP_N_OPTIONS = [5, 10, 0] as const;

export interface Scores {
  impact: number;
  effort: number;
  severity: number;
  reach: number;
}

export function isMatrixMode(value: unknown): value is MatrixMode {
  return typeof value === "string" && (MATRIX_MODES as readonly string[]).includes(value);
}

export function priorityScore(p: Scores, mode: MatrixMode): number {
  return mode === "impact_effort" ? p.impact * (6 - p.effort) : p.severity * p.reach;
}

export interface Rankable extends Scores {
  id: string;
  title: string;
  flagged: boolean;
  evidenceCount: number;
}

export type Ranked<T> = T & { priority: number; rank: number };

export function comparePriority(a: Rankable, b: Rankable, mode: MatrixMode): number {
  return (
    priorityScore(b, mode) - priorityScore(a, mode) ||
    Number(b.flagged) - Number(a.flagged) ||
    b.evidenceCount - a.evidenceCount ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The pain points by priority, highest first, numbered 1…n. Does not change the input. */
export function rankPainPoints<T extends Rankable>(items: readonly T[], mode: MatrixMode): Ranked<T>[] {
  return [...items]
    .sort((a, b) => comparePriority(a, b, mode))
    .map((p, i) => ({ ...p, priority: priorityScore(p, mode), rank: i + 1 }));
}

/** The first n of a ranked list (0 = all). */
export function topN<T>(ranked: readonly T[], n: number): T[] {
  return n > 0 ? ranked.slice(0, n) : [...ranked];
}

/** The cell of the matrix a pain point sits in. */
export function cellOf(p: Scores, mode: MatrixMode): { x: number; y: number } {
  const axes = MATRIX_AXES[mode];
  return { x: p[axes.x], y: p[axes.y] };
}

/** The fields a drop on cell (x, y) writes. */
export function cellPatch(mode: MatrixMode, x: number, y: number): Partial<Scores> {
  const axes = MATRIX_AXES[mode];
  const v = (n: number) => Math.min(5, Math.max(1, Math.round(n)));
  return { [axes.x]: v(x), [axes.y]: v(y) } as Partial<Scores>;
}

export type Quadrant = "quickWins" | "majorProjects" | "fillIns" | "moneyPits" | "fixFirst" | "targeted" | "papercuts" | "monitor";

/**
 * The named corner of the matrix a cell belongs to (the middle row and column, 3, belong to
 * none: a pain point there is neither clearly high nor clearly low).
 */
export function quadrantOf(mode: MatrixMode, x: number, y: number): Quadrant | null {
  const hiY = y >= 4;
  const loY = y <= 2;
  const hiX = x >= 4;
  const loX = x <= 2;
  if (mode === "impact_effort") {
    if (hiY && loX) return "quickWins";
    if (hiY && hiX) return "majorProjects";
    if (loY && loX) return "fillIns";
    if (loY && hiX) return "moneyPits";
    return null;
  }
  if (hiY && hiX) return "fixFirst";
  if (hiY && loX) return "targeted";
  if (loY && hiX) return "papercuts";
  if (loY && loX) return "monitor";
  return null;
}

export const QUADRANTS: Record<MatrixMode, Quadrant[]> = {
  impact_effort: ["quickWins", "majorProjects", "fillIns", "moneyPits"],
  severity_reach: ["fixFirst", "targeted", "papercuts", "monitor"],
};
