/**
 * Journey maps of a program: create (with the lifecycle stages and a first persona), rename,
 * duplicate (the live content and its evidence links), archive and restore; and the edit policy
 * the collaboration socket asks before it lets a connection change `journey:<mapId>`.
 */
import * as Y from "yjs";
import { z } from "zod";
import type { JourneyMap } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { tFor, type Locale } from "../i18n/config";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { DEFAULT_STAGE_KEYS, journeyDocName, PERSONA_COLOURS, putPersona, putStage, replaceJourneyContent } from "./journey-doc";
import { changeDoc, liveDocs } from "./live-docs.server";
import { can, type ProgramAccess } from "./permissions";

export const MAP_NAME_MAX_CHARS = 120;
export const MAP_PERSONA_MAX_CHARS = 120;
export const MAP_DESCRIPTION_MAX_CHARS = 1000;

export const JourneyMapInputSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAP_NAME_MAX_CHARS, "validation.tooLong"),
  persona: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAP_PERSONA_MAX_CHARS, "validation.tooLong"),
  description: z.string().trim().max(MAP_DESCRIPTION_MAX_CHARS, "validation.tooLong").default(""),
});

export interface JourneyMapSummary {
  id: string;
  name: string;
  persona: string;
  description: string;
  docName: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Step 3: "current", or "future" (the future state of `currentMapId`). */
  state: "current" | "future";
  currentMapId: string | null;
}

export function mapSummary(m: JourneyMap): JourneyMapSummary {
  return {
    id: m.id,
    name: m.name,
    persona: m.persona,
    description: m.description,
    docName: journeyDocName(m.id),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    archivedAt: m.archived_at,
    state: m.state,
    currentMapId: m.current_map_id,
  };
}

/** The program's maps, newest first; archived ones only when asked. */
export async function listJourneyMaps(programId: string, opts: { includeArchived?: boolean } = {}): Promise<JourneyMapSummary[]> {
  let q = db().selectFrom("journey_maps").selectAll().where("program_id", "=", programId);
  if (!opts.includeArchived) q = q.where("archived_at", "is", null);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return rows.map(mapSummary);
}

/** The map, if it belongs to the actor's program (another program's map answers 404). */
export async function requireJourneyMap(actor: Actor, mapId: unknown): Promise<JourneyMap> {
  if (typeof mapId !== "string" || !mapId || mapId.length > 100) throw new DomainError(404, "journey.errors.mapNotFound");
  const map = await db()
    .selectFrom("journey_maps")
    .selectAll()
    .where("id", "=", mapId)
    .where("program_id", "=", actor.program.id)
    .executeTakeFirst();
  if (!map) throw new DomainError(404, "journey.errors.mapNotFound");
  return map;
}

/** A map that still accepts changes (archived maps are read-only). */
export async function requireActiveJourneyMap(actor: Actor, mapId: unknown): Promise<JourneyMap> {
  const map = await requireJourneyMap(actor, mapId);
  if (map.archived_at) throw new DomainError(409, "journey.errors.mapArchived");
  return map;
}

/** Writes the default lifecycle stages (in the creator's language) and a first persona into a new map's doc. */
async function writeStarterContent(mapId: string, persona: string, locale: Locale): Promise<void> {
  const t = tFor(locale);
  await changeDoc(journeyDocName(mapId), (doc) => {
    if (doc.getMap("stages").size > 0) return;
    DEFAULT_STAGE_KEYS.forEach((key, i) => putStage(doc, { id: newId(), name: String(t(key)), position: i + 1 }));
    putPersona(doc, { id: newId(), name: persona, colour: PERSONA_COLOURS[0], position: 1 });
  });
}

export async function createJourneyMap(actor: Actor, input: unknown, locale: Locale): Promise<JourneyMapSummary> {
  requireCan(actor, "journey.edit");
  const data = parseInput(JourneyMapInputSchema, input);
  const now = nowIso();
  const map: JourneyMap = {
    id: newId(),
    program_id: actor.program.id,
    ...data,
    created_by: actor.user.id,
    created_at: now,
    updated_at: now,
    archived_at: null,
    state: "current",
    current_map_id: null,
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("journey_maps").values(map).execute();
      await auditAs(tx, actor, { entityType: "journey_map", entityId: map.id, action: "create", after: data });
    });
  // Outside the transaction: the live document goes through the collaboration rooms.
  await writeStarterContent(map.id, data.persona, locale);
  return mapSummary(map);
}

export async function updateJourneyMap(actor: Actor, mapId: unknown, input: unknown): Promise<void> {
  requireCan(actor, "journey.edit");
  const map = await requireActiveJourneyMap(actor, mapId);
  const data = parseInput(JourneyMapInputSchema, input);
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("journey_maps").set({ ...data, updated_at: nowIso() }).where("id", "=", map.id).execute();
      await auditAs(tx, actor, {
        entityType: "journey_map",
        entityId: map.id,
        action: "update",
        before: { name: map.name, persona: map.persona, description: map.description },
        after: data,
      });
    });
}

/** A new map row copied from `source` (new id, the actor as creator, not archived), with `changes`. */
export function copiedMapRow(source: JourneyMap, actor: Actor, changes: Pick<JourneyMap, "name" | "state" | "current_map_id">): JourneyMap {
  const now = nowIso();
  return { ...source, ...changes, id: newId(), created_by: actor.user.id, created_at: now, updated_at: now, archived_at: null };
}

/** Copies a map: its row (named "… (copy)" in the caller's language), its live content and its evidence links. */
export async function duplicateJourneyMap(actor: Actor, mapId: unknown, locale: Locale): Promise<JourneyMapSummary> {
  requireCan(actor, "journey.edit");
  const source = await requireJourneyMap(actor, mapId);
  const name = String(tFor(locale)("journey.copyName", { name: source.name })).slice(0, MAP_NAME_MAX_CHARS);
  // A copy is a map of its own, never a second future state of the same current map.
  const map = copiedMapRow(source, actor, { name, state: "current", current_map_id: null });
  const now = map.created_at;
  const sourceState = await liveDocs().readState(journeyDocName(source.id));
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("journey_maps").values(map).execute();
      const links = await tx.selectFrom("journey_evidence_links").selectAll().where("map_id", "=", source.id).execute();
      for (const l of links) {
        await tx
          .insertInto("journey_evidence_links")
          .values({ ...l, id: newId(), map_id: map.id, created_by: actor.user.id, created_at: now })
          .execute();
      }
      await auditAs(tx, actor, {
        entityType: "journey_map",
        entityId: map.id,
        action: "duplicate",
        after: { name, from: source.id },
      });
    });
  const copy = new Y.Doc();
  Y.applyUpdate(copy, sourceState);
  await changeDoc(journeyDocName(map.id), (doc) => replaceJourneyContent(doc, copy));
  copy.destroy();
  return mapSummary(map);
}

export async function setJourneyMapArchived(actor: Actor, mapId: unknown, archived: boolean): Promise<void> {
  requireCan(actor, "journey.edit");
  const map = await requireJourneyMap(actor, mapId);
  if ((map.archived_at !== null) === archived) return;
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx
        .updateTable("journey_maps")
        .set({ archived_at: archived ? nowIso() : null, updated_at: nowIso() })
        .where("id", "=", map.id)
        .execute();
      await auditAs(tx, actor, { entityType: "journey_map", entityId: map.id, action: archived ? "archive" : "restore" });
    });
}

/** The program (and organisation) a map belongs to: resolves `journey:<id>`. */
export async function findJourneyMapOwner(mapId: string): Promise<{ programId: string; orgId: string } | null> {
  const row = await db()
    .selectFrom("journey_maps")
    .innerJoin("programs", "programs.id", "journey_maps.program_id")
    .select(["programs.id as programId", "programs.org_id as orgId"])
    .where("journey_maps.id", "=", mapId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * May this user change `journey:<mapId>` now? Needs `journey.edit` (owner, leadership, project
 * team, functional representatives); an archived map is read-only for everyone.
 */
export async function journeyMapEditPolicy(mapId: string, access: ProgramAccess | null): Promise<boolean> {
  if (!can(access, "journey.edit")) return false;
  const row = await db().selectFrom("journey_maps").select("archived_at").where("id", "=", mapId).executeTakeFirst();
  return !!row && row.archived_at === null;
}

/** What GET /api/v1/programs lists as `journeyMaps`. */
export async function journeyMapsForApi(programId: string): Promise<{ id: string; name: string; persona: string; docName: string }[]> {
  const maps = await listJourneyMaps(programId);
  return maps.map((m) => ({ id: m.id, name: m.name, persona: m.persona, docName: m.docName }));
}
