/**
 * Step 2's map list end to end: the demo maps are listed with their size, a project-team member
 * creates a map through the dialog (field errors first), duplicates and archives it; viewers see
 * the maps but no way to change them; the program home shows the step in progress with outputs.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, demoProgramId, login, openDialog, storeLanguage } from "./helpers";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en" } });
  const page = await context.newPage();
  await login(page, email);
  await storeLanguage(page, "en");
  return page;
}

test("journey maps: list, create with validation, duplicate, archive and restore; read-only for viewers", async ({ browser }) => {
  const team = await signedIn(browser, DEMO.team);
  const programId = await demoProgramId(team.request);
  const list = `/programs/${programId}/journeys`;
  await team.goto(list);
  await expect(team.getByRole("heading", { name: "Identify pain points" })).toBeVisible();
  await expect(team.getByRole("link", { name: "信用卡申请", exact: true })).toBeVisible();
  await expect(team.getByRole("link", { name: "投诉处理" })).toBeVisible();

  // The dialog refuses an empty persona with a message, then creates the map and opens it.
  const name = `E2E journey ${Date.now()}`;
  const dialog = await openDialog(team, team.getByRole("button", { name: "New journey map" }).first());
  await dialog.locator('input[name="name"]').fill(name);
  await dialog.getByRole("button", { name: "Create map" }).click();
  await expect(team.getByRole("dialog").getByText("This field is required.")).toBeVisible();
  await team.getByRole("dialog").locator('input[name="name"]').fill(name);
  await team.getByRole("dialog").locator('input[name="persona"]').fill("Small-business owner");
  await team.getByRole("dialog").getByRole("button", { name: "Create map" }).click();
  await team.waitForURL(new RegExp(`/programs/${programId}/journeys/[0-9a-f-]{36}$`));
  const mapId = team.url().split("/").pop()!;

  // The API lists it with its live-document name, and the projection gives it the five lifecycle stages.
  const programs = (await (await team.request.get("/api/v1/programs")).json()) as {
    programs: { id: string; journeyMaps: { id: string; name: string; docName: string }[] }[];
  };
  const listed = programs.programs.find((p) => p.id === programId)!.journeyMaps.find((m) => m.id === mapId);
  expect(listed).toEqual(expect.objectContaining({ name, docName: `journey:${mapId}` }));

  const card = team.locator("div.rounded-xl, div.rounded-lg").filter({ has: team.getByRole("link", { name }) }).last();
  // The read model follows the live document within about a second.
  await expect(async () => {
    await team.goto(list);
    await expect(card.locator("dd").first()).toHaveText("5", { timeout: 500 });
  }).toPass();

  // Duplicate opens the copy; archive hides the original until restored. (Wait for the page to be
  // idle first: a click while React hydrates the list can be lost.)
  await team.goto(list, { waitUntil: "networkidle" });
  await card.getByRole("button", { name: "Duplicate" }).click();
  await team.waitForURL((url) => url.pathname.startsWith(`/programs/${programId}/journeys/`) && !url.pathname.endsWith(mapId));
  await team.goto(list, { waitUntil: "networkidle" });
  await expect(team.getByRole("link", { name: `${name} (copy)` })).toBeVisible();
  const original = team.locator("div.rounded-xl, div.rounded-lg").filter({ has: team.getByRole("link", { name, exact: true }) }).last();
  // Archiving and restoring are idempotent, so a click lost to hydration is simply repeated.
  await expect(async () => {
    const archive = original.getByRole("button", { name: "Archive" });
    if (await archive.isVisible()) await archive.click();
    await expect(team.getByRole("link", { name, exact: true })).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await team.goto(`${list}?archived=1`, { waitUntil: "networkidle" });
  const archived = team.locator("div.rounded-xl, div.rounded-lg").filter({ has: team.getByRole("link", { name, exact: true }) }).last();
  await expect(archived.getByText("Archived")).toBeVisible();
  await expect(async () => {
    const restore = archived.getByRole("button", { name: "Restore" });
    if (await restore.isVisible()) await restore.click();
    await expect(archived.getByText("Archived")).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await team.goto(list);
  await expect(team.getByRole("link", { name, exact: true })).toBeVisible();

  // A viewer sees the maps but cannot create, duplicate or archive, and the server refuses them too.
  const viewer = await signedIn(browser, DEMO.viewer);
  await viewer.goto(list);
  await expect(viewer.getByRole("link", { name: "信用卡申请", exact: true })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New journey map" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Archive" })).toHaveCount(0);
  const refused = await viewer.request.post(`${list}?index`, {
    form: { intent: "create", name: "Sneaky", persona: "x" },
    headers: { origin: new URL(viewer.url()).origin },
  });
  expect(refused.status()).toBe(403);

  // The program home shows step 2 in progress with what it produced.
  await team.goto(`/programs/${programId}`);
  const step = team.locator("li, article, div").filter({ hasText: "Identify pain points" }).filter({ hasText: /Pain points: \d+/ }).last();
  await expect(step).toBeVisible();
});
