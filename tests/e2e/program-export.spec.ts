/**
 * Program export and import end to end: the owner downloads the demo program as one JSON file
 * from its members page, creates a new organisation, sees a file that is not an export refused
 * with the reason, previews the real one (members with an account here join; the others are
 * skipped), imports it and opens the new program with its six steps and its journey maps.
 * Screenshots of the import at 1280 and 390 wide. Leaves the owner back in the demo organisation.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, demoProgramId, login, storeLanguage } from "./helpers";

test("the owner exports the program and imports it into a new organisation", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await login(page, DEMO.lead);
  await storeLanguage(page, "en");
  const sourceId = await demoProgramId(page.request);

  // Export from the program's members page.
  await page.goto(`/programs/${sourceId}/members`, { waitUntil: "networkidle" });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-program").click()]);
  expect(download.suggestedFilename()).toMatch(/^cx-program-retail-banking-cx-transformation-\d{8}\.json$/);
  const file = testInfo.outputPath("program-export.json");
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, "utf8")) as { format: string; version: number; source: { orgId: string }; tables: Record<string, unknown[]> };
  expect(exported).toMatchObject({ format: "cx-workspace.program", version: 1 });
  expect(exported.tables.journey_maps.length).toBeGreaterThan(0);

  // A new organisation, where only the owner has an account.
  const orgName = `Import ${Date.now().toString(36)}`;
  await page.goto("/orgs/new");
  await page.locator('input[name="name"]').fill(orgName);
  await Promise.all([page.waitForURL((url) => url.pathname === "/programs"), page.getByRole("button", { name: "Create organisation" }).click()]);
  await page.goto("/org", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: orgName })).toBeVisible();
  const panel = page.getByTestId("program-import");
  await expect(panel.getByRole("heading", { name: "Import a program" })).toBeVisible();

  // Not an export: refused with the reason, nothing imported.
  const notOurs = testInfo.outputPath("board.json");
  fs.writeFileSync(notOurs, JSON.stringify({ format: "miro.board", items: [] }));
  await panel.getByTestId("program-import-file").setInputFiles(notOurs);
  await expect(panel.getByRole("alert")).toContainText("This file cannot be imported");
  await expect(panel.getByRole("alert")).toContainText("not a CX Workspace program export");

  // The real export: a preview first.
  await panel.getByTestId("program-import-file").setInputFiles(file);
  const summary = panel.getByTestId("program-import-summary");
  await expect(summary).toContainText("Retail banking CX transformation");
  await expect(summary).toContainText("Journey maps");
  const members = panel.getByTestId("program-import-members");
  await expect(members.locator("li", { hasText: DEMO.lead })).toContainText("You, as owner");
  await expect(members.locator("li", { hasText: DEMO.team })).toContainText("No account here");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    await panel.screenshot({ path: testInfo.outputPath(`import-preview-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 1000 });

  await panel.getByTestId("program-import-confirm").click();
  await expect(panel.getByText("“Retail banking CX transformation” was imported")).toBeVisible({ timeout: 30_000 });
  await panel.screenshot({ path: testInfo.outputPath("import-done-1280.png") });
  await panel.getByTestId("program-import-open").click();
  await page.waitForURL(/\/programs\/[0-9a-f-]{36}$/);
  const importedId = new URL(page.url()).pathname.split("/").pop()!;
  expect(importedId).not.toBe(sourceId);

  // The imported program, with its six steps and its content.
  await expect(page.getByTestId("stepper")).toBeVisible();
  for (const step of ["vision", "painPoints", "reshape", "iterate", "frontline", "improve"]) await expect(page.getByTestId(`step-${step}`)).toBeVisible();
  await page.goto(`/programs/${importedId}/journeys`);
  await expect(page.getByText("信用卡申请").first()).toBeVisible();
  await page.goto(`/programs/${importedId}/activity`);
  await expect(page.getByTestId("activity-list")).toContainText("imported the program from an export file");

  // Back to the demo organisation, where the other tests expect the owner to work.
  const res = await page.request.post("/settings/org", { form: { orgId: exported.source.orgId, redirectTo: "/programs" }, headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
});
