/**
 * Starts the real server (`node --import tsx server/start.ts`) as a child process on a free port with its own
 * database, the way `npm start` runs it. kill() sends SIGKILL, stop() a graceful SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tmpSqlitePath } from "./db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  databaseUrl: string;
  proc: ChildProcess;
  output: () => string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(
  opts: { databaseUrl?: string; env?: Record<string, string>; port?: number } = {},
): Promise<RunningServer> {
  const databaseUrl = opts.databaseUrl ?? tmpSqlitePath("server");
  // Node itself with tsx's loader (not the tsx CLI, which runs the server in a child process that a
  // SIGKILL of the CLI would orphan): kill() must kill the server itself.
  const proc = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(opts.port ?? 0),
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: "integration-test-secret-0123456789",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    databaseUrl,
    proc,
    output: () => out,
    async kill() {
      if (proc.exitCode === null) proc.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}

/** Signs in through the API and returns the session cookie header value ("cx_session=…"). */
export async function signIn(baseUrl: string, email: string, password = "demo-password"): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const body = (await res.json()) as { token: string };
  return { cookie: setCookie.split(";")[0], token: body.token };
}
