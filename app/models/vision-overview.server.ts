/**
 * The vision step seen from outside: GET /api/v1/programs/:programId/vision, the program's
 * `visionBoard` in GET /api/v1/programs, and the step's state on the program home.
 */
import type { ExpressionBuilder } from "kysely";
import type { Database, Program } from "../../db/schema";
import { db } from "../db.server";
import { can, type ProgramAccess } from "./permissions";
import type { StepStatus } from "./steps";
import { latestVisionBoard, listVisionBoards } from "./vision-boards.server";
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

/**
 * Step 1's state: not started without a board or draft; in progress with one; done once a
 * version is published. Outputs: sticky notes on the active boards (from the projected read
 * model), the latest version's standards and its number. One query: each figure is a scalar
 * subquery.
 */
export async function visionStepStatus(program: Program): Promise<StepStatus> {
  const activeBoards = (eb: ExpressionBuilder<Database, never>) =>
    eb.selectFrom("vision_boards").where("program_id", "=", program.id).where("archived_at", "is", null);
  const latestVersionId = (eb: ExpressionBuilder<Database, never>) =>
    eb.selectFrom("vision_versions").select("id").where("program_id", "=", program.id).orderBy("version", "desc").limit(1);
  const row = await db()
    .selectNoFrom((eb) => [
      activeBoards(eb).select(eb.fn.countAll<number>().as("n")).as("boards"),
      eb.selectFrom("vision_drafts").select(eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).as("drafts"),
      eb
        .selectFrom("vision_notes")
        .select(eb.fn.countAll<number>().as("n"))
        .where("board_id", "in", activeBoards(eb).select("id"))
        .where("deleted_at", "is", null)
        .as("notes"),
      eb.selectFrom("vision_versions").select((v) => v.fn.max<number>("version").as("v")).where("program_id", "=", program.id).as("version"),
      eb.selectFrom("vision_standards").select(eb.fn.countAll<number>().as("n")).where("version_id", "=", latestVersionId(eb)).as("standards"),
    ])
    .executeTakeFirstOrThrow();
  const published = row.version != null;
  const state = published ? "done" : Number(row.boards) > 0 || Number(row.drafts) > 0 ? "in_progress" : "not_started";
  const outputs: StepStatus["outputs"] = [];
  const notes = Number(row.notes);
  if (notes > 0) outputs.push({ labelKey: "vision.outputs.notes", count: notes });
  if (published) {
    outputs.push({ labelKey: "vision.outputs.standards", count: Number(row.standards) });
    outputs.push({ labelKey: "vision.outputs.version", count: Number(row.version) });
  }
  return { key: "vision", state, outputs };
}
