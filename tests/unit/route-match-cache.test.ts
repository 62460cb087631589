/**
 * The memoised route matching (server/route-match-cache.ts): the installed router's source takes
 * the patch, and the patched router matches every URL exactly as the original does, while ranking
 * a route table once per table instead of once per match.
 */
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { patchRouterSource } from "../../server/route-match-cache";

const require = createRequire(import.meta.url);
const file = require.resolve("@remix-run/router");
const source = fs.readFileSync(file, "utf8");

type Router = typeof import("@remix-run/router");

function load(code: string): Router {
  const mod = new Module(file) as Module & { _compile(code: string, filename: string): void };
  mod.filename = file;
  mod._compile(code, file);
  return mod.exports as Router;
}

// A route table shaped like the app's: layouts, index routes, params, optional and splat segments.
const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "login", path: "login" },
      {
        id: "program",
        path: "programs/:programId",
        children: [
          { id: "program-index", index: true },
          { id: "journeys", path: "journeys", children: [{ id: "journeys-index", index: true }, { id: "map", path: ":mapId" }, { id: "analysis", path: "analysis" }] },
          { id: "frontline", path: "frontline", children: [{ id: "guidelines", index: true }, { id: "ideas", path: "ideas" }] },
          { id: "idea", path: "frontline/ideas/:ideaId" },
          { id: "trace", path: "trace/:kind/:id" },
        ],
      },
      { id: "office", path: "office", children: [{ id: "office-index", index: true }, { id: "report", path: "report" }] },
      { id: "report-pdf", path: "office/report.pdf" },
      { id: "lang", path: ":lang?/about" },
      { id: "api", path: "api/v1/*" },
      { id: "catch", path: "*" },
    ],
  },
];

const URLS = [
  "/", "/login", "/programs/p1", "/programs/p1/journeys", "/programs/p1/journeys/m9", "/programs/p1/journeys/analysis",
  "/programs/p1/frontline", "/programs/p1/frontline/ideas", "/programs/p1/frontline/ideas/i7", "/programs/p1/trace/kpi/k3",
  "/office", "/office/report", "/office/report.pdf", "/about", "/en/about", "/api/v1/programs", "/PROGRAMS/P1", "/nowhere/at/all",
  "/programs/p%20q/journeys/%E6%97%85%E7%A8%8B",
];

const ids = (m: ReturnType<Router["matchRoutes"]>) => m?.map((x) => ({ id: (x.route as { id: string }).id, params: x.params, pathname: x.pathname })) ?? null;

describe("memoised route matching", () => {
  it("applies to the installed router, once", () => {
    const patched = patchRouterSource(source);
    expect(patched).not.toBeNull();
    expect(patched).toContain("__cxRankedBranches(routes)");
    expect(patchRouterSource(patched!)).toBe(patched);
    expect(patchRouterSource("function somethingElse() {}")).toBeNull();
  });

  it("matches every URL exactly as the original router, again and again", () => {
    const original = load(source);
    const patched = load(patchRouterSource(source)!);
    for (let round = 0; round < 3; round++) {
      for (const url of URLS) {
        expect(ids(patched.matchRoutes(routes, url)), url).toEqual(ids(original.matchRoutes(routes, url)));
        expect(patched.matchPath("/programs/:programId/*", url)).toEqual(original.matchPath("/programs/:programId/*", url));
      }
    }
    // A different table (even one equal in content) is ranked on its own.
    const other = [{ id: "only", path: "programs/:programId" }];
    expect(ids(patched.matchRoutes(other, "/programs/x"))).toEqual([{ id: "only", params: { programId: "x" }, pathname: "/programs/x" }]);
  });

  it("ranks a route table once, not on every match", () => {
    const patched = load(patchRouterSource(source)!);
    const table = [{ id: "a", path: "a/:x" }, { id: "b", path: "b" }];
    patched.matchRoutes(table, "/a/1");
    // Counting reads of the route's path: ranking reads it, a cached match does not.
    let reads = 0;
    Object.defineProperty(table[0], "path", { get: () => (reads++, "a/:x") });
    patched.matchRoutes(table, "/a/2");
    patched.matchRoutes(table, "/b");
    expect(reads).toBe(0);
    const fresh = [...table];
    patched.matchRoutes(fresh, "/a/3");
    expect(reads).toBeGreaterThan(0);
  });

  it("gives every caller its own matches, so changing one never changes the next", () => {
    const patched = load(patchRouterSource(source)!);
    const first = patched.matchRoutes(routes, "/programs/p1/journeys/m9")!;
    const again = patched.matchRoutes(routes, "/programs/p1/journeys/m9")!;
    expect(ids(again)).toEqual(ids(first));
    expect(again).not.toBe(first);
    expect(again[0]).not.toBe(first[0]);
    (first[first.length - 1].params as Record<string, string>).mapId = "changed";
    first.pop();
    expect(ids(patched.matchRoutes(routes, "/programs/p1/journeys/m9"))).toEqual(ids(again));
    expect(patched.matchRoutes(routes, "/programs/p1/journeys/m9")!.at(-1)!.params.mapId).toBe("m9");
  });

  it("keeps a bounded number of pathnames per table and still matches the ones it dropped", () => {
    const original = load(source);
    const patched = load(patchRouterSource(source)!);
    for (let i = 0; i < 2500; i++) patched.matchRoutes(routes, `/programs/p${i}/frontline/ideas/i${i}`);
    for (const i of [0, 1, 2499]) {
      const url = `/programs/p${i}/frontline/ideas/i${i}`;
      expect(ids(patched.matchRoutes(routes, url)), url).toEqual(ids(original.matchRoutes(routes, url)));
    }
  });
});
