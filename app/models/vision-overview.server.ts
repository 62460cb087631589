/**
 * The vision step seen from outside: GET /api/v1/programs/:programId/vision, the program's
 * `visionBoard` in GET /api/v1/programs, and the step's state on the program home.
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import { can, type ProgramAccess } from "./permissions";
import type { StepStatus } from "./steps";
import { latestVisionBoard, listVisionBoards } from "./vision-boards.server";
import { countProjectedNotes } from "./vision-projection.server";
import { getPublishedVision, getVisionDraft, listVisionVersions, type VisionDraft } from "./vision-versions.server";

export interface VisionApiBody {
  published: {
    version: number;
    statement: string;
    standards: { id: string; title: string; description: string; measurableHint: string }[];
    publishedAt: string;
    publishedBy: { id: string; name: string | null } | null;
  } | null;
  /** The working draft, for those who may edit it (`vision.edit`); null otherwise or when none exists. */
  draft: VisionDraft | null;
  versions: { version: number; publishedAt: string; publishedBy: { id: string; name: string | null } | null }[];
  boards: { id: string; title: string; docName: string; controlDocName: string; locked: boolean; anonymous: boolean; createdAt: string }[];
}

/**
 * The body of GET /api/v1/programs/:programId/vision. A standard's `id` is its stable key (the
 * same across versions), which is what step 5's guidelines cite.
 */
export async function getVisionOverview(programId: string, access: ProgramAccess): Promise<VisionApiBody> {
  const [published, versions, boards, draft] = await Promise.all([
    getPublishedVision(programId),
    listVisionVersions(programId),
    listVisionBoards(programId),
    can(access, "vision.edit") ? getVisionDraft(programId) : Promise.resolve(null),
  ]);
  const person = (id: string | null, name: string | null) => (id ? { id, name } : null);
  return {
    published: published
      ? {
          version: published.version,
          statement: published.statement,
          standards: published.standards.map((s) => ({ id: s.key, title: s.title, description: s.description, measurableHint: s.measurableHint })),
          publishedAt: published.publishedAt,
          publishedBy: person(published.publishedBy, published.publishedByName),
        }
      : null,
    draft,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, publishedBy: person(v.publishedBy, v.publishedByName) })),
    boards: boards.map((b) => ({
      id: b.id,
      title: b.title,
      docName: b.docName,
      controlDocName: b.controlDocName,
      locked: b.locked,
      anonymous: b.anonymous,
      createdAt: b.createdAt,
    })),
  };
}

/** `visionBoard` in GET /api/v1/programs: the program's most recent active board. */
export async function visionBoardForApi(programId: string): Promise<{ id: string; docName: string } | null> {
  const board = await latestVisionBoard(programId);
  return board ? { id: board.id, docName: board.docName } : null;
}

/** Counts the notes of the program's active boards; null when the live documents are unavailable. */
/**
 * Step 1's state: not started without a board or draft; in progress with one; done once a
 * version is published. Outputs: sticky notes (from the projected read model), standards and
 * the published version number.
 */
export async function visionStepStatus(program: Program): Promise<StepStatus> {
  const boards = await db().selectFrom("vision_boards").select("id").where("program_id", "=", program.id).where("archived_at", "is", null).execute();
  const draft = await db().selectFrom("vision_drafts").select("program_id").where("program_id", "=", program.id).executeTakeFirst();
  const published = await getPublishedVision(program.id);
  const state = published ? "done" : boards.length || draft ? "in_progress" : "not_started";
  const outputs: StepStatus["outputs"] = [];
  const notes = await countProjectedNotes(boards.map((b) => b.id));
  if (notes > 0) outputs.push({ labelKey: "vision.outputs.notes", count: notes });
  if (published) {
    outputs.push({ labelKey: "vision.outputs.standards", count: published.standards.length });
    outputs.push({ labelKey: "vision.outputs.version", count: published.version });
  }
  return { key: "vision", state, outputs };
}
