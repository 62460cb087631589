/**
 * The CX office's activity feed end to end: office@demo.test reads every program's changes on
 * /office/activity, filters by person and by artefact type (the filters stay in the address, so a
 * filtered view is a link), and pages to older entries. Screenshots at 1280 and 390 wide.
 */
import { expect, test } from "@playwright/test";
import { DEMO, login, storeLanguage } from "./helpers";

test("the CX office filters the organisation's activity by person and artefact", async ({ page }, testInfo) => {
  await login(page, DEMO.office);
  await storeLanguage(page, "en");
  await page.goto("/office/activity", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "Activity across the organisation" })).toBeVisible();
  const list = page.getByTestId("activity-list");
  await expect(list.locator("li").first()).toBeVisible();
  // Entries name their program.
  await expect(page.getByTestId("activity-program").first()).toContainText("Retail banking CX transformation");

  // By person: 陈明 (the program's owner).
  const filters = page.getByTestId("activity-filters");
  await filters.getByLabel("Person").selectOption({ label: "陈明" });
  await Promise.all([page.waitForURL(/actor=/), filters.getByRole("button", { name: "Filter" }).click()]);
  // The address changes as the navigation commits; React may draw the new list a moment later.
  const actorNames = list.locator("li p > span.font-medium");
  await expect(actorNames.filter({ hasNotText: "陈明" })).toHaveCount(0);
  await expect(actorNames.first()).toBeVisible();
  const names = await actorNames.allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(new Set(names)).toEqual(new Set(["陈明"]));

  // …and by artefact: nominations.
  await filters.getByLabel("What").selectOption("nomination");
  await Promise.all([page.waitForURL(/type=nomination/), filters.getByRole("button", { name: "Filter" }).click()]);
  await expect(list.locator("li p.text-sm").filter({ hasNotText: /nominat|recognition reward/ })).toHaveCount(0);
  await expect(filters.getByLabel("What")).toHaveValue("nomination");
  await expect(filters.getByLabel("Person")).not.toHaveValue("");
  const filtered = await actorNames.allTextContents();
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.length).toBeLessThan(names.length + 1);
  expect(new Set(filtered)).toEqual(new Set(["陈明"]));
  // Each of them is about a nomination (nominated, approved, rejected or rewarded).
  for (const text of await list.locator("li p.text-sm").allTextContents()) expect(text).toMatch(/nominat|recognition reward/);
  const everything = await list.locator("li").count();
  await page.goto(`/office/activity?actor=${new URL(page.url()).searchParams.get("actor")}`);
  expect(await list.locator("li").count()).toBeGreaterThanOrEqual(everything);

  // Clear, then page to older entries.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/office\/activity$/);
  // The filter fields follow: nobody chosen any more, and the list is everyone's again.
  await expect(filters.getByLabel("Person")).toHaveValue("");
  await expect(actorNames.filter({ hasNotText: "陈明" }).first()).toBeVisible();
  const first = await list.locator("li").first().textContent();
  await page.getByTestId("older").click();
  await expect(page).toHaveURL(/before=/);
  await expect(list.locator("li").first()).not.toHaveText(first ?? "");

  await page.goto("/office/activity", { waitUntil: "networkidle" });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: testInfo.outputPath(`office-activity-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
  }
});

