/**
 * A nomination as the UI and the API show it: its behaviour type (with the guideline reviewers
 * evaluate it against), the people involved, the review and the reward as granted; the query and
 * mapping that build it; and loading one nomination row of a program.
 */
import type { Kysely } from "kysely";
import type { Database, Nomination, NominationStatus, RewardKind } from "../../db/schema";
import { db } from "../db.server";
import { DomainError } from "./domain.server";

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

/** The one refusal for a nomination that does not exist, is of another program or may not be seen. */
export const nominationNotFound = () => new DomainError(404, "nominations.errors.notFound");

function parseExamples(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
  } catch {
    return [];
  }
}

/** Nominations joined with their behaviour type, guideline and people, ready for toNominationView. */
export function selectNominationViews(d: Kysely<Database>) {
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

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectNominationViews>["executeTakeFirstOrThrow"]>>;

export function toNominationView(r: ViewRow): NominationView {
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

export async function nominationViewById(d: Kysely<Database>, id: string): Promise<NominationView> {
  return toNominationView(await selectNominationViews(d).where("n.id", "=", id).executeTakeFirstOrThrow());
}

/** Loads a nomination of the program (404 when unknown or of another program). */
export async function requireNominationRow(tx: Kysely<Database>, programId: string, id: unknown): Promise<Nomination> {
  if (typeof id !== "string" || !id || id.length > 100) throw nominationNotFound();
  const row = await tx.selectFrom("nominations").selectAll().where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw nominationNotFound();
  return row;
}

/** Finds which program a nomination belongs to (for /api/v1/nominations/:id), or null. */
export async function findNominationProgram(id: unknown): Promise<string | null> {
  if (typeof id !== "string" || !id || id.length > 100) return null;
  const row = await db().selectFrom("nominations").select("program_id").where("id", "=", id).executeTakeFirst();
  return row?.program_id ?? null;
}
