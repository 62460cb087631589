/**
 * The collaboration server: the standard y-websocket protocol at /collab/<docName> on the app's
 * own port. Upgrades are authorised (auth.ts) before any doc loads; rooms (room.ts, hub.ts) log
 * every accepted update before broadcasting it; access is re-checked periodically.
 *
 * Several instances (Postgres + REDIS_URL): every room also publishes what it accepted on its
 * doc's Redis channel after logging it, and applies what the other instances publish
 * (redis-fanout.ts). Without REDIS_URL — or on SQLite, which one instance owns — there is no
 * fan-out and no Redis connection.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Env } from "../../app/env.server";
import { parseDocName } from "../../app/models/doc-name";
import { registerDocService, type DocService } from "../../app/models/doc.server";
import { registerLiveDocs } from "../../app/models/live-docs.server";
import { onVisionBoardPolicyChange } from "../../app/models/vision-boards.server";
import type { DbHandle } from "../../db/dialect";
import { AccessWatch } from "./access-watch";
import { authorizeUpgrade, docAccess, docNameFromPath, parseAllowedOrigins } from "./auth";
import { briefKind } from "./brief-kind";
import { CollabConnection } from "./connection";
import { DocHistory } from "./history";
import { RoomHub } from "./hub";
import { CLOSE, limitsFromEnv } from "./limits";
import { createUpdateStore } from "./persistence";
import type { Fanout } from "./fanout";
import { instanceIdHex } from "./instance-id";
import { RedisFanout } from "./redis-fanout";
import { docKind, registerDocKind, resolveDoc } from "./registry";
import { visionControlKind, visionKind } from "./vision-kind";
import { journeyKind } from "./journey-kind";

export interface CollabServer {
  hub: RoomHub;
  /** The link to the other instances, when several share the database. */
  fanout: Fanout | null;
  /** Stops accepting sockets, closes them, and flushes, projects and compacts every doc. */
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable" };

function refuse(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachCollab(server: http.Server, opts: { env: Env; handle: DbHandle }): CollabServer {
  const limits = limitsFromEnv(opts.env);
  const allowedOrigins = parseAllowedOrigins(opts.env.COLLAB_ALLOWED_ORIGINS);
  registerDocKind(briefKind);
  registerDocKind(visionKind);
  registerDocKind(visionControlKind);
  registerDocKind(journeyKind);

  const fanout = createFanout(opts.env, opts.handle);
  const hub = new RoomHub(createUpdateStore(opts.handle), limits, fanout);
  const history = new DocHistory(opts.handle.db, hub);
  const watch = new AccessWatch(hub, limits.accessRecheckMs);
  watch.start();
  // A board locked or archived: re-check its sockets now rather than at the next round.
  const stopPolicyWatch = onVisionBoardPolicyChange(() => void watch.checkAll());
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  let closing = false;

  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    if (docNameFromPath(req.url) === null) return refuse(socket, 404);
    if (closing) return refuse(socket, 503);
    authorizeUpgrade(req, allowedOrigins).then(
      (verdict) => {
        if (!verdict.ok) {
          console.log(`[collab] upgrade refused ${verdict.status}: ${verdict.reason}`);
          return refuse(socket, verdict.status);
        }
        wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          const conn = new CollabConnection(ws, verdict, verdict.canEdit, limits);
          ws.on("message", (data: Buffer, isBinary: boolean) => {
            if (!isBinary) {
              console.warn(`[collab] text frame from conn ${conn.id} on ${verdict.target.docName}: closing`);
              conn.close(CLOSE.malformed, "binary frames only");
              return;
            }
            conn.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          });
          ws.on("error", (err) => console.warn(`[collab] conn ${conn.id} socket error: ${err.message}`));
          hub.connect(conn, verdict.def).catch((err) => {
            console.error(`[collab] could not open ${verdict.target.docName}:`, err);
            conn.close(CLOSE.internal, "could not load document");
          });
        });
      },
      (err) => {
        console.error("[collab] upgrade check failed:", err);
        refuse(socket, 503);
      },
    );
  });

  async function resolved(docName: string) {
    const name = parseDocName(docName);
    const found = name ? await resolveDoc(name) : null;
    if (!found) throw new Error(`unknown document ${docName}`);
    return found;
  }

  const service: DocService = {
    async permissions(userId, docName) {
      const name = parseDocName(docName);
      const found = name ? await resolveDoc(name) : null;
      if (!found) return null;
      const access = await docAccess(userId, found.target, found.def);
      return {
        docName: found.target.docName,
        programId: found.target.programId,
        orgId: found.target.orgId,
        canView: access?.canView ?? false,
        canEdit: access?.canEdit ?? false,
      };
    },
    listVersions: (docName) => history.list(docName),
    async createVersion(docName, name, actorId) {
      const { target, def } = await resolved(docName);
      return history.create(target, def, name, actorId);
    },
    readVersion: (docName, versionId) => history.read(docName, versionId),
    async restoreVersion(docName, versionId, actorId) {
      const { target, def } = await resolved(docName);
      return history.restore(target, def, versionId, actorId);
    },
  };
  registerDocService(service);
  registerLiveDocs({
    async applyUpdate(docName, update) {
      const { target, def } = await resolved(docName);
      await hub.withRoom(target, def, (room) => room.applyServerUpdate(update));
    },
    async readState(docName) {
      const { target, def } = await resolved(docName);
      return hub.withRoom(target, def, (room) => room.durableState());
    },
    async read(docName, read) {
      const { target, def } = await resolved(docName);
      return hub.withRoom(target, def, async (room) => read(room.doc));
    },
  });

  return {
    hub,
    fanout,
    async close() {
      closing = true;
      watch.stop();
      stopPolicyWatch();
      for (const client of wss.clients) client.close(CLOSE.goingAway, "server shutting down");
      await hub.close();
      await fanout?.close();
      registerDocService(undefined);
      registerLiveDocs(undefined);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Fan-out across instances: Redis, when REDIS_URL is set and the database can be shared (Postgres). */
export function createFanout(env: Env, handle: DbHandle): Fanout | null {
  if (!env.REDIS_URL) return null;
  if (handle.dialect !== "postgres") {
    console.warn("[collab] REDIS_URL is set but the database is SQLite, which one instance owns: no fan-out (see README, Scale out)");
    return null;
  }
  console.log(`[collab] instance ${instanceIdHex().slice(0, 8)}: fanning live documents out through Redis`);
  return new RedisFanout(env.REDIS_URL);
}

export { docKind };
