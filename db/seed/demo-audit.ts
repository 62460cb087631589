/**
 * An audit entry for demo content, written with the time it "happened" (the app's recordAudit
 * stamps now). A missing or null before/after summary is stored as null, anything else as JSON.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export interface DemoAuditEntry {
  orgId: string;
  programId: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  createdAt: string;
}

const summary = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

export async function insertDemoAudit(tx: Kysely<Database>, e: DemoAuditEntry): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({
      id: crypto.randomUUID(),
      org_id: e.orgId,
      program_id: e.programId,
      actor_id: e.actorId,
      entity_type: e.entityType,
      entity_id: e.entityId,
      action: e.action,
      before_summary: summary(e.before),
      after_summary: summary(e.after),
      created_at: e.createdAt,
    })
    .execute();
}
