/**
 * The recognition catalogue of a program (step 5): behaviour types worth recognising with their
 * reward, the guideline reviewers evaluate against, and the workshop agreement (day, note, who
 * agreed with their program role at the time — stored in recognition_agreements). Create, edit,
 * archive and restore (never deleted: nominations point at these). Names are unique among the
 * program's active types, compared without case. Editing needs `guideline.edit` (owner,
 * leadership, project team); every member reads. Every change is audited (entity type
 * `recognition_type`).
 */
import type { Kysely } from "kysely";
import type { Database, RecognitionType } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { parseSnapshot } from "./guidelines";
import { agreementProblem, RecognitionTypeInputSchema, sameTypeName, type RecognitionTypeInput, type RewardKind } from "./recognition-catalogue";

type Q = Kysely<Database>;

export interface AgreementView {
  userId: string;
  name: string;
  /** The person's program role when they agreed. */
  role: string;
}

export interface RecognitionTypeView {
  id: string;
  programId: string;
  name: string;
  description: string;
  /** The guideline reviewers evaluate against, with its title (archived guidelines still show). */
  guideline: { id: string; title: string; archived: boolean } | null;
  reward: { kind: RewardKind; text: string; value: number };
  agreedOn: string;
  agreedNote: string;
  agreedBy: AgreementView[];
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

function notFound(): DomainError {
  return new DomainError(404, "catalogue.errors.notFound");
}

async function requireRow(q: Q, programId: string, id: unknown): Promise<RecognitionType> {
  if (typeof id !== "string" || !id || id.length > 100) throw notFound();
  const row = await q.selectFrom("recognition_types").selectAll().where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

async function refuseDuplicateName(q: Q, programId: string, name: string, exceptId: string | null): Promise<void> {
  const active = await q.selectFrom("recognition_types").select(["id", "name"]).where("program_id", "=", programId).where("archived_at", "is", null).execute();
  if (active.some((t) => t.id !== exceptId && sameTypeName(t.name, name))) {
    throw new DomainError(409, "catalogue.errors.duplicateName", { name: "catalogue.errors.duplicateName" }, { name });
  }
}

/**
 * Checks the guideline and the people who agreed against the program, and the agreement rule.
 * `kept` are the roles already stored for people who stay on the list (their role when they agreed).
 */
async function checkReferences(
  q: Q,
  programId: string,
  data: RecognitionTypeInput,
  opts: { keptGuidelineId: string | null; kept: Map<string, string> },
): Promise<Map<string, string>> {
  const fields: Record<string, string> = {};
  if (data.guidelineId && data.guidelineId !== opts.keptGuidelineId) {
    const g = await q
      .selectFrom("guidelines")
      .select("id")
      .where("id", "=", data.guidelineId)
      .where("program_id", "=", programId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!g) fields.guidelineId = "catalogue.errors.guidelineUnknown";
  }
  const roles = new Map<string, string>();
  const fresh = data.agreedBy.filter((id) => !opts.kept.has(id));
  for (const id of data.agreedBy) if (opts.kept.has(id)) roles.set(id, opts.kept.get(id)!);
  if (fresh.length) {
    const members = await q
      .selectFrom("program_members")
      .select(["user_id", "role"])
      .where("program_id", "=", programId)
      .where("user_id", "in", fresh)
      .execute();
    for (const m of members) roles.set(m.user_id, m.role);
    if (members.length !== fresh.length) fields.agreedBy = "catalogue.errors.agreedUnknown";
  }
  if (!fields.agreedBy) {
    const problem = agreementProblem(data.agreedBy.map((id) => roles.get(id) ?? ""));
    if (problem) fields.agreedBy = problem;
  }
  if (Object.keys(fields).length) throw new DomainError(422, "errors.invalid_input", fields);
  return roles;
}

function columns(data: RecognitionTypeInput) {
  return {
    name: data.name,
    description: data.description,
    guideline_id: data.guidelineId,
    reward_kind: data.rewardKind,
    reward_text: data.rewardText,
    reward_value: data.rewardValue,
    agreed_on: data.agreedOn,
    agreed_note: data.agreedNote,
  };
}

/** What the audit log keeps of a type: its fields and who agreed, by name. */
async function summary(q: Q, row: ReturnType<typeof columns>, agreedBy: string[]) {
  const [people, guideline] = await Promise.all([
    agreedBy.length ? q.selectFrom("users").select(["id", "name"]).where("id", "in", agreedBy).execute() : Promise.resolve([]),
    row.guideline_id ? q.selectFrom("guidelines").select("title").where("id", "=", row.guideline_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    name: row.name,
    description: row.description,
    guideline: guideline?.title ?? null,
    rewardKind: row.reward_kind,
    rewardText: row.reward_text,
    rewardValue: Number(row.reward_value),
    agreedOn: row.agreed_on,
    agreedNote: row.agreed_note,
    agreedBy: agreedBy.map((id) => names.get(id) ?? id),
  };
}

/** Adds a behaviour type to the catalogue (`guideline.edit`). */
export async function createRecognitionType(actor: Actor, input: unknown): Promise<RecognitionTypeView> {
  requireCan(actor, "guideline.edit");
  const data = parseInput(RecognitionTypeInputSchema, input);
  const id = newId();
  await db()
    .transaction()
    .execute(async (tx) => {
      const roles = await checkReferences(tx, actor.program.id, data, { keptGuidelineId: null, kept: new Map() });
      await refuseDuplicateName(tx, actor.program.id, data.name, null);
      const now = nowIso();
      const row = columns(data);
      await tx
        .insertInto("recognition_types")
        .values({ id, program_id: actor.program.id, ...row, created_by: actor.user.id, created_at: now, updated_at: now, archived_at: null })
        .execute();
      await tx
        .insertInto("recognition_agreements")
        .values(data.agreedBy.map((userId) => ({ type_id: id, user_id: userId, role: roles.get(userId)!, created_at: now })))
        .execute();
      await auditAs(tx, actor, { entityType: "recognition_type", entityId: id, action: "create", after: await summary(tx, row, data.agreedBy) });
    });
  return getRecognitionType(actor.program.id, id);
}

/** Edits a behaviour type; people who stay on the agreement keep the role they agreed with. */
export async function updateRecognitionType(actor: Actor, id: unknown, input: unknown): Promise<RecognitionTypeView> {
  requireCan(actor, "guideline.edit");
  const data = parseInput(RecognitionTypeInputSchema, input);
  const typeId = await db()
    .transaction()
    .execute(async (tx) => {
      const before = await requireRow(tx, actor.program.id, id);
      if (before.archived_at) throw new DomainError(409, "catalogue.errors.archived");
      const existing = await tx.selectFrom("recognition_agreements").select(["user_id", "role"]).where("type_id", "=", before.id).orderBy("created_at").execute();
      const kept = new Map(existing.map((a) => [a.user_id, a.role]));
      const roles = await checkReferences(tx, actor.program.id, data, { keptGuidelineId: before.guideline_id, kept });
      await refuseDuplicateName(tx, actor.program.id, data.name, before.id);
      const now = nowIso();
      const row = columns(data);
      await tx.updateTable("recognition_types").set({ ...row, updated_at: now }).where("id", "=", before.id).execute();
      const removed = existing.map((a) => a.user_id).filter((u) => !data.agreedBy.includes(u));
      if (removed.length) await tx.deleteFrom("recognition_agreements").where("type_id", "=", before.id).where("user_id", "in", removed).execute();
      const added = data.agreedBy.filter((u) => !kept.has(u));
      if (added.length) {
        await tx
          .insertInto("recognition_agreements")
          .values(added.map((userId) => ({ type_id: before.id, user_id: userId, role: roles.get(userId)!, created_at: now })))
          .execute();
      }
      await auditAs(tx, actor, {
        entityType: "recognition_type",
        entityId: before.id,
        action: "update",
        before: await summary(tx, before, existing.map((a) => a.user_id)),
        after: await summary(tx, row, data.agreedBy),
      });
      return before.id;
    });
  return getRecognitionType(actor.program.id, typeId);
}

/** Archives or restores a type (restoring is refused when an active type now has its name). */
export async function setRecognitionTypeArchived(actor: Actor, id: unknown, archived: boolean): Promise<RecognitionTypeView> {
  requireCan(actor, "guideline.edit");
  const typeId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireRow(tx, actor.program.id, id);
      if (Boolean(row.archived_at) === archived) return row.id;
      if (!archived) await refuseDuplicateName(tx, actor.program.id, row.name, row.id);
      const now = nowIso();
      await tx
        .updateTable("recognition_types")
        .set({ archived_at: archived ? now : null, updated_at: now })
        .where("id", "=", row.id)
        .execute();
      await auditAs(tx, actor, {
        entityType: "recognition_type",
        entityId: row.id,
        action: archived ? "archive" : "restore",
        before: { name: row.name },
        after: { name: row.name },
      });
      return row.id;
    });
  return getRecognitionType(actor.program.id, typeId);
}

async function toViews(rows: RecognitionType[]): Promise<RecognitionTypeView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const guidelineIds = [...new Set(rows.map((r) => r.guideline_id).filter((x): x is string => !!x))];
  const creatorIds = [...new Set(rows.map((r) => r.created_by).filter((x): x is string => !!x))];
  const d = db();
  const [agreements, guidelines, creators] = await Promise.all([
    d
      .selectFrom("recognition_agreements as a")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select(["a.type_id", "a.user_id", "a.role", "u.name"])
      .where("a.type_id", "in", ids)
      .orderBy("a.created_at")
      .orderBy("u.name")
      .execute(),
    guidelineIds.length ? d.selectFrom("guidelines").select(["id", "title", "archived_at"]).where("id", "in", guidelineIds).execute() : Promise.resolve([]),
    creatorIds.length ? d.selectFrom("users").select(["id", "name"]).where("id", "in", creatorIds).execute() : Promise.resolve([]),
  ]);
  const guidelineById = new Map(guidelines.map((g) => [g.id, g]));
  const creatorById = new Map(creators.map((c) => [c.id, c]));
  // The leadership side first, then frontline, then anyone else who took part.
  const rank = (role: string) => (role === "owner" || role === "leadership" ? 0 : role === "frontline" ? 1 : 2);
  return rows.map((r) => {
    const g = r.guideline_id ? guidelineById.get(r.guideline_id) : undefined;
    const agreedBy = agreements
      .filter((a) => a.type_id === r.id)
      .map((a) => ({ userId: a.user_id, name: a.name, role: a.role }))
      .sort((a, b) => rank(a.role) - rank(b.role));
    return {
      id: r.id,
      programId: r.program_id,
      name: r.name,
      description: r.description,
      guideline: g ? { id: g.id, title: g.title, archived: g.archived_at !== null } : null,
      reward: { kind: r.reward_kind, text: r.reward_text, value: Number(r.reward_value) },
      agreedOn: r.agreed_on,
      agreedNote: r.agreed_note,
      agreedBy,
      createdBy: r.created_by ? (creatorById.get(r.created_by) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      archivedAt: r.archived_at,
    };
  });
}

/** The catalogue in the order it was built (archived types only when asked, after the active ones). */
export async function listRecognitionTypes(programId: string, opts: { includeArchived?: boolean } = {}): Promise<RecognitionTypeView[]> {
  let q = db().selectFrom("recognition_types").selectAll().where("program_id", "=", programId);
  if (!opts.includeArchived) q = q.where("archived_at", "is", null);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  rows.sort((a, b) => Number(a.archived_at !== null) - Number(b.archived_at !== null));
  return toViews(rows);
}

export async function getRecognitionType(programId: string, id: unknown): Promise<RecognitionTypeView> {
  const row = await requireRow(db(), programId, id);
  return (await toViews([row]))[0];
}

/** Options for the catalogue form: the program's active guidelines, and its members with their role. */
export async function catalogueFormOptions(programId: string) {
  const d = db();
  const [guidelines, members] = await Promise.all([
    d
      .selectFrom("guidelines")
      .select(["id", "title", "standard_snapshot"])
      .where("program_id", "=", programId)
      .where("archived_at", "is", null)
      .orderBy("position")
      .execute(),
    d
      .selectFrom("program_members as pm")
      .innerJoin("users as u", "u.id", "pm.user_id")
      .select(["u.id", "u.name", "pm.role"])
      .where("pm.program_id", "=", programId)
      .orderBy("u.name")
      .execute(),
  ]);
  return {
    guidelines: guidelines.map((g) => ({ id: g.id, title: g.title, standard: parseSnapshot(g.standard_snapshot).title })),
    members,
  };
}
