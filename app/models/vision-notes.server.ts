/**
 * Sticky notes changed by the server on someone's behalf (an HTTP fallback for clients without a
 * socket, imports, tests, the benchmark). Participants normally edit `vision:<boardId>` directly
 * through the socket; the same rules apply to both: the edit policy (role, lock), 1–500
 * characters, and no author on notes written in anonymous mode.
 *
 * Notes are document content, not rows: their history is the document's update log, so they are
 * not written to the audit log one by one.
 */
import { z } from "zod";
import { newId, nowIso } from "../db.server";
import { changeDoc, readDoc } from "./live-docs.server";
import { parseInput, requireActiveBoard, VisionError, type VisionActor } from "./vision-common.server";
import { visionBoardEditPolicy } from "./vision-boards.server";
import { NOTE_COLOURS, NoteTextSchema, patchNote, putNote, visionBoardDocName, type VisionNote } from "./vision-doc";

export const NewNoteSchema = z.object({
  text: NoteTextSchema,
  promptId: z.string({ error: "validation.required" }).min(1, "validation.required").max(100),
  colour: z.enum(NOTE_COLOURS, { error: "validation.invalid" }).default("yellow"),
});

export const NotePatchSchema = z.object({
  text: NoteTextSchema.optional(),
  promptId: z.string().min(1).max(100).optional(),
  colour: z.enum(NOTE_COLOURS, { error: "validation.invalid" }).optional(),
  clusterId: z.string().min(1).max(100).nullable().optional(),
});

async function requireEditable(actor: VisionActor, boardId: unknown) {
  const board = await requireActiveBoard(actor, boardId);
  if (!(await visionBoardEditPolicy(board.id, actor.access))) {
    throw new VisionError(403, board.locked === 1 ? "vision.errors.boardLocked" : "errors.forbidden");
  }
  return board;
}

export async function addVisionNote(actor: VisionActor, boardId: unknown, input: unknown): Promise<VisionNote> {
  const board = await requireEditable(actor, boardId);
  const data = parseInput(NewNoteSchema, input);
  const docName = visionBoardDocName(board.id);
  const promptExists = await readDoc(docName, (doc) => doc.getMap("prompts").has(data.promptId));
  if (!promptExists) throw new VisionError(422, "errors.invalid_input", { promptId: "vision.errors.promptNotFound" });
  const anonymous = board.anonymous === 1;
  const note: VisionNote = {
    id: newId(),
    text: data.text,
    promptId: data.promptId,
    colour: data.colour,
    clusterId: null,
    authorId: anonymous ? null : actor.user.id,
    authorName: anonymous ? null : actor.user.name,
    createdAt: nowIso(),
  };
  await changeDoc(docName, (doc) => putNote(doc, note));
  return note;
}

export async function updateVisionNote(actor: VisionActor, boardId: unknown, noteId: unknown, input: unknown): Promise<void> {
  const board = await requireEditable(actor, boardId);
  const id = parseInput(z.string().min(1).max(100), noteId);
  const patch = parseInput(NotePatchSchema, input);
  let found = true;
  await changeDoc(visionBoardDocName(board.id), (doc) => {
    found = patchNote(doc, id, patch);
  });
  if (!found) throw new VisionError(404, "vision.errors.noteNotFound");
}
