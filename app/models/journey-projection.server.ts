/**
 * The projection of a live journey map (`journey:<mapId>`) into its read model: stages, cards,
 * personas, emotion points, pain points and key-question answers as rows. Upserts what the
 * document holds and marks what it no longer holds as deleted (links to a touchpoint or a pain
 * point keep pointing somewhere). One transaction, idempotent.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { nowIso } from "../db.server";
import { KEY_QUESTIONS, type JourneyContent } from "./journey-doc";

type SoftTable = "journey_stages" | "journey_cards" | "journey_personas" | "pain_points";

async function markGone(tx: Kysely<Database>, table: SoftTable, mapId: string, keep: string[], now: string): Promise<void> {
  let q = tx.updateTable(table).set({ deleted_at: now }).where("map_id", "=", mapId).where("deleted_at", "is", null);
  if (keep.length) q = q.where("doc_object_id", "not in", keep);
  await q.execute();
}

export async function saveJourneyProjection(tx: Kysely<Database>, mapId: string, programId: string, content: JourneyContent): Promise<void> {
  const now = nowIso();
  const live = { projected_at: now, deleted_at: null };
  for (const s of content.stages) {
    const row = { name: s.name, position: s.position, ...live };
    await tx
      .insertInto("journey_stages")
      .values({ map_id: mapId, doc_object_id: s.id, ...row })
      .onConflict((oc) => oc.columns(["map_id", "doc_object_id"]).doUpdateSet(row))
      .execute();
  }
  for (const c of content.cards) {
    const row = {
      stage_id: c.stageId,
      lane: c.lane,
      channel: c.channel,
      text: c.text,
      position: c.position,
      created_by: c.createdBy,
      created_at: c.createdAt || now,
      ...live,
    };
    await tx
      .insertInto("journey_cards")
      .values({ map_id: mapId, doc_object_id: c.id, ...row })
      .onConflict((oc) => oc.columns(["map_id", "doc_object_id"]).doUpdateSet(row))
      .execute();
  }
  for (const p of content.personas) {
    const row = { name: p.name, colour: p.colour, ...live };
    await tx
      .insertInto("journey_personas")
      .values({ map_id: mapId, doc_object_id: p.id, ...row })
      .onConflict((oc) => oc.columns(["map_id", "doc_object_id"]).doUpdateSet(row))
      .execute();
  }
  for (const p of content.painPoints) {
    const row = {
      program_id: programId,
      touchpoint_id: p.touchpointId,
      title: p.title,
      description: p.description,
      severity: p.severity,
      reach: p.reach,
      impact: p.impact,
      effort: p.effort,
      source: p.source,
      status: p.status,
      created_by: p.createdBy,
      created_at: p.createdAt || now,
      ...live,
    };
    await tx
      .insertInto("pain_points")
      .values({ map_id: mapId, doc_object_id: p.id, ...row })
      .onConflict((oc) => oc.columns(["map_id", "doc_object_id"]).doUpdateSet(row))
      .execute();
  }
  await markGone(tx, "journey_stages", mapId, content.stages.map((s) => s.id), now);
  await markGone(tx, "journey_cards", mapId, content.cards.map((c) => c.id), now);
  await markGone(tx, "journey_personas", mapId, content.personas.map((p) => p.id), now);
  await markGone(tx, "pain_points", mapId, content.painPoints.map((p) => p.id), now);

  // Emotion points have no identity of their own: the set is replaced.
  await tx.deleteFrom("journey_emotions").where("map_id", "=", mapId).execute();
  const emotions = Object.entries(content.emotions).flatMap(([personaId, byStage]) =>
    Object.entries(byStage).map(([stageId, value]) => ({ map_id: mapId, persona_id: personaId, stage_id: stageId, value })),
  );
  for (let i = 0; i < emotions.length; i += 200) await tx.insertInto("journey_emotions").values(emotions.slice(i, i + 200)).execute();

  for (const key of KEY_QUESTIONS) {
    const row = { answer: content.questions[key], projected_at: now };
    await tx
      .insertInto("journey_questions")
      .values({ map_id: mapId, question_key: key, ...row })
      .onConflict((oc) => oc.columns(["map_id", "question_key"]).doUpdateSet(row))
      .execute();
  }
}
