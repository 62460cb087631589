/**
 * Entry point of the collaboration server: attaches the /collab/<docName> WebSocket upgrade to
 * the HTTP server. (The full server is built in the collaboration-core issue.)
 */
import type http from "node:http";
import type { Env } from "../../app/env.server";
import type { DbHandle } from "../../db/dialect";

export interface CollabServer {
  close(): Promise<void>;
}

export function attachCollab(server: http.Server, _opts: { env: Env; handle: DbHandle }): CollabServer {
  server.on("upgrade", (_req, socket) => {
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  return { close: async () => {} };
}
