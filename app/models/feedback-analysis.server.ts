/**
 * The outside-in analysis of a program's feedback records: counts by contact reason, segment and
 * channel and per day (aggregated in SQL), the trend in days/weeks/months, cross-channel hops and
 * first-contact resolution (computed over the contacts that carry a customer id, see outside-in.ts).
 */
import { sql } from "kysely";
import { db } from "../db.server";
import type { Actor } from "./domain.server";
import { applyFilter, contactsFor, type FeedbackFilter } from "./feedback-records.server";
import { crossChannelHops, firstContactResolution, grainFor, groupContacts, trendBuckets, type FcrResult, type HopResult, type TrendGrain } from "./outside-in";

export const CATEGORY_LIMIT = 20;
export const HOP_DAY_CHOICES = [1, 3, 7, 14, 30] as const;

export interface CategoryCount {
  key: string;
  count: number;
  /** Mean score normalised to 0–100 over the records with a score (null without any). */
  avgScore: number | null;
}

export interface FeedbackAnalysis {
  total: number;
  withCustomer: number;
  dateRange: { min: string | null; max: string | null };
  byReason: CategoryCount[];
  bySegment: CategoryCount[];
  byChannel: CategoryCount[];
  /** More categories than shown (the rest are left out of the chart). */
  more: { reason: number; segment: number; channel: number };
  trend: { grain: TrendGrain; points: { bucket: string; count: number }[] };
  hops: HopResult;
  fcr: FcrResult;
  days: number;
  options: { segments: string[]; channels: string[] };
}

type GroupColumn = "contact_reason" | "segment" | "channel";

async function countBy(programId: string, f: FeedbackFilter, column: GroupColumn): Promise<{ rows: CategoryCount[]; more: number }> {
  const rows = await applyFilter(db().selectFrom("feedback_records").where("program_id", "=", programId), f)
    .select([
      sql<string>`${sql.ref(column)}`.as("key"),
      (eb) => eb.fn.countAll<number>().as("n"),
      sql<number | null>`avg(case when score is not null and score_max > score_min then (score - score_min) * 100.0 / (score_max - score_min) end)`.as("avg"),
    ])
    .groupBy(column)
    .orderBy(sql`count(*)`, "desc")
    .orderBy(column)
    .execute();
  return {
    rows: rows.slice(0, CATEGORY_LIMIT).map((r) => ({ key: r.key, count: Number(r.n), avgScore: r.avg === null ? null : Math.round(Number(r.avg) * 10) / 10 })),
    more: Math.max(0, rows.length - CATEGORY_LIMIT),
  };
}

/** Everything the analysis page shows, for a filter and a hop/FCR window of `days`. */
export async function analyseFeedback(actor: Actor, f: FeedbackFilter, days: number): Promise<FeedbackAnalysis> {
  const programId = actor.program.id;
  const base = () => applyFilter(db().selectFrom("feedback_records").where("program_id", "=", programId), f);
  const [totals, reason, segment, channel, perDay, options] = await Promise.all([
    base()
      .select([
        (eb) => eb.fn.countAll<number>().as("n"),
        (eb) => eb.fn.count<number>("customer_id").as("withCustomer"),
        (eb) => eb.fn.min("occurred_on").as("min"),
        (eb) => eb.fn.max("occurred_on").as("max"),
      ])
      .executeTakeFirst(),
    countBy(programId, f, "contact_reason"),
    countBy(programId, f, "segment"),
    countBy(programId, f, "channel"),
    base()
      .select(["occurred_on", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("occurred_on")
      .orderBy("occurred_on")
      .execute(),
    Promise.all([
      db().selectFrom("feedback_records").select("segment").distinct().where("program_id", "=", programId).orderBy("segment").limit(200).execute(),
      db().selectFrom("feedback_records").select("channel").distinct().where("program_id", "=", programId).orderBy("channel").limit(200).execute(),
    ]),
  ]);
  const min = (totals?.min as string | null) ?? null;
  const max = (totals?.max as string | null) ?? null;
  const grain = min && max ? grainFor(f.from ?? min, f.to ?? max) : "day";
  const points = trendBuckets(
    perDay.map((d) => ({ day: d.occurred_on, count: Number(d.n) })),
    grain,
  );
  // Hops and FCR follow a customer across channels: the channel filter selects which pairs/contacts are shown, not which contacts exist.
  const contacts = await contactsFor(programId, f, { ids: false });
  const grouped = groupContacts(contacts);
  const hopsAll = crossChannelHops(grouped, days);
  const fcrAll = firstContactResolution(grouped, days);
  const hops: HopResult = f.channel
    ? { ...hopsAll, pairs: hopsAll.pairs.filter((p) => p.from === f.channel || p.to === f.channel) }
    : hopsAll;
  const fcr: FcrResult = f.channel
    ? { overall: fcrAll.byChannel.find((c) => c.channel === f.channel) ?? { channel: f.channel, contacts: 0, resolved: 0, rate: null }, byChannel: fcrAll.byChannel.filter((c) => c.channel === f.channel) }
    : fcrAll;
  return {
    total: Number(totals?.n ?? 0),
    withCustomer: Number(totals?.withCustomer ?? 0),
    dateRange: { min, max },
    byReason: reason.rows,
    bySegment: segment.rows,
    byChannel: channel.rows,
    more: { reason: reason.more, segment: segment.more, channel: channel.more },
    trend: { grain, points },
    hops,
    fcr,
    days,
    options: { segments: options[0].map((r) => r.segment), channels: options[1].map((r) => r.channel) },
  };
}

/** Whether the program has any feedback at all (the empty state of the page). */
export async function hasFeedback(programId: string): Promise<boolean> {
  const r = await db().selectFrom("feedback_records").select("id").where("program_id", "=", programId).limit(1).executeTakeFirst();
  return !!r;
}
