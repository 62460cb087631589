/**
 * Fields that step features add to each program in GET /api/v1/programs: the vision issue fills
 * `visionBoard: {id, docName}`, the journey issue `journeyMaps: [{id, name, docName}]`.
 */
import type { Program } from "../../db/schema";
import { journeyMapsForApi } from "./journey-maps.server";
import { visionBoardForApi } from "./vision-overview.server";

export async function programApiExtras(program: Program): Promise<{
  visionBoard: { id: string; docName: string } | null;
  journeyMaps: { id: string; name: string; persona: string; docName: string }[];
}> {
  const [visionBoard, journeyMaps] = await Promise.all([visionBoardForApi(program.id), journeyMapsForApi(program.id)]);
  return { visionBoard, journeyMaps };
}
