/**
 * The real collaboration rooms (server/collab) as the live-document bridge of an integration test,
 * without a listening socket: documents are loaded from and logged to the test database, and
 * projected into their read models, exactly as in the running server (rooms stay loaded until
 * close(), which flushes, projects and compacts every open document).
 */
import http from "node:http";
import { loadEnv } from "../../app/env.server";
import type { DbHandle } from "../../db/dialect";
import { attachCollab, type CollabServer } from "../../server/collab/index";

export function useCollabLiveDocs(handle: DbHandle): CollabServer {
  const env = loadEnv({ ...process.env, NODE_ENV: "test", COLLAB_PROJECTION_DEBOUNCE_MS: "0", COLLAB_IDLE_UNLOAD_MS: "3600000" });
  return attachCollab(http.createServer(), { env, handle });
}
