/**
 * Reading nominations, as far as the actor may see them: the lists (sent, received, all, the
 * reviewers' queue and the approved ones waiting for their reward), the reviewers' counts, one
 * nomination with its timeline, the choices of the nomination form and what the UI may offer.
 *
 * Who sees what: reviewers and everyone who reads the program's activity (viewers, the CX office,
 * functional representatives) see every nomination; the others see what they sent and the
 * approved or rewarded recognitions they received.
 */
import type { NominationStatus, ProgramRole, RewardKind } from "../../db/schema";
import { db } from "../db.server";
import { DomainError, requireCan, type Actor } from "./domain.server";
import {
  nominationNotFound,
  nominationViewById,
  requireNominationRow,
  selectNominationViews,
  toNominationView,
  type NominationDetail,
  type NominationView,
  type Person,
} from "./nomination-views.server";
import { can } from "./permissions";

/** What the UI may offer the actor. */
export function nominationAbilities(actor: Pick<Actor, "access">) {
  return {
    canSubmit: can(actor.access, "nomination.submit"),
    canReview: can(actor.access, "nomination.review"),
    canSeeAll: seesAll(actor),
  };
}

function seesAll(actor: Pick<Actor, "access">): boolean {
  return can(actor.access, "nomination.review") || can(actor.access, "activity.view");
}

/** Statuses a nominee sees of what was sent about them (a rejection stays between nominator and reviewers). */
const RECEIVED_STATUSES: NominationStatus[] = ["approved", "rewarded"];

function canSee(actor: Actor, n: { nominator_id: string; nominee_id: string; status: NominationStatus }): boolean {
  if (seesAll(actor)) return true;
  if (n.nominator_id === actor.user.id) return true;
  return n.nominee_id === actor.user.id && RECEIVED_STATUSES.includes(n.status);
}

export interface Colleague extends Person {
  role: ProgramRole;
}

export interface CatalogueChoice {
  id: string;
  name: string;
  description: string;
  rewardKind: RewardKind;
  rewardText: string;
  rewardValue: number;
  guidelineTitle: string | null;
}

/** Whom the actor may nominate (every program member but themselves) and for what (the active catalogue). */
export async function nominationFormOptions(actor: Actor): Promise<{ colleagues: Colleague[]; types: CatalogueChoice[] }> {
  const [members, types] = await Promise.all([
    db()
      .selectFrom("program_members as pm")
      .innerJoin("users as u", "u.id", "pm.user_id")
      .select(["u.id", "u.name", "pm.role"])
      .where("pm.program_id", "=", actor.program.id)
      .where("u.id", "!=", actor.user.id)
      .orderBy("u.name")
      .execute(),
    db()
      .selectFrom("recognition_types as rt")
      .leftJoin("guidelines as g", "g.id", "rt.guideline_id")
      .select(["rt.id", "rt.name", "rt.description", "rt.reward_kind", "rt.reward_text", "rt.reward_value", "g.title as guideline_title"])
      .where("rt.program_id", "=", actor.program.id)
      .where("rt.archived_at", "is", null)
      .orderBy("rt.created_at")
      .orderBy("rt.name")
      .execute(),
  ]);
  return {
    colleagues: members.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    types: types.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      rewardKind: t.reward_kind,
      rewardText: t.reward_text,
      rewardValue: Number(t.reward_value),
      guidelineTitle: t.guideline_title,
    })),
  };
}

/** Every behaviour type of the program, archived ones included (to filter lists by). */
export async function listBehaviourTypes(programId: string): Promise<{ id: string; name: string; archived: boolean }[]> {
  const rows = await db()
    .selectFrom("recognition_types")
    .select(["id", "name", "archived_at"])
    .where("program_id", "=", programId)
    .orderBy("created_at")
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, archived: r.archived_at !== null }));
}

export type NominationScope = "all" | "sent" | "received" | "queue" | "reward";

export interface NominationFilter {
  scope: NominationScope;
  status?: NominationStatus;
  typeId?: string;
  limit?: number;
}

export const NOMINATION_LIST_MAX = 200;

/**
 * Nominations the actor may see. `sent`: what they nominated (every status); `received`: the approved
 * and rewarded recognitions about them; `all` (reviewers, readers of the activity log): every
 * nomination, newest first; `queue`: waiting for review and `reward`: approved, waiting for the
 * reward (reviewers; oldest first, so the earliest waits least).
 */
export async function listNominations(actor: Actor, filter: NominationFilter): Promise<NominationView[]> {
  let q = selectNominationViews(db()).where("n.program_id", "=", actor.program.id);
  switch (filter.scope) {
    case "sent":
      q = q.where("n.nominator_id", "=", actor.user.id);
      break;
    case "received":
      q = q.where("n.nominee_id", "=", actor.user.id).where("n.status", "in", RECEIVED_STATUSES);
      break;
    case "queue":
    case "reward":
      requireCan(actor, "nomination.review");
      q = q.where("n.status", "=", filter.scope === "queue" ? "submitted" : "approved");
      break;
    case "all":
      if (!seesAll(actor)) throw new DomainError(403, "errors.forbidden");
      break;
  }
  if (filter.status) q = q.where("n.status", "=", filter.status);
  if (filter.typeId) q = q.where("n.type_id", "=", filter.typeId);
  const oldestFirst = filter.scope === "queue" || filter.scope === "reward";
  const rows = await q
    .orderBy("n.created_at", oldestFirst ? "asc" : "desc")
    .orderBy("n.id", oldestFirst ? "asc" : "desc")
    .limit(Math.min(filter.limit ?? NOMINATION_LIST_MAX, NOMINATION_LIST_MAX))
    .execute();
  return rows.map(toNominationView);
}

/** How many wait for review and for their reward (the reviewers' tab badges). */
export async function nominationCounts(programId: string): Promise<{ submitted: number; approved: number }> {
  const rows = await db()
    .selectFrom("nominations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("program_id", "=", programId)
    .where("status", "in", ["submitted", "approved"])
    .groupBy("status")
    .execute();
  const count = (s: NominationStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { submitted: count("submitted"), approved: count("approved") };
}

/** One nomination with its full timeline, if the actor may see it (404 otherwise, as for one that does not exist). */
export async function getNomination(actor: Actor, id: unknown): Promise<NominationDetail> {
  const row = await requireNominationRow(db(), actor.program.id, id);
  if (!canSee(actor, row)) throw nominationNotFound();
  const [view, events] = await Promise.all([
    nominationViewById(db(), row.id),
    db()
      .selectFrom("nomination_events as e")
      .leftJoin("users as u", "u.id", "e.actor_id")
      .select(["e.id", "e.from_status", "e.to_status", "e.actor_id", "u.name as actor_name", "e.note", "e.created_at"])
      .where("e.nomination_id", "=", row.id)
      .orderBy("e.created_at")
      .orderBy("e.id")
      .execute(),
  ]);
  // Transitions only move forward, so within one instant the path's order is the order they happened in.
  const rank = (s: NominationStatus) => ["submitted", "approved", "rejected", "rewarded"].indexOf(s);
  events.sort((a, b) => a.created_at.localeCompare(b.created_at) || rank(a.to_status) - rank(b.to_status));
  return {
    ...view,
    events: events.map((e) => ({
      id: e.id,
      from: e.from_status,
      to: e.to_status,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? "" } : null,
      note: e.note,
      at: e.created_at,
    })),
  };
}
