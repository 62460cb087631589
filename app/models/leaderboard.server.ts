/**
 * The frontline leaderboard of a program (step 5), per month or quarter: people ranked by
 * recognitions received (nominations approved or rewarded, counted by the day they were approved)
 * and by ideas adopted (an idea counts once it is triaged into a loop cycle or linked to an
 * initiative, in the period of the earliest of those; a dismissed idea does not count). Anyone may
 * hide themselves (and come back): hidden people are listed to no one; they see their own numbers.
 * Who: reading needs only to see the program; opting out or in is audited.
 */
import { db, nowIso } from "../db.server";
import { dayInDisplayZone } from "../utils/format";
import { auditAs, DomainError, isUniqueViolation, requireCan, type Actor } from "./domain.server";
import { parsePeriod, rankTallies, type Period, type RankedTally } from "./leaderboard";

export interface Leaderboard {
  period: Period;
  recognitions: RankedTally[];
  ideasAdopted: RankedTally[];
  me: { hidden: boolean; recognitions: number; ideasAdopted: number };
}

/** Today's calendar day where our users work (China Standard Time). */
export function leaderboardToday(): string {
  return dayInDisplayZone(nowIso());
}

/** Reads `?period=`; a malformed, impossible or future period is refused (400) with a clear message. */
export function requirePeriod(raw: string | null | undefined, today = leaderboardToday()): Period {
  const parsed = parsePeriod(raw, today);
  if (!parsed.ok) throw new DomainError(400, `leaderboard.errors.${parsed.error}`, { period: `leaderboard.errors.${parsed.error}` }, { value: String(raw ?? "").slice(0, 40) });
  return parsed.period;
}

/** Per person: approved or rewarded nominations whose approval falls in the period. */
async function recognitionCounts(programId: string, p: Period): Promise<Map<string, number>> {
  const rows = await db()
    .selectFrom("nominations")
    .select(["nominee_id", "reviewed_at", "rewarded_at"])
    .where("program_id", "=", programId)
    .where("status", "in", ["approved", "rewarded"])
    .where((eb) =>
      eb.or([
        eb.and([eb("reviewed_at", ">=", p.from), eb("reviewed_at", "<", p.to)]),
        // Rewarded without a recorded approval: the reward is the approval.
        eb.and([eb("reviewed_at", "is", null), eb("rewarded_at", ">=", p.from), eb("rewarded_at", "<", p.to)]),
      ]),
    )
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.nominee_id, (out.get(r.nominee_id) ?? 0) + 1);
  return out;
}

/** Per author: ideas first adopted (triaged into a cycle, or linked to an initiative) within the period. */
async function adoptedCounts(programId: string, p: Period): Promise<Map<string, number>> {
  const [triaged, linked] = await Promise.all([
    db()
      .selectFrom("ideas as i")
      .innerJoin("feedback_triage as t", "t.record_id", "i.record_id")
      .select(["i.record_id", "i.author_id", "t.triaged_at as at"])
      .where("i.program_id", "=", programId)
      .where("i.author_id", "is not", null)
      .where("t.status", "=", "triaged")
      .where("t.triaged_at", "<", p.to)
      .execute(),
    db()
      .selectFrom("ideas as i")
      .innerJoin("feedback_links as l", "l.record_id", "i.record_id")
      .select(["i.record_id", "i.author_id", (eb) => eb.fn.min<string>("l.created_at").as("at")])
      .where("i.program_id", "=", programId)
      .where("i.author_id", "is not", null)
      .where("l.target_type", "=", "initiative")
      .where("l.created_at", "<", p.to)
      .groupBy(["i.record_id", "i.author_id"])
      .execute(),
  ]);
  const first = new Map<string, { author: string; at: string }>();
  for (const r of [...triaged, ...linked]) {
    const seen = first.get(r.record_id);
    if (!seen || r.at < seen.at) first.set(r.record_id, { author: r.author_id!, at: r.at });
  }
  const out = new Map<string, number>();
  for (const { author, at } of first.values()) if (at >= p.from) out.set(author, (out.get(author) ?? 0) + 1);
  return out;
}

export async function isHidden(programId: string, userId: string): Promise<boolean> {
  const row = await db().selectFrom("leaderboard_opt_outs").select("user_id").where("program_id", "=", programId).where("user_id", "=", userId).executeTakeFirst();
  return !!row;
}

/** The leaderboard of a period as `actor` sees it. */
export async function getLeaderboard(actor: Actor, period: Period): Promise<Leaderboard> {
  const programId = actor.program.id;
  const [recognitions, adopted, optOuts] = await Promise.all([
    recognitionCounts(programId, period),
    adoptedCounts(programId, period),
    db().selectFrom("leaderboard_opt_outs").select("user_id").where("program_id", "=", programId).execute(),
  ]);
  const hidden = new Set(optOuts.map((o) => o.user_id));
  const people = [...new Set([...recognitions.keys(), ...adopted.keys()])].filter((id) => !hidden.has(id));
  const names = new Map<string, string>();
  for (let i = 0; i < people.length; i += 500) {
    const rows = await db()
      .selectFrom("users")
      .select(["id", "name"])
      .where("id", "in", people.slice(i, i + 500))
      .execute();
    for (const u of rows) names.set(u.id, u.name);
  }
  const tallies = (counts: Map<string, number>) =>
    people.filter((id) => counts.has(id)).map((id) => ({ userId: id, name: names.get(id) ?? "", count: counts.get(id)! }));
  return {
    period,
    recognitions: rankTallies(tallies(recognitions)),
    ideasAdopted: rankTallies(tallies(adopted)),
    me: {
      hidden: hidden.has(actor.user.id),
      recognitions: recognitions.get(actor.user.id) ?? 0,
      ideasAdopted: adopted.get(actor.user.id) ?? 0,
    },
  };
}

/** Hides the actor from the program's leaderboard (`hidden` true) or shows them again; audited when it changes. */
export async function setLeaderboardHidden(actor: Actor, hidden: boolean): Promise<{ hidden: boolean }> {
  requireCan(actor, "program.view");
  try {
    await change(actor, hidden);
  } catch (error) {
    // Two clicks at once: the other one made the same change.
    if (!isUniqueViolation(error)) throw error;
  }
  return { hidden };
}

async function change(actor: Actor, hidden: boolean): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      const row = await tx
        .selectFrom("leaderboard_opt_outs")
        .select("user_id")
        .where("program_id", "=", actor.program.id)
        .where("user_id", "=", actor.user.id)
        .executeTakeFirst();
      if (!!row === hidden) return;
      if (hidden) {
        await tx.insertInto("leaderboard_opt_outs").values({ program_id: actor.program.id, user_id: actor.user.id, created_at: nowIso() }).execute();
      } else {
        await tx.deleteFrom("leaderboard_opt_outs").where("program_id", "=", actor.program.id).where("user_id", "=", actor.user.id).execute();
      }
      await auditAs(tx, actor, {
        entityType: "leaderboard",
        entityId: actor.user.id,
        action: hidden ? "opt_out" : "opt_in",
      });
    });
}
