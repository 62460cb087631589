/**
 * Fields that step features add to each program in GET /api/v1/programs: the vision issue fills
 * `visionBoard: {id, docName}`, the journey issue `journeyMaps: [{id, name, docName}]`.
 * Until a feature lands, its field says honestly that nothing exists yet.
 */
import type { Program } from "../../db/schema";
import { visionBoardForApi } from "./vision-overview.server";

export async function programApiExtras(
  program: Program,
): Promise<{ visionBoard: { id: string; docName: string } | null; journeyMaps: never[] }> {
  return { visionBoard: await visionBoardForApi(program.id), journeyMaps: [] };
}
