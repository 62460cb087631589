/**
 * The one door to the audit log: every mutation in every feature records itself through
 * recordAudit, inside the same transaction as the change it describes.
 */
import type { Kysely } from "kysely";
import type { AuditEntry, Database } from "../../db/schema";
import { db, newId } from "../db.server";

export interface AuditInput {
  orgId: string;
  programId: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

const MAX_SUMMARY = 4000;

function summarise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

const g = globalThis as typeof globalThis & { __cxAuditClock?: number };

/**
 * The entry's time: now, or one millisecond after this process's previous entry, so entries
 * written in quick succession (a create then an archive in the same millisecond) keep their order.
 */
function auditTime(): string {
  const now = Date.now();
  const at = Math.max(now, (g.__cxAuditClock ?? 0) + 1);
  g.__cxAuditClock = at;
  return new Date(at).toISOString();
}

export async function recordAudit(tx: Kysely<Database>, entry: AuditInput): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({
      id: newId(),
      org_id: entry.orgId,
      program_id: entry.programId,
      actor_id: entry.actorId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      before_summary: summarise(entry.before),
      after_summary: summarise(entry.after),
      created_at: auditTime(),
    })
    .execute();
}

export interface AuditRow extends AuditEntry {
  actor_name: string | null;
  actor_email: string | null;
}

export interface AuditFilter {
  programId?: string;
  orgId?: string;
  actorId?: string;
  entityType?: string;
  since?: string;
  until?: string;
  limit?: number;
  before?: string;
  /** With `before`: the id of the last entry shown, so entries written at the same instant are not skipped. */
  beforeId?: string;
}

/** What narrows any activity feed: person, artefact type, date range and the "older" cursor. */
export type AuditWindow = Pick<AuditFilter, "actorId" | "entityType" | "since" | "until" | "before" | "beforeId">;

function auditRowsQuery() {
  return db()
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .selectAll("audit_log")
    .select(["users.name as actor_name", "users.email as actor_email"]);
}

export type AuditRowsQuery = ReturnType<typeof auditRowsQuery>;

/**
 * Newest first, at most `limit`: the entries `scope` keeps (null keeps none) within the window.
 * Shared by the program's activity (listAudit) and the organisation's (listOrgActivity).
 */
export async function selectAuditRows(
  window: AuditWindow,
  limit: number,
  scope: (q: AuditRowsQuery) => AuditRowsQuery | null,
): Promise<AuditRow[]> {
  let q = scope(auditRowsQuery());
  if (!q) return [];
  if (window.actorId) q = q.where("audit_log.actor_id", "=", window.actorId);
  if (window.entityType) q = q.where("audit_log.entity_type", "=", window.entityType);
  if (window.since) q = q.where("audit_log.created_at", ">=", window.since);
  if (window.until) q = q.where("audit_log.created_at", "<=", window.until);
  if (window.before) {
    const { before, beforeId } = window;
    q = beforeId
      ? q.where((eb) => eb.or([eb("audit_log.created_at", "<", before), eb.and([eb("audit_log.created_at", "=", before), eb("audit_log.id", "<", beforeId)])]))
      : q.where("audit_log.created_at", "<", before);
  }
  return q.orderBy("audit_log.created_at", "desc").orderBy("audit_log.id", "desc").limit(limit).execute();
}

/** Newest first. Filter by program (or organisation), person, artefact type and date range. */
export async function listAudit(filter: AuditFilter): Promise<AuditRow[]> {
  return selectAuditRows(filter, Math.min(filter.limit ?? 100, 500), (q) => {
    if (filter.programId) q = q.where("audit_log.program_id", "=", filter.programId);
    if (filter.orgId) q = q.where("audit_log.org_id", "=", filter.orgId);
    return q;
  });
}

export interface AuditFacets {
  /** Artefact types that occur in the program's log, alphabetically. */
  entityTypes: string[];
  /** Everyone who acted in the program (including people who have since left it). */
  actors: { id: string; name: string }[];
}

/** The values the activity page's filters can take for one program. */
export async function listAuditFacets(programId: string): Promise<AuditFacets> {
  const [types, actors] = await Promise.all([
    db()
      .selectFrom("audit_log")
      .select("entity_type")
      .distinct()
      .where("program_id", "=", programId)
      .orderBy("entity_type")
      .execute(),
    db()
      .selectFrom("audit_log")
      .innerJoin("users", "users.id", "audit_log.actor_id")
      .select(["users.id", "users.name"])
      .distinct()
      .where("audit_log.program_id", "=", programId)
      .orderBy("users.name")
      .execute(),
  ]);
  return { entityTypes: types.map((r) => r.entity_type), actors };
}
