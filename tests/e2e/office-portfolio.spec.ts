/**
 * Step 6's initiative portfolio end to end, on the seeded demo: the CX office (office@demo.test)
 * opens /office/portfolio, filters by RAG red and by the call-center team (kept in the URL, "n of
 * m"), switches to the board grouped by health, overrides a red initiative's health with a reason
 * and sees it with who set it; clears it again. A viewer reads the portfolio without the manage
 * controls. The office page shows the teams staffed, with their leads.
 */
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { openDialog, storeContextLanguage } from "./helpers";

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: { width: 1280, height: 900 } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return context;
}

test("the CX office filters the portfolio, switches to the board and overrides a health with a reason", async ({ browser }) => {
  const context = await signedIn(browser, "office@demo.test", "en");
  const page = await context.newPage();
  await page.goto("/office/portfolio", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "Initiative portfolio" })).toBeVisible();
  const count = page.getByTestId("portfolio-count");
  await expect(count).toHaveText(/^\d+ initiatives$/);
  const total = Number((await count.textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(8);

  // Filter: RAG red, then the call-center team — both in the URL.
  const filters = page.getByTestId("portfolio-filters");
  await filters.getByLabel("Health").selectOption("red");
  await expect(page).toHaveURL(/health=red/);
  const table = page.getByTestId("portfolio-table");
  const rows = table.getByTestId("portfolio-row");
  await expect(rows.first()).toBeVisible();
  for (const h of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-health")))) expect(h).toBe("red");
  await filters.getByLabel("Owning team").selectOption({ label: "Call center" });
  await expect(page).toHaveURL(/team=/);
  await expect(count).toHaveText(new RegExp(`^\\d+ of ${total} initiatives$`));
  const target = rows.filter({ hasText: "热线回拨预约排程优化" });
  await expect(target).toHaveCount(1);
  await expect(target).toContainText("Call center");
  await expect(target).toContainText("is past its alert threshold");
  for (const team of await rows.getByTestId("row-team").allTextContents()) expect(team).toBe("Call center");

  // Board, grouped by health: the filters stay.
  await page.getByTestId("view-board").click();
  await expect(page).toHaveURL(/view=board/);
  await expect(page).toHaveURL(/health=red/);
  await page.getByTestId("group-health").click();
  await expect(page).toHaveURL(/group=health/);
  const board = page.getByTestId("portfolio-board");
  await expect(board).toHaveAttribute("data-group", "health");
  const redColumn = board.locator('[data-column="red"]');
  const card = redColumn.getByTestId("board-card").filter({ hasText: "热线回拨预约排程优化" });
  await expect(card).toBeVisible();

  // Override from the board card: a colour and a reason (refused without one).
  const reason = `Vendor patch shipped, handle time back to normal next week ${Date.now().toString(36)}`;
  const dialog = await openDialog(page, card.getByTestId("manage-initiative"));
  await expect(dialog).toContainText("Health now");
  await dialog.getByText("Amber", { exact: true }).click();
  await dialog.getByTestId("override-submit").click();
  await expect(dialog.getByRole("alert")).toContainText("Say why you override the health.");
  await dialog.getByTestId("override-reason").fill(reason);
  await dialog.getByTestId("override-submit").click();
  await expect(dialog).toBeHidden();
  // Amber now: it leaves the red filter. Reset the filters (the board stays) and find it in the amber column.
  await expect(card).toHaveCount(0);
  await page.getByTestId("reset-filters").click();
  await expect(page).not.toHaveURL(/health=red/);
  await expect(page).toHaveURL(/view=board/);
  const amberCard = board.locator('[data-column="amber"]').getByTestId("board-card").filter({ hasText: "热线回拨预约排程优化" });
  await expect(amberCard).toContainText(reason);
  await expect(amberCard.getByTestId("override-mark")).toHaveText("override");
  await expect(page.getByTestId("portfolio-filters").getByLabel("Health")).toHaveValue("");

  // The table shows it too, with who set it; clearing restores the computed red.
  await page.getByTestId("view-table").click();
  const row = page.getByTestId("portfolio-table").getByTestId("portfolio-row").filter({ hasText: "热线回拨预约排程优化" });
  await expect(row).toHaveAttribute("data-health", "amber");
  await expect(row).toContainText(reason);
  const again = await openDialog(page, row.getByTestId("manage-initiative"));
  await expect(again.getByTestId("override-note")).toContainText("Set by 李静");
  await expect(again.getByTestId("override-note")).toContainText(reason);
  await again.getByTestId("clear-override").click();
  await expect(again).toBeHidden();
  await expect(row).toHaveAttribute("data-health", "red");
  await context.close();
});

test("a viewer reads the portfolio without the manage controls; the office page shows the staffed teams", async ({ browser }) => {
  const viewer = await signedIn(browser, "viewer@demo.test", "en");
  const vp = await viewer.newPage();
  await vp.goto("/office/portfolio");
  await expect(vp.getByTestId("portfolio-table").getByTestId("portfolio-row").first()).toBeVisible();
  await expect(vp.getByTestId("manage-initiative")).toHaveCount(0);
  await viewer.close();

  const context = await signedIn(browser, "office@demo.test", "zh-CN");
  const page = await context.newPage();
  await page.goto("/office");
  await expect(page.getByTestId("reporting-line")).toContainText("直接向 CEO 汇报");
  const analytics = page.locator('[data-team="analytics"]');
  await expect(analytics).toContainText("日常管理与分析团队");
  await expect(analytics.getByTestId("team-member").filter({ has: page.getByTestId("team-lead") })).toContainText("李静");
  await expect(page.locator('[data-team="call_center"]')).toContainText("负责人：何军");
  await expect(page.locator('[data-team="call_center"]').getByTestId("team-red")).not.toHaveText(/^0/);
  await context.close();
});
