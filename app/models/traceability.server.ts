/**
 * Traceability (cross-cutting, SPEC): from a KPI or an initiative, follow the links back — the KPI
 * measures initiatives (kpi_initiatives) and a journey map / touchpoint; initiatives address pain
 * points (initiative_pain_points → the pain_points read model); pain points are backed by evidence
 * (feedback records linked through journey_evidence_links or feedback_links, files and links from
 * the evidence library); pain points sit on journey maps; initiatives and KPIs serve a quality
 * standard of the published vision (standard_key → vision_standards, latest version first) — and
 * forward again: from each pain point, every initiative that addresses it and the KPIs measuring
 * those. Missing links are returned as empty lists, never invented. Anyone who sees the program
 * reads it; an id of another program is "not found" (404).
 */
import { sql } from "kysely";
import type { InitiativeKind, InitiativeStatus, KpiKind, PainPointStatus } from "../../db/schema";
import { db } from "../db.server";
import { DomainError, type Actor } from "./domain.server";
import { kpiStatus, type KpiStatus } from "./kpi";

export const TRACE_KINDS = ["kpi", "initiative"] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

export function isTraceKind(v: unknown): v is TraceKind {
  return typeof v === "string" && (TRACE_KINDS as readonly string[]).includes(v);
}

/** How many feedback records a pain point's evidence shows as samples. */
export const TRACE_SAMPLE_RECORDS = 3;

export interface TraceStandard {
  key: string;
  title: string;
  description: string;
  /** The version it was read from (the latest that has it). */
  version: number;
  /** False when the latest published version no longer has it. */
  current: boolean;
  /** What serves it in this trace. */
  servedBy: { kind: TraceKind; id: string; title: string }[];
}

export interface TraceMap {
  id: string;
  name: string;
  persona: string;
  state: "current" | "future";
  archived: boolean;
}

export interface TraceInitiativeRef {
  id: string;
  title: string;
  kind: InitiativeKind;
  status: InitiativeStatus;
}

export interface TracePainPoint {
  mapId: string;
  id: string;
  title: string;
  severity: number;
  status: PainPointStatus | null;
  touchpoint: { id: string; text: string; stage: string | null } | null;
  /** False when the pain point was deleted from its map since it was linked. */
  exists: boolean;
  /** How it came into this trace: addressed by a traced initiative, or pinned on the KPI's touchpoint. */
  via: "initiative" | "touchpoint";
  /** Forward: every initiative addressing it (not only the traced ones). */
  addressedBy: TraceInitiativeRef[];
  /** Forward: the KPIs measuring those initiatives. */
  measuredBy: { id: string; name: string }[];
}

export interface TraceFeedbackSample {
  id: string;
  occurredOn: string;
  channel: string;
  text: string;
  score: number | null;
  scoreMax: number | null;
}

export interface TraceEvidence {
  mapId: string;
  painPointId: string;
  painPointTitle: string;
  feedback: { count: number; scored: number; /** 0–1: mean satisfaction of the scored records. */ satisfaction: number | null; samples: TraceFeedbackSample[] };
  items: { id: string; kind: "file" | "link"; title: string; url: string | null; filename: string | null }[];
}

export interface TraceInitiative extends TraceInitiativeRef {
  dueDate: string | null;
  standardKey: string | null;
  /** `${mapId}:${painPointId}` of the pain points it addresses. */
  painPoints: string[];
  kpiIds: string[];
}

export interface TraceKpi {
  id: string;
  name: string;
  kind: KpiKind;
  template: string | null;
  unit: string;
  target: number | null;
  latest: { date: string; value: number } | null;
  status: KpiStatus;
  standardKey: string | null;
  journeyMapId: string | null;
  touchpoint: { id: string; text: string } | null;
  initiativeIds: string[];
  archived: boolean;
}

export interface TraceView {
  programId: string;
  root: { kind: TraceKind; id: string; title: string };
  standards: TraceStandard[];
  /** Traced items whose standard is unset, or whose key no published version has. */
  withoutStandard: { kind: TraceKind; id: string; title: string }[];
  maps: TraceMap[];
  painPoints: TracePainPoint[];
  evidence: TraceEvidence[];
  initiatives: TraceInitiative[];
  kpis: TraceKpi[];
}

const ppKey = (mapId: string, id: string) => `${mapId}:${id}`;

function notFound(): DomainError {
  return new DomainError(404, "trace.errors.notFound");
}

const validId = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= 100;

/** The trace of a KPI or an initiative of the actor's program (404 for another program's, or an unknown kind). */
export async function traceOf(actor: Actor, kind: unknown, id: unknown): Promise<TraceView> {
  if (!isTraceKind(kind) || !validId(id)) throw notFound();
  const programId = actor.program.id;
  const d = db();

  let rootTitle: string;
  let initiativeIds: string[];
  let kpiIds: string[];
  let touchpointRef: { mapId: string; touchpointId: string } | null = null;
  if (kind === "kpi") {
    const kpi = await d.selectFrom("kpis").select(["id", "name", "journey_map_id", "touchpoint_id"]).where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
    if (!kpi) throw notFound();
    rootTitle = kpi.name;
    kpiIds = [kpi.id];
    initiativeIds = (
      await d.selectFrom("kpi_initiatives as l").innerJoin("initiatives as i", "i.id", "l.initiative_id").select("i.id").where("l.kpi_id", "=", kpi.id).where("i.program_id", "=", programId).execute()
    ).map((r) => r.id);
    if (kpi.journey_map_id && kpi.touchpoint_id) touchpointRef = { mapId: kpi.journey_map_id, touchpointId: kpi.touchpoint_id };
  } else {
    const ini = await d.selectFrom("initiatives").select(["id", "title"]).where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
    if (!ini) throw notFound();
    rootTitle = ini.title;
    initiativeIds = [ini.id];
    kpiIds = [];
  }

  // Pain points: of the traced initiatives, and pinned on the KPI's touchpoint.
  const links = initiativeIds.length
    ? await d.selectFrom("initiative_pain_points").select(["initiative_id", "map_id", "pain_point_id"]).where("initiative_id", "in", initiativeIds).orderBy("created_at").execute()
    : [];
  const painKeys = new Map<string, { mapId: string; id: string; via: "initiative" | "touchpoint" }>();
  for (const l of links) if (!painKeys.has(ppKey(l.map_id, l.pain_point_id))) painKeys.set(ppKey(l.map_id, l.pain_point_id), { mapId: l.map_id, id: l.pain_point_id, via: "initiative" });
  if (touchpointRef) {
    const onTouchpoint = await d
      .selectFrom("pain_points")
      .select(["map_id", "doc_object_id"])
      .where("program_id", "=", programId)
      .where("map_id", "=", touchpointRef.mapId)
      .where("touchpoint_id", "=", touchpointRef.touchpointId)
      .where("deleted_at", "is", null)
      .orderBy("severity", "desc")
      .execute();
    for (const p of onTouchpoint) if (!painKeys.has(ppKey(p.map_id, p.doc_object_id))) painKeys.set(ppKey(p.map_id, p.doc_object_id), { mapId: p.map_id, id: p.doc_object_id, via: "touchpoint" });
  }
  const pains = [...painKeys.values()];
  const painMapIds = [...new Set(pains.map((p) => p.mapId))];
  const painIds = [...new Set(pains.map((p) => p.id))];

  // Forward from the pain points: every initiative addressing them, and the KPIs measuring those.
  const forward = pains.length
    ? await d
        .selectFrom("initiative_pain_points as l")
        .innerJoin("initiatives as i", "i.id", "l.initiative_id")
        .select(["l.map_id", "l.pain_point_id", "i.id", "i.title", "i.kind", "i.status"])
        .where("i.program_id", "=", programId)
        .where("l.map_id", "in", painMapIds)
        .where("l.pain_point_id", "in", painIds)
        .orderBy("i.created_at")
        .execute()
    : [];
  const allInitiativeIds = [...new Set([...initiativeIds, ...forward.map((f) => f.id)])];

  const kpiLinks = allInitiativeIds.length
    ? await d.selectFrom("kpi_initiatives as l").innerJoin("kpis as k", "k.id", "l.kpi_id").select(["l.kpi_id", "l.initiative_id"]).where("l.initiative_id", "in", allInitiativeIds).where("k.program_id", "=", programId).execute()
    : [];
  const tracedKpiIds = [...new Set([...kpiIds, ...kpiLinks.filter((l) => initiativeIds.includes(l.initiative_id)).map((l) => l.kpi_id)])];
  const kpiNameIds = [...new Set([...tracedKpiIds, ...kpiLinks.map((l) => l.kpi_id)])];

  const [painRows, initiativeRows, kpiRows, measurements] = await Promise.all([
    pains.length
      ? d
          .selectFrom("pain_points as p")
          .leftJoin("journey_cards as c", (j) => j.onRef("c.map_id", "=", "p.map_id").onRef("c.doc_object_id", "=", "p.touchpoint_id").on("c.deleted_at", "is", null))
          .leftJoin("journey_stages as s", (j) => j.onRef("s.map_id", "=", "c.map_id").onRef("s.doc_object_id", "=", "c.stage_id").on("s.deleted_at", "is", null))
          .select(["p.map_id", "p.doc_object_id", "p.title", "p.severity", "p.status", "p.deleted_at", "p.touchpoint_id", "c.text as touchpoint_text", "s.name as stage_name"])
          .where("p.program_id", "=", programId)
          .where("p.map_id", "in", painMapIds)
          .where("p.doc_object_id", "in", painIds)
          .execute()
      : Promise.resolve([]),
    allInitiativeIds.length
      ? d.selectFrom("initiatives").select(["id", "title", "kind", "status", "due_date", "standard_key", "created_at"]).where("id", "in", allInitiativeIds).orderBy("created_at").execute()
      : Promise.resolve([]),
    kpiNameIds.length
      ? d
          .selectFrom("kpis")
          .select(["id", "name", "kind", "template", "unit", "direction", "target", "alert_threshold", "standard_key", "journey_map_id", "touchpoint_id", "archived_at", "created_at"])
          .where("id", "in", kpiNameIds)
          .orderBy("created_at")
          .execute()
      : Promise.resolve([]),
    tracedKpiIds.length
      ? d
          .selectFrom("kpi_measurements as m")
          .innerJoin(
            (eb) => eb.selectFrom("kpi_measurements").select(["kpi_id", (e) => e.fn.max("measured_on").as("last")]).where("kpi_id", "in", tracedKpiIds).groupBy("kpi_id").as("x"),
            (j) => j.onRef("x.kpi_id", "=", "m.kpi_id").onRef("x.last", "=", "m.measured_on"),
          )
          .select(["m.kpi_id", "m.measured_on", "m.value"])
          .execute()
      : Promise.resolve([]),
  ]);

  const painByKey = new Map(painRows.map((r) => [ppKey(r.map_id, r.doc_object_id), r]));
  const initiativeById = new Map(initiativeRows.map((r) => [r.id, r]));
  const kpiById = new Map(kpiRows.map((r) => [r.id, r]));
  const latestByKpi = new Map(measurements.map((m) => [m.kpi_id, { date: m.measured_on, value: Number(m.value) }]));

  const painPoints: TracePainPoint[] = pains.map((p) => {
    const row = painByKey.get(ppKey(p.mapId, p.id));
    const addressing = forward.filter((f) => f.map_id === p.mapId && f.pain_point_id === p.id);
    const addressedBy = addressing.map((f) => ({ id: f.id, title: f.title, kind: f.kind, status: f.status }));
    const measuring = [...new Set(kpiLinks.filter((l) => addressing.some((a) => a.id === l.initiative_id)).map((l) => l.kpi_id))];
    return {
      mapId: p.mapId,
      id: p.id,
      title: row?.title ?? "",
      severity: Number(row?.severity ?? 0),
      status: row?.status ?? null,
      touchpoint: row?.touchpoint_id && row.touchpoint_text != null ? { id: row.touchpoint_id, text: row.touchpoint_text, stage: row.stage_name ?? null } : null,
      exists: !!row && row.deleted_at == null,
      via: p.via,
      addressedBy,
      measuredBy: measuring.map((k) => ({ id: k, name: kpiById.get(k)?.name ?? "" })).filter((k) => k.name),
    };
  });

  const initiatives: TraceInitiative[] = initiativeIds
    .map((iid) => initiativeById.get(iid))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      dueDate: r.due_date,
      standardKey: r.standard_key,
      painPoints: links.filter((l) => l.initiative_id === r.id).map((l) => ppKey(l.map_id, l.pain_point_id)),
      kpiIds: kpiLinks.filter((l) => l.initiative_id === r.id).map((l) => l.kpi_id),
    }));

  const touchpointTexts = await touchpointTextsOf(kpiRows.filter((k) => tracedKpiIds.includes(k.id) && k.journey_map_id && k.touchpoint_id).map((k) => ({ mapId: k.journey_map_id!, id: k.touchpoint_id! })));
  const kpis: TraceKpi[] = tracedKpiIds
    .map((kid) => kpiById.get(kid))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => {
      const latest = latestByKpi.get(r.id) ?? null;
      const target = r.target === null ? null : Number(r.target);
      const tpText = r.journey_map_id && r.touchpoint_id ? touchpointTexts.get(ppKey(r.journey_map_id, r.touchpoint_id)) : undefined;
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        template: r.template,
        unit: r.unit,
        target,
        latest,
        status: kpiStatus({ direction: r.direction, target, alertThreshold: r.alert_threshold === null ? null : Number(r.alert_threshold) }, latest?.value),
        standardKey: r.standard_key,
        journeyMapId: r.journey_map_id,
        touchpoint: r.touchpoint_id && tpText !== undefined ? { id: r.touchpoint_id, text: tpText } : null,
        initiativeIds: kpiLinks.filter((l) => l.kpi_id === r.id).map((l) => l.initiative_id),
        archived: r.archived_at !== null,
      };
    });

  const mapIds = [...new Set([...painMapIds, ...kpis.map((k) => k.journeyMapId).filter((x): x is string => !!x)])];
  const [maps, evidence, standards] = await Promise.all([
    mapsOf(programId, mapIds),
    evidenceOf(programId, painPoints),
    // The standards of the traced item and of what it directly links to (a KPI's initiatives, an
    // initiative's KPIs) — not of the other KPIs found going forward.
    standardsOf(programId, [
      ...kpis.filter((k) => kind === "kpi" && k.id === id).map((k) => ({ kind: "kpi" as const, id: k.id, title: k.name, key: k.standardKey })),
      ...initiatives.map((i) => ({ kind: "initiative" as const, id: i.id, title: i.title, key: i.standardKey })),
      ...kpis.filter((k) => kind === "initiative").map((k) => ({ kind: "kpi" as const, id: k.id, title: k.name, key: k.standardKey })),
    ]),
  ]);

  return {
    programId,
    root: { kind, id, title: rootTitle },
    standards: standards.found,
    withoutStandard: standards.missing,
    maps,
    painPoints,
    evidence,
    initiatives,
    kpis,
  };
}

async function touchpointTextsOf(refs: { mapId: string; id: string }[]): Promise<Map<string, string>> {
  if (!refs.length) return new Map();
  const rows = await db()
    .selectFrom("journey_cards")
    .select(["map_id", "doc_object_id", "text"])
    .where("map_id", "in", [...new Set(refs.map((r) => r.mapId))])
    .where("doc_object_id", "in", [...new Set(refs.map((r) => r.id))])
    .where("deleted_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [ppKey(r.map_id, r.doc_object_id), r.text]));
}

async function mapsOf(programId: string, ids: string[]): Promise<TraceMap[]> {
  if (!ids.length) return [];
  const rows = await db()
    .selectFrom("journey_maps")
    .select(["id", "name", "persona", "state", "archived_at", "created_at"])
    .where("program_id", "=", programId)
    .where("id", "in", ids)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, persona: r.persona, state: r.state, archived: r.archived_at !== null }));
}

/** Evidence per pain point: feedback records (both link tables, counted once), sample quotes, files and links. */
async function evidenceOf(programId: string, pains: TracePainPoint[]): Promise<TraceEvidence[]> {
  if (!pains.length) return [];
  const d = db();
  const mapIds = [...new Set(pains.map((p) => p.mapId))];
  const ids = [...new Set(pains.map((p) => p.id))];
  const [journeyLinks, feedbackLinks] = await Promise.all([
    d
      .selectFrom("journey_evidence_links")
      .select(["map_id", "target_id", "evidence_type", "evidence_id"])
      .where("target_type", "=", "pain_point")
      .where("map_id", "in", mapIds)
      .where("target_id", "in", ids)
      .execute(),
    d
      .selectFrom("feedback_links")
      .select(["map_id", "target_id", "record_id"])
      .where("program_id", "=", programId)
      .where("target_type", "=", "pain_point")
      .where("map_id", "in", mapIds)
      .where("target_id", "in", ids)
      .execute(),
  ]);
  const wanted = new Set(pains.map((p) => ppKey(p.mapId, p.id)));
  const recordsByPain = new Map<string, Set<string>>();
  const itemsByPain = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(v);
  for (const l of journeyLinks) {
    const k = ppKey(l.map_id, l.target_id);
    if (!wanted.has(k)) continue;
    if (l.evidence_type === "feedback") add(recordsByPain, k, l.evidence_id);
    else add(itemsByPain, k, l.evidence_id);
  }
  for (const l of feedbackLinks) {
    if (!l.map_id) continue;
    const k = ppKey(l.map_id, l.target_id);
    if (wanted.has(k)) add(recordsByPain, k, l.record_id);
  }
  const allRecordIds = [...new Set([...recordsByPain.values()].flatMap((s) => [...s]))];
  const allItemIds = [...new Set([...itemsByPain.values()].flatMap((s) => [...s]))];

  // Records in chunks (a pain point may be backed by thousands): score stats for all, text for samples.
  const records = new Map<string, { occurred_on: string; channel: string; text: string; score: number | null; score_min: number | null; score_max: number | null }>();
  for (let i = 0; i < allRecordIds.length; i += 500) {
    const chunk = allRecordIds.slice(i, i + 500);
    const rows = await d
      .selectFrom("feedback_records")
      .select(["id", "occurred_on", "channel", "text", "score", "score_min", "score_max"])
      .where("program_id", "=", programId)
      .where("id", "in", chunk)
      .execute();
    for (const r of rows) records.set(r.id, { ...r, score: r.score === null ? null : Number(r.score), score_min: r.score_min === null ? null : Number(r.score_min), score_max: r.score_max === null ? null : Number(r.score_max) });
  }
  const items = allItemIds.length
    ? await d.selectFrom("journey_evidence").select(["id", "kind", "title", "url", "filename", "created_at"]).where("program_id", "=", programId).where("id", "in", allItemIds).orderBy("created_at").execute()
    : [];

  return pains.map((p) => {
    const k = ppKey(p.mapId, p.id);
    const recs = [...(recordsByPain.get(k) ?? [])].map((rid) => ({ id: rid, r: records.get(rid) })).filter((x): x is { id: string; r: NonNullable<typeof x.r> } => !!x.r);
    let scored = 0;
    let sum = 0;
    for (const { r } of recs) {
      if (r.score === null || r.score_min === null || r.score_max === null || r.score_max <= r.score_min) continue;
      scored++;
      sum += Math.min(1, Math.max(0, (r.score - r.score_min) / (r.score_max - r.score_min)));
    }
    const samples = recs
      .filter(({ r }) => r.text.trim().length > 0)
      .sort((a, b) => (a.r.occurred_on < b.r.occurred_on ? 1 : a.r.occurred_on > b.r.occurred_on ? -1 : a.id < b.id ? -1 : 1))
      .slice(0, TRACE_SAMPLE_RECORDS)
      .map(({ id, r }) => ({ id, occurredOn: r.occurred_on, channel: r.channel, text: r.text, score: r.score, scoreMax: r.score_max }));
    const mine = itemsByPain.get(k) ?? new Set<string>();
    return {
      mapId: p.mapId,
      painPointId: p.id,
      painPointTitle: p.title,
      feedback: { count: recs.length, scored, satisfaction: scored ? Math.round((sum / scored) * 1000) / 1000 : null, samples },
      items: items.filter((e) => mine.has(e.id)).map((e) => ({ id: e.id, kind: e.kind, title: e.title, url: e.url, filename: e.filename })),
    };
  });
}

/** The standards served, read from the latest published version that has each key. */
async function standardsOf(
  programId: string,
  servers: { kind: TraceKind; id: string; title: string; key: string | null }[],
): Promise<{ found: TraceStandard[]; missing: TraceView["withoutStandard"] }> {
  const keys = [...new Set(servers.map((s) => s.key).filter((k): k is string => !!k))];
  const rows = keys.length
    ? await db()
        .selectFrom("vision_standards as s")
        .innerJoin("vision_versions as v", "v.id", "s.version_id")
        .select(["s.standard_key", "s.title", "s.description", "s.position", "v.version"])
        .where("v.program_id", "=", programId)
        .where("s.standard_key", "in", keys)
        .orderBy("v.version", "desc")
        .orderBy("s.position")
        .execute()
    : [];
  const latest = await db()
    .selectFrom("vision_versions")
    .select(sql<number>`max(version)`.as("v"))
    .where("program_id", "=", programId)
    .executeTakeFirst();
  const latestVersion = latest?.v == null ? null : Number(latest.v);
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!byKey.has(r.standard_key)) byKey.set(r.standard_key, r);
  const found = new Map<string, TraceStandard>();
  const missing: TraceView["withoutStandard"] = [];
  for (const s of servers) {
    const row = s.key ? byKey.get(s.key) : undefined;
    if (!row) {
      missing.push({ kind: s.kind, id: s.id, title: s.title });
      continue;
    }
    const std =
      found.get(row.standard_key) ??
      found
        .set(row.standard_key, {
          key: row.standard_key,
          title: row.title,
          description: row.description,
          version: Number(row.version),
          current: Number(row.version) === latestVersion,
          servedBy: [],
        })
        .get(row.standard_key)!;
    if (!std.servedBy.some((x) => x.kind === s.kind && x.id === s.id)) std.servedBy.push({ kind: s.kind, id: s.id, title: s.title });
  }
  const order = (k: string) => Number(byKey.get(k)?.position ?? 0);
  return { found: [...found.values()].sort((a, b) => order(a.key) - order(b.key)), missing };
}
