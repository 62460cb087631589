/**
 * The HTTP server: Express hosting Remix, /healthz, static assets and the collaboration socket
 * on one port. createAppServer does not listen; start.ts does.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { sql } from "kysely";
import { createRequestHandler } from "@remix-run/express";
import { FAVICON_SVG } from "../app/utils/favicon";
import type { ServerBuild } from "@remix-run/node";
import type { Env } from "../app/env.server";
import type { DbHandle } from "../db/dialect";
import { getLoadContext } from "./load-context";
import { runInRequestScope } from "../app/utils/request-memo.server";
import { attachCollab, type CollabServer } from "./collab/index";
import { BUILD_ROOT } from "./ensure-build";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface AppServer {
  server: http.Server;
  collab: CollabServer;
  close(): Promise<void>;
}

export async function createAppServer(env: Env, handle: DbHandle, buildPath: string): Promise<AppServer> {
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    next();
  });

  // Browsers ask for /favicon.ico on pages without our <link rel="icon"> (JSON, downloads): the same mark.
  app.get("/favicon.ico", (_req, res) => {
    res.type("image/svg+xml").set("Cache-Control", "public, max-age=86400").send(FAVICON_SVG);
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await sql`select 1`.execute(handle.db);
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false, error: { code: "database_unavailable", message: "database unavailable" } });
    }
  });

  app.use("/build", express.static(path.join(BUILD_ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  const remix = createRequestHandler({ build, mode: env.NODE_ENV === "production" ? "production" : "development", getLoadContext });
  // Each request in its own scope, so its loaders share the session and program lookups.
  app.all("*", (req, res, next) => runInRequestScope(() => remix(req, res, next)));

  // Express' last resort: never a stack trace.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error("[http] unhandled error", err);
    if (!res.headersSent) res.status(500).json({ error: { code: "internal", message: "Internal error" } });
  });

  const server = http.createServer(app);
  // Keep idle connections longer than clients and proxies do (nginx, load balancers: 60 s), so a
  // client never reuses a connection the server is closing at that moment (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const collab = attachCollab(server, { env, handle });
  return {
    server,
    collab,
    async close() {
      await collab.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}
