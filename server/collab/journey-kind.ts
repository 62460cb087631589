/**
 * `journey:<mapId>`: a journey map's canvas, co-edited by owner, leadership, project team and
 * functional representatives (frontline and viewers read it; an archived map is read-only for
 * all), projected into the journey_* and pain_points tables.
 */
import { can } from "../../app/models/permissions";
import { readJourneyContent, replaceJourneyContent } from "../../app/models/journey-doc";
import { findJourneyMapOwner, journeyMapEditPolicy } from "../../app/models/journey-maps.server";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import { projectionTransaction } from "./projection-lock";
import type { DocKind } from "./registry";

export const journeyKind: DocKind = {
  kind: "journey",
  resolve: (mapId) => findJourneyMapOwner(mapId),
  canView: (access) => can(access, "program.view"),
  canEdit: (access, target) => journeyMapEditPolicy(target.id, access),
  async project(doc, target) {
    const content = readJourneyContent(doc);
    await projectionTransaction(target.docName, (tx) => saveJourneyProjection(tx, target.id, target.programId, content));
  },
  restore(doc, version) {
    replaceJourneyContent(doc, version);
  },
};
