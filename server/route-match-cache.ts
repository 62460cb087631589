/**
 * Route matching without re-ranking the whole route table on every request.
 *
 * `@remix-run/router` 1.x (under Remix 2) flattens, scores and sorts every route, and compiles
 * a regular expression per branch, each time it matches a URL — three times per page request.
 * With this app's ~200 routes that was the largest single CPU cost of a server render (a known
 * upstream issue, fixed in React Router 7; remix-run/react-router#8653, #14967).
 *
 * Before anything loads the router (server/preload-router.ts, imported first by start.ts), the
 * installed router source is compiled with two memoisations and put in Node's module cache:
 * - the ranked branches of a route array, kept per array (a WeakMap: route arrays are built once
 *   per request handler and not changed afterwards; this app does no lazy route discovery);
 * - the compiled regular expression of a path pattern (non-global, so sharing it is safe).
 * Matching results are unchanged (tests/unit/route-match-cache.test.ts compares them). If the
 * installed source does not have the expected shape (another version), nothing is patched and a
 * warning says so; the app then runs on the unpatched router.
 */
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const RANKING = "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n";
const COMPILE = "function compilePath(path, caseSensitive, end) {\n";
const MARKER = "/* cx: route-match-cache */";

const HELPERS = `
${MARKER}
const __cxBranches = new WeakMap();
function __cxRankedBranches(routes) {
  let branches = __cxBranches.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    __cxBranches.set(routes, branches);
  }
  return branches;
}
const __cxCompiled = new Map();
function compilePath(path, caseSensitive, end) {
  const key = path + "\\u0000" + (caseSensitive === true) + "\\u0000" + (end !== false);
  let compiled = __cxCompiled.get(key);
  if (!compiled) {
    compiled = __cxCompilePath(path, caseSensitive, end);
    if (__cxCompiled.size < 5000) __cxCompiled.set(key, compiled);
  }
  return compiled;
}
`;

/** The router source with the two memoisations, or null when its shape is not the expected one. */
export function patchRouterSource(source: string): string | null {
  if (source.includes(MARKER)) return source;
  if (source.split(RANKING).length !== 2 || source.split(COMPILE).length !== 2) return null;
  return (
    source
      .replace(RANKING, "  let branches = __cxRankedBranches(routes);\n")
      .replace(COMPILE, "function __cxCompilePath(path, caseSensitive, end) {\n") + HELPERS
  );
}

const require = createRequire(import.meta.url);

/** Loads the patched router into the module cache (once). Returns whether the patch is in place. */
export function installRouteMatchCache(): boolean {
  const file = require.resolve("@remix-run/router");
  const cached = require.cache[file];
  if (cached) return (cached.exports as Record<string, unknown>).__cxPatched === true;
  const patched = patchRouterSource(fs.readFileSync(file, "utf8"));
  if (!patched) {
    console.warn("[server] @remix-run/router has an unexpected shape: route matching runs unmemoised");
    return false;
  }
  const mod = new Module(file) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  mod._compile(patched, file);
  mod.loaded = true;
  (mod.exports as Record<string, unknown>).__cxPatched = true;
  require.cache[file] = mod;
  return true;
}

