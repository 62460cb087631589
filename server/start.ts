/** `npm start`: build if needed, migrate, seed the demo when empty, listen on HOST:PORT. */
// First, before anything loads the router: memoised route matching (see the module).
import "./preload-router";
import { loadEnv } from "../app/env.server";
import { setDbHandle } from "../app/db.server";
import { changeDoc } from "../app/models/live-docs.server";
import { openDatabase } from "../db/dialect";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../db/seed/index";
import { ensureBuild, SERVER_BUILD } from "./ensure-build";
import { createAppServer } from "./app";
import { intervalFromEnv, startKpiAlertJob } from "./jobs/kpi-alerts";
import { jobLock } from "./jobs/job-lock";

async function main() {
  const env = loadEnv();
  await ensureBuild();
  const handle = openDatabase(env.DATABASE_URL);
  setDbHandle(handle);
  await migrateToLatest(handle.db);
  // The app server attaches the collaboration rooms, which the demo seed writes its live documents through.
  const app = await createAppServer(env, handle, SERVER_BUILD);
  if (env.seedDemo) {
    const ids = await seedDemoIfEmpty(handle.db, changeDoc);
    if (ids) console.log("[seed] demo organisation created: sign in as lead@demo.test / demo-password");
  }
  // KPI alerts: detected at start (after the seed) and every few minutes.
  // On a shared (Postgres) database each tick runs on one instance only.
  const intervalMs = intervalFromEnv();
  const kpiAlerts = startKpiAlertJob({
    intervalMs,
    lock: handle.dialect === "postgres" ? jobLock(handle, "kpi-alerts", { minHoldMs: Math.min(30_000, intervalMs / 2) }) : undefined,
  });
  app.server.listen(env.PORT, env.HOST, () => {
    const addr = app.server.address();
    const port = typeof addr === "object" && addr ? addr.port : env.PORT;
    console.log(`[server] CX Workspace listening on http://${env.HOST}:${port} (${handle.dialect})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await kpiAlerts.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  console.error(`[server] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
