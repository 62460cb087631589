/**
 * Initiatives of a program (quick wins today; step 4's loop initiatives and solutions later):
 * create, edit, move through the allowed statuses, list and read — each change audited in the
 * same transaction. Refusals: no permission → 403; due before start, an owner who is not a member
 * of the program, a pain point that is unknown or of another program → 422 with field errors;
 * a transition the status graph does not allow → 409.
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database, Initiative } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import {
  canTransition,
  InitiativeInputSchema,
  initiativeWarnings,
  TRANSITIONS,
  transitionNeedsNotes,
  transitionPermission,
  TransitionInputSchema,
  type InitiativeInput,
  type InitiativeKind,
  type InitiativeLever,
  type InitiativeStatus,
  type InitiativeWarning,
  type PainPointRef,
} from "./initiative";
import { can } from "./permissions";
import { standardKeyAllowed } from "./standard-refs.server";

export interface InitiativePainPoint {
  mapId: string;
  mapName: string;
  mapArchived: boolean;
  painPointId: string;
  title: string;
  severity: number;
  /** False when the pain point was deleted from its map since it was linked. */
  exists: boolean;
}

export interface InitiativeView {
  id: string;
  programId: string;
  kind: InitiativeKind;
  title: string;
  description: string;
  lever: InitiativeLever;
  leverCustom: string | null;
  owner: { id: string; name: string } | null;
  expectedResult: string;
  startDate: string | null;
  dueDate: string | null;
  teamSize: number | null;
  status: InitiativeStatus;
  statusChangedAt: string;
  resultNotes: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  painPoints: InitiativePainPoint[];
  /** The published quality standard it serves (vision_standards.standard_key), for traceability. */
  standardKey: string | null;
  warnings: InitiativeWarning[];
  /** Statuses it may move to next (the graph, not the viewer's permissions). */
  next: InitiativeStatus[];
}

const snapshot = (i: Initiative) => ({
  kind: i.kind,
  title: i.title,
  description: i.description,
  lever: i.lever,
  leverCustom: i.lever_custom,
  ownerId: i.owner_id,
  expectedResult: i.expected_result,
  startDate: i.start_date,
  dueDate: i.due_date,
  teamSize: i.team_size,
  standardKey: i.standard_key,
});

/** Checks the owner and the pain points against the program; refuses with field errors. */
async function checkReferences(tx: Kysely<Database>, actor: Actor, data: InitiativeInput, currentStandard: string | null = null): Promise<PainPointRef[]> {
  const fields: Record<string, string> = {};
  if (!(await standardKeyAllowed(tx, actor.program.id, data.standardKey, currentStandard))) fields.standardKey = "initiatives.errors.standardUnknown";
  const member = await tx
    .selectFrom("program_members")
    .select("user_id")
    .where("program_id", "=", actor.program.id)
    .where("user_id", "=", data.ownerId)
    .executeTakeFirst();
  if (!member) fields.ownerId = "initiatives.errors.ownerUnknown";

  const refs = [...new Map(data.painPoints.map((r) => [`${r.mapId}:${r.painPointId}`, r])).values()];
  if (refs.length > 0) {
    const found = await tx
      .selectFrom("pain_points")
      .select(["map_id", "doc_object_id"])
      .where("program_id", "=", actor.program.id)
      .where("deleted_at", "is", null)
      .where("map_id", "in", [...new Set(refs.map((r) => r.mapId))])
      .where("doc_object_id", "in", [...new Set(refs.map((r) => r.painPointId))])
      .execute();
    const known = new Set(found.map((f) => `${f.map_id}:${f.doc_object_id}`));
    if (refs.some((r) => !known.has(`${r.mapId}:${r.painPointId}`))) fields.painPoints = "initiatives.errors.painPointUnknown";
  }
  if (Object.keys(fields).length > 0) throw new DomainError(422, "errors.invalid_input", fields);
  return refs;
}

async function writePainPoints(tx: Kysely<Database>, initiativeId: string, refs: PainPointRef[], now: string): Promise<void> {
  await tx.deleteFrom("initiative_pain_points").where("initiative_id", "=", initiativeId).execute();
  if (refs.length === 0) return;
  await tx
    .insertInto("initiative_pain_points")
    .values(refs.map((r) => ({ initiative_id: initiativeId, map_id: r.mapId, pain_point_id: r.painPointId, created_at: now })))
    .execute();
}

export async function createInitiative(actor: Actor, input: unknown): Promise<InitiativeView> {
  requireCan(actor, "initiative.edit");
  const data = parseInput(InitiativeInputSchema, input);
  const now = nowIso();
  const id = newId();
  await db()
    .transaction()
    .execute(async (tx) => {
      const refs = await checkReferences(tx, actor, data);
      await tx
        .insertInto("initiatives")
        .values({
          id,
          program_id: actor.program.id,
          ...editableColumns(data),
          status: "idea",
          status_changed_at: now,
          result_notes: "",
          created_by: actor.user.id,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writePainPoints(tx, id, refs, now);
      await auditAs(tx, actor, { entityType: "initiative", entityId: id, action: "create", after: { ...data, painPoints: refs } });
    });
  return getInitiative(actor, id);
}

/** The columns an edit sets, from validated input. */
function editableColumns(data: z.infer<typeof InitiativeInputSchema>) {
  return {
    kind: data.kind,
    title: data.title,
    description: data.description,
    lever: data.lever,
    lever_custom: data.lever === "custom" ? data.leverCustom : null,
    owner_id: data.ownerId,
    expected_result: data.expectedResult,
    start_date: data.startDate,
    due_date: data.dueDate,
    team_size: data.teamSize,
    // Left out (undefined): the standard stays as it is.
    ...(data.standardKey !== undefined ? { standard_key: data.standardKey } : {}),
  };
}

async function requireInitiativeRow(tx: Kysely<Database>, actor: Actor, id: unknown): Promise<Initiative> {
  if (typeof id !== "string" || !id || id.length > 100) throw new DomainError(404, "initiatives.errors.notFound");
  const row = await tx.selectFrom("initiatives").selectAll().where("id", "=", id).where("program_id", "=", actor.program.id).executeTakeFirst();
  if (!row) throw new DomainError(404, "initiatives.errors.notFound");
  return row;
}

export async function updateInitiative(actor: Actor, id: unknown, input: unknown): Promise<InitiativeView> {
  requireCan(actor, "initiative.edit");
  const data = parseInput(InitiativeInputSchema, input);
  const now = nowIso();
  const initiativeId = await db()
    .transaction()
    .execute(async (tx) => {
      const before = await requireInitiativeRow(tx, actor, id);
      const refs = await checkReferences(tx, actor, data, before.standard_key);
      const beforeRefs = await tx
        .selectFrom("initiative_pain_points")
        .select(["map_id", "pain_point_id"])
        .where("initiative_id", "=", before.id)
        .execute();
      await tx
        .updateTable("initiatives")
        .set({
          ...editableColumns(data),
          updated_at: now,
        })
        .where("id", "=", before.id)
        .execute();
      await writePainPoints(tx, before.id, refs, now);
      await auditAs(tx, actor, {
        entityType: "initiative",
        entityId: before.id,
        action: "update",
        before: { ...snapshot(before), painPoints: beforeRefs.map((r) => ({ mapId: r.map_id, painPointId: r.pain_point_id })) },
        after: { ...data, painPoints: refs },
      });
      return before.id;
    });
  return getInitiative(actor, initiativeId);
}

/**
 * Moves an initiative to another status. Refuses (409) a move the graph does not allow, (403) an
 * actor without the move's permission, (422) done or dropped without notes. Audited.
 */
export async function transitionInitiative(actor: Actor, id: unknown, input: unknown): Promise<InitiativeView> {
  const { to, notes } = parseInput(TransitionInputSchema, input);
  const now = nowIso();
  const initiativeId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireInitiativeRow(tx, actor, id);
      requireCan(actor, transitionPermission(row.status, to));
      if (!canTransition(row.status, to)) {
        throw new DomainError(409, "initiatives.errors.badTransition", undefined, { from: row.status, to });
      }
      if (transitionNeedsNotes(to) && !notes) throw new DomainError(422, "errors.invalid_input", { notes: "initiatives.errors.notesRequired" });
      // Guarded by the status read above: a concurrent move of the same initiative changes nothing here.
      const updated = await tx
        .updateTable("initiatives")
        .set({ status: to, status_changed_at: now, updated_at: now, ...(notes ? { result_notes: notes } : {}) })
        .where("id", "=", row.id)
        .where("status", "=", row.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new DomainError(409, "initiatives.errors.badTransition", undefined, { from: row.status, to });
      await auditAs(tx, actor, {
        entityType: "initiative",
        entityId: row.id,
        action: `status:${to}`,
        before: { status: row.status },
        after: { status: to, ...(notes ? { notes } : {}) },
      });
      return row.id;
    });
  return getInitiative(actor, initiativeId);
}

async function painPointsOf(ids: string[]): Promise<Map<string, InitiativePainPoint[]>> {
  const out = new Map<string, InitiativePainPoint[]>();
  if (ids.length === 0) return out;
  const rows = await db()
    .selectFrom("initiative_pain_points as l")
    .innerJoin("journey_maps as m", "m.id", "l.map_id")
    .leftJoin("pain_points as p", (j) => j.onRef("p.map_id", "=", "l.map_id").onRef("p.doc_object_id", "=", "l.pain_point_id"))
    .select([
      "l.initiative_id",
      "l.map_id",
      "l.pain_point_id",
      "m.name as map_name",
      "m.archived_at",
      "p.title",
      "p.severity",
      "p.deleted_at",
    ])
    .where("l.initiative_id", "in", ids)
    .orderBy("l.created_at")
    .orderBy("p.title")
    .execute();
  for (const r of rows) {
    const list = out.get(r.initiative_id) ?? out.set(r.initiative_id, []).get(r.initiative_id)!;
    list.push({
      mapId: r.map_id,
      mapName: r.map_name,
      mapArchived: r.archived_at !== null,
      painPointId: r.pain_point_id,
      title: r.title ?? "",
      severity: Number(r.severity ?? 0),
      exists: r.title != null && r.deleted_at == null,
    });
  }
  return out;
}

async function toViews(rows: Initiative[]): Promise<InitiativeView[]> {
  const ownerIds = [...new Set(rows.map((r) => r.owner_id).filter((x): x is string => !!x))];
  const [owners, pains] = await Promise.all([
    ownerIds.length ? db().selectFrom("users").select(["id", "name"]).where("id", "in", ownerIds).execute() : Promise.resolve([]),
    painPointsOf(rows.map((r) => r.id)),
  ]);
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  return rows.map((r) => {
    const startDate = r.start_date;
    const dueDate = r.due_date;
    const teamSize = r.team_size == null ? null : Number(r.team_size);
    return {
      id: r.id,
      programId: r.program_id,
      kind: r.kind,
      title: r.title,
      description: r.description,
      lever: r.lever,
      leverCustom: r.lever_custom,
      owner: r.owner_id ? (ownerById.get(r.owner_id) ?? null) : null,
      expectedResult: r.expected_result,
      startDate,
      dueDate,
      teamSize,
      status: r.status,
      statusChangedAt: r.status_changed_at,
      resultNotes: r.result_notes,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      painPoints: pains.get(r.id) ?? [],
      standardKey: r.standard_key ?? null,
      warnings: initiativeWarnings({ kind: r.kind, startDate, dueDate, teamSize }),
      next: [...TRANSITIONS[r.status]],
    };
  });
}

export async function listInitiatives(programId: string, opts: { kind?: InitiativeKind } = {}): Promise<InitiativeView[]> {
  let q = db().selectFrom("initiatives").selectAll().where("program_id", "=", programId);
  if (opts.kind) q = q.where("kind", "=", opts.kind);
  const rows = await q.orderBy("created_at", "desc").orderBy("id").execute();
  return toViews(rows);
}

export async function getInitiative(actor: Actor, id: unknown): Promise<InitiativeView> {
  const row = await requireInitiativeRow(db(), actor, id);
  return (await toViews([row]))[0];
}

/** The program's members an initiative may be owned by (everyone but viewers), by name. */
export async function initiativeOwnerOptions(programId: string): Promise<{ id: string; name: string; role: string }[]> {
  const rows = await db()
    .selectFrom("program_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select(["u.id", "u.name", "pm.role"])
    .where("pm.program_id", "=", programId)
    .where("pm.role", "!=", "viewer")
    .orderBy("u.name")
    .execute();
  return rows;
}

/** The program's live pain points on active maps, grouped for a picker. */
export async function painPointOptions(programId: string): Promise<{ mapId: string; mapName: string; painPoints: { id: string; title: string; severity: number }[] }[]> {
  const rows = await db()
    .selectFrom("pain_points as p")
    .innerJoin("journey_maps as m", "m.id", "p.map_id")
    .select(["p.map_id", "m.name as map_name", "p.doc_object_id", "p.title", "p.severity", "m.created_at"])
    .where("p.program_id", "=", programId)
    .where("p.deleted_at", "is", null)
    .where("m.archived_at", "is", null)
    .orderBy("m.created_at")
    .orderBy("p.severity", "desc")
    .orderBy("p.title")
    .execute();
  const out = new Map<string, { mapId: string; mapName: string; painPoints: { id: string; title: string; severity: number }[] }>();
  for (const r of rows) {
    const g = out.get(r.map_id) ?? out.set(r.map_id, { mapId: r.map_id, mapName: r.map_name, painPoints: [] }).get(r.map_id)!;
    g.painPoints.push({ id: r.doc_object_id, title: r.title, severity: Number(r.severity) });
  }
  return [...out.values()];
}

/** What the viewer may do with initiatives (the UI hides what the server would refuse). */
export function initiativeAbilities(actor: Pick<Actor, "access">) {
  return {
    canEdit: can(actor.access, "initiative.edit"),
    canMove: can(actor.access, "initiative.status"),
    canApprove: can(actor.access, "approve"),
  };
}

/** The (not dropped) initiatives addressing each pain point of a map: pain point id → initiatives. */
export async function initiativesByPainPoint(mapId: string): Promise<Record<string, { id: string; title: string }[]>> {
  const links = await db()
    .selectFrom("initiative_pain_points as l")
    .innerJoin("initiatives as i", "i.id", "l.initiative_id")
    .select(["l.pain_point_id", "i.id", "i.title"])
    .where("l.map_id", "=", mapId)
    .where("i.status", "!=", "dropped")
    .orderBy("i.created_at")
    .execute();
  const out: Record<string, { id: string; title: string }[]> = {};
  for (const l of links) (out[l.pain_point_id] ??= []).push({ id: l.id, title: l.title });
  return out;
}
