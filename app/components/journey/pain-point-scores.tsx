/**
 * CONTRACT (filled in by the triangulation work): a pain point's top-down and bottom-up scores,
 * its triangulation flag and, for leadership, the review action.
 */
export interface PainPointScoresProps {
  programId: string;
  mapId: string;
  painPointId: string;
  canReview: boolean;
}

export function PainPointScores(_props: PainPointScoresProps) {
  return null;
}
