/**
 * CONTRACT (filled in by the evidence work): the evidence linked to one touchpoint, pain point or
 * key question of a map, with add (feedback records, files, links) and unlink for editors.
 */
export interface EvidenceLinksProps {
  programId: string;
  mapId: string;
  targetType: "touchpoint" | "pain_point" | "question";
  targetId: string;
  canEdit: boolean;
}

export function EvidenceLinks(_props: EvidenceLinksProps) {
  return null;
}
