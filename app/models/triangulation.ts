/**
 * Triangulation of a pain point (step 2): the TOP-DOWN score is management's assessment (the
 * pain point's severity, 1–5); the BOTTOM-UP score (1–5) is computed from the customer feedback
 * records linked to it as evidence. Where the two disagree by the program's margin or more, the
 * pain point is flagged for leadership to review. Pure (shared by server and UI).
 *
 * Bottom-up score, from the linked feedback records of the pain point:
 *
 *   satisfaction of a record  s = (score − score_min) / (score_max − score_min), clamped to 0…1
 *                                 (records without a score or a usable scale are left out of D)
 *   dissatisfaction           D = 1 − mean(s)      (0.5 — neutral — when no linked record has a score)
 *   volume                    V = min(1, linked / programFeedback ÷ 5 %)
 *                                 (a pain point that 5 % or more of the program's feedback is
 *                                 linked to counts as full volume)
 *   bottom-up                   = 1 + 4 × (0.6 × D + 0.4 × V), rounded to one decimal
 *
 * and null when no feedback record is linked (there is nothing to triangulate with).
 *
 * Flag: bottom-up is known and |top-down − bottom-up| ≥ margin (default 1.5, per program) — unless
 * leadership reviewed the pain point at exactly the current pair of scores. A review is kept; the
 * flag comes back as soon as either score moves away from the reviewed pair.
 */

export const DEFAULT_TRIANGULATION_MARGIN = 1.5;
export const TRIANGULATION_MARGIN_MIN = 0.5;
export const TRIANGULATION_MARGIN_MAX = 4;
/** The share of a program's feedback at which a pain point's volume counts as full (1). */
export const FULL_VOLUME_SHARE = 0.05;
export const DISSATISFACTION_WEIGHT = 0.6;
export const VOLUME_WEIGHT = 0.4;
/** Dissatisfaction assumed when none of the linked records carries a score. */
export const NEUTRAL_DISSATISFACTION = 0.5;
export const REVIEW_NOTE_MAX_CHARS = 2000;

const EPSILON = 1e-9;

export const round1 = (v: number): number => Math.round(v * 10 + EPSILON) / 10;
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** A record's score on its own scale as satisfaction 0…1; null when it has no score or no usable scale. */
export function normaliseScore(score: number | null | undefined, min: number | null | undefined, max: number | null | undefined): number | null {
  if (score == null || min == null || max == null) return null;
  if (![score, min, max].every(Number.isFinite) || max <= min) return null;
  return clamp01((score - min) / (max - min));
}

/** What the bottom-up score is computed from (the server aggregates it in SQL). */
export interface FeedbackEvidenceStats {
  /** Feedback records linked to the pain point. */
  linked: number;
  /** Of those, the records with a usable score. */
  scored: number;
  /** Sum of the scored records' satisfaction (normaliseScore). */
  satisfactionSum: number;
  /** All feedback records of the program. */
  programTotal: number;
}

export interface BottomUpScore {
  score: number;
  /** D, 0…1 */
  dissatisfaction: number;
  /** V, 0…1 */
  volume: number;
  /** linked / programTotal, 0…1 */
  share: number;
}

export function bottomUpScore(stats: FeedbackEvidenceStats): BottomUpScore | null {
  if (!(stats.linked > 0)) return null;
  const total = Math.max(stats.programTotal, stats.linked);
  const share = stats.linked / total;
  const volume = clamp01(share / FULL_VOLUME_SHARE);
  const dissatisfaction = stats.scored > 0 ? clamp01(1 - stats.satisfactionSum / stats.scored) : NEUTRAL_DISSATISFACTION;
  const score = round1(1 + 4 * (DISSATISFACTION_WEIGHT * dissatisfaction + VOLUME_WEIGHT * volume));
  return { score, dissatisfaction, volume, share };
}

/** The scores leadership last reviewed the pain point at. */
export interface ReviewedScores {
  topDownScore: number;
  bottomUpScore: number;
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Do the two scores disagree by the margin or more (regardless of reviews)? */
export function disagrees(topDown: number, bottomUp: number | null, margin: number): boolean {
  if (bottomUp == null) return false;
  return round1(Math.abs(topDown - bottomUp)) >= margin - EPSILON;
}

/** Is this review still valid for the current scores (both unchanged since)? */
export function reviewCovers(review: ReviewedScores | null | undefined, topDown: number, bottomUp: number | null): boolean {
  return !!review && bottomUp != null && same(review.topDownScore, topDown) && same(review.bottomUpScore, bottomUp);
}

/** Needs leadership review: the scores disagree by the margin and no review covers the current pair. */
export function isFlagged(topDown: number, bottomUp: number | null, margin: number, review?: ReviewedScores | null): boolean {
  return disagrees(topDown, bottomUp, margin) && !reviewCovers(review, topDown, bottomUp);
}

/** A margin as the settings store it (one decimal, within bounds); null when it is not a number in range. */
export function parseMargin(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : NaN;
  if (!Number.isFinite(n)) return null;
  const r = round1(n);
  return r >= TRIANGULATION_MARGIN_MIN && r <= TRIANGULATION_MARGIN_MAX ? r : null;
}
