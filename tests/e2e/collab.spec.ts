/**
 * Two people (two browser contexts, two users) co-edit the program brief and see each other's
 * text and presence; a viewer sees both but cannot edit.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { storeContextLanguage } from "./helpers";

async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1440, height: 1000 } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, "en");
  return context;
}

async function openBrief(context: BrowserContext): Promise<Page> {
  const programs = (await (await context.request.get("/api/v1/programs")).json()) as { programs: { id: string }[] };
  const page = await context.newPage();
  await page.goto(`/programs/${programs.programs[0].id}/brief`);
  await expect(page.getByTestId("collab-status")).toHaveAttribute("data-status", "synced");
  return page;
}

const field = (page: Page, name: string) => page.getByTestId(`brief-field-${name}`).locator("textarea");

test("two people co-edit the brief and see each other; a viewer cannot edit", async ({ browser }) => {
  const leadCtx = await signedInContext(browser, "lead@demo.test");
  const teamCtx = await signedInContext(browser, "team@demo.test");
  const viewerCtx = await signedInContext(browser, "viewer@demo.test");
  const lead = await openBrief(leadCtx);
  const team = await openBrief(teamCtx);

  // The demo brief comes filled in: start these two fields empty.
  await field(lead, "ambition").fill("");
  await field(team, "success_measures").fill("");
  await expect(field(team, "ambition")).toHaveValue("");
  await field(lead, "ambition").click();
  await lead.keyboard.type("The easiest bank to reach when something goes wrong.");
  await expect(field(team, "ambition")).toHaveValue("The easiest bank to reach when something goes wrong.");

  await field(team, "success_measures").click();
  await team.keyboard.type("NPS +10 by Q4; first-contact resolution 80%.");
  await expect(field(lead, "success_measures")).toHaveValue("NPS +10 by Q4; first-contact resolution 80%.");

  // Concurrent typing in one field keeps both people's text.
  await field(lead, "constraints").click();
  await field(team, "constraints").click();
  await Promise.all([lead.keyboard.type("Budget 2M. "), team.keyboard.type("No core-system change.")]);
  for (const page of [lead, team]) {
    await expect(field(page, "constraints")).toHaveValue(/Budget 2M\./);
    await expect(field(page, "constraints")).toHaveValue(/No core-system change\./);
  }
  await expect(field(lead, "constraints")).toHaveValue((await field(team, "constraints").inputValue()));
  // Every change was confirmed by the server (logged, then echoed back).
  for (const page of [lead, team]) {
    await expect(page.getByTestId("collab-status")).toHaveAttribute("data-unsynced", "0");
    await expect(page.getByTestId("collab-status")).toHaveText("All changes saved");
  }

  // Presence: each sees the other's avatar, and where they are.
  await expect(lead.getByTestId("presence-peer").filter({ has: lead.locator("[aria-hidden]") })).toHaveCount(1);
  await expect(lead.locator('[data-testid="presence-peer"]')).toHaveAttribute("data-name", /.+/);
  await expect(lead.getByTestId("brief-field-constraints").getByTestId("field-peer")).toBeVisible();
  await expect(team.getByTestId("brief-field-constraints").getByTestId("field-peer")).toBeVisible();
  await expect(lead.getByTestId("brief-field-constraints").getByTestId("remote-caret")).toHaveCount(1);

  await field(lead, "ambition").click();
  await expect(team.getByTestId("brief-field-ambition").getByTestId("field-peer")).toBeVisible();
  await lead.screenshot({ path: test.info().outputPath("collab-brief-two-people.png"), fullPage: true });

  // A viewer sees the text and the people, but cannot change anything.
  const viewer = await openBrief(viewerCtx);
  await expect(viewer.getByTestId("read-only-banner")).toBeVisible();
  await expect(field(viewer, "ambition")).toHaveValue("The easiest bank to reach when something goes wrong.");
  await expect(field(viewer, "ambition")).toHaveAttribute("readonly", "");
  await field(viewer, "ambition").click();
  await viewer.keyboard.type("VIEWER TEXT");
  await expect(field(viewer, "ambition")).toHaveValue("The easiest bank to reach when something goes wrong.");
  await expect(lead.getByTestId("presence-peer")).toHaveCount(2);
  await expect(viewer.getByTestId("versions-panel").getByRole("button", { name: "Save version" })).toHaveCount(0);

  // Versions: the lead saves one; the viewer's list shows it after a reload.
  await lead.getByPlaceholder(/Version name/).fill("After kick-off workshop");
  await lead.getByRole("button", { name: "Save version" }).click();
  await expect(lead.getByTestId("versions-list")).toContainText("After kick-off workshop");
  await viewer.reload();
  await expect(viewer.getByTestId("versions-list")).toContainText("After kick-off workshop");
  await expect(field(lead, "ambition")).not.toHaveValue(/VIEWER TEXT/);

  await leadCtx.close();
  await teamCtx.close();
  await viewerCtx.close();
});
