/**
 * The frontline idea box (step 5). An idea is a feedback record (source "idea", origin
 * "frontline") plus an `ideas` row: author, title, optional photo, journey map and touchpoint, and
 * the small-loop cycle that was open when it was sent. It lands in the feedback inbox as new; what
 * became of it is derived from the inbox (triage, dismissal, initiative links; see ideas.ts).
 *
 * The photo (JPEG, PNG or WebP by its magic bytes, at most 5 MB) is written to the upload store
 * before the rows and removed again when the transaction fails, so no half-written idea remains.
 * Who: sending needs `idea.submit` (everyone but viewers and the CX office); reading needs only to
 * see the program. Every submission is audited (idea, submit) in its transaction.
 */
import type { Kysely } from "kysely";
import type { Database, InitiativeStatus } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor, type DomainErrorStatus } from "./domain.server";
import { MAX_LABEL_CHARS } from "./feedback-csv";
import { insertFeedbackRecords } from "./feedback-records.server";
import {
  IDEA_PHOTO_MAX_BYTES,
  ideaBody,
  IdeaInputSchema,
  ideaRecordText,
  ideaStatus,
  ideaTitle,
  type IdeaCycleRef,
  type IdeaInitiativeRef,
  type IdeaInput,
  type IdeaStatus,
} from "./ideas";
import { checkUpload, extensionOf, readUpload, removeUpload, storeUpload, type FileType } from "./upload-store.server";

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The only photo types, by extension as the upload store checks them. */
export const IDEA_PHOTO_TYPES: Record<string, FileType> = {
  jpg: { mime: "image/jpeg", accepts: ["image/jpeg", "image/pjpeg"], check: (b) => startsWith(b, [0xff, 0xd8, 0xff]), inline: true },
  png: { mime: "image/png", accepts: ["image/png"], check: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), inline: true },
  webp: { mime: "image/webp", accepts: ["image/webp"], check: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8), inline: true },
};

/** The photo's type by its first bytes (phones name camera files freely), else by its extension. */
function photoExtension(bytes: Uint8Array, filename: string): string {
  for (const [ext, type] of Object.entries(IDEA_PHOTO_TYPES)) if (type.check(bytes)) return ext;
  const ext = extensionOf(filename);
  return ext === "jpeg" ? "jpg" : ext;
}

export interface IdeaPhotoUpload {
  bytes: Uint8Array;
  filename: string;
  mime?: string;
}

type PhotoCheck = { ok: true; type: FileType } | { ok: false; status: DomainErrorStatus; field: string };

export function checkIdeaPhoto(photo: IdeaPhotoUpload): PhotoCheck {
  const ext = photoExtension(photo.bytes, photo.filename);
  // A browser's image/* type says little (it follows the file name); a non-image type must fit.
  const declared = photo.mime && !photo.mime.toLowerCase().startsWith("image/") ? photo.mime : undefined;
  const checked = checkUpload(photo.bytes, `photo.${ext}`, declared, IDEA_PHOTO_TYPES, IDEA_PHOTO_MAX_BYTES);
  if (checked.ok) return { ok: true, type: checked.type };
  switch (checked.problem) {
    case "tooLarge":
      return { ok: false, status: 413, field: "ideas.errors.photoTooLarge" };
    case "empty":
      return { ok: false, status: 422, field: "ideas.errors.photoEmpty" };
    case "type":
      return { ok: false, status: 422, field: "ideas.errors.photoType" };
    default:
      return { ok: false, status: 422, field: "ideas.errors.photoMismatch" };
  }
}

// ---------------------------------------------------------------------------------------------
// Views

export interface IdeaView {
  id: string;
  programId: string;
  title: string;
  text: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  map: { id: string; name: string } | null;
  touchpoint: { id: string; text: string } | null;
  /** The small-loop cycle it was sent to (open when it was sent). */
  sentTo: (IdeaCycleRef & { status: "open" | "closed" }) | null;
  photo: { url: string; type: string; size: number } | null;
  status: IdeaStatus;
}

export function ideaPhotoUrl(programId: string, ideaId: string): string {
  return `/api/v1/programs/${programId}/ideas/${ideaId}/photo`;
}

function ideaQuery(q: Kysely<Database>, programId: string) {
  return q
    .selectFrom("ideas as i")
    .innerJoin("feedback_records as r", "r.id", "i.record_id")
    .leftJoin("users as u", "u.id", "i.author_id")
    .leftJoin("journey_maps as m", "m.id", "i.map_id")
    .leftJoin("journey_cards as tp", (j) => j.onRef("tp.map_id", "=", "i.map_id").onRef("tp.doc_object_id", "=", "i.touchpoint_id"))
    .leftJoin("loop_cycles as sc", "sc.id", "i.cycle_id")
    .leftJoin("feedback_triage as t", "t.record_id", "i.record_id")
    .leftJoin("loop_cycles as tc", "tc.id", "t.cycle_id")
    .where("i.program_id", "=", programId)
    .select([
      "i.record_id",
      "i.program_id",
      "i.title",
      "i.author_id",
      "i.map_id",
      "i.touchpoint_id",
      "i.photo_path",
      "i.photo_type",
      "i.photo_size",
      "i.created_at",
      "r.text",
      "u.name as author_name",
      "m.name as map_name",
      "tp.text as tp_text",
      "sc.id as sc_id",
      "sc.kind as sc_kind",
      "sc.number as sc_number",
      "sc.title as sc_title",
      "sc.status as sc_status",
      "t.status as t_status",
      "t.reason as t_reason",
      "t.triaged_at as t_at",
      "tc.id as tc_id",
      "tc.kind as tc_kind",
      "tc.number as tc_number",
      "tc.title as tc_title",
    ]);
}

type IdeaRow = Awaited<ReturnType<ReturnType<typeof ideaQuery>["execute"]>>[number];

/** Initiatives each record is linked to, with their status. */
async function initiativeLinks(programId: string, recordIds: string[]): Promise<Map<string, IdeaInitiativeRef[]>> {
  const out = new Map<string, IdeaInitiativeRef[]>();
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await db()
      .selectFrom("feedback_links as l")
      .innerJoin("initiatives as n", "n.id", "l.target_id")
      .select(["l.record_id", "l.created_at", "n.id", "n.title", "n.status", "n.status_changed_at"])
      .where("l.program_id", "=", programId)
      .where("l.target_type", "=", "initiative")
      .where("l.record_id", "in", recordIds.slice(i, i + 500))
      .orderBy("l.created_at")
      .execute();
    for (const r of rows) {
      const list = out.get(r.record_id) ?? [];
      list.push({ id: r.id, title: r.title, status: r.status as InitiativeStatus, statusChangedAt: r.status_changed_at, linkedAt: r.created_at });
      out.set(r.record_id, list);
    }
  }
  return out;
}

function toView(r: IdeaRow, links: IdeaInitiativeRef[]): IdeaView {
  const cycle = (id: string | null, kind: string | null, number: unknown, title: string | null): IdeaCycleRef | null =>
    id ? { id, kind: kind as "small" | "large", number: Number(number), title: title ?? "" } : null;
  const sent = cycle(r.sc_id, r.sc_kind, r.sc_number, r.sc_title);
  return {
    id: r.record_id,
    programId: r.program_id,
    title: r.title,
    text: ideaBody(r.text, r.title),
    author: r.author_id ? { id: r.author_id, name: r.author_name ?? "" } : null,
    createdAt: r.created_at,
    map: r.map_id && r.map_name != null ? { id: r.map_id, name: r.map_name } : null,
    touchpoint: r.map_id && r.touchpoint_id ? { id: r.touchpoint_id, text: r.tp_text ?? "" } : null,
    sentTo: sent ? { ...sent, status: r.sc_status === "closed" ? "closed" : "open" } : null,
    photo: r.photo_path && r.photo_type ? { url: ideaPhotoUrl(r.program_id, r.record_id), type: r.photo_type, size: Number(r.photo_size ?? 0) } : null,
    status: ideaStatus({
      createdAt: r.created_at,
      triage: r.t_status
        ? { status: r.t_status, at: r.t_at ?? r.created_at, reason: r.t_reason ?? null, cycle: cycle(r.tc_id, r.tc_kind, r.tc_number, r.tc_title) }
        : null,
      initiatives: links,
    }),
  };
}

async function views(programId: string, rows: IdeaRow[]): Promise<IdeaView[]> {
  const links = await initiativeLinks(
    programId,
    rows.map((r) => r.record_id),
  );
  return rows.map((r) => toView(r, links.get(r.record_id) ?? []));
}

export interface IdeaPage {
  items: IdeaView[];
  total: number;
  page: number;
  pageSize: number;
}

/** The program's ideas, newest first (only one author's with `authorId`). */
export async function listIdeas(programId: string, opts: { authorId?: string; page?: number; pageSize?: number } = {}): Promise<IdeaPage> {
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 20, 200));
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  let q = ideaQuery(db(), programId);
  if (opts.authorId) q = q.where("i.author_id", "=", opts.authorId);
  const [total, rows] = await Promise.all([
    countIdeas(programId, opts.authorId),
    q
      .orderBy("i.created_at", "desc")
      .orderBy("i.record_id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: await views(programId, rows), total, page, pageSize };
}

/** How many ideas the program has (one author's with `authorId`). */
export async function countIdeas(programId: string, authorId?: string): Promise<number> {
  let q = db()
    .selectFrom("ideas")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("program_id", "=", programId);
  if (authorId) q = q.where("author_id", "=", authorId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** One idea of the actor's program (404 otherwise). */
export async function getIdea(actor: Actor, ideaId: unknown): Promise<IdeaView> {
  if (typeof ideaId !== "string" || !ideaId || ideaId.length > 100) throw new DomainError(404, "ideas.errors.notFound");
  const row = await ideaQuery(db(), actor.program.id).where("i.record_id", "=", ideaId).executeTakeFirst();
  if (!row) throw new DomainError(404, "ideas.errors.notFound");
  return (await views(actor.program.id, [row]))[0];
}

/** The idea's photo for display (404 when the idea has none or it is gone). */
export async function readIdeaPhoto(actor: Actor, ideaId: unknown): Promise<{ mime: string; body: Buffer }> {
  if (typeof ideaId !== "string" || !ideaId || ideaId.length > 100) throw new DomainError(404, "ideas.errors.notFound");
  const row = await db()
    .selectFrom("ideas")
    .select(["photo_path", "photo_type"])
    .where("record_id", "=", ideaId)
    .where("program_id", "=", actor.program.id)
    .executeTakeFirst();
  if (!row?.photo_path || !row.photo_type) throw new DomainError(404, "ideas.errors.photoNotFound");
  const body = await readUpload(row.photo_path);
  if (!body) throw new DomainError(404, "ideas.errors.photoNotFound");
  return { mime: row.photo_type, body };
}

/** What the feedback inbox shows beside an idea's record. */
export interface InboxIdea {
  title: string;
  author: string | null;
  photoUrl: string | null;
  map: string | null;
  touchpoint: string | null;
  sentTo: (IdeaCycleRef & { status: "open" | "closed" }) | null;
}

/** The idea facts of those records that are ideas (for the feedback inbox). */
export async function ideasForRecords(programId: string, recordIds: string[]): Promise<Map<string, InboxIdea>> {
  const out = new Map<string, InboxIdea>();
  if (recordIds.length === 0) return out;
  const rows = await ideaQuery(db(), programId).where("i.record_id", "in", recordIds).execute();
  for (const r of rows) {
    const v = toView(r, []);
    out.set(r.record_id, {
      title: v.title,
      author: v.author?.name ?? null,
      photoUrl: v.photo?.url ?? null,
      map: v.map?.name ?? null,
      touchpoint: v.touchpoint?.text ?? null,
      sentTo: v.sentTo,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The form's choices

export interface IdeaMapOption {
  id: string;
  name: string;
  touchpoints: { id: string; text: string; stage: string }[];
}

/** The program's current (not archived, not future-state) maps with their touchpoints, by stage. */
export async function ideaMapOptions(programId: string): Promise<IdeaMapOption[]> {
  const maps = await db()
    .selectFrom("journey_maps")
    .select(["id", "name"])
    .where("program_id", "=", programId)
    .where("archived_at", "is", null)
    .where("state", "=", "current")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (maps.length === 0) return [];
  const cards = await db()
    .selectFrom("journey_cards as c")
    .leftJoin("journey_stages as s", (j) => j.onRef("s.map_id", "=", "c.map_id").onRef("s.doc_object_id", "=", "c.stage_id"))
    .select(["c.map_id", "c.doc_object_id", "c.text", "s.name as stage_name", "s.position as stage_position", "c.position"])
    .where(
      "c.map_id",
      "in",
      maps.map((m) => m.id),
    )
    .where("c.lane", "=", "touchpoints")
    .where("c.deleted_at", "is", null)
    .where((eb) => eb.or([eb("s.deleted_at", "is", null), eb("s.map_id", "is", null)]))
    .orderBy("s.position")
    .orderBy("c.position")
    .orderBy("c.doc_object_id")
    .execute();
  return maps.map((m) => ({
    id: m.id,
    name: m.name,
    touchpoints: cards
      .filter((c) => c.map_id === m.id && c.text.trim() !== "")
      .map((c) => ({ id: c.doc_object_id, text: c.text, stage: c.stage_name ?? "" })),
  }));
}

// ---------------------------------------------------------------------------------------------
// Sending an idea

/** The open small-loop cycle ideas go to (the latest, should there be several), or null. */
async function openSmallCycle(tx: Kysely<Database>, programId: string): Promise<{ id: string; number: number } | null> {
  const row = await tx
    .selectFrom("loop_cycles")
    .select(["id", "number"])
    .where("program_id", "=", programId)
    .where("kind", "=", "small")
    .where("status", "=", "open")
    .orderBy("number", "desc")
    .executeTakeFirst();
  return row ? { id: row.id, number: Number(row.number) } : null;
}

/** Checks the map and touchpoint against the program; returns the map's name and the touchpoint's text. */
async function checkPlace(
  tx: Kysely<Database>,
  programId: string,
  mapId: string | undefined,
  touchpointId: string | undefined,
): Promise<{ map: string | null; touchpoint: string | null }> {
  if (!mapId) return { map: null, touchpoint: null };
  const map = await tx
    .selectFrom("journey_maps")
    .select("name")
    .where("id", "=", mapId)
    .where("program_id", "=", programId)
    .where("archived_at", "is", null)
    .where("state", "=", "current")
    .executeTakeFirst();
  if (!map) throw new DomainError(422, "errors.invalid_input", { mapId: "ideas.errors.mapUnknown" });
  if (!touchpointId) return { map: map.name, touchpoint: null };
  const tp = await tx
    .selectFrom("journey_cards")
    .select("text")
    .where("map_id", "=", mapId)
    .where("doc_object_id", "=", touchpointId)
    .where("lane", "=", "touchpoints")
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!tp) throw new DomainError(422, "errors.invalid_input", { touchpointId: "ideas.errors.touchpointUnknown" });
  return { map: map.name, touchpoint: tp.text };
}

function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * Sends an idea: one feedback record (source idea, origin frontline, channel "frontline", today)
 * and its idea row addressed to the open small-loop cycle, audited — all in one transaction, with
 * the photo stored first and removed again if anything fails. Field errors of the text and the
 * photo are reported together.
 */
export async function submitIdea(actor: Actor, input: unknown, photo?: IdeaPhotoUpload | null): Promise<IdeaView> {
  requireCan(actor, "idea.submit");
  const fields: Record<string, string> = {};
  let status: DomainErrorStatus = 422;
  let parsed: IdeaInput | null = null;
  try {
    parsed = parseInput(IdeaInputSchema, input);
  } catch (error) {
    if (!(error instanceof DomainError) || !error.fields) throw error;
    Object.assign(fields, error.fields);
  }
  let photoType: FileType | null = null;
  if (photo) {
    const checked = checkIdeaPhoto(photo);
    if (checked.ok) photoType = checked.type;
    else {
      fields.photo = checked.field;
      if (Object.keys(fields).length === 1) status = checked.status;
    }
  }
  if (!parsed || Object.keys(fields).length > 0) throw new DomainError(status, "errors.invalid_input", fields, { mb: IDEA_PHOTO_MAX_BYTES / 1024 / 1024 });
  const data = parsed;

  const id = newId();
  const now = nowIso();
  const title = ideaTitle(data.title, data.text);
  const stored = photo && photoType ? await storeUpload(actor.program.id, id, photo.bytes) : null;
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const place = await checkPlace(tx, actor.program.id, data.mapId, data.touchpointId);
        const touchpointText = place.touchpoint;
        const cycle = await openSmallCycle(tx, actor.program.id);
        await insertFeedbackRecords(
          tx,
          actor.program.id,
          [
            {
              occurredOn: now.slice(0, 10),
              channel: "frontline",
              segment: "",
              contactReason: touchpointText ? [...touchpointText].slice(0, MAX_LABEL_CHARS).join("") : "",
              score: null,
              scoreMin: null,
              scoreMax: null,
              text: ideaRecordText(title, data.text),
              customerId: null,
            },
          ],
          { source: "idea", origin: "frontline", ids: [id], createdBy: actor.user.id, createdAt: now },
        );
        await tx
          .insertInto("ideas")
          .values({
            record_id: id,
            program_id: actor.program.id,
            author_id: actor.user.id,
            title,
            map_id: data.mapId ?? null,
            touchpoint_id: data.mapId ? data.touchpointId ?? null : null,
            cycle_id: cycle?.id ?? null,
            photo_path: stored,
            photo_type: stored ? photoType!.mime : null,
            photo_size: stored ? photo!.bytes.byteLength : null,
            created_at: now,
          })
          .execute();
        await auditAs(tx, actor, {
          entityType: "idea",
          entityId: id,
          action: "submit",
          // What the activity page shows, in words (the ids are on the idea row).
          after: withoutNulls({
            title,
            map: place.map,
            touchpoint: place.touchpoint,
            smallLoop: cycle?.number ?? null,
            photo: stored ? photoType!.mime : null,
          }),
        });
      });
  } catch (error) {
    if (stored) await removeUpload(stored);
    throw error;
  }
  return getIdea(actor, id);
}
