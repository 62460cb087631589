/** A pain point as the priorities tab shows it: live fields from the doc plus server-side evidence. */
import type { PainPoint, TouchpointChannel } from "~/models/journey-doc";
import type { PainPointReviewView } from "~/models/pain-points.server";
import type { Ranked } from "~/models/prioritisation";
import type { FlagState } from "./triangulation-parts";

export interface PriorityItem extends PainPoint {
  bottomUp: number | null;
  flag: FlagState;
  flagged: boolean;
  evidenceCount: number;
  lastReview: PainPointReviewView | null;
  touchpoint: { text: string; channel: TouchpointChannel | null; stageName: string | null } | null;
}

export type RankedItem = Ranked<PriorityItem>;
