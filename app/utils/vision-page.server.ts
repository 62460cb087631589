/**
 * The board page's loader data and action dispatch (/programs/:programId/vision): thin glue from
 * form posts (an `intent` plus fields; lists as a JSON `payload`) to the vision models, which
 * authorise, validate, audit and mirror. Refusals come back as JSON errors with field messages.
 */
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { ProgramContext } from "../models/access.server";
import { can } from "../models/permissions";
import { addTimerMinute, nextSection, pauseTimer, setAgenda, setSectionDone, startTimer } from "../models/vision-agenda.server";
import { readDoc } from "../models/live-docs.server";
import { createVisionBoard, ensureBoardPrompts, listVisionBoards, setBoardAnonymous, setBoardLocked } from "../models/vision-boards.server";
import { VisionError } from "../models/vision-common.server";
import { syncControlDoc } from "../models/vision-control.server";
import {
  addVisionEvidenceFile,
  addVisionEvidenceLink,
  deleteVisionEvidence,
  getVisionEvidence,
  listVisionEvidence,
  MAX_UPLOAD_BYTES,
} from "../models/vision-evidence.server";
import { getVisionOverview } from "../models/vision-overview.server";
import { compareVisionVersions, publishVision, saveVisionDraft } from "../models/vision-versions.server";
import { castVote, closeVoteRound, getMyBallot, getRoundProgress, listVoteRounds, openVoteRound, revealVoteRound } from "../models/vision-voting.server";
import { httpError } from "./http.server";
import { visionErrorResponse } from "./vision-http.server";

export async function loadVisionPage(ctx: ProgramContext, url: URL) {
  const programId = ctx.program.id;
  const boards = await listVisionBoards(programId);
  const board = boards.find((b) => b.id === url.searchParams.get("board")) ?? boards[0] ?? null;
  const perms = {
    participate: can(ctx.access, "vision.participate"),
    edit: can(ctx.access, "vision.edit"),
    facilitate: can(ctx.access, "vision.facilitate"),
    publish: can(ctx.access, "vision.publish"),
  };
  const overview = await getVisionOverview(programId, ctx.access);
  let ballot = null;
  let progress = null;
  let evidence: Awaited<ReturnType<typeof listVisionEvidence>> = [];
  let evidenceDetail = null;
  if (board) {
    // Heals the mirror if an earlier sync could not reach the collaboration server.
    void syncControlDoc(board.id);
    // …and the prompts, if the board was created while the rooms were unreachable.
    void readDoc(board.docName, (d) => d.getMap("prompts").size)
      .then((n) => (n === 0 ? ensureBoardPrompts(board.id) : undefined))
      .catch(() => undefined);
    const [latest] = await listVoteRounds(ctx, board.id);
    if (latest?.status === "open") {
      if (perms.participate) ballot = await getMyBallot(ctx, latest.id);
      if (perms.facilitate) progress = await getRoundProgress(ctx, latest.id);
    }
    evidence = await listVisionEvidence(ctx, board.id);
    const selected = url.searchParams.get("evidence");
    if (selected) evidenceDetail = await getVisionEvidence(ctx, selected).catch(() => null);
  }
  let compare = null;
  const a = Number(url.searchParams.get("a"));
  const b = Number(url.searchParams.get("b"));
  if (Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > 0) compare = await compareVisionVersions(programId, a, b).catch(() => null);
  return {
    programId,
    me: { id: ctx.user.id, name: ctx.user.name },
    perms,
    boards,
    board,
    ballot,
    progress,
    evidence,
    evidenceDetail,
    overview,
    compare,
  };
}

const jsonField = (form: FormData, name: string): unknown => {
  const raw = form.get(name);
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};
const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

export async function visionPageAction(ctx: ProgramContext, request: Request): Promise<Response> {
  try {
    const type = request.headers.get("content-type") ?? "";
    if (type.startsWith("multipart/form-data")) {
      let form: FormData;
      try {
        form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
      } catch {
        throw new VisionError(413, "vision.errors.fileTooLarge", { file: "vision.errors.fileTooLarge" }, { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
      }
      const file = form.get("file");
      if (!(file instanceof Blob) || file.size === 0) throw new VisionError(422, "errors.invalid_input", { file: "vision.errors.fileMissing" });
      const evidence = await addVisionEvidenceFile(ctx, str(form, "boardId"), {
        title: str(form, "title"),
        filename: (file as File).name ?? "file",
        mime: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return json({ ok: true, intent: "upload", evidenceId: evidence.id });
    }
    const form = await request.formData();
    const intent = str(form, "intent");
    const boardId = str(form, "boardId");
    const roundId = str(form, "roundId");
    const on = str(form, "value") === "1";
    switch (intent) {
      case "createBoard": {
        const board = await createVisionBoard(ctx, { title: str(form, "title") });
        return json({ ok: true, intent, boardId: board.id });
      }
      case "lock":
        await setBoardLocked(ctx, boardId, on);
        break;
      case "anonymous":
        await setBoardAnonymous(ctx, boardId, on);
        break;
      case "agenda":
        await setAgenda(ctx, boardId, { sections: jsonField(form, "payload") });
        break;
      case "timerStart":
        await startTimer(ctx, boardId);
        break;
      case "timerPause":
        await pauseTimer(ctx, boardId);
        break;
      case "timerAddMinute":
        await addTimerMinute(ctx, boardId);
        break;
      case "nextSection":
        await nextSection(ctx, boardId);
        break;
      case "done":
        await setSectionDone(ctx, boardId, str(form, "sectionId"), on);
        break;
      case "openRound":
        await openVoteRound(ctx, boardId, { budget: str(form, "budget") });
        break;
      case "vote": {
        const ballot = await castVote(ctx, roundId, { targetId: str(form, "targetId"), delta: str(form, "delta") });
        return json({ ok: true, intent, ballot });
      }
      case "closeRound":
        await closeVoteRound(ctx, roundId);
        break;
      case "revealRound":
        await revealVoteRound(ctx, roundId);
        break;
      case "addLink":
        await addVisionEvidenceLink(ctx, boardId, { title: str(form, "title"), url: str(form, "url") });
        break;
      case "deleteEvidence":
        await deleteVisionEvidence(ctx, str(form, "evidenceId"));
        break;
      case "saveDraft":
        await saveVisionDraft(ctx, jsonField(form, "payload"));
        break;
      case "publish": {
        const version = await publishVision(ctx, jsonField(form, "payload"));
        return json({ ok: true, intent, version: version.version });
      }
      default:
        return httpError(ctx.locale, 400);
    }
    return json({ ok: true, intent });
  } catch (error) {
    if (error instanceof VisionError) return visionErrorResponse(ctx.locale, error);
    throw error;
  }
}
