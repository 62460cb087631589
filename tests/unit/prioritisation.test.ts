import { describe, expect, it } from "vitest";
import { cellOf, cellPatch, priorityScore, quadrantOf, rankPainPoints, topN, type Rankable } from "../../app/models/prioritisation";

const p = (id: string, over: Partial<Rankable> = {}): Rankable => ({
  id,
  title: id,
  impact: 3,
  effort: 3,
  severity: 3,
  reach: 3,
  flagged: false,
  evidenceCount: 0,
  ...over,
});

describe("priorityScore", () => {
  it("is impact × (6 − effort) in impact × effort mode", () => {
    expect(priorityScore(p("a", { impact: 5, effort: 1 }), "impact_effort")).toBe(25);
    expect(priorityScore(p("a", { impact: 1, effort: 5 }), "impact_effort")).toBe(1);
    expect(priorityScore(p("a", { impact: 4, effort: 2 }), "impact_effort")).toBe(16);
  });
  it("is severity × reach in severity × reach mode", () => {
    expect(priorityScore(p("a", { severity: 5, reach: 5 }), "severity_reach")).toBe(25);
    expect(priorityScore(p("a", { severity: 2, reach: 4 }), "severity_reach")).toBe(8);
  });
});

describe("rankPainPoints", () => {
  it("ranks by priority in the chosen mode", () => {
    const items = [p("low", { impact: 1, effort: 5, severity: 5, reach: 5 }), p("high", { impact: 5, effort: 1, severity: 1, reach: 1 }), p("mid")];
    expect(rankPainPoints(items, "impact_effort").map((x) => [x.id, x.priority, x.rank])).toEqual([
      ["high", 25, 1],
      ["mid", 9, 2],
      ["low", 1, 3],
    ]);
    expect(rankPainPoints(items, "severity_reach").map((x) => x.id)).toEqual(["low", "mid", "high"]);
  });

  it("breaks ties by flag, then evidence count, then title, then id", () => {
    const items = [
      p("z", { title: "B" }),
      p("y", { title: "A" }),
      p("x", { title: "A" }),
      p("w", { title: "C", evidenceCount: 4 }),
      p("v", { title: "D", flagged: true }),
    ];
    expect(rankPainPoints(items, "impact_effort").map((x) => x.id)).toEqual(["v", "w", "x", "y", "z"]);
    // All share priority 9, and the ranks are 1…n without gaps.
    expect(rankPainPoints(items, "impact_effort").map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("does not change its input and topN takes the first n (0 = all)", () => {
    const items = [p("a", { impact: 1 }), p("b", { impact: 5 })];
    const ranked = rankPainPoints(items, "impact_effort");
    expect(items.map((x) => x.id)).toEqual(["a", "b"]);
    expect(topN(ranked, 1).map((x) => x.id)).toEqual(["b"]);
    expect(topN(ranked, 0)).toHaveLength(2);
    expect(topN(ranked, 10)).toHaveLength(2);
  });
});

describe("the matrix", () => {
  it("places a pain point by its two fields and a drop writes them back", () => {
    expect(cellOf(p("a", { impact: 5, effort: 2 }), "impact_effort")).toEqual({ x: 2, y: 5 });
    expect(cellOf(p("a", { severity: 4, reach: 1 }), "severity_reach")).toEqual({ x: 1, y: 4 });
    expect(cellPatch("impact_effort", 1, 5)).toEqual({ effort: 1, impact: 5 });
    expect(cellPatch("severity_reach", 9, 0)).toEqual({ reach: 5, severity: 1 });
  });
  it("names the corners and leaves the middle row and column unnamed", () => {
    expect(quadrantOf("impact_effort", 1, 5)).toBe("quickWins");
    expect(quadrantOf("impact_effort", 5, 5)).toBe("majorProjects");
    expect(quadrantOf("impact_effort", 2, 2)).toBe("fillIns");
    expect(quadrantOf("impact_effort", 4, 1)).toBe("moneyPits");
    expect(quadrantOf("impact_effort", 3, 5)).toBeNull();
    expect(quadrantOf("severity_reach", 5, 5)).toBe("fixFirst");
    expect(quadrantOf("severity_reach", 1, 4)).toBe("targeted");
    expect(quadrantOf("severity_reach", 4, 2)).toBe("papercuts");
    expect(quadrantOf("severity_reach", 1, 1)).toBe("monitor");
    expect(quadrantOf("severity_reach", 2, 3)).toBeNull();
  });
});
