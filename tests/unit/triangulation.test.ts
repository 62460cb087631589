import { describe, expect, it } from "vitest";
import {
  bottomUpScore,
  DEFAULT_TRIANGULATION_MARGIN,
  disagrees,
  isFlagged,
  normaliseScore,
  parseMargin,
  reviewCovers,
} from "../../app/models/triangulation";

describe("normaliseScore", () => {
  it("places a score on its own scale as satisfaction 0…1", () => {
    expect(normaliseScore(1, 1, 5)).toBe(0);
    expect(normaliseScore(5, 1, 5)).toBe(1);
    expect(normaliseScore(3, 1, 5)).toBe(0.5);
    expect(normaliseScore(7, 0, 10)).toBeCloseTo(0.7);
  });
  it("clamps out-of-range scores and refuses missing or unusable scales", () => {
    expect(normaliseScore(12, 0, 10)).toBe(1);
    expect(normaliseScore(-1, 0, 10)).toBe(0);
    expect(normaliseScore(null, 1, 5)).toBeNull();
    expect(normaliseScore(3, null, 5)).toBeNull();
    expect(normaliseScore(3, 5, 5)).toBeNull();
    expect(normaliseScore(3, 5, 1)).toBeNull();
    expect(normaliseScore(Number.NaN, 1, 5)).toBeNull();
  });
});

describe("bottomUpScore", () => {
  it("is null without linked feedback", () => {
    expect(bottomUpScore({ linked: 0, scored: 0, satisfactionSum: 0, programTotal: 2000 })).toBeNull();
    expect(bottomUpScore({ linked: 0, scored: 0, satisfactionSum: 0, programTotal: 0 })).toBeNull();
  });

  it("is 5 when every linked record has the worst score and the volume is full", () => {
    const s = bottomUpScore({ linked: 100, scored: 100, satisfactionSum: 0, programTotal: 2000 })!;
    expect(s.dissatisfaction).toBe(1);
    expect(s.volume).toBe(1);
    expect(s.share).toBe(0.05);
    expect(s.score).toBe(5);
  });

  it("is 1 + 1.6 × volume when every linked record has the best score", () => {
    // All max scores: no dissatisfaction; the volume still counts (people contacted us about it).
    expect(bottomUpScore({ linked: 100, scored: 100, satisfactionSum: 100, programTotal: 2000 })!.score).toBe(2.6);
    expect(bottomUpScore({ linked: 1, scored: 1, satisfactionSum: 1, programTotal: 100000 })!.score).toBe(1);
  });

  it("combines 60 % dissatisfaction and 40 % volume, rounded to one decimal", () => {
    // 20 of 2,000 records (1 % → volume 0.2), mean satisfaction 0.25 (dissatisfaction 0.75).
    const s = bottomUpScore({ linked: 20, scored: 20, satisfactionSum: 5, programTotal: 2000 })!;
    expect(s.volume).toBeCloseTo(0.2);
    expect(s.dissatisfaction).toBeCloseTo(0.75);
    expect(s.score).toBe(3.1); // 1 + 4 × (0.45 + 0.08) = 3.12
  });

  it("treats records without scores as neutral dissatisfaction", () => {
    const s = bottomUpScore({ linked: 10, scored: 0, satisfactionSum: 0, programTotal: 10 })!;
    expect(s.dissatisfaction).toBe(0.5);
    expect(s.score).toBe(3.8); // 1 + 4 × (0.3 + 0.4)
  });

  it("never divides by a program total smaller than the linked count", () => {
    const s = bottomUpScore({ linked: 3, scored: 3, satisfactionSum: 0, programTotal: 0 })!;
    expect(s.share).toBe(1);
    expect(s.score).toBe(5);
  });
});

describe("the flag", () => {
  it("needs a bottom-up score", () => {
    expect(disagrees(5, null, 1.5)).toBe(false);
    expect(isFlagged(5, null, 1.5)).toBe(false);
  });

  it("is raised at exactly the margin and not below it", () => {
    expect(DEFAULT_TRIANGULATION_MARGIN).toBe(1.5);
    expect(isFlagged(4, 2.5, 1.5)).toBe(true);
    expect(isFlagged(4, 2.6, 1.5)).toBe(false);
    expect(isFlagged(1, 2.5, 1.5)).toBe(true);
    expect(isFlagged(1, 2.4, 1.5)).toBe(false);
    // Floating point: 4.1 − 2.6 is 1.4999999999999996.
    expect(isFlagged(2.6, 4.1, 1.5)).toBe(true);
    expect(isFlagged(3, 3, 0.5)).toBe(false);
  });

  it("stays cleared while both scores equal the reviewed ones, and comes back when either changes", () => {
    const review = { topDownScore: 5, bottomUpScore: 2.1 };
    expect(reviewCovers(review, 5, 2.1)).toBe(true);
    expect(isFlagged(5, 2.1, 1.5, review)).toBe(false);
    expect(isFlagged(4, 2.1, 1.5, review)).toBe(true);
    expect(isFlagged(5, 2.2, 1.5, review)).toBe(true);
    expect(isFlagged(5, 2.1, 1.5, null)).toBe(true);
  });
});

describe("parseMargin", () => {
  it("accepts 0.5–4 with one decimal", () => {
    expect(parseMargin(1.5)).toBe(1.5);
    expect(parseMargin("2")).toBe(2);
    expect(parseMargin("0.5")).toBe(0.5);
    expect(parseMargin(4)).toBe(4);
    expect(parseMargin(1.04)).toBe(1);
  });
  it("refuses anything else", () => {
    for (const v of [0.4, 4.1, "", "abc", null, undefined, Number.NaN, Infinity, -1]) expect(parseMargin(v)).toBeNull();
  });
});
