/**
 * What the journey APIs answer, from the projection tables (≤1 s behind the live documents):
 *   GET /api/v1/journey-maps/:mapId             → journeyMapForApi
 *   GET /api/v1/programs/:programId/pain-points → parsePainPointQuery + listProgramPainPoints
 */
import type { JourneyLane, TouchpointChannel } from "../../db/schema";
import { db } from "../db.server";
import type { Locale } from "../i18n/config";
import { requireApiUser, type ApiAuthOptions } from "../utils/api.server";
import { httpError } from "../utils/http.server";
import type { Actor } from "./domain.server";
import { JOURNEY_LANES as LANES, journeyDocName, KEY_QUESTIONS, type KeyQuestion } from "./journey-doc";
import { findJourneyMapOwner, requireJourneyMap } from "./journey-maps.server";
import { can } from "./permissions";
import { getProgramAccess } from "./program.server";
import { getTriangulationSettings, listProgramPainPoints, PAIN_POINT_SORTS, type PainPointSort, type ProgramPainPoint } from "./pain-points.server";
import { DEFAULT_MATRIX_MODE, isMatrixMode, MATRIX_MODES, type MatrixMode } from "./prioritisation";

export interface ApiJourneyCard {
  id: string;
  stageId: string;
  lane: JourneyLane;
  channel: TouchpointChannel | null;
  text: string;
  position: number;
  createdAt: string;
}

export interface JourneyMapApi {
  map: { id: string; programId: string; name: string; persona: string; description: string; docName: string; archivedAt: string | null };
  stages: { id: string; name: string; position: number }[];
  cards: ApiJourneyCard[];
  touchpoints: ApiJourneyCard[];
  personas: { id: string; name: string; colour: string }[];
  emotions: { personaId: string; stageId: string; value: number }[];
  painPoints: Omit<ProgramPainPoint, "map">[];
  questions: Record<KeyQuestion, string>;
  triangulationMargin: number;
}

export async function journeyMapForApi(actor: Actor, mapId: unknown): Promise<JourneyMapApi> {
  const map = await requireJourneyMap(actor, mapId);
  const d = db();
  const [stages, cards, personas, emotions, questions, painPoints, settings] = await Promise.all([
    d
      .selectFrom("journey_stages")
      .select(["doc_object_id", "name", "position"])
      .where("map_id", "=", map.id)
      .where("deleted_at", "is", null)
      .orderBy("position")
      .orderBy("doc_object_id")
      .execute(),
    d
      .selectFrom("journey_cards")
      .select(["doc_object_id", "stage_id", "lane", "channel", "text", "position", "created_at"])
      .where("map_id", "=", map.id)
      .where("deleted_at", "is", null)
      .orderBy("stage_id")
      .orderBy("lane")
      .orderBy("position")
      .orderBy("doc_object_id")
      .execute(),
    d
      .selectFrom("journey_personas")
      .select(["doc_object_id", "name", "colour"])
      .where("map_id", "=", map.id)
      .where("deleted_at", "is", null)
      .orderBy("name")
      .orderBy("doc_object_id")
      .execute(),
    d.selectFrom("journey_emotions").select(["persona_id", "stage_id", "value"]).where("map_id", "=", map.id).execute(),
    d.selectFrom("journey_questions").select(["question_key", "answer"]).where("map_id", "=", map.id).execute(),
    listProgramPainPoints(map.program_id, { mapId: map.id, sort: "priority" }),
    getTriangulationSettings(map.program_id),
  ]);
  const stageOrder = new Map(stages.map((s, i) => [s.doc_object_id, i]));
  const apiCards: ApiJourneyCard[] = cards
    .filter((c) => stageOrder.has(c.stage_id))
    .map((c) => ({
      id: c.doc_object_id,
      stageId: c.stage_id,
      lane: c.lane,
      channel: c.channel,
      text: c.text,
      position: Number(c.position),
      createdAt: c.created_at,
    }))
    .sort((a, b) => stageOrder.get(a.stageId)! - stageOrder.get(b.stageId)! || LANES.indexOf(a.lane) - LANES.indexOf(b.lane) || a.position - b.position);
  const liveStages = new Set(stageOrder.keys());
  const livePersonas = new Set(personas.map((p) => p.doc_object_id));
  const answers = Object.fromEntries(KEY_QUESTIONS.map((k) => [k, ""])) as Record<KeyQuestion, string>;
  for (const q of questions) if ((KEY_QUESTIONS as readonly string[]).includes(q.question_key)) answers[q.question_key as KeyQuestion] = q.answer;
  return {
    map: {
      id: map.id,
      programId: map.program_id,
      name: map.name,
      persona: map.persona,
      description: map.description,
      docName: journeyDocName(map.id),
      archivedAt: map.archived_at,
    },
    stages: stages.map((s) => ({ id: s.doc_object_id, name: s.name, position: Number(s.position) })),
    cards: apiCards,
    touchpoints: apiCards.filter((c) => c.lane === "touchpoints"),
    personas: personas.map((p) => ({ id: p.doc_object_id, name: p.name, colour: p.colour })),
    emotions: emotions
      .filter((e) => livePersonas.has(e.persona_id) && liveStages.has(e.stage_id))
      .map((e) => ({ personaId: e.persona_id, stageId: e.stage_id, value: Number(e.value) })),
    painPoints: painPoints.map(({ map: _map, ...p }) => p),
    questions: answers,
    triangulationMargin: settings.margin,
  };
}

export interface PainPointQuery {
  sort: PainPointSort;
  mode: MatrixMode;
  limit: number;
}

export const PAIN_POINT_LIMIT_MAX = 1000;

/** A bad query value: which parameter, and what it accepts (for the 400 message). */
export class PainPointQueryError extends Error {
  constructor(
    readonly param: string,
    readonly allowed: string,
  ) {
    super(`bad ${param}`);
  }
}

/** ?sort=priority|severity|created&mode=impact_effort|severity_reach&limit=N (1…1000; absent = all). */
export function parsePainPointQuery(params: URLSearchParams): PainPointQuery {
  const sort = params.get("sort") ?? "priority";
  if (!(PAIN_POINT_SORTS as readonly string[]).includes(sort)) throw new PainPointQueryError("sort", PAIN_POINT_SORTS.join(", "));
  const mode = params.get("mode") ?? DEFAULT_MATRIX_MODE;
  if (!isMatrixMode(mode)) throw new PainPointQueryError("mode", MATRIX_MODES.join(", "));
  const rawLimit = params.get("limit");
  let limit = 0;
  if (rawLimit !== null) {
    if (!/^\d{1,5}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > PAIN_POINT_LIMIT_MAX) {
      throw new PainPointQueryError("limit", `1–${PAIN_POINT_LIMIT_MAX}`);
    }
    limit = Number(rawLimit);
  }
  return { sort: sort as PainPointSort, mode, limit };
}

/**
 * The caller (session cookie or Bearer token) as an actor in the program the map belongs to:
 * 401 when not signed in, 404 (the same as a missing map) when they cannot see that program.
 */
export async function requireMapApiActor(request: Request, mapId: string | undefined, opts?: ApiAuthOptions): Promise<{ actor: Actor; locale: Locale }> {
  const { user, locale } = await requireApiUser(request, opts);
  const owner = mapId && mapId.length <= 100 ? await findJourneyMapOwner(mapId) : null;
  const found = owner ? await getProgramAccess(user.id, owner.programId) : null;
  if (!found || !can(found.access, "program.view")) throw httpError(locale, 404, { key: "journey.errors.mapNotFound", code: "journey_map_not_found" });
  return { actor: { program: found.program, access: found.access, user: { id: user.id, name: user.name } }, locale };
}

/** The same for a program: 404 when the caller cannot see it. */
export async function requireProgramApiActor(request: Request, programId: string | undefined, opts?: ApiAuthOptions): Promise<{ actor: Actor; locale: Locale }> {
  const { user, locale } = await requireApiUser(request, opts);
  const found = programId && programId.length <= 100 ? await getProgramAccess(user.id, programId) : null;
  if (!found || !can(found.access, "program.view")) throw httpError(locale, 404, { key: "errors.programNotFound" });
  return { actor: { program: found.program, access: found.access, user: { id: user.id, name: user.name } }, locale };
}
