/**
 * Dot-voting results, pure (shared by server and UI, unit-tested).
 *
 * Scoring rule: a note scores the dots put on it. A cluster scores the dots put on the cluster
 * itself plus the dots on every note currently in it — the group is worth what its parts are
 * worth, so voting on single stickies before clustering still counts once they are grouped.
 * Equal scores share a rank (1, 2, 2, 4); within a tie the order is stable: clusters with more
 * direct votes first, then by name; notes by creation time.
 */
import type { VisionBoardContent, VisionCluster, VisionNote, VoteResult } from "./vision-doc";

/** Sums vote rows (one per person × target) into one result per target, most dots first, zeros dropped. */
export function tallyVotes(rows: { targetId: string; count: number }[]): VoteResult[] {
  const totals = new Map<string, number>();
  for (const r of rows) {
    if (!Number.isFinite(r.count) || r.count <= 0) continue;
    totals.set(r.targetId, (totals.get(r.targetId) ?? 0) + r.count);
  }
  return [...totals]
    .map(([targetId, votes]) => ({ targetId, votes }))
    .sort((a, b) => b.votes - a.votes || a.targetId.localeCompare(b.targetId));
}

export interface RankedNote {
  note: VisionNote;
  votes: number;
  rank: number;
}

export interface RankedCluster {
  cluster: VisionCluster;
  /** Dots put on the cluster itself. */
  directVotes: number;
  /** Dots put on the cluster's notes. */
  noteVotes: number;
  /** directVotes + noteVotes: what the cluster ranks by. */
  score: number;
  noteCount: number;
  rank: number;
}

export interface RankedResults {
  notes: RankedNote[];
  clusters: RankedCluster[];
  /** Dots on targets no longer on the board (deleted after voting): counted, but not ranked. */
  orphanVotes: number;
  totalVotes: number;
}

/** Competition ranking (1, 2, 2, 4) over a list already sorted by `score` descending. */
function assignRanks<T extends { rank: number }>(items: T[], score: (t: T) => number): T[] {
  let lastScore = Number.NaN;
  let lastRank = 0;
  items.forEach((item, i) => {
    const s = score(item);
    item.rank = s === lastScore ? lastRank : i + 1;
    lastScore = s;
    lastRank = item.rank;
  });
  return items;
}

/** Ranks the board's notes and clusters by the revealed results (only those with at least one dot). */
export function rankResults(results: VoteResult[], board: VisionBoardContent): RankedResults {
  const votes = new Map(results.map((r) => [r.targetId, r.votes]));
  const noteIds = new Set(board.notes.map((n) => n.id));
  const clusterIds = new Set(board.clusters.map((c) => c.id));
  let orphanVotes = 0;
  let totalVotes = 0;
  for (const r of results) {
    totalVotes += r.votes;
    if (!noteIds.has(r.targetId) && !clusterIds.has(r.targetId)) orphanVotes += r.votes;
  }

  const notes = board.notes
    .map((note) => ({ note, votes: votes.get(note.id) ?? 0, rank: 0 }))
    .filter((n) => n.votes > 0)
    .sort((a, b) => b.votes - a.votes || a.note.createdAt.localeCompare(b.note.createdAt) || a.note.id.localeCompare(b.note.id));

  const clusters = board.clusters
    .map((cluster) => {
      const members = board.notes.filter((n) => n.clusterId === cluster.id);
      const directVotes = votes.get(cluster.id) ?? 0;
      const noteVotes = members.reduce((sum, n) => sum + (votes.get(n.id) ?? 0), 0);
      return { cluster, directVotes, noteVotes, score: directVotes + noteVotes, noteCount: members.length, rank: 0 };
    })
    .filter((c) => c.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.directVotes - a.directVotes ||
        a.cluster.name.localeCompare(b.cluster.name) ||
        a.cluster.id.localeCompare(b.cluster.id),
    );

  return {
    notes: assignRanks(notes, (n) => n.votes),
    clusters: assignRanks(clusters, (c) => c.score),
    orphanVotes,
    totalVotes,
  };
}
