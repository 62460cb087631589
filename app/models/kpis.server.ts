/**
 * The KPI registry of a program (step 4): create from a template or custom, edit, archive and
 * restore, list with the latest value, trend, status and a sparkline, link and unlink initiatives,
 * a journey map and one of its touchpoints (checked against the program). Every change is audited
 * in the same transaction. Needs `kpi.edit` (owner, project team); everyone who sees the program
 * reads. The pairing rule (an initiative tracks at least one process KPI and one outcome KPI) is
 * answered per initiative by `initiativeKpiWarnings`.
 */
import type { Kysely } from "kysely";
import type { Database, InitiativeKind, InitiativeStatus, Kpi } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { tFor, type Locale } from "../i18n/config";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import {
  alertSince,
  kpiStatus,
  kpiTrend,
  KpiInputSchema,
  pairingWarnings,
  withTemplateDefaults,
  type InitiativeKpiWarning,
  type KpiCadence,
  type KpiDirection,
  type KpiInput,
  type KpiKind,
  type KpiStatus,
  type KpiTemplateKey,
  type KpiTrend,
} from "./kpi";
import { can } from "./permissions";
import { publishedStandardOptions, standardKeyAllowed } from "./standard-refs.server";

/** How many of the latest values a sparkline shows. */
export const SPARKLINE_POINTS = 16;

export interface KpiView {
  id: string;
  programId: string;
  name: string;
  kind: KpiKind;
  template: KpiTemplateKey | null;
  description: string;
  unit: string;
  direction: KpiDirection;
  baseline: number | null;
  target: number | null;
  alertThreshold: number | null;
  owner: { id: string; name: string } | null;
  cadence: KpiCadence;
  journeyMap: { id: string; name: string } | null;
  touchpoint: { id: string; text: string } | null;
  initiatives: { id: string; title: string; kind: InitiativeKind; status: InitiativeStatus }[];
  /** The published quality standard it serves (vision_standards.standard_key), for traceability. */
  standardKey: string | null;
  latest: { date: string; value: number } | null;
  previous: { date: string; value: number } | null;
  trend: KpiTrend;
  status: KpiStatus;
  /** The day the KPI entered the alert zone, while it is still there. */
  alertSince: string | null;
  measurementCount: number;
  sparkline: { date: string; value: number }[];
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

function kpiNotFound(): DomainError {
  return new DomainError(404, "kpis.errors.notFound");
}

async function requireKpiRow(tx: Kysely<Database>, programId: string, id: unknown): Promise<Kpi> {
  if (typeof id !== "string" || !id || id.length > 100) throw kpiNotFound();
  const row = await tx.selectFrom("kpis").selectAll().where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw kpiNotFound();
  return row;
}

/** The KPI row of the actor's program, or 404 (a KPI of another program is "not found"). */
export function requireKpi(actor: Actor, id: unknown): Promise<Kpi> {
  return requireKpiRow(db(), actor.program.id, id);
}

/** Finds which program a KPI belongs to (for /api/v1/kpis/:kpiId), or null. */
export async function findKpiProgram(id: unknown): Promise<string | null> {
  if (typeof id !== "string" || !id || id.length > 100) return null;
  const row = await db().selectFrom("kpis").select("program_id").where("id", "=", id).executeTakeFirst();
  return row?.program_id ?? null;
}

/** Checks owner, journey map, touchpoint and initiatives against the program; refuses with field errors. */
async function checkReferences(tx: Kysely<Database>, programId: string, data: KpiInput, currentStandard: string | null = null): Promise<string[]> {
  const fields: Record<string, string> = {};
  if (!(await standardKeyAllowed(tx, programId, data.standardKey, currentStandard))) fields.standardKey = "kpis.errors.standardUnknown";
  if (data.ownerId) {
    const member = await tx
      .selectFrom("program_members")
      .select("role")
      .where("program_id", "=", programId)
      .where("user_id", "=", data.ownerId)
      .executeTakeFirst();
    if (!member || member.role === "viewer") fields.ownerId = "kpis.errors.ownerUnknown";
  }
  if (data.journeyMapId) {
    const map = await tx
      .selectFrom("journey_maps")
      .select("id")
      .where("id", "=", data.journeyMapId)
      .where("program_id", "=", programId)
      .executeTakeFirst();
    if (!map) fields.journeyMapId = "kpis.errors.mapUnknown";
    else if (data.touchpointId) {
      const tp = await tx
        .selectFrom("journey_cards")
        .select("doc_object_id")
        .where("map_id", "=", data.journeyMapId)
        .where("doc_object_id", "=", data.touchpointId)
        .where("lane", "=", "touchpoints")
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!tp) fields.touchpointId = "kpis.errors.touchpointUnknown";
    }
  }
  const initiativeIds = [...new Set(data.initiativeIds)];
  if (initiativeIds.length > 0) {
    const found = await tx.selectFrom("initiatives").select("id").where("program_id", "=", programId).where("id", "in", initiativeIds).execute();
    if (found.length !== initiativeIds.length) fields.initiativeIds = "kpis.errors.initiativeUnknown";
  }
  if (Object.keys(fields).length > 0) throw new DomainError(422, "errors.invalid_input", fields);
  return initiativeIds;
}

function editableColumns(data: KpiInput) {
  return {
    name: data.name,
    kind: data.kind,
    template: data.template,
    description: data.description,
    unit: data.unit,
    direction: data.direction,
    baseline: data.baseline,
    target: data.target,
    alert_threshold: data.alertThreshold,
    owner_id: data.ownerId,
    cadence: data.cadence,
    journey_map_id: data.journeyMapId,
    touchpoint_id: data.journeyMapId ? data.touchpointId : null,
    // Left out (undefined): the standard stays as it is.
    ...(data.standardKey !== undefined ? { standard_key: data.standardKey } : {}),
  };
}

const snapshot = (k: Kpi) => ({
  name: k.name,
  kind: k.kind,
  template: k.template,
  description: k.description,
  unit: k.unit,
  direction: k.direction,
  baseline: k.baseline,
  target: k.target,
  alertThreshold: k.alert_threshold,
  ownerId: k.owner_id,
  cadence: k.cadence,
  journeyMapId: k.journey_map_id,
  touchpointId: k.touchpoint_id,
  standardKey: k.standard_key,
});

function parseKpiInput(input: unknown, locale: Locale): KpiInput {
  const t = tFor(locale);
  return parseInput(KpiInputSchema, withTemplateDefaults(input, (key) => String(t(`kpis.templates.${key}.name`))));
}

/** Creates a KPI (from a template when `template` is given: it fills what is left out). */
export async function createKpi(actor: Actor, input: unknown, locale: Locale = "zh-CN"): Promise<KpiView> {
  requireCan(actor, "kpi.edit");
  const data = parseKpiInput(input, locale);
  const id = newId();
  const now = nowIso();
  await db()
    .transaction()
    .execute(async (tx) => {
      const initiativeIds = await checkReferences(tx, actor.program.id, data);
      await tx
        .insertInto("kpis")
        .values({ id, program_id: actor.program.id, ...editableColumns(data), created_by: actor.user.id, created_at: now, updated_at: now, archived_at: null })
        .execute();
      if (initiativeIds.length) {
        await tx.insertInto("kpi_initiatives").values(initiativeIds.map((i) => ({ kpi_id: id, initiative_id: i, created_at: now }))).execute();
      }
      await auditAs(tx, actor, { entityType: "kpi", entityId: id, action: "create", after: { ...data, initiativeIds } });
    });
  return getKpi(actor, id);
}

/** Edits a KPI (its linked initiatives become exactly `initiativeIds`). */
export async function updateKpi(actor: Actor, id: unknown, input: unknown, locale: Locale = "zh-CN"): Promise<KpiView> {
  requireCan(actor, "kpi.edit");
  const data = parseKpiInput(input, locale);
  const now = nowIso();
  const kpiId = await db()
    .transaction()
    .execute(async (tx) => {
      const before = await requireKpiRow(tx, actor.program.id, id);
      if (before.archived_at) throw new DomainError(409, "kpis.errors.archived");
      const initiativeIds = await checkReferences(tx, actor.program.id, data, before.standard_key);
      const beforeLinks = await tx.selectFrom("kpi_initiatives").select("initiative_id").where("kpi_id", "=", before.id).execute();
      await tx.updateTable("kpis").set({ ...editableColumns(data), updated_at: now }).where("id", "=", before.id).execute();
      await tx.deleteFrom("kpi_initiatives").where("kpi_id", "=", before.id).execute();
      if (initiativeIds.length) {
        await tx.insertInto("kpi_initiatives").values(initiativeIds.map((i) => ({ kpi_id: before.id, initiative_id: i, created_at: now }))).execute();
      }
      await auditAs(tx, actor, {
        entityType: "kpi",
        entityId: before.id,
        action: "update",
        before: { ...snapshot(before), initiativeIds: beforeLinks.map((l) => l.initiative_id) },
        after: { ...data, initiativeIds },
      });
      return before.id;
    });
  return getKpi(actor, kpiId);
}

/** Archives (or restores) a KPI: an archived KPI keeps its measurements but takes no new ones. */
export async function setKpiArchived(actor: Actor, id: unknown, archived: boolean): Promise<KpiView> {
  requireCan(actor, "kpi.edit");
  const now = nowIso();
  const kpiId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireKpiRow(tx, actor.program.id, id);
      if (Boolean(row.archived_at) === archived) return row.id;
      await tx
        .updateTable("kpis")
        .set({ archived_at: archived ? now : null, updated_at: now })
        .where("id", "=", row.id)
        .execute();
      await auditAs(tx, actor, {
        entityType: "kpi",
        entityId: row.id,
        action: archived ? "archive" : "restore",
        before: { archivedAt: row.archived_at },
        after: { archivedAt: archived ? now : null },
      });
      return row.id;
    });
  return getKpi(actor, kpiId);
}

async function requireInitiativeOf(tx: Kysely<Database>, programId: string, initiativeId: unknown): Promise<string> {
  if (typeof initiativeId !== "string" || !initiativeId || initiativeId.length > 100) {
    throw new DomainError(422, "errors.invalid_input", { initiativeId: "kpis.errors.initiativeUnknown" });
  }
  const row = await tx.selectFrom("initiatives").select("id").where("id", "=", initiativeId).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw new DomainError(422, "errors.invalid_input", { initiativeId: "kpis.errors.initiativeUnknown" });
  return row.id;
}

/** Links an initiative of the same program to a KPI (linking twice changes nothing). */
export async function linkKpiInitiative(actor: Actor, kpiId: unknown, initiativeId: unknown): Promise<void> {
  requireCan(actor, "kpi.edit");
  await db()
    .transaction()
    .execute(async (tx) => {
      const kpi = await requireKpiRow(tx, actor.program.id, kpiId);
      const iid = await requireInitiativeOf(tx, actor.program.id, initiativeId);
      const existing = await tx.selectFrom("kpi_initiatives").select("kpi_id").where("kpi_id", "=", kpi.id).where("initiative_id", "=", iid).executeTakeFirst();
      if (existing) return;
      await tx.insertInto("kpi_initiatives").values({ kpi_id: kpi.id, initiative_id: iid, created_at: nowIso() }).execute();
      await auditAs(tx, actor, { entityType: "kpi", entityId: kpi.id, action: "link_initiative", after: { initiativeId: iid } });
    });
}

export async function unlinkKpiInitiative(actor: Actor, kpiId: unknown, initiativeId: unknown): Promise<void> {
  requireCan(actor, "kpi.edit");
  await db()
    .transaction()
    .execute(async (tx) => {
      const kpi = await requireKpiRow(tx, actor.program.id, kpiId);
      if (typeof initiativeId !== "string") return;
      const res = await tx.deleteFrom("kpi_initiatives").where("kpi_id", "=", kpi.id).where("initiative_id", "=", initiativeId).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return;
      await auditAs(tx, actor, { entityType: "kpi", entityId: kpi.id, action: "unlink_initiative", before: { initiativeId } });
    });
}

async function toViews(rows: Kpi[]): Promise<KpiView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ownerIds = [...new Set(rows.map((r) => r.owner_id).filter((x): x is string => !!x))];
  const mapIds = [...new Set(rows.map((r) => r.journey_map_id).filter((x): x is string => !!x))];
  const d = db();
  const [owners, maps, touchpoints, links, points] = await Promise.all([
    ownerIds.length ? d.selectFrom("users").select(["id", "name"]).where("id", "in", ownerIds).execute() : Promise.resolve([]),
    mapIds.length ? d.selectFrom("journey_maps").select(["id", "name"]).where("id", "in", mapIds).execute() : Promise.resolve([]),
    mapIds.length
      ? d.selectFrom("journey_cards").select(["map_id", "doc_object_id", "text"]).where("map_id", "in", mapIds).where("lane", "=", "touchpoints").execute()
      : Promise.resolve([]),
    d
      .selectFrom("kpi_initiatives as l")
      .innerJoin("initiatives as i", "i.id", "l.initiative_id")
      .select(["l.kpi_id", "i.id", "i.title", "i.kind", "i.status"])
      .where("l.kpi_id", "in", ids)
      .orderBy("i.created_at")
      .execute(),
    // Every value of these KPIs, oldest first: the registry needs only the last few per KPI, the
    // counts and the alert start; a program holds tens of KPIs with hundreds of values each.
    d
      .selectFrom("kpi_measurements")
      .select(["kpi_id", "measured_on", "value"])
      .where("kpi_id", "in", ids)
      .orderBy("kpi_id")
      .orderBy("measured_on")
      .execute(),
  ]);
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const mapById = new Map(maps.map((m) => [m.id, m]));
  const tpByKey = new Map(touchpoints.map((tp) => [`${tp.map_id}:${tp.doc_object_id}`, tp.text]));
  const linksByKpi = new Map<string, KpiView["initiatives"]>();
  for (const l of links) (linksByKpi.get(l.kpi_id) ?? linksByKpi.set(l.kpi_id, []).get(l.kpi_id)!).push({ id: l.id, title: l.title, kind: l.kind, status: l.status });
  const pointsByKpi = new Map<string, { date: string; value: number }[]>();
  for (const p of points) (pointsByKpi.get(p.kpi_id) ?? pointsByKpi.set(p.kpi_id, []).get(p.kpi_id)!).push({ date: p.measured_on, value: Number(p.value) });
  return rows.map((r) => {
    const series = pointsByKpi.get(r.id) ?? [];
    const num = (v: number | null) => (v === null ? null : Number(v));
    const rule = { direction: r.direction, target: num(r.target), alertThreshold: num(r.alert_threshold) };
    const latest = series.at(-1) ?? null;
    const tpText = r.journey_map_id && r.touchpoint_id ? tpByKey.get(`${r.journey_map_id}:${r.touchpoint_id}`) : undefined;
    return {
      id: r.id,
      programId: r.program_id,
      name: r.name,
      kind: r.kind,
      template: (r.template as KpiTemplateKey | null) ?? null,
      description: r.description,
      unit: r.unit,
      direction: r.direction,
      baseline: num(r.baseline),
      target: rule.target,
      alertThreshold: rule.alertThreshold,
      owner: r.owner_id ? (ownerById.get(r.owner_id) ?? null) : null,
      cadence: r.cadence,
      journeyMap: r.journey_map_id ? (mapById.get(r.journey_map_id) ?? null) : null,
      touchpoint: r.touchpoint_id && tpText !== undefined ? { id: r.touchpoint_id, text: tpText } : null,
      initiatives: linksByKpi.get(r.id) ?? [],
      standardKey: r.standard_key ?? null,
      latest,
      previous: series.at(-2) ?? null,
      trend: kpiTrend(r.direction, series.slice(-2).map((p) => p.value)).trend,
      status: kpiStatus(rule, latest?.value),
      alertSince: alertSince(rule, series),
      measurementCount: series.length,
      sparkline: series.slice(-SPARKLINE_POINTS),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      archivedAt: r.archived_at,
    };
  });
}

/** The program's KPIs (active first by kind and name; archived only when asked). */
export async function listKpis(programId: string, opts: { includeArchived?: boolean } = {}): Promise<KpiView[]> {
  let q = db().selectFrom("kpis").selectAll().where("program_id", "=", programId);
  if (!opts.includeArchived) q = q.where("archived_at", "is", null);
  const rows = await q.orderBy("kind", "desc").orderBy("created_at").orderBy("id").execute();
  return toViews(rows);
}

export async function getKpi(actor: Actor, id: unknown): Promise<KpiView> {
  const row = await requireKpi(actor, id);
  return (await toViews([row]))[0];
}

/** What the viewer may do with KPIs (the UI hides what the server would refuse). */
export function kpiAbilities(actor: Pick<Actor, "access">) {
  return { canEdit: can(actor.access, "kpi.edit"), canMeasure: can(actor.access, "measurement.add") };
}

export interface InitiativeKpiCheck {
  initiativeId: string;
  title: string;
  kind: InitiativeKind;
  status: InitiativeStatus;
  kpis: { id: string; name: string; kind: KpiKind }[];
  warnings: InitiativeKpiWarning[];
}

/**
 * The pairing check for every initiative of the program that is not dropped: which (active) KPIs
 * track it and whether it lacks a process KPI or an outcome KPI.
 */
export async function initiativeKpiWarnings(programId: string): Promise<InitiativeKpiCheck[]> {
  const [initiatives, links] = await Promise.all([
    db()
      .selectFrom("initiatives")
      .select(["id", "title", "kind", "status"])
      .where("program_id", "=", programId)
      .where("status", "!=", "dropped")
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db()
      .selectFrom("kpi_initiatives as l")
      .innerJoin("kpis as k", "k.id", "l.kpi_id")
      .select(["l.initiative_id", "k.id", "k.name", "k.kind"])
      .where("k.program_id", "=", programId)
      .where("k.archived_at", "is", null)
      .orderBy("k.name")
      .execute(),
  ]);
  const byInitiative = new Map<string, InitiativeKpiCheck["kpis"]>();
  for (const l of links) (byInitiative.get(l.initiative_id) ?? byInitiative.set(l.initiative_id, []).get(l.initiative_id)!).push({ id: l.id, name: l.name, kind: l.kind });
  return initiatives.map((i) => {
    const kpis = byInitiative.get(i.id) ?? [];
    return { initiativeId: i.id, title: i.title, kind: i.kind, status: i.status, kpis, warnings: pairingWarnings(kpis.map((k) => k.kind)) };
  });
}

/** The pairing check of one initiative (null when it is not an initiative of the program). */
export async function kpiWarningsForInitiative(programId: string, initiativeId: string): Promise<InitiativeKpiCheck | null> {
  return (await initiativeKpiWarnings(programId)).find((c) => c.initiativeId === initiativeId) ?? null;
}

/** Options for the KPI form: owners (members but viewers), maps with their touchpoints, initiatives, published standards. */
export async function kpiFormOptions(programId: string) {
  const d = db();
  const [owners, maps, touchpoints, initiatives, standards] = await Promise.all([
    d
      .selectFrom("program_members as pm")
      .innerJoin("users as u", "u.id", "pm.user_id")
      .select(["u.id", "u.name", "pm.role"])
      .where("pm.program_id", "=", programId)
      .where("pm.role", "!=", "viewer")
      .orderBy("u.name")
      .execute(),
    d.selectFrom("journey_maps").select(["id", "name"]).where("program_id", "=", programId).where("archived_at", "is", null).orderBy("created_at").execute(),
    d
      .selectFrom("journey_cards as c")
      .innerJoin("journey_maps as m", "m.id", "c.map_id")
      .select(["c.map_id", "c.doc_object_id", "c.text"])
      .where("m.program_id", "=", programId)
      .where("m.archived_at", "is", null)
      .where("c.lane", "=", "touchpoints")
      .where("c.deleted_at", "is", null)
      .orderBy("c.stage_id")
      .orderBy("c.position")
      .execute(),
    d
      .selectFrom("initiatives")
      .select(["id", "title", "kind", "status"])
      .where("program_id", "=", programId)
      .where("status", "!=", "dropped")
      .orderBy("created_at")
      .execute(),
    publishedStandardOptions(programId),
  ]);
  return {
    standards: standards.map((s) => ({ key: s.key, title: s.title })),
    owners,
    maps: maps.map((m) => ({
      id: m.id,
      name: m.name,
      touchpoints: touchpoints.filter((tp) => tp.map_id === m.id).map((tp) => ({ id: tp.doc_object_id, text: tp.text })),
    })),
    initiatives,
  };
}
