/**
 * KPI alerts (step 6, "find new problems early"): detection, listing and acknowledging.
 *
 * Detection (`detectKpiAlerts`) applies the rules of kpi-alerts.ts to every active KPI of every
 * active program (or one program / one KPI) and inserts what it finds with `on conflict do
 * nothing` on the unique (kpi, kind, period) key, so running it twice — at once, on two instances —
 * creates each alert once. Each alert it does create is audited (by the system) and notifies, in
 * the same transaction, the KPI's owner, the program's owners and leadership and the
 * organisation's CX office. It runs after every measurement write, at server start and every few
 * minutes (server/jobs/kpi-alerts.ts).
 *
 * Alerts are never deleted: the KPI's program editors (kpi.edit) and the CX office acknowledge them
 * with an optional note (audited); acknowledged alerts stay listed.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, KpiAlert, KpiCadence, KpiDirection, KpiKind } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { DomainError, parseInput } from "./domain.server";
import {
  ACK_NOTE_MAX_CHARS,
  alertCandidates,
  alertRecovered,
  canAcknowledgeAlert,
  utcDay,
  type AlertCandidate,
  type AlertFilter,
  type KpiAlertKind,
  type KpiAlertStatus,
} from "./kpi-alerts";
import { kpiStatus, type KpiStatus } from "./kpi";
import { latestKpiValues } from "./kpi-recent-values.server";
import type { OfficeViewer } from "./kpi-board";
import { notify } from "./notifications.server";
import { orgRoleSeesAllPrograms } from "./permissions";
import { getProgramAccess, listVisiblePrograms } from "./program.server";

/** Where an alert is shown: the KPI board's alerts panel, scrolled to it. */
export function alertUrl(alertId: string): string {
  return `/office/kpis?tab=alerts&alert=${encodeURIComponent(alertId)}`;
}

/** What an alert notification carries (rendered as a sentence in the reader's language). */
export interface AlertNotificationPayload {
  alertKind: KpiAlertKind;
  kpiId: string;
  kpiName: string;
  unit: string;
  programName: string;
  programNameEn: string | null;
  periodKey: string;
  value: number | null;
  threshold: number | null;
  lastMeasuredOn: string | null;
}

interface DetectKpiRow {
  id: string;
  program_id: string;
  org_id: string;
  program_name: string;
  program_name_en: string | null;
  name: string;
  unit: string;
  direction: KpiDirection;
  cadence: KpiCadence;
  alert_threshold: number | null;
  owner_id: string | null;
  created_at: string;
}

export interface DetectOptions {
  programId?: string;
  kpiId?: string;
  /** The UTC day to judge staleness on (tests); today by default. */
  today?: string;
  /** The database to use (the demo seed passes its own); the process's by default. */
  database?: Kysely<Database>;
}

/** Who hears of a new alert: the KPI's owner (while they can still see the program), the program's owners and leadership, the org's CX office. */
async function alertRecipients(tx: Kysely<Database>, orgId: string, programId: string, ownerId: string | null): Promise<string[]> {
  const rows = await tx
    .selectFrom("org_members as om")
    .leftJoin("program_members as pm", (j) => j.onRef("pm.user_id", "=", "om.user_id").on("pm.program_id", "=", programId))
    .select(["om.user_id", "om.role as org_role", "pm.role as program_role"])
    .where("om.org_id", "=", orgId)
    .where((eb) => {
      const any = [eb("om.role", "=", "cx_office"), eb("pm.role", "in", ["owner", "leadership"])];
      if (ownerId) any.push(eb("om.user_id", "=", ownerId));
      return eb.or(any);
    })
    .execute();
  return rows
    .filter(
      (r) =>
        r.org_role === "cx_office" ||
        r.program_role === "owner" ||
        r.program_role === "leadership" ||
        (r.user_id === ownerId && (r.program_role !== null || orgRoleSeesAllPrograms(r.org_role))),
    )
    .map((r) => r.user_id);
}

/** Inserts one alert (once), audits it and notifies; returns the new row or null when it already existed. */
async function raiseAlert(d: Kysely<Database>, kpi: DetectKpiRow, c: AlertCandidate): Promise<KpiAlert | null> {
  return d.transaction().execute(async (tx) => {
    if (c.kind === "threshold") {
      // Checked again inside the transaction: a threshold alert of the KPI still open covers this value.
      const open = await tx
        .selectFrom("kpi_alerts")
        .select("id")
        .where("kpi_id", "=", kpi.id)
        .where("kind", "=", "threshold")
        .where("status", "=", "open")
        .where("period_key", "!=", c.periodKey)
        .executeTakeFirst();
      if (open) return null;
    }
    const row: KpiAlert = {
      id: newId(),
      org_id: kpi.org_id,
      program_id: kpi.program_id,
      kpi_id: kpi.id,
      kind: c.kind,
      period_key: c.periodKey,
      value: c.value,
      threshold: c.threshold,
      status: "open",
      detected_at: nowIso(),
      acknowledged_by: null,
      acknowledged_at: null,
      ack_note: null,
    };
    const inserted = await tx
      .insertInto("kpi_alerts")
      .values(row)
      .onConflict((oc) => oc.columns(["kpi_id", "kind", "period_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return null;
    await recordAudit(tx, {
      orgId: kpi.org_id,
      programId: kpi.program_id,
      actorId: null,
      entityType: "kpi_alert",
      entityId: row.id,
      action: "detect",
      after: { name: kpi.name, kind: c.kind, period: c.periodKey, value: c.value, threshold: c.threshold },
    });
    const payload: AlertNotificationPayload = {
      alertKind: c.kind,
      kpiId: kpi.id,
      kpiName: kpi.name,
      unit: kpi.unit,
      programName: kpi.program_name,
      programNameEn: kpi.program_name_en,
      periodKey: c.periodKey,
      value: c.value,
      threshold: c.threshold,
      lastMeasuredOn: c.lastMeasuredOn,
    };
    await notify(tx, {
      userIds: await alertRecipients(tx, kpi.org_id, kpi.program_id, kpi.owner_id),
      orgId: kpi.org_id,
      programId: kpi.program_id,
      kind: "alert",
      entityId: row.id,
      actorId: null,
      url: alertUrl(row.id),
      payload: { ...payload },
    });
    return row;
  });
}

/**
 * Detects threshold and stale alerts for the active KPIs of active programs (all, one program or
 * one KPI). Idempotent: what exists is left alone. Returns the alerts it created.
 */
export async function detectKpiAlerts(opts: DetectOptions = {}): Promise<KpiAlert[]> {
  const d = opts.database ?? db();
  const today = opts.today ?? utcDay();
  let q = d
    .selectFrom("kpis as k")
    .innerJoin("programs as p", "p.id", "k.program_id")
    .select([
      "k.id",
      "k.program_id",
      "p.org_id",
      "p.name as program_name",
      "p.name_en as program_name_en",
      "k.name",
      "k.unit",
      "k.direction",
      "k.cadence",
      "k.alert_threshold",
      "k.owner_id",
      "k.created_at",
    ])
    .where("k.archived_at", "is", null)
    .where("p.archived_at", "is", null);
  if (opts.programId) q = q.where("k.program_id", "=", opts.programId);
  if (opts.kpiId) q = q.where("k.id", "=", opts.kpiId);
  const kpis = (await q.orderBy("k.created_at").orderBy("k.id").execute()) as DetectKpiRow[];
  if (kpis.length === 0) return [];
  const ids = kpis.map((k) => k.id);
  const latest = await latestKpiValues(d, ids);
  // The days of each KPI's open threshold alerts: one open for another day covers a new bad value.
  const openThreshold = new Map<string, Set<string>>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await d
      .selectFrom("kpi_alerts")
      .select(["kpi_id", "period_key"])
      .where("kpi_id", "in", ids.slice(i, i + 500))
      .where("kind", "=", "threshold")
      .where("status", "=", "open")
      .execute();
    for (const r of rows) (openThreshold.get(r.kpi_id) ?? openThreshold.set(r.kpi_id, new Set()).get(r.kpi_id)!).add(r.period_key);
  }
  const created: KpiAlert[] = [];
  for (const k of kpis) {
    const last = latest.get(k.id) ?? null;
    const candidates = alertCandidates(
      {
        direction: k.direction,
        cadence: k.cadence,
        alertThreshold: k.alert_threshold === null ? null : Number(k.alert_threshold),
        createdAt: k.created_at,
        latest: last,
        hasOpenThresholdAlert: [...(openThreshold.get(k.id) ?? [])].some((day) => day !== last?.date),
      },
      today,
    );
    for (const c of candidates) {
      const row = await raiseAlert(d, k, c);
      if (row) created.push(row);
    }
  }
  return created;
}

/** Detection after a measurement write: never fails the write (logged instead). */
export async function detectAfterMeasurement(kpiId: string): Promise<void> {
  try {
    await detectKpiAlerts({ kpiId });
  } catch (error) {
    console.error("[kpi-alerts] detection after a measurement failed", error);
  }
}

// ——— reading ———

export interface KpiAlertView {
  id: string;
  kind: KpiAlertKind;
  status: KpiAlertStatus;
  /** threshold: the day of the value; stale: the day the next value was due. */
  periodKey: string;
  value: number | null;
  threshold: number | null;
  detectedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  note: string | null;
  /** stale: the day of the last value before it went stale (null: never measured, see kpi.createdAt). */
  sinceDay: string | null;
  /** The KPI is back within its threshold / measured again since (the alert stays open until acknowledged). */
  recovered: boolean;
  kpi: {
    id: string;
    name: string;
    kind: KpiKind;
    unit: string;
    direction: KpiDirection;
    cadence: KpiCadence;
    alertThreshold: number | null;
    target: number | null;
    createdAt: string;
    latest: { date: string; value: number } | null;
    status: KpiStatus;
    url: string;
    traceUrl: string;
  };
  program: { id: string; name: string; nameEn: string | null };
  canAcknowledge: boolean;
  url: string;
}

export interface AlertListFilter {
  status?: AlertFilter;
  programId?: string | null;
  kpiId?: string | null;
  /** Detected on or after this instant (ISO), e.g. a report period's start. */
  detectedFrom?: string | null;
  /** Detected before this instant (ISO). */
  detectedBefore?: string | null;
  limit?: number;
}

async function toAlertViews(rows: KpiAlert[], accessByProgram: Map<string, boolean>): Promise<KpiAlertView[]> {
  if (rows.length === 0) return [];
  const d = db();
  const kpiIds = [...new Set(rows.map((r) => r.kpi_id))];
  const programIds = [...new Set(rows.map((r) => r.program_id))];
  const ackIds = [...new Set(rows.map((r) => r.acknowledged_by).filter((x): x is string => !!x))];
  const [kpis, programs, users, latest] = await Promise.all([
    d
      .selectFrom("kpis")
      .select(["id", "name", "kind", "unit", "direction", "cadence", "alert_threshold", "target", "created_at"])
      .where("id", "in", kpiIds)
      .execute(),
    d.selectFrom("programs").select(["id", "name", "name_en"]).where("id", "in", programIds).execute(),
    ackIds.length ? d.selectFrom("users").select(["id", "name"]).where("id", "in", ackIds).execute() : Promise.resolve([]),
    latestKpiValues(d, kpiIds),
  ]);
  const kpiById = new Map(kpis.map((k) => [k.id, k]));
  const programById = new Map(programs.map((p) => [p.id, p]));
  const userById = new Map(users.map((u) => [u.id, u]));
  // The last value before each stale alert's due day ("no value since …").
  const since = new Map<string, string | null>();
  for (const r of rows.filter((x) => x.kind === "stale")) {
    const prev = await d
      .selectFrom("kpi_measurements")
      .select((eb) => eb.fn.max("measured_on").as("d"))
      .where("kpi_id", "=", r.kpi_id)
      .where("measured_on", "<", r.period_key)
      .executeTakeFirst();
    since.set(r.id, (prev?.d as string | null | undefined) ?? null);
  }
  return rows.map((r) => {
    const k = kpiById.get(r.kpi_id)!;
    const p = programById.get(r.program_id)!;
    const num = (v: number | null) => (v === null ? null : Number(v));
    const rule = { direction: k.direction, cadence: k.cadence, alertThreshold: num(k.alert_threshold), target: num(k.target) };
    const last = latest.get(k.id) ?? null;
    const ackBy = r.acknowledged_by ? (userById.get(r.acknowledged_by) ?? null) : null;
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      periodKey: r.period_key,
      value: num(r.value),
      threshold: num(r.threshold),
      detectedAt: r.detected_at,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: ackBy ? { id: ackBy.id, name: ackBy.name } : null,
      note: r.ack_note,
      sinceDay: r.kind === "stale" ? (since.get(r.id) ?? null) : null,
      recovered: alertRecovered({ kind: r.kind, periodKey: r.period_key }, { ...rule, latest: last }),
      kpi: {
        id: k.id,
        name: k.name,
        kind: k.kind,
        unit: k.unit,
        direction: k.direction,
        cadence: k.cadence,
        alertThreshold: rule.alertThreshold,
        target: rule.target,
        createdAt: k.created_at,
        latest: last,
        status: kpiStatus(rule, last?.value),
        url: `/programs/${r.program_id}/kpis/${k.id}`,
        traceUrl: `/programs/${r.program_id}/trace/kpi/${k.id}`,
      },
      program: { id: p.id, name: p.name, nameEn: p.name_en },
      canAcknowledge: accessByProgram.get(r.program_id) ?? false,
      url: alertUrl(r.id),
    };
  });
}

/** The programs the viewer sees in the org, with whether they may acknowledge there. */
async function visibleAckMap(viewer: OfficeViewer): Promise<Map<string, boolean>> {
  const programs = await listVisiblePrograms(viewer.userId, viewer.orgId);
  return new Map(programs.map((p) => [p.id, canAcknowledgeAlert({ role: p.role, office: p.office })]));
}

/**
 * The alerts of the programs the viewer sees in the organisation: open first, newest first within
 * each; `status` open | acknowledged | all (default all).
 */
export async function listKpiAlerts(viewer: OfficeViewer, filter: AlertListFilter = {}): Promise<KpiAlertView[]> {
  const access = await visibleAckMap(viewer);
  let programIds = [...access.keys()];
  if (filter.programId) programIds = programIds.filter((id) => id === filter.programId);
  if (programIds.length === 0) return [];
  let q = db().selectFrom("kpi_alerts").selectAll().where("org_id", "=", viewer.orgId).where("program_id", "in", programIds);
  if (filter.status && filter.status !== "all") q = q.where("status", "=", filter.status);
  if (filter.kpiId) q = q.where("kpi_id", "=", filter.kpiId);
  if (filter.detectedFrom) q = q.where("detected_at", ">=", filter.detectedFrom);
  if (filter.detectedBefore) q = q.where("detected_at", "<", filter.detectedBefore);
  // "open" sorts after "acknowledged": descending puts open alerts first.
  const rows = await q
    .orderBy("status", "desc")
    .orderBy("detected_at", "desc")
    .orderBy("id")
    .limit(Math.min(filter.limit ?? 200, 1000))
    .execute();
  return toAlertViews(rows, access);
}

/** One alert the viewer may see in the organisation, or null. */
export async function getKpiAlert(viewer: OfficeViewer, alertId: unknown): Promise<KpiAlertView | null> {
  if (typeof alertId !== "string" || !alertId || alertId.length > 100) return null;
  const row = await db().selectFrom("kpi_alerts").selectAll().where("id", "=", alertId).where("org_id", "=", viewer.orgId).executeTakeFirst();
  if (!row) return null;
  const access = await visibleAckMap(viewer);
  if (!access.has(row.program_id)) return null;
  return (await toAlertViews([row], access))[0];
}

/** Open alerts per KPI of the given programs (the board's count). */
export async function openAlertCounts(programIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (programIds.length === 0) return out;
  const rows = await db()
    .selectFrom("kpi_alerts")
    .select(["kpi_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("program_id", "in", programIds)
    .where("status", "=", "open")
    .groupBy("kpi_id")
    .execute();
  for (const r of rows) out.set(r.kpi_id, Number(r.n));
  return out;
}

export interface ProgramOpenAlert {
  id: string;
  kind: KpiAlertKind;
  kpiId: string;
  kpiName: string;
  unit: string;
  periodKey: string;
  value: number | null;
  threshold: number | null;
  detectedAt: string;
  url: string;
}

/** A program's open alerts, newest first (the KPI registry's banner; the caller has checked the program is visible). */
export async function listProgramOpenAlerts(programId: string): Promise<ProgramOpenAlert[]> {
  const rows = await db()
    .selectFrom("kpi_alerts as a")
    .innerJoin("kpis as k", "k.id", "a.kpi_id")
    .select(["a.id", "a.kind", "a.kpi_id", "k.name", "k.unit", "a.period_key", "a.value", "a.threshold", "a.detected_at"])
    .where("a.program_id", "=", programId)
    .where("a.status", "=", "open")
    .where("k.archived_at", "is", null)
    .orderBy("a.detected_at", "desc")
    .orderBy("a.id")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kpiId: r.kpi_id,
    kpiName: r.name,
    unit: r.unit,
    periodKey: r.period_key,
    value: r.value === null ? null : Number(r.value),
    threshold: r.threshold === null ? null : Number(r.threshold),
    detectedAt: r.detected_at,
    url: alertUrl(r.id),
  }));
}

// ——— acknowledging ———

export const AcknowledgeInputSchema = z.object({
  note: z.preprocess(
    (v) => (v == null ? "" : v),
    z.string({ error: "validation.invalid" }).trim().max(ACK_NOTE_MAX_CHARS, "validation.tooLong"),
  ),
});

/**
 * Acknowledges an open alert with an optional note: the KPI's program editors (kpi.edit) and the
 * CX office. An alert of a program the user cannot see is "not found" (404); others are refused
 * (403); an alert already acknowledged answers 409. Audited; the acknowledger's own notification
 * of it is marked read.
 */
export async function acknowledgeKpiAlert(user: { id: string }, alertId: unknown, input: unknown): Promise<KpiAlertView> {
  const notFound = () => new DomainError(404, "kpiAlerts.errors.notFound");
  if (typeof alertId !== "string" || !alertId || alertId.length > 100) throw notFound();
  const alert = await db().selectFrom("kpi_alerts").selectAll().where("id", "=", alertId).executeTakeFirst();
  if (!alert) throw notFound();
  const found = await getProgramAccess(user.id, alert.program_id);
  if (!found) throw notFound();
  if (!canAcknowledgeAlert(found.access)) throw new DomainError(403, "errors.forbidden");
  const { note } = parseInput(AcknowledgeInputSchema, input ?? {});
  const now = nowIso();
  await db()
    .transaction()
    .execute(async (tx) => {
      const res = await tx
        .updateTable("kpi_alerts")
        .set({ status: "acknowledged", acknowledged_by: user.id, acknowledged_at: now, ack_note: note || null })
        .where("id", "=", alert.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new DomainError(409, "kpiAlerts.errors.alreadyAcknowledged");
      const kpi = await tx.selectFrom("kpis").select("name").where("id", "=", alert.kpi_id).executeTakeFirst();
      await recordAudit(tx, {
        orgId: alert.org_id,
        programId: alert.program_id,
        actorId: user.id,
        entityType: "kpi_alert",
        entityId: alert.id,
        action: "acknowledge",
        before: { status: "open" },
        after: { name: kpi?.name ?? "", status: "acknowledged", note },
      });
      await tx
        .updateTable("notifications")
        .set({ read_at: now })
        .where("user_id", "=", user.id)
        .where("kind", "=", "alert")
        .where("entity_id", "=", alert.id)
        .where("read_at", "is", null)
        .execute();
    });
  const view = await getKpiAlert({ userId: user.id, orgId: alert.org_id }, alert.id);
  if (!view) throw notFound();
  return view;
}
