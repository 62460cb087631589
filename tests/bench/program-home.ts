/**
 * `npm run bench`: latency of the program home at 20 concurrent signed-in requests against the
 * real server, with GET /healthz (one database round trip, no rendering) measured in the same run
 * as the baseline. Target: program home p95 < 50 ms on a 2-core machine.
 *
 * Latency on a shared virtual machine moves with its neighbours (CPU steal), so each row also
 * gives the server process's own CPU time per request (user + system, from /proc): the cost of
 * one request, comparable between runs on the same kind of machine.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { ensureBuild } from "../../server/ensure-build";
import { signIn, startServer } from "../helpers/server";

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

interface Row {
  name: string;
  cpuMs: number | null;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

/** The server process's CPU time so far in ms (Linux /proc; null elsewhere). */
function cpuTimeMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function measure(name: string, url: string, headers: Record<string, string>, pid: number | undefined): Promise<Row> {
  // Warm up (JIT, caches) before measuring.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const cpuBefore = cpuTimeMs(pid);
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  const cpuAfter = cpuTimeMs(pid);
  const p95 = (r.latency as unknown as Record<string, number>).p95 ?? r.latency.p97_5;
  return {
    name,
    cpuMs: cpuBefore === null || cpuAfter === null || r.requests.total === 0 ? null : (cpuAfter - cpuBefore) / r.requests.total,
    p50: r.latency.p50,
    p95,
    p99: r.latency.p99,
    rps: r.requests.average,
    errors: r.errors + r.non2xx,
  };
}

async function main() {
  await ensureBuild();
  const server = await startServer({ env: { NODE_ENV: "production", SEED_DEMO: "1" } });
  try {
    const { cookie } = await signIn(server.url, "lead@demo.test");
    const { programs } = (await (await fetch(`${server.url}/api/v1/programs`, { headers: { cookie } })).json()) as {
      programs: { id: string }[];
    };
    const home = `${server.url}/programs/${programs[0].id}`;
    const probe = await fetch(home, { headers: { cookie } });
    if (probe.status !== 200) throw new Error(`program home answered ${probe.status}`);

    const baseline = await measure("GET /healthz (baseline)", `${server.url}/healthz`, {}, server.proc.pid);
    const page = await measure("GET /programs/:id (program home, signed in)", home, { cookie }, server.proc.pid);
    const rows = [baseline, page];
    const table = [
      `Program home at ${CONNECTIONS} concurrent signed-in requests, ${SECONDS} s, ${new Date().toISOString().slice(0, 10)}`,
      "",
      "| request | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req | errors | p95 vs baseline | CPU vs baseline |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.p50} | ${r.p95} | ${r.p99} | ${Math.round(r.rps)} | ${r.cpuMs === null ? "–" : r.cpuMs.toFixed(2)} | ${r.errors} | ${(r.p95 / Math.max(1, baseline.p95)).toFixed(2)}× | ${r.cpuMs === null || !baseline.cpuMs ? "–" : `${(r.cpuMs / baseline.cpuMs).toFixed(1)}×`} |`,
      ),
      "",
      `Target: program home p95 < 50 ms — ${page.p95 < 50 ? "holds" : "MISSED"} (${page.p95} ms).`,
    ].join("\n");
    console.log(table);
    fs.mkdirSync(path.join(here, "results"), { recursive: true });
    fs.writeFileSync(path.join(here, "results", "program-home.md"), `${table}\n`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
