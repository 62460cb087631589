/**
 * Builds the Remix app (with a timeout and one retry: esbuild very rarely hangs).
 * `tsx server/ensure-build.ts` builds only when the build is missing; `--force` always builds.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the build goes: the project root, or CX_BUILD_DIR (see remix.config.js). */
export const BUILD_ROOT = process.env.CX_BUILD_DIR ? path.resolve(process.env.CX_BUILD_DIR) : root;
export const SERVER_BUILD = path.join(BUILD_ROOT, "build", "index.js");
const BUILD_TIMEOUT_MS = 180_000;

function runBuildOnce(): Promise<boolean> {
  return new Promise((resolve) => {
    const bin = path.join(root, "node_modules", ".bin", "remix");
    const child = spawn(bin, ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    const timer = setTimeout(() => {
      console.error(`[build] remix build took over ${BUILD_TIMEOUT_MS / 1000}s; stopping it`);
      child.kill("SIGKILL");
    }, BUILD_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export async function build(): Promise<void> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    if (await runBuildOnce()) return;
    console.error(`[build] attempt ${attempt} failed`);
  }
  throw new Error("remix build failed twice");
}

export async function ensureBuild(force = false): Promise<void> {
  if (!force && fs.existsSync(SERVER_BUILD)) return;
  console.log(force ? "[build] building the app" : "[build] no build found: building the app first");
  await build();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  ensureBuild(process.argv.includes("--force")).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
