/**
 * The one door to the audit log: every mutation in every feature records itself through
 * recordAudit, inside the same transaction as the change it describes.
 */
import type { Kysely } from "kysely";
import type { AuditEntry, Database } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";

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
      created_at: nowIso(),
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
}

/** Newest first. Filter by program (or organisation), person, artefact type and date range. */
export async function listAudit(filter: AuditFilter): Promise<AuditRow[]> {
  let q = db()
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .selectAll("audit_log")
    .select(["users.name as actor_name", "users.email as actor_email"]);
  if (filter.programId) q = q.where("audit_log.program_id", "=", filter.programId);
  if (filter.orgId) q = q.where("audit_log.org_id", "=", filter.orgId);
  if (filter.actorId) q = q.where("audit_log.actor_id", "=", filter.actorId);
  if (filter.entityType) q = q.where("audit_log.entity_type", "=", filter.entityType);
  if (filter.since) q = q.where("audit_log.created_at", ">=", filter.since);
  if (filter.until) q = q.where("audit_log.created_at", "<=", filter.until);
  if (filter.before) q = q.where("audit_log.created_at", "<", filter.before);
  return q
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(Math.min(filter.limit ?? 100, 500))
    .execute();
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
