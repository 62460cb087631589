/**
 * Journey evidence of a program: files (recordings mp3/m4a/wav, video mp4, images, documents)
 * stored under `${DATA_DIR}/uploads/<programId>/<evidenceId>` with the checks of the vision
 * evidence (size, extension allow-list, magic bytes, declared MIME must fit), links, and the
 * links from evidence (a feedback record, a file or a link) to a touchpoint, a pain point or a
 * key question (a–f) of a map. Adding, deleting, linking and unlinking need `journey.edit` and
 * are audited; reading needs only to see the program.
 */
import { z } from "zod";
import type { EvidenceTargetType, EvidenceType, JourneyEvidence } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import { feedbackRecordsById, type FeedbackRecordView } from "./feedback-records.server";
import { cardsMap, journeyDocName, KEY_QUESTIONS, painPointsMap, readCard, readPainPoint } from "./journey-doc";
import { requireActiveJourneyMap, requireJourneyMap } from "./journey-maps.server";
import { readDoc } from "./live-docs.server";
import { checkUpload, readEvidenceFile, removeUpload, storeUpload, type EvidenceFile, type FileType, type UploadProblem } from "./upload-store.server";
export type { EvidenceFile } from "./upload-store.server";
import { contentDisposition, FILE_TYPES, sanitizeFilename } from "./vision-evidence.server";

export { contentDisposition };

export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const isMp3 = (b: Uint8Array) => startsWith(b, ascii("ID3")) || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0);
const isIsoMedia = (b: Uint8Array) => startsWith(b, ascii("ftyp"), 4);

/** The vision evidence types plus recordings and video. */
export const JOURNEY_FILE_TYPES: Record<string, FileType> = {
  ...FILE_TYPES,
  mp3: { mime: "audio/mpeg", accepts: ["audio/mpeg", "audio/mp3"], check: isMp3, inline: false },
  m4a: { mime: "audio/mp4", accepts: ["audio/mp4", "audio/x-m4a", "audio/m4a", "audio/aac"], check: isIsoMedia, inline: false },
  wav: {
    mime: "audio/wav",
    accepts: ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"],
    check: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WAVE"), 8),
    inline: false,
  },
  mp4: { mime: "video/mp4", accepts: ["video/mp4", "application/mp4"], check: isIsoMedia, inline: false },
};
export const JOURNEY_EXTENSIONS = Object.keys(JOURNEY_FILE_TYPES);

export interface JourneyEvidenceView {
  id: string;
  kind: "file" | "link";
  title: string;
  url: string | null;
  filename: string | null;
  mime: string | null;
  sizeBytes: number | null;
  uploadedBy: string | null;
  uploadedByName?: string | null;
  createdAt: string;
  /** How many targets it is linked to (library listing only). */
  linkCount?: number;
}

function view(e: JourneyEvidence): JourneyEvidenceView {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    url: e.url,
    filename: e.filename,
    mime: e.mime,
    sizeBytes: e.size_bytes === null ? null : Number(e.size_bytes),
    uploadedBy: e.uploaded_by,
    createdAt: e.created_at,
  };
}

const PROBLEM_KEYS: Record<UploadProblem, string> = { tooLarge: "fileTooLarge", empty: "fileEmpty", type: "fileType", mismatch: "fileMismatch" };

const UploadSchema = z.object({
  title: z.string().trim().max(200, "validation.tooLong").optional(),
  filename: z.string({ error: "evidence.errors.fileMissing" }).min(1, "evidence.errors.fileMissing").max(1000),
  mime: z.string().max(200).optional(),
});

/** Checks and stores an uploaded file; needs `journey.edit`. */
export async function addJourneyEvidenceFile(
  actor: Actor,
  upload: { title?: string; filename: string; mime?: string; bytes: Uint8Array },
): Promise<JourneyEvidenceView> {
  requireCan(actor, "journey.edit");
  const meta = parseInput(UploadSchema, { title: upload.title, filename: upload.filename, mime: upload.mime });
  const bytes = upload.bytes;
  const filename = sanitizeFilename(meta.filename);
  const checked = checkUpload(bytes, filename, meta.mime, JOURNEY_FILE_TYPES, MAX_EVIDENCE_BYTES);
  if (!checked.ok) {
    const key = `evidence.errors.${PROBLEM_KEYS[checked.problem]}`;
    const vars = checked.problem === "tooLarge" ? { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } : { types: JOURNEY_EXTENSIONS.join(", ") };
    throw new DomainError(checked.problem === "tooLarge" ? 413 : 422, key, { file: key }, vars);
  }
  const type = checked.type;

  const id = newId();
  const relative = await storeUpload(actor.program.id, id, bytes);
  const row: JourneyEvidence = {
    id,
    program_id: actor.program.id,
    kind: "file",
    title: meta.title || filename,
    url: null,
    filename,
    mime: type.mime,
    size_bytes: bytes.byteLength,
    storage_path: relative,
    uploaded_by: actor.user.id,
    created_at: nowIso(),
  };
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto("journey_evidence").values(row).execute();
        await auditAs(tx, actor, { entityType: "journey_evidence", entityId: id, action: "upload", after: { title: row.title, filename, size: bytes.byteLength } });
      });
  } catch (error) {
    await removeUpload(relative);
    throw error;
  }
  return view(row);
}

export const LinkSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  url: z
    .string({ error: "validation.required" })
    .trim()
    .max(2000, "validation.tooLong")
    .url("evidence.errors.url")
    .refine((u) => /^https?:\/\//i.test(u), "evidence.errors.url"),
});

/** Adds a link (a recording in a call-centre system, a report, a post); needs `journey.edit`. */
export async function addJourneyEvidenceLink(actor: Actor, input: unknown): Promise<JourneyEvidenceView> {
  requireCan(actor, "journey.edit");
  const { title, url } = parseInput(LinkSchema, input);
  const row: JourneyEvidence = {
    id: newId(),
    program_id: actor.program.id,
    kind: "link",
    title,
    url,
    filename: null,
    mime: null,
    size_bytes: null,
    storage_path: null,
    uploaded_by: actor.user.id,
    created_at: nowIso(),
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("journey_evidence").values(row).execute();
      await auditAs(tx, actor, { entityType: "journey_evidence", entityId: row.id, action: "link", after: { title, url } });
    });
  return view(row);
}

/** The program's files and links, newest first, with their link counts; `q` searches title and file name. */
export async function listJourneyEvidence(actor: Actor, opts: { q?: string; kind?: "file" | "link"; limit?: number } = {}): Promise<JourneyEvidenceView[]> {
  let q = db()
    .selectFrom("journey_evidence")
    .leftJoin("users", "users.id", "journey_evidence.uploaded_by")
    .selectAll("journey_evidence")
    .select("users.name as user_name")
    .select((eb) =>
      eb
        .selectFrom("journey_evidence_links")
        .whereRef("journey_evidence_links.evidence_id", "=", "journey_evidence.id")
        .whereRef("journey_evidence_links.evidence_type", "=", "journey_evidence.kind")
        .select((e2) => e2.fn.countAll<number>().as("n"))
        .as("link_count"),
    )
    .where("journey_evidence.program_id", "=", actor.program.id);
  if (opts.kind) q = q.where("journey_evidence.kind", "=", opts.kind);
  if (opts.q?.trim()) {
    const like = `%${opts.q.trim().toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn("lower", ["journey_evidence.title"]), "like", like), eb(eb.fn("lower", ["journey_evidence.filename"]), "like", like)]));
  }
  const rows = await q.orderBy("journey_evidence.created_at", "desc").limit(opts.limit ?? 200).execute();
  return rows.map((r) => ({ ...view(r), uploadedByName: r.user_name, linkCount: Number(r.link_count ?? 0) }));
}

async function requireEvidence(actor: Actor, evidenceId: unknown): Promise<JourneyEvidence> {
  if (typeof evidenceId !== "string" || !evidenceId || evidenceId.length > 100) throw new DomainError(404, "evidence.errors.notFound");
  const row = await db().selectFrom("journey_evidence").selectAll().where("id", "=", evidenceId).where("program_id", "=", actor.program.id).executeTakeFirst();
  if (!row) throw new DomainError(404, "evidence.errors.notFound");
  return row;
}

/** The stored file for the download route (anyone who can view the program). */
export async function readJourneyEvidenceFile(actor: Actor, evidenceId: unknown): Promise<EvidenceFile> {
  const row = await requireEvidence(actor, evidenceId);
  const file = await readEvidenceFile(row, JOURNEY_FILE_TYPES);
  if (!file) throw new DomainError(404, "evidence.errors.notFound");
  return file;
}

/** Deletes a file or link and every link of it to a map target; needs `journey.edit`. */
export async function deleteJourneyEvidence(actor: Actor, evidenceId: unknown): Promise<void> {
  requireCan(actor, "journey.edit");
  const row = await requireEvidence(actor, evidenceId);
  await db()
    .transaction()
    .execute(async (tx) => {
      const links = await tx
        .deleteFrom("journey_evidence_links")
        .where("evidence_type", "=", row.kind)
        .where("evidence_id", "=", row.id)
        .executeTakeFirst();
      await tx.deleteFrom("journey_evidence").where("id", "=", row.id).execute();
      await auditAs(tx, actor, {
        entityType: "journey_evidence",
        entityId: row.id,
        action: "delete",
        before: { title: row.title, filename: row.filename, url: row.url, links: Number(links.numDeletedRows) },
      });
    });
  if (row.storage_path) await removeUpload(row.storage_path);
}

// ---------------------------------------------------------------------------------------------
// Links from evidence to map targets.

export const TARGET_TYPES = ["touchpoint", "pain_point", "question"] as const satisfies readonly EvidenceTargetType[];
export const EVIDENCE_TYPES = ["feedback", "file", "link"] as const satisfies readonly EvidenceType[];
export const MAX_LINK_BATCH = 500;

export interface EvidenceLinkView {
  id: string;
  mapId: string;
  targetType: EvidenceTargetType;
  targetId: string;
  evidenceType: EvidenceType;
  evidenceId: string;
  createdBy: string | null;
  createdAt: string;
  feedback?: FeedbackRecordView;
  evidence?: JourneyEvidenceView;
}

/** Does the target exist in the map — in the projection, or (just created, not yet projected) in the live document? */
async function targetExists(mapId: string, targetType: EvidenceTargetType, targetId: string): Promise<boolean> {
  if (targetType === "question") return (KEY_QUESTIONS as readonly string[]).includes(targetId);
  if (targetType === "touchpoint") {
    const card = await db()
      .selectFrom("journey_cards")
      .select("doc_object_id")
      .where("map_id", "=", mapId)
      .where("doc_object_id", "=", targetId)
      .where("lane", "=", "touchpoints")
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (card) return true;
  } else {
    const pain = await db()
      .selectFrom("pain_points")
      .select("doc_object_id")
      .where("map_id", "=", mapId)
      .where("doc_object_id", "=", targetId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (pain) return true;
  }
  try {
    return await readDoc(journeyDocName(mapId), (doc) => {
      if (targetType === "touchpoint") {
        const c = readCard(targetId, cardsMap(doc).get(targetId));
        return !!c && c.lane === "touchpoints";
      }
      return !!readPainPoint(targetId, painPointsMap(doc).get(targetId));
    });
  } catch {
    // No live documents (e.g. a script without the collaboration server): the projection decides.
    return false;
  }
}

export const LinkInputSchema = z.object({
  targetType: z.enum(TARGET_TYPES, { error: "evidence.errors.target" }),
  targetId: z.string({ error: "evidence.errors.target" }).min(1, "evidence.errors.target").max(100, "evidence.errors.target"),
  evidenceType: z.enum(EVIDENCE_TYPES, { error: "evidence.errors.evidence" }),
  evidenceIds: z
    .array(z.string().min(1).max(100), { error: "evidence.errors.evidence" })
    .min(1, "evidence.errors.evidence")
    .max(MAX_LINK_BATCH, "evidence.errors.tooMany"),
});

/** Links evidence (one or many of one type) to a target of the map; needs `journey.edit`. Returns the links created. */
export async function linkEvidence(actor: Actor, mapId: unknown, input: unknown): Promise<{ created: number; links: EvidenceLinkView[] }> {
  requireCan(actor, "journey.edit");
  const map = await requireActiveJourneyMap(actor, mapId);
  const data = parseInput(LinkInputSchema, input);
  const ids = [...new Set(data.evidenceIds)];
  if (!(await targetExists(map.id, data.targetType, data.targetId))) throw new DomainError(404, "evidence.errors.targetNotFound");
  // Every piece of evidence must belong to this program (another program's answers like a missing one).
  let found = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const n =
      data.evidenceType === "feedback"
        ? await db().selectFrom("feedback_records").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", actor.program.id).where("id", "in", chunk).executeTakeFirst()
        : await db()
            .selectFrom("journey_evidence")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("program_id", "=", actor.program.id)
            .where("kind", "=", data.evidenceType)
            .where("id", "in", chunk)
            .executeTakeFirst();
    found += Number(n?.n ?? 0);
  }
  if (found !== ids.length) throw new DomainError(404, "evidence.errors.notFound");
  const existing = new Set(
    (
      await db()
        .selectFrom("journey_evidence_links")
        .select("evidence_id")
        .where("map_id", "=", map.id)
        .where("target_type", "=", data.targetType)
        .where("target_id", "=", data.targetId)
        .where("evidence_type", "=", data.evidenceType)
        .execute()
    ).map((r) => r.evidence_id),
  );
  const now = nowIso();
  const rows = ids
    .filter((id) => !existing.has(id))
    .map((evidenceId) => ({
      id: newId(),
      map_id: map.id,
      target_type: data.targetType,
      target_id: data.targetId,
      evidence_type: data.evidenceType,
      evidence_id: evidenceId,
      created_by: actor.user.id,
      created_at: now,
    }));
  if (rows.length) {
    try {
      await db()
        .transaction()
        .execute(async (tx) => {
          for (let i = 0; i < rows.length; i += 200) await tx.insertInto("journey_evidence_links").values(rows.slice(i, i + 200)).execute();
          await auditAs(tx, actor, {
            entityType: "journey_evidence_link",
            entityId: map.id,
            action: "link",
            after: { targetType: data.targetType, targetId: data.targetId, evidenceType: data.evidenceType, evidenceIds: rows.map((r) => r.evidence_id) },
          });
        });
    } catch (error) {
      // Someone linked the same evidence at the same moment: nothing new to add.
      if (!isUniqueViolation(error)) throw error;
      return { created: 0, links: [] };
    }
  }
  const links = rows.map((r) => ({
    id: r.id,
    mapId: r.map_id,
    targetType: r.target_type,
    targetId: r.target_id,
    evidenceType: r.evidence_type,
    evidenceId: r.evidence_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
  return { created: rows.length, links: await withDetails(actor, links) };
}

/** Removes one link of the map; needs `journey.edit`. */
export async function unlinkEvidence(actor: Actor, mapId: unknown, linkId: unknown): Promise<void> {
  requireCan(actor, "journey.edit");
  const map = await requireActiveJourneyMap(actor, mapId);
  if (typeof linkId !== "string" || !linkId || linkId.length > 100) throw new DomainError(404, "evidence.errors.linkNotFound");
  const link = await db().selectFrom("journey_evidence_links").selectAll().where("id", "=", linkId).where("map_id", "=", map.id).executeTakeFirst();
  if (!link) throw new DomainError(404, "evidence.errors.linkNotFound");
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.deleteFrom("journey_evidence_links").where("id", "=", link.id).execute();
      await auditAs(tx, actor, {
        entityType: "journey_evidence_link",
        entityId: map.id,
        action: "unlink",
        before: { targetType: link.target_type, targetId: link.target_id, evidenceType: link.evidence_type, evidenceId: link.evidence_id },
      });
    });
}

async function withDetails(actor: Actor, links: EvidenceLinkView[]): Promise<EvidenceLinkView[]> {
  const feedbackIds = links.filter((l) => l.evidenceType === "feedback").map((l) => l.evidenceId);
  const otherIds = links.filter((l) => l.evidenceType !== "feedback").map((l) => l.evidenceId);
  const feedback = feedbackIds.length ? await feedbackRecordsById(actor.program.id, feedbackIds) : new Map<string, FeedbackRecordView>();
  const evidence = new Map<string, JourneyEvidenceView>();
  for (let i = 0; i < otherIds.length; i += 500) {
    const rows = await db().selectFrom("journey_evidence").selectAll().where("program_id", "=", actor.program.id).where("id", "in", otherIds.slice(i, i + 500)).execute();
    for (const r of rows) evidence.set(r.id, view(r));
  }
  return links
    .map((l) => ({ ...l, feedback: feedback.get(l.evidenceId), evidence: evidence.get(l.evidenceId) }))
    .filter((l) => (l.evidenceType === "feedback" ? !!l.feedback : !!l.evidence));
}

/** The map's links (optionally of one target), newest first, with the evidence they point to. */
export async function listEvidenceLinks(
  actor: Actor,
  mapId: unknown,
  filter: { targetType?: string | null; targetId?: string | null } = {},
): Promise<EvidenceLinkView[]> {
  const map = await requireJourneyMap(actor, mapId);
  let q = db().selectFrom("journey_evidence_links").selectAll().where("map_id", "=", map.id);
  if (filter.targetType) {
    if (!(TARGET_TYPES as readonly string[]).includes(filter.targetType)) throw new DomainError(422, "evidence.errors.target");
    q = q.where("target_type", "=", filter.targetType as EvidenceTargetType);
  }
  if (filter.targetId) q = q.where("target_id", "=", filter.targetId.slice(0, 100));
  const rows = await q.orderBy("created_at", "desc").orderBy("id").limit(1000).execute();
  return withDetails(
    actor,
    rows.map((r) => ({
      id: r.id,
      mapId: r.map_id,
      targetType: r.target_type,
      targetId: r.target_id,
      evidenceType: r.evidence_type,
      evidenceId: r.evidence_id,
      createdBy: r.created_by,
      createdAt: r.created_at,
    })),
  );
}
