/**
 * Route matching without re-ranking the whole route table on every request.
 *
 * `@remix-run/router` 1.x (under Remix 2) flattens, scores and sorts every route, and compiles
 * a regular expression per branch, each time it matches a URL — three times per page request.
 * With this app's ~200 routes that was the largest single CPU cost of a server render (a known
 * upstream issue, fixed in React Router 7; remix-run/react-router#8653, #14967).
 *
 * Before anything loads the router (server/preload-router.ts, imported first by start.ts), the
 * installed router source is compiled with three memoisations and put in Node's module cache:
 * - the ranked branches of a route array, kept per array (a WeakMap: route arrays are built once
 *   per request handler and not changed afterwards; this app does no lazy route discovery);
 * - the matches of a pathname against a route array (up to 2,000 pathnames per array, oldest
 *   dropped first): a page request matches its URL three times (Remix's server routes, the data
 *   router's query, the render), each walking ~200 ranked branches. Matching is a pure function
 *   of the array and the pathname; each caller gets fresh match and params objects;
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
const MATCH = "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {\n";
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
const __cxMatches = new WeakMap();
const __CX_MATCHES_PER_TABLE = 2000;
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  const location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  const key = (location.pathname || "/") + "\\u0000" + (basename || "") + "\\u0000" + (allowPartial === true);
  let perTable = __cxMatches.get(routes);
  if (!perTable) {
    perTable = new Map();
    __cxMatches.set(routes, perTable);
  }
  let found = perTable.get(key);
  if (found === undefined) {
    found = __cxMatchRoutesImpl(routes, locationArg, basename, allowPartial);
    if (perTable.size >= __CX_MATCHES_PER_TABLE) perTable.delete(perTable.keys().next().value);
    perTable.set(key, found);
  }
  // Each caller gets its own match objects, as from a fresh match.
  return found && found.map((m) => ({ ...m, params: { ...m.params } }));
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
  if ([RANKING, COMPILE, MATCH].some((part) => source.split(part).length !== 2)) return null;
  return (
    source
      .replace(RANKING, "  let branches = __cxRankedBranches(routes);\n")
      .replace(COMPILE, "function __cxCompilePath(path, caseSensitive, end) {\n")
      .replace(MATCH, "function __cxMatchRoutesImpl(routes, locationArg, basename, allowPartial) {\n") + HELPERS
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

