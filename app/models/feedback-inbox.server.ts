/**
 * The feedback inbox of a program (step 4): every feedback record — imported from CSV, typed in,
 * posted by the API or sent from the frontline idea box, from customers or from frontline staff —
 * with its triage state: new (no feedback_triage row), triaged into an open cycle's step ①, or
 * dismissed with a required reason. Nothing is deleted. Records are linked to pain points of the
 * program's maps or to its initiatives. Every change is audited in the same transaction.
 *
 * Who: triage, dismiss and link need `feedback.triage`; typing in or posting feedback needs
 * `feedback.submit` (everyone but viewers).
 */
import { sql } from "kysely";
import { z } from "zod";
import type { FeedbackOrigin, FeedbackSource } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { MAX_CUSTOMER_ID_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS, type FeedbackRow } from "./feedback-csv";
import { insertFeedbackRecords } from "./feedback-records.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import { isCalendarDay } from "./initiative";
import { requireOpenCycle, triageIntoCycle } from "./loops.server";
import { ideasForRecords, type InboxIdea } from "./ideas.server";

import { FEEDBACK_ORIGINS, FEEDBACK_SOURCES, INBOX_STATES, type InboxState } from "./feedback-inbox";

export { FEEDBACK_ORIGINS, FEEDBACK_SOURCES, INBOX_STATES, type InboxState };
/** Most records one POST (or one bulk triage) may carry. */
export const FEEDBACK_BATCH_MAX = 1000;
export const DISMISS_REASON_MAX_CHARS = 500;

function todayPlus(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const label = z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(MAX_LABEL_CHARS, "validation.tooLong"));

/** One feedback item as typed in or posted by the API. `occurredOn` defaults to today; no later than tomorrow. */
export const FeedbackItemSchema = z
  .object({
    text: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAX_TEXT_CHARS, "validation.tooLong"),
    origin: z.enum(FEEDBACK_ORIGINS, { error: "validation.invalid" }).default("customer"),
    occurredOn: z
      .string({ error: "validation.invalid" })
      .refine(isCalendarDay, "inbox.errors.badDate")
      .refine((d) => d <= todayPlus(1), "inbox.errors.futureDate")
      .optional(),
    channel: label,
    segment: label,
    contactReason: label,
    score: z.number({ error: "validation.invalid" }).finite("validation.invalid").nullable().optional(),
    scoreMin: z.number({ error: "validation.invalid" }).finite("validation.invalid").optional(),
    scoreMax: z.number({ error: "validation.invalid" }).finite("validation.invalid").optional(),
    customerId: z.string({ error: "validation.invalid" }).trim().max(MAX_CUSTOMER_ID_CHARS, "validation.tooLong").nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const min = v.scoreMin ?? 0;
    const max = v.scoreMax ?? 10;
    if (min >= max)
      ctx.addIssue({
        code: "custom",
        path: ["scoreMax"],
        message: "inbox.errors.scoreRange",
      });
    else if (v.score != null && (v.score < min || v.score > max))
      ctx.addIssue({
        code: "custom",
        path: ["score"],
        message: "inbox.errors.scoreRange",
      });
  });
export type FeedbackItemInput = z.infer<typeof FeedbackItemSchema>;

export const FeedbackBatchSchema = z.object({
  items: z.array(FeedbackItemSchema, { error: "validation.invalid" }).min(1, "validation.required").max(FEEDBACK_BATCH_MAX, "inbox.errors.batchTooLarge"),
});

/**
 * The body of `POST /api/v1/programs/:programId/feedback`: one item, or `{items: [...]}` with at
 * most 1,000 items (stored all together or not at all).
 */
export const FeedbackInputSchema = z.union([FeedbackItemSchema, FeedbackBatchSchema]);
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

/** Parses one item or a batch with field errors that point into the right shape. */
function parseFeedbackInput(input: unknown): FeedbackItemInput[] {
  if (input && typeof input === "object" && !Array.isArray(input) && "items" in input) return parseInput(FeedbackBatchSchema, input).items;
  return [parseInput(FeedbackItemSchema, input)];
}

function toRow(i: FeedbackItemInput): FeedbackRow {
  const hasScore = i.score != null;
  return {
    occurredOn: i.occurredOn ?? todayPlus(0),
    channel: i.channel,
    segment: i.segment,
    contactReason: i.contactReason,
    score: hasScore ? i.score! : null,
    scoreMin: hasScore ? i.scoreMin ?? 0 : null,
    scoreMax: hasScore ? i.scoreMax ?? 10 : null,
    text: i.text,
    customerId: i.customerId ? i.customerId : null,
  };
}

/** Stores typed-in (source manual) or posted (source api) feedback, all or nothing; returns the new ids. */
export async function submitFeedback(actor: Actor, input: unknown, source: "manual" | "api"): Promise<{ created: number; ids: string[] }> {
  requireCan(actor, "feedback.submit");
  const items = parseFeedbackInput(input);
  const ids = items.map(() => newId());
  await db()
    .transaction()
    .execute(async (tx) => {
      for (const origin of FEEDBACK_ORIGINS) {
        const idx = items.map((it, i) => (it.origin === origin ? i : -1)).filter((i) => i >= 0);
        if (idx.length === 0) continue;
        await insertFeedbackRecords(
          tx,
          actor.program.id,
          idx.map((i) => toRow(items[i])),
          {
            source,
            origin,
            ids: idx.map((i) => ids[i]),
            createdBy: actor.user.id,
          },
        );
      }
      await auditAs(tx, actor, {
        entityType: "feedback_record",
        entityId: ids.length === 1 ? ids[0] : actor.program.id,
        action: "create",
        after: {
          source,
          count: ids.length,
          ids: ids.slice(0, 50),
          origins: {
            customer: items.filter((i) => i.origin === "customer").length,
            frontline: items.filter((i) => i.origin === "frontline").length,
          },
        },
      });
    });
  return { created: ids.length, ids };
}

// ---------------------------------------------------------------------------------------------
// The list

export interface InboxFilter {
  state?: InboxState;
  origin?: FeedbackOrigin;
  source?: FeedbackSource;
  channel?: string;
  q?: string;
  from?: string;
  to?: string;
}

export function inboxFilterFromParams(sp: URLSearchParams): InboxFilter {
  const pick = <T extends string>(k: string, allowed: readonly T[]) => {
    const v = sp.get(k);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const s = (k: string) => {
    const v = sp.get(k)?.trim();
    return v && v.length <= 200 ? v : undefined;
  };
  const d = (k: string) => {
    const v = s(k);
    return v && isCalendarDay(v) ? v : undefined;
  };
  return {
    state: pick("state", INBOX_STATES),
    origin: pick("origin", FEEDBACK_ORIGINS),
    source: pick("source", FEEDBACK_SOURCES),
    channel: s("channel"),
    q: s("q"),
    from: d("from"),
    to: d("to"),
  };
}

export interface InboxLink {
  id: string;
  targetType: "pain_point" | "initiative";
  mapId: string | null;
  targetId: string;
  title: string;
}

export interface InboxItem {
  id: string;
  text: string;
  origin: FeedbackOrigin;
  source: FeedbackSource;
  channel: string;
  segment: string;
  contactReason: string;
  occurredOn: string;
  score: number | null;
  scoreMax: number | null;
  state: InboxState;
  cycle: {
    id: string;
    kind: "small" | "large";
    number: number;
    title: string;
  } | null;
  reason: string | null;
  links: InboxLink[];
  /** For an idea from the idea box: its title, author, photo, place and the small loop it was sent to. */
  idea: InboxIdea | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<InboxState, number>;
  channels: string[];
}

function filtered(programId: string, f: InboxFilter) {
  let q = db().selectFrom("feedback_records as r").leftJoin("feedback_triage as t", "t.record_id", "r.id").where("r.program_id", "=", programId);
  if (f.state === "new") q = q.where("t.record_id", "is", null);
  else if (f.state) q = q.where("t.status", "=", f.state);
  if (f.origin) q = q.where("r.origin", "=", f.origin);
  if (f.source) q = q.where("r.source", "=", f.source);
  if (f.channel) q = q.where("r.channel", "=", f.channel);
  if (f.from) q = q.where("r.occurred_on", ">=", f.from);
  if (f.to) q = q.where("r.occurred_on", "<=", f.to);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(r.text)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(r.contact_reason)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(coalesce(r.customer_id, ''))`, "like", sql`${like} escape '\\'`),
      ]),
    );
  }
  return q;
}

/** One page of the inbox, newest first, with each record's state, cycle, dismissal reason and links. */
export async function listInbox(programId: string, f: InboxFilter, opts: { page?: number; pageSize?: number } = {}): Promise<InboxPage> {
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 50, 200));
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const countRow = await filtered(programId, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const rows = await filtered(programId, f)
    .leftJoin("loop_cycles as c", "c.id", "t.cycle_id")
    .select([
      "r.id",
      "r.text",
      "r.origin",
      "r.source",
      "r.channel",
      "r.segment",
      "r.contact_reason",
      "r.occurred_on",
      "r.score",
      "r.score_max",
      "t.status as t_status",
      "t.reason as t_reason",
      "c.id as c_id",
      "c.kind as c_kind",
      "c.number as c_number",
      "c.title as c_title",
    ])
    .orderBy("r.occurred_on", "desc")
    .orderBy("r.created_at", "desc")
    .orderBy("r.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const links = ids.length ? await db().selectFrom("feedback_links").selectAll().where("record_id", "in", ids).orderBy("created_at").execute() : [];
  const ideas = await ideasForRecords(
    programId,
    rows.filter((r) => r.source === "idea").map((r) => r.id),
  );
  const titles = new Map<string, string>();
  const pp = links.filter((l) => l.target_type === "pain_point");
  if (pp.length) {
    const found = await db()
      .selectFrom("pain_points")
      .select(["map_id", "doc_object_id", "title"])
      .where("program_id", "=", programId)
      .where("doc_object_id", "in", [...new Set(pp.map((l) => l.target_id))])
      .execute();
    for (const p of found) titles.set(`pain_point:${p.map_id}:${p.doc_object_id}`, p.title);
  }
  const ini = links.filter((l) => l.target_type === "initiative");
  if (ini.length) {
    const found = await db()
      .selectFrom("initiatives")
      .select(["id", "title"])
      .where("id", "in", [...new Set(ini.map((l) => l.target_id))])
      .execute();
    for (const i of found) titles.set(`initiative::${i.id}`, i.title);
  }
  const stateRows = await db()
    .selectFrom("feedback_triage")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("program_id", "=", programId)
    .groupBy("status")
    .execute();
  const totalRow = await db()
    .selectFrom("feedback_records")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("program_id", "=", programId)
    .executeTakeFirst();
  const triaged = Number(stateRows.find((s) => s.status === "triaged")?.n ?? 0);
  const dismissed = Number(stateRows.find((s) => s.status === "dismissed")?.n ?? 0);
  const channels = await db()
    .selectFrom("feedback_records")
    .select("channel")
    .distinct()
    .where("program_id", "=", programId)
    .where("channel", "!=", "")
    .orderBy("channel")
    .limit(100)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      text: r.text,
      origin: r.origin,
      source: r.source,
      channel: r.channel,
      segment: r.segment,
      contactReason: r.contact_reason,
      occurredOn: r.occurred_on,
      score: r.score === null ? null : Number(r.score),
      scoreMax: r.score_max === null ? null : Number(r.score_max),
      state: (r.t_status ?? "new") as InboxState,
      cycle: r.c_id
        ? {
            id: r.c_id,
            kind: r.c_kind!,
            number: Number(r.c_number),
            title: r.c_title ?? "",
          }
        : null,
      reason: r.t_reason ?? null,
      links: links
        .filter((l) => l.record_id === r.id)
        .map((l) => ({
          id: l.id,
          targetType: l.target_type,
          mapId: l.map_id,
          targetId: l.target_id,
          title: titles.get(`${l.target_type}:${l.map_id ?? ""}:${l.target_id}`) ?? "",
        })),
      idea: ideas.get(r.id) ?? null,
    })),
    total: Number(countRow?.n ?? 0),
    page,
    pageSize,
    counts: {
      new: Number(totalRow?.n ?? 0) - triaged - dismissed,
      triaged,
      dismissed,
    },
    channels: channels.map((c) => c.channel),
  };
}

// ---------------------------------------------------------------------------------------------
// Triage, dismiss, link

const recordIds = z
  .array(z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"), { error: "inbox.errors.noneSelected" })
  .min(1, "inbox.errors.noneSelected")
  .max(FEEDBACK_BATCH_MAX, "inbox.errors.batchTooLarge");

export const TriageInputSchema = z.object({
  recordIds,
  cycleId: z.string({ error: "inbox.errors.cycleRequired" }).min(1, "inbox.errors.cycleRequired").max(100, "validation.invalid"),
});

export const DismissInputSchema = z.object({
  recordIds,
  reason: z.string({ error: "inbox.errors.reasonRequired" }).trim().min(1, "inbox.errors.reasonRequired").max(DISMISS_REASON_MAX_CHARS, "validation.tooLong"),
});

export const LinkInputSchema = z.object({
  recordId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  targetType: z.enum(["pain_point", "initiative"], {
    error: "validation.invalid",
  }),
  /** For a pain point: "mapId:painPointId"; for an initiative: its id. */
  target: z.string({ error: "inbox.errors.targetRequired" }).min(1, "inbox.errors.targetRequired").max(201, "validation.invalid"),
});

/** Triages records of the program into an open cycle's step ① (bulk). */
export async function triageRecords(actor: Actor, input: unknown): Promise<{ added: number }> {
  requireCan(actor, "feedback.triage");
  const data = parseInput(TriageInputSchema, input);
  const added = await db()
    .transaction()
    .execute(async (tx) => {
      const cycle = await requireOpenCycle(tx, actor, data.cycleId).catch((e: unknown) => {
        if (e instanceof DomainError && e.status === 404)
          throw new DomainError(422, "errors.invalid_input", {
            cycleId: "inbox.errors.cycleUnknown",
          });
        throw e;
      });
      return triageIntoCycle(tx, actor, cycle, data.recordIds);
    });
  return { added };
}

/** Dismisses records with a reason (required); they stay in the inbox under "dismissed". */
export async function dismissRecords(actor: Actor, input: unknown): Promise<{ dismissed: number }> {
  requireCan(actor, "feedback.triage");
  const data = parseInput(DismissInputSchema, input);
  const ids = [...new Set(data.recordIds)];
  await db()
    .transaction()
    .execute(async (tx) => {
      const found = await tx.selectFrom("feedback_records").select("id").where("program_id", "=", actor.program.id).where("id", "in", ids).execute();
      if (found.length !== ids.length)
        throw new DomainError(422, "errors.invalid_input", {
          recordIds: "inbox.errors.recordUnknown",
        });
      const before = new Map((await tx.selectFrom("feedback_triage").selectAll().where("record_id", "in", ids).execute()).map((b) => [b.record_id, b]));
      const now = nowIso();
      for (const recordId of ids) {
        await tx
          .insertInto("feedback_triage")
          .values({
            record_id: recordId,
            program_id: actor.program.id,
            status: "dismissed",
            cycle_id: null,
            reason: data.reason,
            triaged_by: actor.user.id,
            triaged_at: now,
          })
          .onConflict((oc) =>
            oc.column("record_id").doUpdateSet({
              status: "dismissed",
              cycle_id: null,
              reason: data.reason,
              triaged_by: actor.user.id,
              triaged_at: now,
            }),
          )
          .execute();
        const b = before.get(recordId);
        await auditAs(tx, actor, {
          entityType: "feedback_record",
          entityId: recordId,
          action: "dismiss",
          before: b ? { status: b.status, cycleId: b.cycle_id, reason: b.reason } : { status: "new" },
          after: { status: "dismissed", reason: data.reason },
        });
      }
    });
  return { dismissed: ids.length };
}

/** Links a record to a pain point of one of the program's maps or to one of its initiatives. */
export async function linkRecord(actor: Actor, input: unknown): Promise<InboxLink> {
  requireCan(actor, "feedback.triage");
  const data = parseInput(LinkInputSchema, input);
  const id = newId();
  let mapId: string | null = null;
  let targetId = data.target;
  let title = "";
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const rec = await tx
          .selectFrom("feedback_records")
          .select("id")
          .where("id", "=", data.recordId)
          .where("program_id", "=", actor.program.id)
          .executeTakeFirst();
        if (!rec) throw new DomainError(404, "inbox.errors.recordNotFound");
        if (data.targetType === "pain_point") {
          const i = data.target.indexOf(":");
          mapId = i > 0 ? data.target.slice(0, i) : null;
          targetId = i > 0 ? data.target.slice(i + 1) : data.target;
          const pp = mapId
            ? await tx
                .selectFrom("pain_points")
                .select("title")
                .where("program_id", "=", actor.program.id)
                .where("map_id", "=", mapId)
                .where("doc_object_id", "=", targetId)
                .where("deleted_at", "is", null)
                .executeTakeFirst()
            : undefined;
          if (!pp)
            throw new DomainError(422, "errors.invalid_input", {
              target: "inbox.errors.painPointUnknown",
            });
          title = pp.title;
        } else {
          const ini = await tx
            .selectFrom("initiatives")
            .select("title")
            .where("id", "=", targetId)
            .where("program_id", "=", actor.program.id)
            .executeTakeFirst();
          if (!ini)
            throw new DomainError(422, "errors.invalid_input", {
              target: "inbox.errors.initiativeUnknown",
            });
          title = ini.title;
        }
        await tx
          .insertInto("feedback_links")
          .values({
            id,
            record_id: data.recordId,
            program_id: actor.program.id,
            target_type: data.targetType,
            map_id: mapId,
            target_id: targetId,
            created_by: actor.user.id,
            created_at: nowIso(),
          })
          .execute();
        await auditAs(tx, actor, {
          entityType: "feedback_record",
          entityId: data.recordId,
          action: "link",
          after: { targetType: data.targetType, mapId, targetId },
        });
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "inbox.errors.alreadyLinked");
    throw error;
  }
  return { id, targetType: data.targetType, mapId, targetId, title };
}

/** Pain points (by map) and initiatives of the program to link records to. */
export async function linkTargets(programId: string): Promise<{
  painPoints: { value: string; title: string; mapName: string }[];
  initiatives: { value: string; title: string }[];
}> {
  const pps = await db()
    .selectFrom("pain_points")
    .innerJoin("journey_maps", "journey_maps.id", "pain_points.map_id")
    .select(["pain_points.map_id", "pain_points.doc_object_id", "pain_points.title", "journey_maps.name as map_name"])
    .where("pain_points.program_id", "=", programId)
    .where("pain_points.deleted_at", "is", null)
    .orderBy("journey_maps.name")
    .orderBy("pain_points.title")
    .execute();
  const inis = await db().selectFrom("initiatives").select(["id", "title"]).where("program_id", "=", programId).orderBy("created_at", "desc").execute();
  return {
    painPoints: pps.map((p) => ({
      value: `${p.map_id}:${p.doc_object_id}`,
      title: p.title,
      mapName: p.map_name,
    })),
    initiatives: inis.map((i) => ({ value: i.id, title: i.title })),
  };
}
