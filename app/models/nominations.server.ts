/**
 * The recognition workflow of step 5: nominate a colleague for a behaviour of the catalogue with a
 * story → reviewers evaluate it against the behaviour's guideline (approve, or reject with a reason)
 * → a reviewer grants the behaviour's reward (copied at that moment, adjustable with a note) → it
 * shows on the recognition wall. Every transition is a nomination_events row and an audit entry in
 * the same transaction; nominations are never deleted. The catalogue (recognition_types) and the
 * guidelines are read straight from their tables.
 *
 * Who: `nomination.submit` nominates (everyone but viewers and the CX office); `nomination.review`
 * reviews and rewards (owner, leadership, project team), never a nomination they sent or one about
 * themselves. Who sees what: reviewers and everyone who reads the program's activity (viewers, the
 * CX office, functional representatives) see every nomination; the others see what they sent and
 * the approved or rewarded recognitions they received.
 */
import type { Kysely } from "kysely";
import type { Database, Nomination, NominationStatus, ProgramRole, RewardKind } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import {
  grantedReward,
  NominationInputSchema,
  reviewConflict,
  ReviewInputSchema,
  RewardInputSchema,
  storyHash,
  transitionRefusal,
} from "./nominations";
import { can } from "./permissions";

export interface Person {
  id: string;
  name: string;
}

export interface NominationGuideline {
  id: string;
  title: string;
  body: string;
  doExamples: string[];
  dontExamples: string[];
}

export interface NominationView {
  id: string;
  programId: string;
  status: NominationStatus;
  story: string;
  type: {
    id: string;
    name: string;
    description: string;
    rewardKind: RewardKind;
    rewardText: string;
    rewardValue: number;
    archived: boolean;
  };
  guideline: NominationGuideline | null;
  nominee: Person;
  nominator: Person;
  reviewer: Person | null;
  reviewReason: string | null;
  reviewedAt: string | null;
  /** The reward as granted (null until rewarded). */
  reward: { text: string; value: number; by: Person | null; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface NominationEventView {
  id: string;
  from: NominationStatus | null;
  to: NominationStatus;
  actor: Person | null;
  note: string;
  at: string;
}

export interface NominationDetail extends NominationView {
  events: NominationEventView[];
}

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

const notFound = () => new DomainError(404, "nominations.errors.notFound");

function parseExamples(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
  } catch {
    return [];
  }
}

function selectViews(d: Kysely<Database>) {
  return d
    .selectFrom("nominations as n")
    .innerJoin("recognition_types as rt", "rt.id", "n.type_id")
    .leftJoin("guidelines as g", "g.id", "rt.guideline_id")
    .innerJoin("users as nominee", "nominee.id", "n.nominee_id")
    .innerJoin("users as nominator", "nominator.id", "n.nominator_id")
    .leftJoin("users as reviewer", "reviewer.id", "n.reviewer_id")
    .leftJoin("users as rewarder", "rewarder.id", "n.rewarded_by")
    .select([
      "n.id",
      "n.program_id",
      "n.status",
      "n.story",
      "n.nominee_id",
      "n.nominator_id",
      "n.reviewer_id",
      "n.review_reason",
      "n.reviewed_at",
      "n.reward_text",
      "n.reward_value",
      "n.rewarded_by",
      "n.rewarded_at",
      "n.created_at",
      "n.updated_at",
      "rt.id as type_id",
      "rt.name as type_name",
      "rt.description as type_description",
      "rt.reward_kind",
      "rt.reward_text as type_reward_text",
      "rt.reward_value as type_reward_value",
      "rt.archived_at as type_archived_at",
      "g.id as guideline_id",
      "g.title as guideline_title",
      "g.body as guideline_body",
      "g.do_examples",
      "g.dont_examples",
      "nominee.name as nominee_name",
      "nominator.name as nominator_name",
      "reviewer.name as reviewer_name",
      "rewarder.name as rewarder_name",
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>["executeTakeFirstOrThrow"]>>;

function toView(r: ViewRow): NominationView {
  return {
    id: r.id,
    programId: r.program_id,
    status: r.status,
    story: r.story,
    type: {
      id: r.type_id,
      name: r.type_name,
      description: r.type_description,
      rewardKind: r.reward_kind,
      rewardText: r.type_reward_text,
      rewardValue: Number(r.type_reward_value),
      archived: r.type_archived_at !== null,
    },
    guideline: r.guideline_id
      ? {
          id: r.guideline_id,
          title: r.guideline_title ?? "",
          body: r.guideline_body ?? "",
          doExamples: parseExamples(r.do_examples),
          dontExamples: parseExamples(r.dont_examples),
        }
      : null,
    nominee: { id: r.nominee_id, name: r.nominee_name },
    nominator: { id: r.nominator_id, name: r.nominator_name },
    reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? "" } : null,
    reviewReason: r.review_reason,
    reviewedAt: r.reviewed_at,
    reward:
      r.status === "rewarded" && r.rewarded_at
        ? {
            text: r.reward_text ?? "",
            value: Number(r.reward_value ?? 0),
            by: r.rewarded_by ? { id: r.rewarded_by, name: r.rewarder_name ?? "" } : null,
            at: r.rewarded_at,
          }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function viewById(d: Kysely<Database>, id: string): Promise<NominationView> {
  return toView(await selectViews(d).where("n.id", "=", id).executeTakeFirstOrThrow());
}

async function requireRow(tx: Kysely<Database>, programId: string, id: unknown): Promise<Nomination> {
  if (typeof id !== "string" || !id || id.length > 100) throw notFound();
  const row = await tx.selectFrom("nominations").selectAll().where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Finds which program a nomination belongs to (for /api/v1/nominations/:id), or null. */
export async function findNominationProgram(id: unknown): Promise<string | null> {
  if (typeof id !== "string" || !id || id.length > 100) return null;
  const row = await db().selectFrom("nominations").select("program_id").where("id", "=", id).executeTakeFirst();
  return row?.program_id ?? null;
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

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
  let q = selectViews(db()).where("n.program_id", "=", actor.program.id);
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
  return rows.map(toView);
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
  const row = await requireRow(db(), actor.program.id, id);
  if (!canSee(actor, row)) throw notFound();
  const [view, events] = await Promise.all([
    viewById(db(), row.id),
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

// ── Writing ────────────────────────────────────────────────────────────────────────────────

async function recordEvent(tx: Kysely<Database>, nominationId: string, from: NominationStatus | null, to: NominationStatus, actorId: string, note: string, at: string) {
  await tx.insertInto("nomination_events").values({ id: newId(), nomination_id: nominationId, from_status: from, to_status: to, actor_id: actorId, note, created_at: at }).execute();
}

async function subjectOf(tx: Kysely<Database>, n: { nominee_id: string; type_id: string }): Promise<{ name: string; behaviour: string }> {
  const [u, t] = await Promise.all([
    tx.selectFrom("users").select("name").where("id", "=", n.nominee_id).executeTakeFirst(),
    tx.selectFrom("recognition_types").select("name").where("id", "=", n.type_id).executeTakeFirst(),
  ]);
  return { name: u?.name ?? "", behaviour: t?.name ?? "" };
}

/** Nominates a colleague. Refuses self-nomination, unknown people and behaviours, archived behaviours and duplicate stories. */
export async function submitNomination(actor: Actor, input: unknown): Promise<NominationView> {
  requireCan(actor, "nomination.submit");
  const data = parseInput(NominationInputSchema, input);
  if (data.nomineeId === actor.user.id) {
    throw new DomainError(422, "nominations.errors.selfNomination", { nomineeId: "nominations.errors.selfNomination" });
  }
  const hash = await storyHash(data.story);
  const id = newId();
  const now = nowIso();
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const [member, type] = await Promise.all([
          tx
            .selectFrom("program_members")
            .select("user_id")
            .where("program_id", "=", actor.program.id)
            .where("user_id", "=", data.nomineeId)
            .executeTakeFirst(),
          tx.selectFrom("recognition_types").select(["id", "archived_at"]).where("id", "=", data.typeId).where("program_id", "=", actor.program.id).executeTakeFirst(),
        ]);
        const fields: Record<string, string> = {};
        if (!member) fields.nomineeId = "nominations.errors.nomineeUnknown";
        if (!type) fields.typeId = "nominations.errors.typeUnknown";
        else if (type.archived_at) fields.typeId = "nominations.errors.typeArchived";
        if (Object.keys(fields).length) throw new DomainError(422, "errors.invalid_input", fields);
        const same = await tx
          .selectFrom("nominations")
          .select("id")
          .where("program_id", "=", actor.program.id)
          .where("nominee_id", "=", data.nomineeId)
          .where("type_id", "=", data.typeId)
          .where("story_hash", "=", hash)
          .executeTakeFirst();
        if (same) throw duplicate();
        await tx
          .insertInto("nominations")
          .values({
            id,
            program_id: actor.program.id,
            type_id: data.typeId,
            nominee_id: data.nomineeId,
            nominator_id: actor.user.id,
            story: data.story,
            story_hash: hash,
            status: "submitted",
            reviewer_id: null,
            review_reason: null,
            reviewed_at: null,
            reward_text: null,
            reward_value: null,
            rewarded_by: null,
            rewarded_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await recordEvent(tx, id, null, "submitted", actor.user.id, "", now);
        const subject = await subjectOf(tx, { nominee_id: data.nomineeId, type_id: data.typeId });
        // `before` names the nominee only, so the activity feed's change list shows what is new: the behaviour.
        await auditAs(tx, actor, { entityType: "nomination", entityId: id, action: "submit", before: { name: subject.name }, after: subject });
      });
  } catch (error) {
    // Two people sending the same story at once: the unique constraint decides.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return viewById(db(), id);
}

function duplicate(): DomainError {
  return new DomainError(409, "nominations.errors.duplicate");
}

function refuseConflict(row: Nomination, actor: Actor): void {
  const conflict = reviewConflict({ nominatorId: row.nominator_id, nomineeId: row.nominee_id }, actor.user.id);
  if (conflict === "own") throw new DomainError(403, "nominations.errors.reviewOwn");
  if (conflict === "nominee") throw new DomainError(403, "nominations.errors.reviewAsNominee");
}

/** Moves `row` from its status to `to` only if nobody moved it meanwhile (409 otherwise). */
async function moveStatus(tx: Kysely<Database>, row: Nomination, to: NominationStatus, set: Partial<Nomination>, now: string): Promise<void> {
  const res = await tx
    .updateTable("nominations")
    .set({ ...set, status: to, updated_at: now })
    .where("id", "=", row.id)
    .where("status", "=", row.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError(409, to === "rewarded" ? "nominations.errors.alreadyRewarded" : "nominations.errors.alreadyReviewed");
}

/** A reviewer approves, or rejects with a reason, a submitted nomination — not one they sent or one about themselves. */
export async function reviewNomination(actor: Actor, id: unknown, input: unknown): Promise<NominationView> {
  requireCan(actor, "nomination.review");
  const data = parseInput(ReviewInputSchema, input);
  const to: NominationStatus = data.decision === "approve" ? "approved" : "rejected";
  const now = nowIso();
  const nominationId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireRow(tx, actor.program.id, id);
      refuseConflict(row, actor);
      const refusal = transitionRefusal(row.status, to);
      if (refusal) throw new DomainError(409, refusal);
      await moveStatus(tx, row, to, { reviewer_id: actor.user.id, review_reason: data.reason || null, reviewed_at: now }, now);
      await recordEvent(tx, row.id, row.status, to, actor.user.id, data.reason, now);
      const subject = await subjectOf(tx, row);
      await auditAs(tx, actor, {
        entityType: "nomination",
        entityId: row.id,
        action: data.decision,
        before: subject,
        after: data.reason ? { ...subject, reason: data.reason } : subject,
      });
      return row.id;
    });
  return viewById(db(), nominationId);
}

/**
 * A reviewer grants the reward of an approved nomination: the behaviour type's reward as the
 * catalogue has it now, or adjusted (text and/or value) with a note saying why.
 */
export async function rewardNomination(actor: Actor, id: unknown, input: unknown): Promise<NominationView> {
  requireCan(actor, "nomination.review");
  const data = parseInput(RewardInputSchema, input);
  const now = nowIso();
  const nominationId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireRow(tx, actor.program.id, id);
      refuseConflict(row, actor);
      const refusal = transitionRefusal(row.status, "rewarded");
      if (refusal) throw new DomainError(409, refusal);
      const type = await tx.selectFrom("recognition_types").select(["reward_text", "reward_value"]).where("id", "=", row.type_id).executeTakeFirstOrThrow();
      const reward = grantedReward({ rewardText: type.reward_text, rewardValue: Number(type.reward_value) }, data);
      if (!reward.rewardText.trim()) throw new DomainError(422, "errors.invalid_input", { rewardText: "validation.required" });
      if (reward.adjusted && !data.note) throw new DomainError(422, "errors.invalid_input", { note: "nominations.errors.adjustNoteRequired" });
      await moveStatus(tx, row, "rewarded", { reward_text: reward.rewardText, reward_value: reward.rewardValue, rewarded_by: actor.user.id, rewarded_at: now }, now);
      await recordEvent(tx, row.id, row.status, "rewarded", actor.user.id, data.note, now);
      const subject = await subjectOf(tx, row);
      await auditAs(tx, actor, {
        entityType: "nomination",
        entityId: row.id,
        action: "reward",
        before: subject,
        after: { ...subject, reward: reward.rewardValue ? `${reward.rewardText} (${reward.rewardValue})` : reward.rewardText, ...(data.note ? { note: data.note } : {}) },
      });
      return row.id;
    });
  return viewById(db(), nominationId);
}
