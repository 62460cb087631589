/**
 * Pain points across a program's journey maps: triangulation (top-down severity against the
 * bottom-up score of the linked feedback, see triangulation.ts), the program's margin, leadership's
 * reviews of flagged pain points, and the ranked lists of prioritisation.ts.
 *
 * Listings read the projection (pain_points, deleted_at null, ≤1 s behind the live doc); evidence
 * and reviews are relational. A review reads the pain point from the live document itself, so
 * leadership always reviews the scores as they are now.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { EvidenceType, PainPointSource, PainPointStatus, TouchpointChannel } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { journeyDocName, painPointsMap, readPainPoint } from "./journey-doc";
import { requireActiveJourneyMap, requireJourneyMap } from "./journey-maps.server";
import { readDoc } from "./live-docs.server";
import { DEFAULT_MATRIX_MODE, rankPainPoints, type MatrixMode } from "./prioritisation";
import {
  bottomUpScore,
  DEFAULT_TRIANGULATION_MARGIN,
  disagrees,
  isFlagged,
  REVIEW_NOTE_MAX_CHARS,
  reviewCovers,
  round1,
  TRIANGULATION_MARGIN_MAX,
  TRIANGULATION_MARGIN_MIN,
  type BottomUpScore,
} from "./triangulation";

// ---------------------------------------------------------------------------------------------
// Settings

export interface TriangulationSettings {
  margin: number;
  /** True when the program has not set a margin (the default applies). */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

export async function getTriangulationSettings(programId: string): Promise<TriangulationSettings> {
  const row = await db()
    .selectFrom("pain_point_settings as s")
    .leftJoin("users as u", "u.id", "s.updated_by")
    .select(["s.triangulation_margin", "s.updated_at", "s.updated_by", "u.name as updated_by_name"])
    .where("s.program_id", "=", programId)
    .executeTakeFirst();
  if (!row) return { margin: DEFAULT_TRIANGULATION_MARGIN, isDefault: true, updatedAt: null, updatedBy: null };
  return {
    margin: Number(row.triangulation_margin),
    isDefault: false,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "" } : null,
  };
}

export const MarginInputSchema = z.object({
  margin: z.coerce
    .number({ error: "painPoints.errors.marginRange" })
    .refine((v) => Number.isFinite(v), "painPoints.errors.marginRange")
    .transform((v) => round1(v))
    .refine((v) => v >= TRIANGULATION_MARGIN_MIN && v <= TRIANGULATION_MARGIN_MAX, "painPoints.errors.marginRange"),
});

/** Leadership and the owner (`approve`) set how far the two scores may differ before a pain point is flagged. */
export async function setTriangulationMargin(actor: Actor, input: unknown): Promise<TriangulationSettings> {
  requireCan(actor, "approve");
  const { margin } = parseInput(MarginInputSchema, input);
  const before = await getTriangulationSettings(actor.program.id);
  const now = nowIso();
  await db()
    .transaction()
    .execute(async (tx) => {
      const row = { triangulation_margin: margin, updated_by: actor.user.id, updated_at: now };
      await tx
        .insertInto("pain_point_settings")
        .values({ program_id: actor.program.id, ...row })
        .onConflict((oc) => oc.column("program_id").doUpdateSet(row))
        .execute();
      await auditAs(tx, actor, {
        entityType: "pain_point_settings",
        entityId: actor.program.id,
        action: "update",
        before: { triangulationMargin: before.margin },
        after: { triangulationMargin: margin },
      });
    });
  return getTriangulationSettings(actor.program.id);
}

// ---------------------------------------------------------------------------------------------
// Evidence and reviews, per (map, pain point)

export interface EvidenceCounts {
  feedback: number;
  file: number;
  link: number;
  total: number;
}

export interface PainPointReviewView {
  id: string;
  topDownScore: number;
  bottomUpScore: number;
  note: string;
  reviewedAt: string;
  reviewedBy: { id: string; name: string } | null;
}

export interface PainPointEvidence {
  evidence: EvidenceCounts;
  /** Linked feedback records with a usable score. */
  scoredFeedback: number;
  bottomUp: BottomUpScore | null;
  lastReview: PainPointReviewView | null;
}

const key = (mapId: string, painPointId: string) => `${mapId}\u0000${painPointId}`;
const emptyCounts = (): EvidenceCounts => ({ feedback: 0, file: 0, link: 0, total: 0 });

export async function programFeedbackTotal(programId: string): Promise<number> {
  const row = await db()
    .selectFrom("feedback_records")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("program_id", "=", programId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

const usableScore = sql`f.score is not null and f.score_min is not null and f.score_max is not null and f.score_max > f.score_min`;

/**
 * Evidence counts, bottom-up scores and the latest review of every pain point of the program
 * (or of one map) that has any, keyed by map and pain point. Pain points without evidence or
 * reviews are absent (see evidenceFor).
 */
export async function painPointEvidence(programId: string, mapId?: string): Promise<{ total: number; byKey: Map<string, PainPointEvidence> }> {
  const total = await programFeedbackTotal(programId);
  const byKey = new Map<string, PainPointEvidence>();
  const entry = (mapId: string, id: string) => {
    const k = key(mapId, id);
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { evidence: emptyCounts(), scoredFeedback: 0, bottomUp: null, lastReview: null }));
    return e;
  };

  let other = db()
    .selectFrom("journey_evidence_links as l")
    .innerJoin("journey_maps as m", "m.id", "l.map_id")
    .select((eb) => ["l.map_id", "l.target_id", "l.evidence_type", eb.fn.countAll().as("n")])
    .where("m.program_id", "=", programId)
    .where("l.target_type", "=", "pain_point")
    .where("l.evidence_type", "in", ["file", "link"] satisfies EvidenceType[])
    .groupBy(["l.map_id", "l.target_id", "l.evidence_type"]);
  if (mapId) other = other.where("l.map_id", "=", mapId);

  let feedback = db()
    .selectFrom("journey_evidence_links as l")
    .innerJoin("journey_maps as m", "m.id", "l.map_id")
    .innerJoin("feedback_records as f", (j) => j.onRef("f.id", "=", "l.evidence_id").on("f.program_id", "=", programId))
    .select((eb) => [
      "l.map_id",
      "l.target_id",
      eb.fn.countAll().as("linked"),
      sql<number | string>`sum(case when ${usableScore} then 1 else 0 end)`.as("scored"),
      sql<number | string>`sum(case when ${usableScore} then (case when f.score <= f.score_min then 0.0 when f.score >= f.score_max then 1.0 else (f.score - f.score_min) / (f.score_max - f.score_min) end) else 0.0 end)`.as(
        "satisfaction",
      ),
    ])
    .where("m.program_id", "=", programId)
    .where("l.target_type", "=", "pain_point")
    .where("l.evidence_type", "=", "feedback")
    .groupBy(["l.map_id", "l.target_id"]);
  if (mapId) feedback = feedback.where("l.map_id", "=", mapId);

  let reviews = db()
    .selectFrom("pain_point_reviews as r")
    .innerJoin("journey_maps as m", "m.id", "r.map_id")
    .leftJoin("users as u", "u.id", "r.reviewed_by")
    .select([
      "r.id",
      "r.map_id",
      "r.pain_point_id",
      "r.top_down_score",
      "r.bottom_up_score",
      "r.note",
      "r.reviewed_at",
      "r.reviewed_by",
      "u.name as reviewer_name",
    ])
    .where("m.program_id", "=", programId)
    .orderBy("r.reviewed_at", "desc")
    .orderBy("r.id", "desc");
  if (mapId) reviews = reviews.where("r.map_id", "=", mapId);

  const [otherRows, feedbackRows, reviewRows] = await Promise.all([other.execute(), feedback.execute(), reviews.execute()]);
  for (const r of otherRows) {
    const e = entry(r.map_id, r.target_id);
    const n = Number(r.n);
    e.evidence[r.evidence_type as "file" | "link"] += n;
    e.evidence.total += n;
  }
  for (const r of feedbackRows) {
    const e = entry(r.map_id, r.target_id);
    const linked = Number(r.linked);
    e.evidence.feedback = linked;
    e.evidence.total += linked;
    e.scoredFeedback = Number(r.scored);
    e.bottomUp = bottomUpScore({ linked, scored: Number(r.scored), satisfactionSum: Number(r.satisfaction), programTotal: total });
  }
  for (const r of reviewRows) {
    const e = entry(r.map_id, r.pain_point_id);
    if (e.lastReview) continue;
    e.lastReview = {
      id: r.id,
      topDownScore: Number(r.top_down_score),
      bottomUpScore: Number(r.bottom_up_score),
      note: r.note,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by ? { id: r.reviewed_by, name: r.reviewer_name ?? "" } : null,
    };
  }
  return { total, byKey };
}

export function evidenceFor(all: Map<string, PainPointEvidence>, mapId: string, painPointId: string): PainPointEvidence {
  return all.get(key(mapId, painPointId)) ?? { evidence: emptyCounts(), scoredFeedback: 0, bottomUp: null, lastReview: null };
}

// ---------------------------------------------------------------------------------------------
// Listing

export const PAIN_POINT_SORTS = ["priority", "severity", "created"] as const;
export type PainPointSort = (typeof PAIN_POINT_SORTS)[number];

export interface ProgramPainPoint {
  id: string;
  map: { id: string; name: string; archived: boolean };
  title: string;
  description: string;
  touchpoint: { id: string; text: string; channel: TouchpointChannel | null; stageId: string; stageName: string | null } | null;
  severity: number;
  reach: number;
  impact: number;
  effort: number;
  source: PainPointSource;
  status: PainPointStatus;
  createdAt: string;
  topDownScore: number;
  bottomUpScore: number | null;
  /** The two scores disagree by the margin or more (whether or not reviewed). */
  disagrees: boolean;
  /** Needs leadership review: disagrees and no review covers the current scores. */
  flagged: boolean;
  evidence: EvidenceCounts;
  evidenceCount: number;
  lastReview: PainPointReviewView | null;
  /** In the requested mode (prioritisation.ts). */
  priorityScore: number;
  /** 1 = highest priority in the requested mode, whatever the sort. */
  rank: number;
}

export interface ListPainPointsOptions {
  sort?: PainPointSort;
  mode?: MatrixMode;
  /** 0 or undefined = all. */
  limit?: number;
  /** Only this map (archived or not); otherwise the program's active maps. */
  mapId?: string;
}

/** The program's pain points (on active maps, or on one map), triangulated and ranked. */
export async function listProgramPainPoints(programId: string, opts: ListPainPointsOptions = {}): Promise<ProgramPainPoint[]> {
  const mode = opts.mode ?? DEFAULT_MATRIX_MODE;
  let q = db()
    .selectFrom("pain_points as p")
    .innerJoin("journey_maps as m", "m.id", "p.map_id")
    .leftJoin("journey_cards as c", (j) =>
      j.onRef("c.map_id", "=", "p.map_id").onRef("c.doc_object_id", "=", "p.touchpoint_id").on("c.deleted_at", "is", null),
    )
    .leftJoin("journey_stages as s", (j) => j.onRef("s.map_id", "=", "c.map_id").onRef("s.doc_object_id", "=", "c.stage_id"))
    .select([
      "p.map_id",
      "p.doc_object_id",
      "m.name as map_name",
      "m.archived_at",
      "p.title",
      "p.description",
      "p.touchpoint_id",
      "c.text as touchpoint_text",
      "c.channel as touchpoint_channel",
      "c.stage_id as touchpoint_stage_id",
      "s.name as stage_name",
      "s.deleted_at as stage_deleted_at",
      "p.severity",
      "p.reach",
      "p.impact",
      "p.effort",
      "p.source",
      "p.status",
      "p.created_at",
    ])
    .where("p.program_id", "=", programId)
    .where("m.program_id", "=", programId)
    .where("p.deleted_at", "is", null);
  q = opts.mapId ? q.where("p.map_id", "=", opts.mapId) : q.where("m.archived_at", "is", null);
  const [rows, settings, evidence] = await Promise.all([q.execute(), getTriangulationSettings(programId), painPointEvidence(programId, opts.mapId)]);

  const items = rows.map((r) => {
    const e = evidenceFor(evidence.byKey, r.map_id, r.doc_object_id);
    const bottomUp = e.bottomUp?.score ?? null;
    const topDown = Number(r.severity);
    const hasTouchpoint = r.touchpoint_id && r.touchpoint_text != null && r.touchpoint_stage_id;
    return {
      id: r.doc_object_id,
      map: { id: r.map_id, name: r.map_name, archived: r.archived_at !== null },
      title: r.title,
      description: r.description,
      touchpoint: hasTouchpoint
        ? {
            id: r.touchpoint_id!,
            text: r.touchpoint_text!,
            channel: (r.touchpoint_channel ?? null) as TouchpointChannel | null,
            stageId: r.touchpoint_stage_id!,
            stageName: r.stage_deleted_at ? null : (r.stage_name ?? null),
          }
        : null,
      severity: topDown,
      reach: Number(r.reach),
      impact: Number(r.impact),
      effort: Number(r.effort),
      source: r.source,
      status: r.status,
      createdAt: r.created_at,
      topDownScore: topDown,
      bottomUpScore: bottomUp,
      disagrees: disagrees(topDown, bottomUp, settings.margin),
      flagged: isFlagged(topDown, bottomUp, settings.margin, e.lastReview),
      evidence: e.evidence,
      evidenceCount: e.evidence.total,
      lastReview: e.lastReview,
    };
  });
  const ranked = rankPainPoints(items, mode).map(({ priority, ...p }) => ({ ...p, priorityScore: priority }));
  let sorted: ProgramPainPoint[] = ranked;
  if (opts.sort === "severity") {
    sorted = [...ranked].sort((a, b) => b.severity - a.severity || a.rank - b.rank);
  } else if (opts.sort === "created") {
    sorted = [...ranked].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.rank - b.rank));
  }
  return opts.limit && opts.limit > 0 ? sorted.slice(0, opts.limit) : sorted;
}

/** For the journeys index and the step status: how far the program is with its pain points. */
export async function painPointCounts(programId: string): Promise<{ maps: number; painPoints: number; flagged: number; withEvidence: number }> {
  const [maps, points] = await Promise.all([
    db()
      .selectFrom("journey_maps")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("program_id", "=", programId)
      .where("archived_at", "is", null)
      .executeTakeFirst(),
    listProgramPainPoints(programId),
  ]);
  return {
    maps: Number(maps?.n ?? 0),
    painPoints: points.length,
    flagged: points.filter((p) => p.flagged).length,
    withEvidence: points.filter((p) => p.evidenceCount > 0).length,
  };
}

// ---------------------------------------------------------------------------------------------
// One map, one pain point

export interface MapTriangulation {
  margin: number;
  programFeedbackTotal: number;
  /** Pain point id (doc object id) → its evidence, bottom-up score and last review (absent: none). */
  byPainPoint: Record<string, PainPointEvidence>;
}

/** What the priorities tab adds to the live doc: evidence, bottom-up scores, reviews and the margin. */
export async function mapTriangulation(actor: Actor, mapId: unknown): Promise<MapTriangulation> {
  const map = await requireJourneyMap(actor, mapId);
  const [settings, evidence] = await Promise.all([getTriangulationSettings(map.program_id), painPointEvidence(map.program_id, map.id)]);
  const byPainPoint: Record<string, PainPointEvidence> = {};
  for (const [k, v] of evidence.byKey) byPainPoint[k.split("\u0000")[1]] = v;
  return { margin: settings.margin, programFeedbackTotal: evidence.total, byPainPoint };
}

export interface PainPointTriangulation extends PainPointEvidence {
  painPointId: string;
  mapId: string;
  title: string;
  topDownScore: number;
  margin: number;
  programFeedbackTotal: number;
  disagrees: boolean;
  flagged: boolean;
}

/** The live pain point (from the document itself), or 404. */
async function livePainPoint(mapId: string, painPointId: unknown) {
  if (typeof painPointId !== "string" || !painPointId || painPointId.length > 100) throw new DomainError(404, "painPoints.errors.notFound");
  const p = await readDoc(journeyDocName(mapId), (doc) => readPainPoint(painPointId, painPointsMap(doc).get(painPointId)));
  if (!p) throw new DomainError(404, "painPoints.errors.notFound");
  return p;
}

export async function getPainPointTriangulation(actor: Actor, mapId: unknown, painPointId: unknown): Promise<PainPointTriangulation> {
  const map = await requireJourneyMap(actor, mapId);
  const p = await livePainPoint(map.id, painPointId);
  const [settings, evidence] = await Promise.all([getTriangulationSettings(map.program_id), painPointEvidence(map.program_id, map.id)]);
  const e = evidenceFor(evidence.byKey, map.id, p.id);
  const bottomUp = e.bottomUp?.score ?? null;
  return {
    ...e,
    painPointId: p.id,
    mapId: map.id,
    title: p.title,
    topDownScore: p.severity,
    margin: settings.margin,
    programFeedbackTotal: evidence.total,
    disagrees: disagrees(p.severity, bottomUp, settings.margin),
    flagged: isFlagged(p.severity, bottomUp, settings.margin, e.lastReview),
  };
}

export const ReviewInputSchema = z.object({
  note: z
    .string({ error: "painPoints.errors.noteRequired" })
    .trim()
    .min(1, "painPoints.errors.noteRequired")
    .max(REVIEW_NOTE_MAX_CHARS, "validation.tooLong"),
  /** The scores the reviewer saw: refused with 409 when they have changed since. */
  topDownScore: z.coerce.number({ error: "validation.invalid" }).optional(),
  bottomUpScore: z.coerce.number({ error: "validation.invalid" }).optional(),
});

/**
 * Leadership reviews a flagged pain point (note required): recorded with the current pair of
 * scores, which clears the flag until either score changes. Audited.
 */
export async function reviewPainPoint(actor: Actor, mapId: unknown, painPointId: unknown, input: unknown): Promise<PainPointTriangulation> {
  requireCan(actor, "approve");
  const map = await requireActiveJourneyMap(actor, mapId);
  const data = parseInput(ReviewInputSchema, input);
  const current = await getPainPointTriangulation(actor, map.id, painPointId);
  const bottomUp = current.bottomUp?.score ?? null;
  if (bottomUp == null || !current.disagrees) throw new DomainError(409, "painPoints.errors.notFlagged");
  if (reviewCovers(current.lastReview, current.topDownScore, bottomUp)) throw new DomainError(409, "painPoints.errors.alreadyReviewed");
  const seen = (v: number | undefined, now: number) => v === undefined || Math.abs(v - now) < 1e-6;
  if (!seen(data.topDownScore, current.topDownScore) || !seen(data.bottomUpScore, bottomUp)) {
    throw new DomainError(409, "painPoints.errors.scoresChanged");
  }
  const row = {
    id: newId(),
    map_id: map.id,
    pain_point_id: current.painPointId,
    top_down_score: current.topDownScore,
    bottom_up_score: bottomUp,
    note: data.note,
    reviewed_by: actor.user.id,
    reviewed_at: nowIso(),
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("pain_point_reviews").values(row).execute();
      await auditAs(tx, actor, {
        entityType: "pain_point",
        entityId: current.painPointId,
        action: "review",
        after: { mapId: map.id, title: current.title, topDownScore: row.top_down_score, bottomUpScore: row.bottom_up_score, note: row.note },
      });
    });
  return getPainPointTriangulation(actor, map.id, current.painPointId);
}

