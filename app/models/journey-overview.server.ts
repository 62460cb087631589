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

/**
 * Step 2's state for the program home, in one query: a row per live current-state map with its
 * touchpoints, live pain points, answered key questions and whether one of those pain points has
 * linked evidence (walking the map's few pain points and probing the links' unique index, not
 * walking every link), plus the program's feedback volume (the same on every row).
 */
export async function journeyStepStatus(program: Program): Promise<StepStatus> {
  const maps = await db()
    .selectFrom("journey_maps")
    .select((eb) => {
      const livePainPoints = () => eb.selectFrom("pain_points").whereRef("pain_points.map_id", "=", "journey_maps.id").where("pain_points.deleted_at", "is", null);
      return [
        eb
          .selectFrom("journey_cards")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("journey_cards.map_id", "=", "journey_maps.id")
          .where("journey_cards.lane", "=", "touchpoints")
          .where("journey_cards.deleted_at", "is", null)
          .as("touchpoints"),
        livePainPoints().select(eb.fn.countAll<number>().as("n")).as("painPoints"),
        eb
          .selectFrom("journey_questions")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("journey_questions.map_id", "=", "journey_maps.id")
          .where("journey_questions.answer", "!=", "")
          .as("answered"),
        eb
          .exists(
            livePainPoints()
              .select(eb.lit(1).as("one"))
              .where((p) =>
                p.exists(
                  p
                    .selectFrom("journey_evidence_links")
                    .select(p.lit(1).as("one"))
                    .whereRef("journey_evidence_links.map_id", "=", "pain_points.map_id")
                    .where("journey_evidence_links.target_type", "=", "pain_point")
                    .whereRef("journey_evidence_links.target_id", "=", "pain_points.doc_object_id"),
                ),
              ),
          )
          .as("evidenced"),
        eb.selectFrom("feedback_records").select(eb.fn.countAll<number>().as("n")).where("feedback_records.program_id", "=", program.id).as("feedback"),
      ];
    })
    .where("program_id", "=", program.id)
    .where("state", "=", "current")
    .where("archived_at", "is", null)
    .execute();
  if (maps.length === 0) return { key: "painPoints", state: "not_started", outputs: [] };
  // Postgres answers the EXISTS with a boolean, SQLite with 0/1.
  const done = maps.some((m) => Number(m.answered) === KEY_QUESTIONS.length && Number(m.painPoints) > 0 && Number(m.evidenced) > 0);
  const total = (k: "touchpoints" | "painPoints") => maps.reduce((n, m) => n + Number(m[k]), 0);
  const outputs: StepStatus["outputs"] = [{ labelKey: "journey.outputs.maps", count: maps.length }];
  if (total("touchpoints") > 0) outputs.push({ labelKey: "journey.outputs.touchpoints", count: total("touchpoints") });
  if (total("painPoints") > 0) outputs.push({ labelKey: "journey.outputs.painPoints", count: total("painPoints") });
  const feedback = Number(maps[0].feedback);
  if (feedback > 0) outputs.push({ labelKey: "journey.outputs.feedback", count: feedback });
  return { key: "painPoints", state: done ? "done" : "in_progress", outputs };
}
