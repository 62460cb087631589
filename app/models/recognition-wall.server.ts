/**
 * The recognition wall of step 5: every rewarded nomination of a program as a card (nominee,
 * behaviour, story, reward, who nominated, when), newest reward first, filtered by behaviour type
 * and period, a page at a time (a cursor on the reward time). Everyone who sees the program reads
 * it — viewers and the CX office included.
 */
import type { RewardKind } from "../../db/schema";
import { db } from "../db.server";
import { periodStart, type WallPeriod } from "./nominations";

export interface WallCard {
  id: string;
  nominee: { id: string; name: string };
  nominator: { id: string; name: string };
  type: { id: string; name: string; rewardKind: RewardKind };
  story: string;
  rewardText: string;
  rewardValue: number;
  rewardedAt: string;
  createdAt: string;
}

export interface WallFilter {
  typeId?: string;
  period: WallPeriod;
  /** The cursor of the last card already shown ("<rewarded_at>|<id>"). */
  after?: string;
  limit?: number;
}

export interface WallPage {
  cards: WallCard[];
  /** Cursor for the next page, or null at the end. */
  next: string | null;
  /** In the filtered period: how many recognitions, and how many different people. */
  stats: { recognitions: number; people: number };
}

export const WALL_PAGE_SIZE = 24;

function parseCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const bar = cursor.lastIndexOf("|");
  if (bar <= 0) return null;
  const at = cursor.slice(0, bar);
  const id = cursor.slice(bar + 1);
  return Number.isNaN(Date.parse(at)) || !id || id.length > 100 ? null : { at, id };
}

export async function listWall(programId: string, filter: WallFilter, now: Date = new Date()): Promise<WallPage> {
  const since = periodStart(filter.period, now);
  const limit = Math.max(1, Math.min(filter.limit ?? WALL_PAGE_SIZE, 100));
  let base = db()
    .selectFrom("nominations as n")
    .where("n.program_id", "=", programId)
    .where("n.status", "=", "rewarded")
    .where("n.rewarded_at", "is not", null);
  if (filter.typeId) base = base.where("n.type_id", "=", filter.typeId);
  if (since) base = base.where("n.rewarded_at", ">=", since);

  const cursor = parseCursor(filter.after);
  let page = base
    .innerJoin("recognition_types as rt", "rt.id", "n.type_id")
    .innerJoin("users as nominee", "nominee.id", "n.nominee_id")
    .innerJoin("users as nominator", "nominator.id", "n.nominator_id")
    .select([
      "n.id",
      "n.story",
      "n.reward_text",
      "n.reward_value",
      "n.rewarded_at",
      "n.created_at",
      "n.nominee_id",
      "n.nominator_id",
      "nominee.name as nominee_name",
      "nominator.name as nominator_name",
      "rt.id as type_id",
      "rt.name as type_name",
      "rt.reward_kind",
    ]);
  if (cursor) {
    page = page.where((eb) => eb.or([eb("n.rewarded_at", "<", cursor.at), eb.and([eb("n.rewarded_at", "=", cursor.at), eb("n.id", "<", cursor.id)])]));
  }
  const [rows, stats] = await Promise.all([
    page.orderBy("n.rewarded_at", "desc").orderBy("n.id", "desc").limit(limit + 1).execute(),
    base
      .select((eb) => [eb.fn.countAll<number>().as("recognitions"), eb.fn.count<number>("n.nominee_id").distinct().as("people")])
      .executeTakeFirstOrThrow(),
  ]);
  const cards = rows.slice(0, limit).map(
    (r): WallCard => ({
      id: r.id,
      nominee: { id: r.nominee_id, name: r.nominee_name },
      nominator: { id: r.nominator_id, name: r.nominator_name },
      type: { id: r.type_id, name: r.type_name, rewardKind: r.reward_kind },
      story: r.story,
      rewardText: r.reward_text ?? "",
      rewardValue: Number(r.reward_value ?? 0),
      rewardedAt: r.rewarded_at ?? r.created_at,
      createdAt: r.created_at,
    }),
  );
  const last = cards[cards.length - 1];
  return {
    cards,
    next: rows.length > limit && last ? `${last.rewardedAt}|${last.id}` : null,
    stats: { recognitions: Number(stats.recognitions), people: Number(stats.people) },
  };
}

/** The behaviour types to filter by: the active catalogue plus any archived type that has recognitions on the wall. */
export async function wallTypes(programId: string): Promise<{ id: string; name: string; archived: boolean }[]> {
  const rows = await db()
    .selectFrom("recognition_types as rt")
    .select(["rt.id", "rt.name", "rt.archived_at"])
    .where("rt.program_id", "=", programId)
    .where((eb) =>
      eb.or([
        eb("rt.archived_at", "is", null),
        eb.exists(eb.selectFrom("nominations as n").select("n.id").whereRef("n.type_id", "=", "rt.id").where("n.status", "=", "rewarded")),
      ]),
    )
    .orderBy("rt.created_at")
    .orderBy("rt.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, archived: r.archived_at !== null }));
}
