/**
 * Live documents as seen from HTTP routes: permissions on a doc name and its named versions.
 * The collaboration server (server/collab) provides the implementation when it starts, because
 * restoring a version must go through the doc's room like any other change. It lives on
 * globalThis so the Remix bundle and the tsx-run server share it (as db.server.ts does).
 */
export interface DocPermissions {
  docName: string;
  programId: string;
  orgId: string;
  canView: boolean;
  canEdit: boolean;
}

export interface DocVersionSummary {
  id: string;
  docName: string;
  name: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface DocService {
  /** null: no such document (unknown kind or artefact). */
  permissions(userId: string, docName: string): Promise<DocPermissions | null>;
  listVersions(docName: string): Promise<DocVersionSummary[]>;
  createVersion(docName: string, name: string, actorId: string): Promise<DocVersionSummary>;
  /** The version's Yjs state (an update to apply to an empty doc), or null. */
  readVersion(docName: string, versionId: string): Promise<{ version: DocVersionSummary; state: Uint8Array } | null>;
  /** Applies the version's content as a new change through the live room; false if no such version. */
  restoreVersion(docName: string, versionId: string, actorId: string): Promise<boolean>;
}

const g = globalThis as typeof globalThis & { __cxDocService?: DocService };

export function registerDocService(service: DocService | undefined): void {
  g.__cxDocService = service;
}

export function docService(): DocService {
  if (!g.__cxDocService) throw new Error("the collaboration server is not running in this process");
  return g.__cxDocService;
}
