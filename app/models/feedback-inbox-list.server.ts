/**
 * The feedback inbox of a program (step 4), a page at a time: every feedback record — imported from
 * CSV, typed in, posted by the API or sent from the frontline idea box, from customers or from
 * frontline staff — with its triage state: new (no feedback_triage row), triaged into an open
 * cycle's step ①, or dismissed with a required reason. Nothing is deleted. Filtered by state,
 * origin, source, channel, period and text; each record shows its cycle, reason, links and idea.
 */
import { sql } from "kysely";
import type { FeedbackOrigin, FeedbackSource } from "../../db/schema";
import { db } from "../db.server";
import type { InboxLink } from "./feedback-links.server";
import { isCalendarDay } from "./initiative";
import { ideasForRecords, type InboxIdea } from "./ideas.server";

import { FEEDBACK_ORIGINS, FEEDBACK_SOURCES, INBOX_STATES, type InboxState } from "./feedback-inbox";

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
