/**
 * Step 3 end to end: design the future state of a new map, change it live (through a stock
 * y-websocket client, as a second editor would), see the side-by-side diff and mark a resolved
 * pain point; create a quick win linked to that pain point and move it idea → approved → in
 * progress → done. The project team cannot approve; a viewer cannot design or create.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import * as Y from "yjs";
import { cardsMap, journeyDocName, putCard, putPainPoint, readJourneyContent, removeCard } from "../../app/models/journey-doc";
import { connectClient, type TestClient } from "../integration/collab-client";
import { openDialog, storeContextLanguage } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const WS = `ws://127.0.0.1:${PORT}`;

const userIds = new Map<string, string>();

async function signedIn(browser: Browser, email: string, locale = "en-US"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 1000 }, extraHTTPHeaders: { "Accept-Language": locale } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  userIds.set(email, ((await res.json()) as { user: { id: string } }).user.id);
  await storeContextLanguage(context, locale.startsWith("zh") ? "zh-CN" : "en");
  return context;
}

async function programId(context: BrowserContext): Promise<string> {
  const body = (await (await context.request.get("/api/v1/programs")).json()) as { programs: { id: string }[] };
  return body.programs[0].id;
}

async function live(context: BrowserContext, mapId: string): Promise<TestClient> {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const client = connectClient(WS, journeyDocName(mapId), cookie, { origin: `http://127.0.0.1:${PORT}` });
  await client.synced;
  return client;
}

/** Waits until the server has confirmed (echoed) every local change. */
async function flushed(client: TestClient, check: (doc: Y.Doc) => boolean): Promise<void> {
  await expect.poll(() => check(client.doc)).toBe(true);
}

async function reloadUntil(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 15_000 });
}

test("design a future state, change it live, see the diff; a quick win goes from idea to done", async ({ browser }) => {
  const ctx = await signedIn(browser, "lead@demo.test");
  const pid = await programId(ctx);
  const page = await ctx.newPage();
  const suffix = Math.random().toString(36).slice(2, 7);
  const mapName = `Account opening ${suffix}`;
  const painTitle = `Branch queue ${suffix}`;

  // A current-state map with two touchpoints and a pain point.
  await page.goto(`/programs/${pid}/journeys`);
  await openDialog(page, page.getByRole("button", { name: "New journey map" }).first());
  await page.getByRole("dialog").locator('input[name="name"]').fill(mapName);
  await page.getByRole("dialog").locator('input[name="persona"]').fill("Retail customer");
  await page.getByRole("dialog").getByRole("button", { name: "Create map" }).click();
  await page.waitForURL(/\/journeys\/[^/]+$/);
  const mapId = new URL(page.url()).pathname.split("/").pop()!;

  const current = await live(ctx, mapId);
  const stages = readJourneyContent(current.doc).stages;
  expect(stages.length).toBe(5);
  current.doc.transact(() => {
    const at = new Date().toISOString();
    putCard(current.doc, { id: `keep-${suffix}`, lane: "touchpoints", stageId: stages[1].id, text: "Branch counter", channel: "branch", position: 1, createdBy: null, createdAt: at });
    putCard(current.doc, { id: `gone-${suffix}`, lane: "touchpoints", stageId: stages[1].id, text: "Paper form", channel: "branch", position: 2, createdBy: null, createdAt: at });
    putPainPoint(current.doc, {
      id: `pain-${suffix}`, touchpointId: `keep-${suffix}`, title: painTitle, description: "", severity: 4, reach: 4, impact: 4, effort: 2,
      source: "bottom_up", status: "confirmed", createdBy: null, createdAt: at,
    });
  });
  await flushed(current, () => current.provider.synced);
  current.destroy();

  // Design the future state from the step 3 page.
  await page.goto(`/programs/${pid}/reshape`);
  const pair = page.getByTestId("reshape-pair").filter({ hasText: mapName });
  await pair.getByRole("button", { name: "Design the future state" }).click();
  await page.waitForURL(new RegExp(`/reshape/${mapId}$`));
  await expect(page.getByRole("heading", { name: `${mapName}: current vs future` })).toBeVisible();
  const href = await page.getByTestId("edit-future").getAttribute("href");
  const futureId = href!.split("/").pop()!;
  expect(futureId).not.toBe(mapId);

  // A second editor changes the future state live: adds a touchpoint, removes one.
  const future = await live(ctx, futureId);
  expect(cardsMap(future.doc).has(`keep-${suffix}`)).toBe(true);
  future.doc.transact(() => {
    putCard(future.doc, { id: `new-${suffix}`, lane: "touchpoints", stageId: stages[1].id, text: "Online appointment", channel: "app", position: 3, createdBy: null, createdAt: new Date().toISOString() });
    removeCard(future.doc, `gone-${suffix}`);
  });
  await flushed(future, () => future.provider.synced);
  future.destroy();

  // The diff follows the projection of both maps.
  await reloadUntil(page, async () => {
    await expect(page.getByTestId("count-added")).toHaveText("1", { timeout: 1000 });
    await expect(page.getByTestId("count-removed")).toHaveText("1", { timeout: 1000 });
    await expect(page.getByTestId("pain-resolution").filter({ hasText: painTitle })).toBeVisible({ timeout: 1000 });
  });
  await expect(page.locator('[data-testid="diff-touchpoint"][data-kind="added"]')).toHaveText(/Online appointment/);
  await expect(page.locator('[data-testid="diff-touchpoint"][data-kind="removed"]')).toHaveText(/Paper form/);
  await expect(page.getByTestId("emotion-overlay")).toHaveCount(1);

  // Mark the new touchpoint as resolving the pain point.
  const pain = page.getByTestId("pain-resolution").filter({ hasText: painTitle });
  await pain.locator('select[name="touchpointId"]').selectOption({ label: `${stages[1].name} · Online appointment` });
  await pain.getByRole("button", { name: "Mark as resolving" }).click();
  await expect(pain.getByTestId("resolved-by")).toHaveText(/Online appointment/);
  await expect(pain).toHaveAttribute("data-resolved", "yes");
  // A second future state of the same map is refused.
  const again = await ctx.request.post(`/programs/${pid}/reshape?index&_data=routes/programs.$programId.reshape._index`, {
    form: { intent: "createFuture", mapId },
  });
  expect(again.status()).toBe(409);

  // A quick win linked to the pain point; the warning appears for a 10-week plan, then goes.
  await page.goto(`/programs/${pid}/reshape/quick-wins/new`);
  await page.locator('input[name="title"]').fill(`Book the branch online ${suffix}`);
  await page.getByLabel(new RegExp(painTitle)).check();
  await page.locator('select[name="lever"]').selectOption("waiting_uncertainty");
  await page.locator('input[name="startDate"]').fill("2026-03-02");
  await page.locator('input[name="dueDate"]').fill("2026-05-11");
  await expect(page.getByTestId("quick-win-warnings")).toContainText("10 weeks");
  await page.locator('input[name="dueDate"]').fill("2026-02-20");
  await page.getByRole("button", { name: "Create quick win" }).click();
  await expect(page.getByText("The due date is before the start date.")).toBeVisible();
  await page.locator('input[name="dueDate"]').fill("2026-03-30");
  await expect(page.getByTestId("quick-win-warnings")).toHaveCount(0);
  await page.getByRole("button", { name: "Create quick win" }).click();
  await page.waitForURL(/\/quick-wins\/[^/]+$/);
  await expect(page.getByTestId("linked-pain-points")).toContainText(painTitle);
  const bar = page.getByTestId("state-bar");
  await expect(bar.locator('[aria-current="step"]')).toContainText("Idea");

  await page.getByRole("button", { name: "Approve" }).click();
  await expect(bar.locator('[aria-current="step"]')).toContainText("Approved");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(bar.locator('[aria-current="step"]')).toContainText("In progress");
  await page.getByRole("button", { name: "Mark as done" }).click();
  await page.locator('textarea[name="notes"]').fill("Queue time at the branch halved in three weeks.");
  await page.locator("form").filter({ has: page.locator('textarea[name="notes"]') }).getByRole("button", { name: "Mark as done" }).click();
  await expect(bar.locator('[aria-current="step"]')).toContainText("Done");
  await expect(page.getByTestId("result-notes")).toHaveText("Queue time at the branch halved in three weeks.");
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The API lists it with its pain point and map links; the board shows it under Done.
  const api = (await (await ctx.request.get(`/api/v1/programs/${pid}/initiatives`)).json()) as {
    initiatives: { title: string; status: string; painPoints: { title: string; mapId: string; mapUrl: string }[] }[];
  };
  const mine = api.initiatives.find((i) => i.title === `Book the branch online ${suffix}`)!;
  expect(mine.status).toBe("done");
  expect(mine.painPoints).toEqual([expect.objectContaining({ title: painTitle, mapId, mapUrl: `/programs/${pid}/journeys/${mapId}` })]);
  await page.goto(`/programs/${pid}/reshape`);
  await expect(page.locator('[data-column="done"]').getByText(`Book the branch online ${suffix}`)).toBeVisible();
  await ctx.close();
});

test("the team cannot approve; a viewer can neither design a future state nor create a quick win", async ({ browser }) => {
  const team = await signedIn(browser, "team@demo.test");
  const pid = await programId(team);
  const created = await team.request.post(`/api/v1/programs/${pid}/initiatives`, {
    data: { title: "Shorter IVR menu", lever: "choice_simplification", ownerId: "nobody" },
  });
  expect(created.status()).toBe(422);
  expect(((await created.json()) as { error: { fields: Record<string, string> } }).error.fields.ownerId).toBe("The owner must be a member of this program.");
  const ownerId = userIds.get("team@demo.test")!;
  const ok = await team.request.post(`/api/v1/programs/${pid}/initiatives`, { data: { title: "Shorter IVR menu", lever: "choice_simplification", ownerId } });
  expect(ok.status()).toBe(201);
  const { initiative } = (await ok.json()) as { initiative: { id: string } };
  const page = await team.newPage();
  await page.goto(`/programs/${pid}/reshape/quick-wins/${initiative.id}`);
  await expect(page.getByTestId("state-bar")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Drop" })).toBeVisible();
  await team.close();

  const viewer = await signedIn(browser, "viewer@demo.test");
  const vp = await viewer.newPage();
  await vp.goto(`/programs/${pid}/reshape`);
  await expect(vp.getByTestId("reshape-pair").first()).toBeVisible();
  await expect(vp.getByRole("button", { name: "Design the future state" })).toHaveCount(0);
  await expect(vp.getByRole("link", { name: "New quick win" })).toHaveCount(0);
  const refused = await viewer.request.post(`/api/v1/programs/${pid}/initiatives`, { data: { title: "x", lever: "defaults", ownerId } });
  expect(refused.status()).toBe(403);
  await viewer.close();
});
