/**
 * Step 2 at a glance, from the read model: each map's size (stages, touchpoints, pain points),
 * the program's feedback and evidence volume, and the step's state for the program home.
 * Done means at least one current-state map whose six key questions are answered and whose pain
 * points are backed by evidence; in progress as soon as a map exists. (Future-state maps are
 * step 3's output and do not count here.)
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import { KEY_QUESTIONS } from "./journey-doc";
import type { StepStatus } from "./steps";

export interface MapStats {
  stages: number;
  touchpoints: number;
  cards: number;
  painPoints: number;
  answered: number;
}

const EMPTY: MapStats = { stages: 0, touchpoints: 0, cards: 0, painPoints: 0, answered: 0 };

/** Counts per map id, for the given maps. */
export async function journeyMapStats(mapIds: string[]): Promise<Record<string, MapStats>> {
  const out: Record<string, MapStats> = Object.fromEntries(mapIds.map((id) => [id, { ...EMPTY }]));
  if (mapIds.length === 0) return out;
  const live = (table: "journey_stages" | "pain_points") =>
    db()
      .selectFrom(table)
      .select(["map_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("map_id", "in", mapIds)
      .where("deleted_at", "is", null)
      .groupBy("map_id")
      .execute();
  const [stages, cards, pains, answers] = await Promise.all([
    live("journey_stages"),
    db()
      .selectFrom("journey_cards")
      .select(["map_id", "lane", (eb) => eb.fn.countAll<number>().as("n")])
      .where("map_id", "in", mapIds)
      .where("deleted_at", "is", null)
      .groupBy(["map_id", "lane"])
      .execute(),
    live("pain_points"),
    db()
      .selectFrom("journey_questions")
      .select(["map_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("map_id", "in", mapIds)
      .where("answer", "!=", "")
      .groupBy("map_id")
      .execute(),
  ]);
  for (const r of stages) out[r.map_id].stages = Number(r.n);
  for (const r of cards) {
    out[r.map_id].cards += Number(r.n);
    if (r.lane === "touchpoints") out[r.map_id].touchpoints += Number(r.n);
  }
  for (const r of pains) out[r.map_id].painPoints = Number(r.n);
  for (const r of answers) out[r.map_id].answered = Number(r.n);
  return out;
}

/** How many feedback records and file/link evidence items the program holds. */
export async function programEvidenceVolume(programId: string): Promise<{ feedback: number; files: number }> {
  const [feedback, files] = await Promise.all([
    db()
      .selectFrom("feedback_records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("program_id", "=", programId)
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("journey_evidence")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("program_id", "=", programId)
      .executeTakeFirstOrThrow(),
  ]);
  return { feedback: Number(feedback.n), files: Number(files.n) };
}

export async function journeyStepStatus(program: Program): Promise<StepStatus> {
  const maps = await db()
    .selectFrom("journey_maps")
    .select("id")
    .where("program_id", "=", program.id)
    .where("state", "=", "current")
    .where("archived_at", "is", null)
    .execute();
  if (maps.length === 0) return { key: "painPoints", state: "not_started", outputs: [] };
  const ids = maps.map((m) => m.id);
  const stats = await journeyMapStats(ids);
  const evidenced = await db()
    .selectFrom("journey_evidence_links")
    .innerJoin("pain_points", (j) =>
      j.onRef("pain_points.map_id", "=", "journey_evidence_links.map_id").onRef("pain_points.doc_object_id", "=", "journey_evidence_links.target_id"),
    )
    .select("journey_evidence_links.map_id")
    .distinct()
    .where("journey_evidence_links.map_id", "in", ids)
    .where("journey_evidence_links.target_type", "=", "pain_point")
    .where("pain_points.deleted_at", "is", null)
    .execute();
  const withEvidence = new Set(evidenced.map((r) => r.map_id));
  const done = ids.some((id) => stats[id].answered === KEY_QUESTIONS.length && stats[id].painPoints > 0 && withEvidence.has(id));
  const total = (k: keyof MapStats) => ids.reduce((n, id) => n + stats[id][k], 0);
  const outputs: StepStatus["outputs"] = [{ labelKey: "journey.outputs.maps", count: ids.length }];
  if (total("touchpoints") > 0) outputs.push({ labelKey: "journey.outputs.touchpoints", count: total("touchpoints") });
  if (total("painPoints") > 0) outputs.push({ labelKey: "journey.outputs.painPoints", count: total("painPoints") });
  const { feedback } = await programEvidenceVolume(program.id);
  if (feedback > 0) outputs.push({ labelKey: "journey.outputs.feedback", count: feedback });
  return { key: "painPoints", state: done ? "done" : "in_progress", outputs };
}
