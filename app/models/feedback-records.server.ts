/**
 * Feedback records of a program: the batched insert every writer uses (CSV import, demo seed),
 * and the filtered, paginated list behind drill-downs and the evidence picker.
 */
import { CompiledQuery, sql, type Kysely } from "kysely";
import type { Database, FeedbackOrigin, FeedbackRecord, FeedbackSource } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import type { Locale } from "../i18n/config";
import { httpError } from "../utils/http.server";
import type { FeedbackRow } from "./feedback-csv";
import type { Actor } from "./domain.server";
import { hopContactIds, repeatContactIds } from "./outside-in";
import { getProgramAccess } from "./program.server";
import type { PublicUser } from "./user.server";

const COLUMNS = [
  "id",
  "program_id",
  "import_id",
  "source",
  "occurred_on",
  "channel",
  "segment",
  "contact_reason",
  "score",
  "score_min",
  "score_max",
  "text",
  "customer_id",
  "created_by",
  "created_at",
  "origin",
] as const;

/** Rows per INSERT statement: 16 parameters each, well under SQLite's 32,766 and Postgres' 65,535. */
export const INSERT_BATCH_ROWS = 1000;

const sqlCache = new Map<string, string>();

/** `INSERT … VALUES (…),(…)` for n rows with the dialect's placeholders (cached per size). */
function insertSql(n: number, postgres: boolean): string {
  const key = `${postgres ? "pg" : "lite"}:${n}`;
  let text = sqlCache.get(key);
  if (!text) {
    const groups: string[] = [];
    let p = 1;
    for (let r = 0; r < n; r++) {
      const ph: string[] = [];
      for (let c = 0; c < COLUMNS.length; c++) ph.push(postgres ? `$${p++}` : "?");
      groups.push(`(${ph.join(",")})`);
    }
    text = `insert into "feedback_records" (${COLUMNS.map((c) => `"${c}"`).join(",")}) values ${groups.join(",")}`;
    sqlCache.set(key, text);
  }
  return text;
}

function usesNumberedParams(tx: Kysely<Database>): boolean {
  return tx.selectFrom("feedback_records").select("id").where("id", "=", "x").compile().sql.includes("$1");
}

export interface InsertFeedbackOptions {
  /** The import the rows come from (null for the seed, manual or API records). */
  importId?: string | null;
  source?: FeedbackSource;
  /** Who the rows are from (defaults to customer). */
  origin?: FeedbackOrigin;
  /** Ids for the rows, in order (new ones otherwise). */
  ids?: readonly string[];
  createdBy?: string | null;
  /** Defaults to now. */
  createdAt?: string;
  batchSize?: number;
  /** Called after each batch with the rows inserted so far; throwing aborts (and the caller's transaction rolls back). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Inserts normalised rows in multi-row INSERT batches, inside the caller's transaction `tx` (on
 * SQLite or Postgres). Nothing is committed here: a failure anywhere leaves the caller's
 * transaction to roll back every batch. Returns the number of rows inserted.
 */
export async function insertFeedbackRecords(
  tx: Kysely<Database>,
  programId: string,
  rows: readonly FeedbackRow[],
  opts: InsertFeedbackOptions = {},
): Promise<number> {
  const postgres = usesNumberedParams(tx);
  const batch = Math.max(1, Math.min(opts.batchSize ?? INSERT_BATCH_ROWS, 2000));
  const importId = opts.importId ?? null;
  const source = opts.source ?? (importId ? "import" : "manual");
  const createdBy = opts.createdBy ?? null;
  const createdAt = opts.createdAt ?? nowIso();
  const origin = opts.origin ?? "customer";
  let done = 0;
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const params: unknown[] = new Array(slice.length * COLUMNS.length);
    let p = 0;
    for (let i = 0; i < slice.length; i++) {
      const r = slice[i];
      params[p++] = opts.ids?.[start + i] ?? newId();
      params[p++] = programId;
      params[p++] = importId;
      params[p++] = source;
      params[p++] = r.occurredOn;
      params[p++] = r.channel;
      params[p++] = r.segment;
      params[p++] = r.contactReason;
      params[p++] = r.score;
      params[p++] = r.scoreMin;
      params[p++] = r.scoreMax;
      params[p++] = r.text;
      params[p++] = r.customerId;
      params[p++] = createdBy;
      params[p++] = createdAt;
      params[p++] = origin;
    }
    await tx.executeQuery(CompiledQuery.raw(insertSql(slice.length, postgres), params));
    done += slice.length;
    if (opts.onProgress) await opts.onProgress(done, rows.length);
  }
  return done;
}

// ---------------------------------------------------------------------------------------------

export interface FeedbackFilter {
  from?: string;
  to?: string;
  segment?: string;
  channel?: string;
  reason?: string;
  /** Text search in the feedback text, contact reason, segment and customer id. */
  q?: string;
  importId?: string;
  /** Drill-down into hops: both contacts of every `from → to` hop within `days`. */
  hop?: { from: string; to: string; days: number };
  /** Drill-down into FCR: contacts (of `channel`, or all with "*") followed by a repeat within `days`. */
  repeat?: { channel: string; days: number };
}

/** A stored record: the imported row with its id and where it came from. */
export interface FeedbackRecordView extends FeedbackRow {
  id: string;
  importId: string | null;
  source: string;
}

export function recordView(r: Pick<FeedbackRecord, keyof FeedbackRecord>): FeedbackRecordView {
  return {
    id: r.id,
    occurredOn: r.occurred_on,
    channel: r.channel,
    segment: r.segment,
    contactReason: r.contact_reason,
    score: r.score === null ? null : Number(r.score),
    scoreMin: r.score_min === null ? null : Number(r.score_min),
    scoreMax: r.score_max === null ? null : Number(r.score_max),
    text: r.text,
    customerId: r.customer_id,
    importId: r.import_id,
    source: r.source,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a filter from URL search params (unknown or malformed values are ignored). */
export function filterFromParams(sp: URLSearchParams): FeedbackFilter {
  const s = (k: string, max = 200) => {
    const v = sp.get(k)?.trim();
    return v && v.length <= max ? v : undefined;
  };
  const d = (k: string) => {
    const v = s(k);
    return v && DATE.test(v) ? v : undefined;
  };
  const days = Number(sp.get("days"));
  const window = Number.isInteger(days) && days >= 0 && days <= 365 ? days : 7;
  const hop = s("hop");
  const arrow = hop?.indexOf(">") ?? -1;
  const repeat = s("repeat");
  return {
    from: d("from"),
    to: d("to"),
    segment: s("segment"),
    channel: s("channel"),
    reason: s("reason"),
    q: s("q"),
    importId: s("import", 100),
    hop: hop && arrow > 0 ? { from: hop.slice(0, arrow), to: hop.slice(arrow + 1), days: window } : undefined,
    repeat: repeat ? { channel: repeat, days: window } : undefined,
  };
}

type RecordQuery = ReturnType<typeof baseQuery>;
function baseQuery(programId: string) {
  return db().selectFrom("feedback_records").where("program_id", "=", programId);
}

/** Applies the simple (SQL) parts of a filter. */
export function applyFilter<Q extends RecordQuery>(q: Q, f: FeedbackFilter): Q {
  let out = q as RecordQuery;
  if (f.from) out = out.where("occurred_on", ">=", f.from);
  if (f.to) out = out.where("occurred_on", "<=", f.to);
  if (f.segment) out = out.where("segment", "=", f.segment);
  if (f.channel) out = out.where("channel", "=", f.channel);
  if (f.reason) out = out.where("contact_reason", "=", f.reason);
  if (f.importId) out = out.where("import_id", "=", f.importId);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb) =>
      eb.or([
        eb(sql`lower(text)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(contact_reason)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(segment)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(coalesce(customer_id, ''))`, "like", sql`${like} escape '\\'`),
      ]),
    );
  }
  return out as Q;
}

/**
 * The contacts with a customer id under a filter (hops and FCR), ordered by customer then date:
 * the order of the (program_id, customer_id, occurred_on) index, so no sort is needed; same-day
 * contacts come in insertion order on SQLite. Without `ids` the record ids are not read.
 */
export async function contactsFor(
  programId: string,
  f: FeedbackFilter,
  opts: { ids?: boolean } = {},
): Promise<{ id?: string; customerId: string; channel: string; occurredOn: string }[]> {
  const q = applyFilter(baseQuery(programId), { ...f, channel: undefined })
    .where("customer_id", "is not", null)
    .select(["customer_id", "channel", "occurred_on"])
    .orderBy("customer_id")
    .orderBy("occurred_on");
  if (opts.ids === false) {
    const rows = await q.execute();
    return rows.map((r) => ({ customerId: r.customer_id as string, channel: r.channel, occurredOn: r.occurred_on }));
  }
  const rows = await q.select("id").execute();
  return rows.map((r) => ({ id: r.id, customerId: r.customer_id as string, channel: r.channel, occurredOn: r.occurred_on }));
}

export interface FeedbackPage {
  items: FeedbackRecordView[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of records matching a filter (hop/repeat drill-downs computed over the customer contacts). */
export async function listFeedbackRecords(programId: string, f: FeedbackFilter, opts: { page?: number; pageSize?: number } = {}): Promise<FeedbackPage> {
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 25, 200));
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  if (f.hop || f.repeat) {
    // Hops and repeats are about a customer's contacts on every channel: channel filters apply to the pair, not the query.
    const contacts = await contactsFor(programId, f);
    const ids = f.hop
      ? hopContactIds(contacts, f.hop.days, f.hop.from, f.hop.to)
      : repeatContactIds(contacts, f.repeat!.days, f.repeat!.channel === "*" ? undefined : f.repeat!.channel);
    const pageIds = ids.slice((page - 1) * pageSize, page * pageSize);
    const rows = pageIds.length ? await baseQuery(programId).selectAll().where("id", "in", pageIds).execute() : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: pageIds.map((id) => byId.get(id)).filter((r): r is FeedbackRecord => !!r).map(recordView), total: ids.length, page, pageSize };
  }
  const countRow = await applyFilter(baseQuery(programId), f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const rows = await applyFilter(baseQuery(programId), f)
    .selectAll()
    .orderBy("occurred_on", "desc")
    .orderBy("id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(recordView), total: Number(countRow?.n ?? 0), page, pageSize };
}

/** Records by id within a program (unknown or foreign ids are left out). */
export async function feedbackRecordsById(programId: string, ids: string[]): Promise<Map<string, FeedbackRecordView>> {
  const out = new Map<string, FeedbackRecordView>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await baseQuery(programId).selectAll().where("id", "in", chunk).execute();
    for (const r of rows) out.set(r.id, recordView(r));
  }
  return out;
}

/** An API caller as an Actor of the program in the URL (404 when they cannot see it). */
export async function requireApiActor(user: PublicUser, locale: Locale, programId: string | undefined): Promise<Actor> {
  const found = programId ? await getProgramAccess(user.id, programId) : null;
  if (!found) throw httpError(locale, 404, { key: "errors.programNotFound" });
  return { program: found.program, access: found.access, user };
}
