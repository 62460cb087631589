/**
 * app/utils/remix-server.tsx builds Remix's route objects once per build instead of per render.
 * It must render exactly what Remix's own <RemixServer> renders: the same pages (signed in, in
 * both languages, an error page, a redirect, the sign-in page) go through the built app twice,
 * once with each component, and must come out byte for byte the same. Run twice in a row, so the
 * second render of ours comes from the kept routes, not from a first build of them.
 */
import { pathToFileURL } from "node:url";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { RemixServer as StockRemixServer } from "@remix-run/react";
import { createRequestHandler, type EntryContext, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { createSession } from "../../app/models/session.server";
import { RemixServer } from "../../app/utils/remix-server";
import type { DemoIds } from "../../db/seed/demo-foundation";
import { seedDemoIfEmpty } from "../../db/seed/index";
import type { CollabServer } from "../../server/collab/index";
import { SERVER_BUILD } from "../../server/ensure-build";
import { useCollabLiveDocs } from "../helpers/collab-live-docs";
import { createTestDb, type TestDb } from "../helpers/db";

type Component = (props: { context: EntryContext; url: string }) => React.ReactNode;

function handlerRendering(build: ServerBuild, component: Component) {
  const entry = (request: Request, status: number, headers: Headers, context: EntryContext) => {
    const html = renderToString(createElement(component, { context, url: request.url }));
    headers.set("Content-Type", "text/html; charset=utf-8");
    return new Response(`<!DOCTYPE html>${html}`, { status, headers });
  };
  return createRequestHandler({ ...build, entry: { module: { ...build.entry.module, default: entry } } }, "production");
}

let t: TestDb;
let collab: CollabServer;
let demo: DemoIds;
let stock: (request: Request) => Promise<Response>;
let ours: (request: Request) => Promise<Response>;
const bearer: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb("sqlite");
  setDbHandle(t.handle);
  collab = useCollabLiveDocs(t.handle);
  const ids = await seedDemoIfEmpty(t.handle.db, changeDoc);
  if (!ids) throw new Error("seed skipped");
  demo = ids;
  for (const key of ["lead", "viewer", "office"] as const) bearer[key] = `Bearer ${await createSession(demo.users[key], null)}`;
  const build = (await import(/* @vite-ignore */ pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  stock = handlerRendering(build, StockRemixServer as Component);
  ours = handlerRendering(build, RemixServer as Component);
}, 120_000);

afterAll(async () => {
  await collab?.close();
  await t?.cleanup();
});

async function both(path: string, headers: Record<string, string>) {
  const request = () => new Request(`http://localhost${path}`, { headers });
  const read = async (res: Response) => ({ status: res.status, location: res.headers.get("location"), body: await res.text() });
  return { stock: await read(await stock(request())), ours: await read(await ours(request())) };
}

/** The two renders side by side; on a difference, the first place they part (a readable failure for a long page). */
function expectSame(result: Awaited<ReturnType<typeof both>>, label: string) {
  const { stock, ours } = result;
  expect({ status: ours.status, location: ours.location }, label).toEqual({ status: stock.status, location: stock.location });
  if (ours.body !== stock.body) {
    let i = 0;
    while (ours.body[i] === stock.body[i]) i++;
    expect(ours.body.slice(Math.max(0, i - 200), i + 200), `${label}: first difference at ${i}`).toBe(stock.body.slice(Math.max(0, i - 200), i + 200));
  }
}

describe("our RemixServer renders what Remix's renders", () => {
  const pages = () => [
    `/programs/${demo.programId}`,
    `/programs/${demo.programId}/vision`,
    `/programs/${demo.programId}/journeys`,
    `/programs/${demo.programId}/loops`,
    `/programs/${demo.programId}/frontline`,
    `/programs/${demo.programId}/frontline/wall`,
    `/programs/${demo.programId}/kpis`,
    `/programs/${demo.programId}/activity`,
    "/office/portfolio",
    "/notifications",
    "/programs",
  ];

  it("the same pages, signed in, in both languages, twice over", async () => {
    for (let round = 0; round < 2; round++) {
      for (const language of ["zh-CN", "en"]) {
        for (const path of pages()) {
          const result = await both(path, { authorization: bearer.lead, "accept-language": language });
          expect(result.ours.status, path).toBe(200);
          expectSame(result, `${path} (${language})`);
        }
      }
    }
  });

  it("a page whose loader refuses (404), an error boundary and a redirect to sign-in", async () => {
    const missing = await both(`/programs/${crypto.randomUUID()}`, { authorization: bearer.lead });
    expect(missing.ours.status).toBe(404);
    expectSame(missing, "unknown program");

    const refused = await both(`/programs/${demo.programId}/members`, { authorization: bearer.viewer });
    expectSame(refused, "members page as a viewer");

    const signedOut = await both(`/programs/${demo.programId}`, {});
    expect(signedOut.ours.status).toBe(302);
    expectSame(signedOut, "signed out");

    const login = await both("/login?redirectTo=%2Fprograms", { "accept-language": "en" });
    expect(login.ours.status).toBe(200);
    expect(login.ours.body).toContain("<form");
    expectSame(login, "sign-in page");
  });

  it("the office's view of a program it does not belong to", async () => {
    const result = await both(`/programs/${demo.programId}`, { authorization: bearer.office });
    expect(result.ours.status).toBe(200);
    expectSame(result, "program home as the office");
  });
});
