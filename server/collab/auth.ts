/**
 * Who may open a collaboration socket, decided at the HTTP upgrade: the Origin must be the app's
 * own (or allow-listed), the session valid (401), the doc known (404) and visible to the user (403).
 * The same check runs again periodically for open connections (see access-watch.ts).
 */
import type http from "node:http";
import { parseDocName } from "../../app/models/doc-name";
import { getProgramAccess } from "../../app/models/program.server";
import { tokenFromHeaders, userFromToken } from "../../app/models/session.server";
import { resolveDoc, type DocKind, type DocTarget } from "./registry";

export const COLLAB_PATH_PREFIX = "/collab/";

export type UpgradeVerdict =
  | { ok: true; userId: string; userName: string; token: string; target: DocTarget; def: DocKind; canEdit: boolean }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export interface DocAccess {
  canView: boolean;
  canEdit: boolean;
}

/** The doc name of a /collab/<docName> request path (query ignored, as y-websocket adds params). */
export function docNameFromPath(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split("?")[0];
  if (!path.startsWith(COLLAB_PATH_PREFIX)) return null;
  try {
    return decodeURIComponent(path.slice(COLLAB_PATH_PREFIX.length));
  } catch {
    return null;
  }
}

export function parseAllowedOrigins(list: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const raw of (list ?? "").split(",")) {
    const item = raw.trim();
    if (!item) continue;
    try {
      out.add(new URL(item).origin);
    } catch {
      console.warn(`[collab] ignoring invalid COLLAB_ALLOWED_ORIGINS entry: ${item}`);
    }
  }
  return out;
}

/**
 * Browsers always send Origin on a WebSocket handshake; it must be this app (same host as the
 * Host header) or allow-listed. Non-browser clients send none and still need a valid session.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: Set<string>): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host) return true;
  return allowed.has(parsed.origin);
}

/** A user's current rights on a doc; null when they may not even view it. */
export async function docAccess(userId: string, target: DocTarget, def: DocKind): Promise<DocAccess | null> {
  const found = await getProgramAccess(userId, target.programId);
  if (!found || !def.canView(found.access)) return null;
  return { canView: true, canEdit: await def.canEdit(found.access, target) };
}

export async function authorizeUpgrade(req: http.IncomingMessage, allowedOrigins: Set<string>): Promise<UpgradeVerdict> {
  const rawName = docNameFromPath(req.url);
  if (!originAllowed(req.headers.origin, req.headers.host, allowedOrigins)) {
    return { ok: false, status: 403, reason: `origin ${req.headers.origin} not allowed` };
  }
  const token = await tokenFromHeaders({ cookie: req.headers.cookie, authorization: req.headers.authorization });
  const user = await userFromToken(token);
  if (!user || !token) return { ok: false, status: 401, reason: "no valid session" };
  const name = parseDocName(rawName);
  const resolved = name ? await resolveDoc(name) : null;
  if (!resolved) return { ok: false, status: 404, reason: `unknown document ${rawName ?? ""}` };
  const access = await docAccess(user.id, resolved.target, resolved.def);
  if (!access) return { ok: false, status: 403, reason: `no access to ${resolved.target.docName}` };
  return { ok: true, userId: user.id, userName: user.name, token, target: resolved.target, def: resolved.def, canEdit: access.canEdit };
}

/** Re-checks a session token (it may have been revoked) and the user's access to a doc. */
export async function recheckAccess(token: string, target: DocTarget, def: DocKind): Promise<DocAccess | null> {
  const user = await userFromToken(token);
  if (!user) return null;
  return docAccess(user.id, target, def);
}
