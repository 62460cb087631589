import { describe, expect, it } from "vitest";
import type { VisionBoardContent, VisionNote } from "../../app/models/vision-doc";
import { rankResults, tallyVotes } from "../../app/models/vision-results";

const note = (id: string, clusterId: string | null, createdAt = `2026-01-01T00:00:0${id.length}Z`): VisionNote => ({
  id,
  text: id,
  promptId: "customer",
  colour: "yellow",
  clusterId,
  authorId: null,
  authorName: null,
  createdAt,
});

describe("tallyVotes", () => {
  it("sums each target over people, most dots first, and drops zero and negative rows", () => {
    const rows = [
      { targetId: "a", count: 2 },
      { targetId: "b", count: 1 },
      { targetId: "a", count: 1 },
      { targetId: "c", count: 0 },
      { targetId: "d", count: -3 },
      { targetId: "b", count: 3 },
    ];
    expect(tallyVotes(rows)).toEqual([
      { targetId: "b", votes: 4 },
      { targetId: "a", votes: 3 },
    ]);
  });

  it("orders ties by target id, so the result is stable", () => {
    expect(tallyVotes([{ targetId: "z", count: 1 }, { targetId: "m", count: 1 }]).map((r) => r.targetId)).toEqual(["m", "z"]);
  });

  it("is empty without votes", () => {
    expect(tallyVotes([])).toEqual([]);
  });
});

describe("rankResults", () => {
  const board: VisionBoardContent = {
    prompts: [{ id: "customer", title: "", kind: "customer", position: 0 }],
    clusters: [
      { id: "c1", name: "等待", promptId: "customer" },
      { id: "c2", name: "重复", promptId: "customer" },
      { id: "c3", name: "无票", promptId: "customer" },
    ],
    notes: [note("n1", "c1", "2026-01-01T00:00:01Z"), note("n2", "c1", "2026-01-01T00:00:02Z"), note("n3", "c2", "2026-01-01T00:00:03Z"), note("n4", null, "2026-01-01T00:00:04Z")],
  };

  it("scores a cluster as the dots on it plus the dots on its notes", () => {
    const r = rankResults(
      [
        { targetId: "c2", votes: 4 },
        { targetId: "n1", votes: 2 },
        { targetId: "n2", votes: 1 },
        { targetId: "c1", votes: 1 },
        { targetId: "n3", votes: 1 },
      ],
      board,
    );
    expect(r.clusters.map((c) => [c.cluster.id, c.directVotes, c.noteVotes, c.score, c.rank])).toEqual([
      ["c2", 4, 1, 5, 1],
      ["c1", 1, 3, 4, 2],
    ]);
    expect(r.notes.map((n) => [n.note.id, n.votes, n.rank])).toEqual([
      ["n1", 2, 1],
      ["n2", 1, 2],
      ["n3", 1, 2],
    ]);
    expect(r.totalVotes).toBe(9);
    expect(r.orphanVotes).toBe(0);
  });

  it("shares ranks on ties (1, 1, 3) and breaks them by direct votes, then name", () => {
    const r = rankResults(
      [
        { targetId: "c1", votes: 2 },
        { targetId: "n3", votes: 2 },
        { targetId: "c3", votes: 1 },
      ],
      board,
    );
    expect(r.clusters.map((c) => [c.cluster.id, c.score, c.rank])).toEqual([
      ["c1", 2, 1],
      ["c2", 2, 1],
      ["c3", 1, 3],
    ]);
  });

  it("counts dots on targets that have left the board, but does not rank them", () => {
    const r = rankResults([{ targetId: "gone", votes: 3 }, { targetId: "n4", votes: 1 }], board);
    expect(r.orphanVotes).toBe(3);
    expect(r.totalVotes).toBe(4);
    expect(r.notes.map((n) => n.note.id)).toEqual(["n4"]);
    expect(r.clusters).toEqual([]);
  });
});
