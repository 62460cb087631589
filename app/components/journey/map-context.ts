/**
 * What the journey-map layout route (/programs/:programId/journeys/:mapId) hands its tabs
 * (canvas, priorities, key questions) through the Outlet: the map, the one live document
 * connection they share, and what the user may do.
 */
import { useOutletContext } from "@remix-run/react";
import type { CollabDoc } from "~/collab/use-collab-doc";
import type { PresenceUser } from "~/collab/presence";

export interface JourneyMapInfo {
  id: string;
  name: string;
  persona: string;
  description: string;
  docName: string;
  archivedAt: string | null;
}

export interface JourneyMapOutletContext {
  programId: string;
  map: JourneyMapInfo;
  /** The live `journey:<mapId>` document (null until the browser has it). */
  collab: CollabDoc;
  me: PresenceUser;
  /** journey.edit and the map is not archived (the socket enforces the same). */
  canEdit: boolean;
  /** Leadership's review of flagged pain points (the `approve` action). */
  canReview: boolean;
}

export function useJourneyMap(): JourneyMapOutletContext {
  return useOutletContext<JourneyMapOutletContext>();
}
