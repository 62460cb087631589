/**
 * Named versions of a live document: create (the doc's durable state under a name), list,
 * read (for a read-only view) and restore (the version's content applied as a NEW change through
 * the room, so it is logged, broadcast and undoable like any edit). Creating and restoring are audited.
 */
import * as Y from "yjs";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit } from "../../app/models/audit.server";
import type { DocVersionSummary } from "../../app/models/doc.server";
import type { RoomHub } from "./hub";
import type { DocKind, DocTarget } from "./registry";

type VersionRow = { id: string; doc_name: string; name: string; created_at: string; created_by: string | null; creator_name: string | null };

function summary(row: VersionRow): DocVersionSummary {
  return {
    id: row.id,
    docName: row.doc_name,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by ? { id: row.created_by, name: row.creator_name ?? "" } : null,
  };
}

export class DocHistory {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hub: RoomHub,
  ) {}

  private versions() {
    return this.db
      .selectFrom("doc_versions")
      .leftJoin("users", "users.id", "doc_versions.created_by")
      .select([
        "doc_versions.id",
        "doc_versions.doc_name",
        "doc_versions.name",
        "doc_versions.created_at",
        "doc_versions.created_by",
        "users.name as creator_name",
      ]);
  }

  async list(docName: string): Promise<DocVersionSummary[]> {
    const rows = await this.versions()
      .where("doc_versions.doc_name", "=", docName)
      .orderBy("doc_versions.created_at", "desc")
      .orderBy("doc_versions.id")
      .execute();
    return rows.map(summary);
  }

  async create(target: DocTarget, def: DocKind, name: string, actorId: string): Promise<DocVersionSummary> {
    const state = await this.hub.withRoom(target, def, (room) => room.durableState());
    const id = crypto.randomUUID();
    const createdAt = new Date().toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("doc_versions")
        .values({ id, doc_name: target.docName, name, state: Buffer.from(state), created_by: actorId, created_at: createdAt })
        .execute();
      await recordAudit(tx, {
        orgId: target.orgId,
        programId: target.programId,
        actorId,
        entityType: "doc_version",
        entityId: id,
        action: "create",
        after: { docName: target.docName, name },
      });
    });
    const row = await this.versions().where("doc_versions.id", "=", id).executeTakeFirstOrThrow();
    return summary(row);
  }

  async read(docName: string, versionId: string): Promise<{ version: DocVersionSummary; state: Uint8Array } | null> {
    const row = await this.versions()
      .select("doc_versions.state")
      .where("doc_versions.id", "=", versionId)
      .where("doc_versions.doc_name", "=", docName)
      .executeTakeFirst();
    if (!row) return null;
    return { version: summary(row), state: new Uint8Array(row.state) };
  }

  async restore(target: DocTarget, def: DocKind, versionId: string, actorId: string): Promise<boolean> {
    const found = await this.read(target.docName, versionId);
    if (!found) return false;
    const version = new Y.Doc();
    Y.applyUpdate(version, found.state);
    await this.hub.withRoom(target, def, async (room) => {
      // A scratch copy of the live doc, changed to read like the version: its diff is the restore.
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, await room.durableState());
      const before = Y.encodeStateVector(scratch);
      def.restore(scratch, version);
      const change = Y.encodeStateAsUpdate(scratch, before);
      scratch.destroy();
      await room.applyServerUpdate(change);
    });
    version.destroy();
    await this.db.transaction().execute((tx) =>
      recordAudit(tx, {
        orgId: target.orgId,
        programId: target.programId,
        actorId,
        entityType: "doc_version",
        entityId: versionId,
        action: "restore",
        after: { docName: target.docName, name: found.version.name },
      }),
    );
    return true;
  }
}
