/**
 * `npm run bench:scale`: the propagation benchmark of collab.ts across three instances vs one, in
 * the same run, both on Postgres (TEST_DATABASE_URL, a fresh schema each) — three `npm start`
 * servers fanning out through a Redis of their own (`redis-server` on a free port) against one
 * server with no Redis. One doc, BENCH_CLIENTS (300) authenticated clients spread evenly over the
 * instances, each sending a small update 5×/s for BENCH_SECONDS (20); latency = send → every other
 * observing client applied it, wherever it is connected (observers are spread over the instances
 * too, so most measured paths cross instances).
 *
 * Writes tests/bench/results/scale.md. Target: p99 across instances at 300 clients < 200 ms.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDb, PG_URL, type TestDb } from "../helpers/db";
import { signIn, startServer, type RunningServer } from "../helpers/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = 5;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 300);
const TARGET_P99_MS = 200;

interface LoadResult {
  clients: number;
  observers: number;
  updates: number;
  delivered: number;
  p50: number;
  p95: number;
  p99: number;
  msgsPerSec: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function startRedis(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const proc: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      if (/Ready to accept connections/.test(out)) resolve();
    });
    proc.on("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: proc.pid!,
    stop: async () => {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
    },
  };
}

function cpuTicks(pid: number): number {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const stat = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    return Number(stat[11]) + Number(stat[12]);
  } catch {
    return 0;
  }
}

function rssMiB(pid: number): number {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return (Number(raw.slice(raw.lastIndexOf(")") + 2).split(" ")[21]) * 4096) / 2 ** 20;
  } catch {
    return 0;
  }
}

function runClients(urls: string[], count: number, cookie: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ["--import", "tsx", "tests/bench/collab-load-clients.ts", urls.join(","), String(count), String(RATE), String(SECONDS), cookie],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.on("data", (c: Buffer) => (out += c.toString()));
    proc.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch {
        reject(new Error(`load clients failed (${code}): ${out}`));
      }
    });
  });
}

interface Measured extends LoadResult {
  label: string;
  instances: number;
  cpu: number;
  peakRss: number;
}

async function measure(label: string, instances: number, redisUrl: string | null): Promise<Measured> {
  const db: TestDb = await createTestDb("postgres");
  const env: Record<string, string> = { SEED_DEMO: "1", COLLAB_MAX_MESSAGES_PER_SEC: "1000", KPI_ALERT_INTERVAL_MINUTES: "0" };
  if (redisUrl) env.REDIS_URL = redisUrl;
  const servers: RunningServer[] = [await startServer({ databaseUrl: db.url, env })];
  for (let i = 1; i < instances; i++) servers.push(await startServer({ databaseUrl: db.url, env }));
  try {
    const { cookie } = await signIn(servers[0].url, "lead@demo.test");
    const program = await db.handle.db.selectFrom("programs").select("id").executeTakeFirstOrThrow();
    const docName = `brief:${program.id}`;
    const pids = servers.map((s) => s.proc.pid!);
    const cpu0 = pids.reduce((n, p) => n + cpuTicks(p), 0);
    const t0 = Date.now();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, ...pids.map(rssMiB))), 250);
    const result = await runClients(
      servers.map((s) => `${s.wsUrl}/collab/${docName}`),
      CLIENTS,
      cookie,
    );
    clearInterval(sampler);
    const cpu = (pids.reduce((n, p) => n + cpuTicks(p), 0) - cpu0) / 100 / ((Date.now() - t0) / 1000);
    return { ...result, label, instances, cpu, peakRss: peak };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.cleanup();
  }
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");

async function main() {
  if (!PG_URL) throw new Error("bench:scale needs Postgres: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
  if (spawnSync("redis-server", ["--version"]).status !== 0) throw new Error("bench:scale needs redis-server (apt-get install redis-server)");
  const load0 = os.loadavg()[0];
  const redis = await startRedis();
  const results: Measured[] = [];
  try {
    results.push(await measure("1 instance (Postgres, no Redis)", 1, null));
    console.log(JSON.stringify(results[results.length - 1]));
    results.push(await measure("3 instances (Postgres + Redis)", 3, redis.url));
    console.log(JSON.stringify(results[results.length - 1]));
  } finally {
    await redis.stop();
  }
  const [one, three] = results;
  const holds = three.p99 < TARGET_P99_MS && three.delivered > 0.999;
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${r.clients} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.delivered * 100)}% | ${fmt(r.msgsPerSec, 0)} | ${fmt(r.peakRss, 0)} | ${fmt(r.cpu * 100, 0)}% |`,
  );
  const md = [
    `# Scale-out benchmark`,
    ``,
    `${new Date().toISOString()} · ${SECONDS} s per run · ${RATE} updates/s per client · one doc · Node ${process.version} · ${os.cpus().length} cores · load average before the run ${fmt(load0, 2)}.`,
    `Both runs on Postgres (a fresh schema each), \`npm start\` servers, authenticated sockets, every update appended to the log before broadcast (and, with 3 instances, published on Redis after the append). Clients are spread evenly over the instances; so are the ${three.observers} observing clients, so most measured paths cross instances (client → instance A → log → Redis → instance B → client).`,
    `Latency = send → the last observing client applied it (ms). Delivered = share of updates that reached every observing client within 3 s after sending stopped. CPU is the sum over the server processes (share of one core); RSS the largest instance's peak. All processes (servers, Redis, Postgres, the load clients) share this machine's cores.`,
    ``,
    `| setup | clients | p50 ms | p95 ms | p99 ms | delivered | msgs/s received | peak RSS MiB (per instance) | server CPU (1 core) |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ...rows,
    ``,
    `p99, 3 instances ÷ 1 instance: ${fmt(three.p99 / one.p99, 2)}×.`,
    ``,
    `Target: p99 across instances at ${CLIENTS} clients < ${TARGET_P99_MS} ms: ${fmt(three.p99)} ms (delivered ${fmt(three.delivered * 100)}%) → ${holds ? "**holds**" : "**missed**"}`,
    ``,
  ].join("\n");
  fs.mkdirSync(path.join(root, "tests/bench/results"), { recursive: true });
  fs.writeFileSync(path.join(root, "tests/bench/results/scale.md"), md);
  console.log(`\n${md}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
