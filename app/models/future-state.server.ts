/**
 * Future states of journey maps (step 3): "design the future state" copies a current-state map
 * into a new map of its own (state "future", `current_map_id` → the current map, its own live doc
 * `journey:<newId>`) that the team then edits live like any map; one future state per current map.
 * The pair's diff is computed from the projected tables (journey-diff.ts); the team marks which
 * future touchpoint resolves which pain point of the current map.
 */
import * as Y from "yjs";
import { z } from "zod";
import type { JourneyMap } from "../../db/schema";
import { db, nowIso } from "../db.server";
import { tFor, type Locale } from "../i18n/config";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import { journeyDocName, painPointsMap, readJourneyContent, replaceJourneyContent, type JourneyLane, type TouchpointChannel } from "./journey-doc";
import { diffJourneys, type JourneyDiff, type ProjectedMap, type Resolution } from "./journey-diff";
import { copiedMapRow, MAP_NAME_MAX_CHARS, mapSummary, requireActiveJourneyMap, requireJourneyMap, type JourneyMapSummary } from "./journey-maps.server";
import { saveJourneyProjection } from "./journey-projection.server";
import { changeDoc, liveDocs } from "./live-docs.server";

/** A map's projected content (live rows only), as the diff reads it. */
export async function loadProjectedMap(mapId: string): Promise<ProjectedMap> {
  const [stages, cards, personas, emotions, pains] = await Promise.all([
    db().selectFrom("journey_stages").select(["doc_object_id", "name", "position"]).where("map_id", "=", mapId).where("deleted_at", "is", null).execute(),
    db()
      .selectFrom("journey_cards")
      .select(["doc_object_id", "lane", "stage_id", "text", "channel", "position"])
      .where("map_id", "=", mapId)
      .where("deleted_at", "is", null)
      .execute(),
    db()
      .selectFrom("journey_personas")
      .select(["doc_object_id", "name", "colour"])
      .where("map_id", "=", mapId)
      .where("deleted_at", "is", null)
      .orderBy("name")
      .orderBy("doc_object_id")
      .execute(),
    db().selectFrom("journey_emotions").select(["persona_id", "stage_id", "value"]).where("map_id", "=", mapId).execute(),
    db()
      .selectFrom("pain_points")
      .select(["doc_object_id", "title", "touchpoint_id", "severity", "status", "created_at"])
      .where("map_id", "=", mapId)
      .where("deleted_at", "is", null)
      .orderBy("severity", "desc")
      .orderBy("created_at")
      .orderBy("doc_object_id")
      .execute(),
  ]);
  const stageIds = new Set(stages.map((s) => s.doc_object_id));
  const emotionMap: ProjectedMap["emotions"] = {};
  for (const e of emotions) (emotionMap[e.persona_id] ??= {})[e.stage_id] = Number(e.value);
  return {
    stages: stages.map((s) => ({ id: s.doc_object_id, name: s.name, position: Number(s.position) })),
    cards: cards
      .filter((c) => stageIds.has(c.stage_id))
      .map((c) => ({
        id: c.doc_object_id,
        lane: c.lane as JourneyLane,
        stageId: c.stage_id,
        text: c.text,
        channel: (c.channel as TouchpointChannel | null) ?? null,
        position: Number(c.position),
      })),
    personas: personas.map((p) => ({ id: p.doc_object_id, name: p.name, colour: p.colour })),
    emotions: emotionMap,
    painPoints: pains.map((p) => ({
      id: p.doc_object_id,
      title: p.title,
      touchpointId: p.touchpoint_id,
      severity: Number(p.severity),
      status: p.status,
    })),
  };
}

async function futureOf(currentMapId: string): Promise<JourneyMap | undefined> {
  return db().selectFrom("journey_maps").selectAll().where("current_map_id", "=", currentMapId).executeTakeFirst();
}

function futureExists(future: JourneyMap): DomainError {
  return new DomainError(409, "reshape.errors.futureExists", undefined, { name: future.name, futureMapId: future.id });
}

/**
 * Creates the future state of a current-state map: a new map named "<name> · 未来旅程" / "<name>
 * (future state)" whose live doc is a copy of the current one — stages, touchpoints and the other
 * lanes, personas and emotion curves, key-question answers — without the pain points (they stay on
 * the current map, where the future state resolves them). Projected at once so the diff is ready.
 */
export async function createFutureState(actor: Actor, currentMapId: unknown, locale: Locale): Promise<JourneyMapSummary> {
  requireCan(actor, "journey.edit");
  const current = await requireActiveJourneyMap(actor, currentMapId);
  if (current.state !== "current") throw new DomainError(409, "reshape.errors.notCurrent");
  const existing = await futureOf(current.id);
  if (existing) throw futureExists(existing);

  const copy = new Y.Doc();
  Y.applyUpdate(copy, await liveDocs().readState(journeyDocName(current.id)));
  copy.transact(() => {
    const pains = painPointsMap(copy);
    for (const key of [...pains.keys()]) pains.delete(key);
  });
  const content = readJourneyContent(copy);

  const name = String(tFor(locale)("reshape.futureName", { name: current.name })).slice(0, MAP_NAME_MAX_CHARS);
  const map = copiedMapRow(current, actor, { name, state: "future", current_map_id: current.id });
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto("journey_maps").values(map).execute();
        await saveJourneyProjection(tx, map.id, actor.program.id, content);
        await auditAs(tx, actor, { entityType: "journey_map", entityId: map.id, action: "create_future_state", after: { name, from: current.id } });
      });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const other = await futureOf(current.id);
      if (other) throw futureExists(other);
    }
    throw error;
  }
  // Outside the transaction: the live document goes through the collaboration rooms.
  await changeDoc(journeyDocName(map.id), (doc) => replaceJourneyContent(doc, copy));
  copy.destroy();
  return mapSummary(map);
}

export interface ReshapePair {
  current: JourneyMapSummary;
  future: JourneyMapSummary | null;
}

/** The program's current-state maps (active ones, and archived ones that have a future state) with their future state. */
export async function listReshapePairs(programId: string): Promise<ReshapePair[]> {
  const maps = await db()
    .selectFrom("journey_maps")
    .selectAll()
    .where("program_id", "=", programId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const futures = new Map(maps.filter((m) => m.state === "future" && m.current_map_id).map((m) => [m.current_map_id!, m]));
  return maps
    .filter((m) => m.state === "current" && (m.archived_at === null || futures.has(m.id)))
    .map((m) => {
      const f = futures.get(m.id);
      return { current: mapSummary(m), future: f ? mapSummary(f) : null };
    });
}

async function resolutionsOf(futureMapId: string): Promise<Resolution[]> {
  const rows = await db()
    .selectFrom("pain_point_resolutions")
    .select(["pain_point_id", "future_touchpoint_id"])
    .where("future_map_id", "=", futureMapId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ painPointId: r.pain_point_id, futureTouchpointId: r.future_touchpoint_id }));
}

/** The diff of a current map and its future state (both from the read model). */
export async function diffPair(currentMapId: string, futureMapId: string): Promise<JourneyDiff> {
  const [current, future, resolutions] = await Promise.all([loadProjectedMap(currentMapId), loadProjectedMap(futureMapId), resolutionsOf(futureMapId)]);
  return diffJourneys(current, future, resolutions);
}

/** A pair by either of its maps: the current map (404 when unknown) and its future state (null when none yet). */
export async function loadReshapePair(actor: Actor, mapId: unknown): Promise<{ current: JourneyMapSummary; future: JourneyMapSummary | null; diff: JourneyDiff | null }> {
  const map = await requireJourneyMap(actor, mapId);
  const current = map.state === "future" && map.current_map_id ? await requireJourneyMap(actor, map.current_map_id) : map;
  const future = map.state === "future" ? map : await futureOf(current.id);
  return {
    current: mapSummary(current),
    future: future ? mapSummary(future) : null,
    diff: future ? await diffPair(current.id, future.id) : null,
  };
}

export const ResolutionInputSchema = z.object({
  painPointId: z.string({ error: "validation.required" }).min(1, "validation.required").max(100, "validation.invalid"),
  touchpointId: z.string({ error: "validation.required" }).min(1, "validation.required").max(100, "validation.invalid"),
});

async function requireFutureMap(actor: Actor, futureMapId: unknown): Promise<JourneyMap & { current_map_id: string }> {
  requireCan(actor, "journey.edit");
  const future = await requireActiveJourneyMap(actor, futureMapId);
  if (future.state !== "future" || !future.current_map_id) throw new DomainError(409, "reshape.errors.notFuture");
  return future as JourneyMap & { current_map_id: string };
}

/** Marks "this future touchpoint resolves that pain point" (idempotent). */
export async function markResolution(actor: Actor, futureMapId: unknown, input: unknown): Promise<void> {
  const future = await requireFutureMap(actor, futureMapId);
  const { painPointId, touchpointId } = parseInput(ResolutionInputSchema, input);
  const [pain, card] = await Promise.all([
    db()
      .selectFrom("pain_points")
      .select("title")
      .where("map_id", "=", future.current_map_id)
      .where("doc_object_id", "=", painPointId)
      .where("deleted_at", "is", null)
      .executeTakeFirst(),
    db()
      .selectFrom("journey_cards")
      .select("text")
      .where("map_id", "=", future.id)
      .where("doc_object_id", "=", touchpointId)
      .where("lane", "=", "touchpoints")
      .where("deleted_at", "is", null)
      .executeTakeFirst(),
  ]);
  const fields: Record<string, string> = {};
  if (!pain) fields.painPointId = "reshape.errors.painPointUnknown";
  if (!card) fields.touchpointId = "reshape.errors.touchpointUnknown";
  if (Object.keys(fields).length) throw new DomainError(422, "errors.invalid_input", fields);
  await db()
    .transaction()
    .execute(async (tx) => {
      const already = await tx
        .selectFrom("pain_point_resolutions")
        .select("pain_point_id")
        .where("future_map_id", "=", future.id)
        .where("future_touchpoint_id", "=", touchpointId)
        .where("pain_point_id", "=", painPointId)
        .executeTakeFirst();
      if (already) return;
      await tx
        .insertInto("pain_point_resolutions")
        .values({
          future_map_id: future.id,
          future_touchpoint_id: touchpointId,
          current_map_id: future.current_map_id,
          pain_point_id: painPointId,
          created_by: actor.user.id,
          created_at: nowIso(),
        })
        .execute();
      await auditAs(tx, actor, {
        entityType: "pain_point_resolution",
        entityId: future.id,
        action: "mark",
        after: { painPointId, painPoint: pain!.title, touchpointId, touchpoint: card!.text },
      });
    });
}

/** Removes such a mark (no-op when it is not there). */
export async function unmarkResolution(actor: Actor, futureMapId: unknown, input: unknown): Promise<void> {
  const future = await requireFutureMap(actor, futureMapId);
  const { painPointId, touchpointId } = parseInput(ResolutionInputSchema, input);
  await db()
    .transaction()
    .execute(async (tx) => {
      const gone = await tx
        .deleteFrom("pain_point_resolutions")
        .where("future_map_id", "=", future.id)
        .where("future_touchpoint_id", "=", touchpointId)
        .where("pain_point_id", "=", painPointId)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return;
      await auditAs(tx, actor, { entityType: "pain_point_resolution", entityId: future.id, action: "unmark", before: { painPointId, touchpointId } });
    });
}
