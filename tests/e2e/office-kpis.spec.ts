/**
 * Step 6 end to end: the CX office sees the bell's unread count, opens the KPI board and finds the
 * two demo KPIs past their alert threshold, opens the handle-time alert from the notification
 * centre (it is highlighted on the board's alerts panel and the count drops) and acknowledges it
 * with a note. A second test reads the board, the alerts and the notification centre in Chinese
 * on a phone. Screenshots of every page at 1280 and 390 px wide go to the test output.
 */
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { openDialog, storeContextLanguage } from "./helpers";

const AHT = "信用卡热线平均处理时长";
const COMPLAINTS = "信用卡投诉率";

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN", width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: { width, height: 900 } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return context;
}

const shot = (name: string) => test.info().outputPath(`${name}.png`);

test("the CX office opens an alert from the notification centre and acknowledges it with a note", async ({ browser }) => {
  const context = await signedIn(browser, "office@demo.test", "en", 1280);
  const page = await context.newPage();

  await page.goto("/office/kpis", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "KPI board" })).toBeVisible();
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toBeVisible();
  const count = page.getByTestId("notification-count");
  await expect(count).toBeVisible();
  const before = Number(await count.textContent());
  expect(before).toBeGreaterThan(0);

  // Both demo KPIs past their threshold are on the board, worst first, with a sparkline. (Other
  // specs on the shared server may push more KPIs past their thresholds: the summary counts them all.)
  const inAlert = page.locator('[data-testid="board-row"][data-status="past_threshold"]');
  await expect(inAlert.filter({ hasText: AHT })).toHaveCount(1);
  await expect(inAlert.filter({ hasText: COMPLAINTS })).toHaveCount(1);
  const pastThreshold = await inAlert.count();
  expect(pastThreshold).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("summary-past_threshold")).toContainText(String(pastThreshold));
  await expect(inAlert.filter({ hasText: AHT }).getByRole("img")).toHaveAttribute("aria-label", /latest values/);
  await expect(inAlert.filter({ hasText: AHT }).getByTestId("board-trace")).toHaveAttribute("href", /\/programs\/.+\/trace\/kpi\/.+/);
  await page.screenshot({ path: shot("office-kpis-1280"), fullPage: true });

  // "In alert only" filters in the URL.
  const allRows = await page.getByTestId("board-row").count();
  await page.getByLabel("In alert only").check();
  await expect(page).toHaveURL(/alerts=1/);
  await expect(page.getByTestId("board-row").filter({ hasText: AHT })).toHaveCount(1);
  await expect.poll(() => page.getByTestId("board-row").count()).toBeLessThan(allRows);

  // The notification centre: the handle-time alert, unread; opening it leads to the alert, highlighted.
  await bell.click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const item = page.getByTestId("notification").filter({ hasText: `${AHT} is past its alert threshold` });
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText("alert threshold 8 min");
  await page.screenshot({ path: shot("notifications-1280"), fullPage: true });
  await item.getByTestId("notification-open").click();
  await expect(page).toHaveURL(/\/office\/kpis\?tab=alerts&alert=/);
  const card = page.locator('[data-testid="alert-card"][data-focused="true"]');
  await expect(card).toContainText(AHT);
  await expect(card).toContainText("above the alert threshold of 8 min");
  await expect(card).toBeInViewport();
  await expect(count).toHaveText(String(before - 1));

  // Acknowledge with a note: the alert stays listed as acknowledged, with who and the note.
  const dialog = await openDialog(page, card.getByTestId("alert-acknowledge"));
  await dialog.getByLabel("Note").fill("Callbacks doubled after the progress push; two more agents on the evening shift.");
  await page.screenshot({ path: shot("acknowledge-dialog-1280") });
  await dialog.getByRole("button", { name: "Acknowledge alert" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveAttribute("data-status", "acknowledged");
  await expect(card.getByTestId("alert-ack")).toContainText("Acknowledged by 李静");
  await expect(card.getByTestId("alert-ack")).toContainText("two more agents on the evening shift");
  await page.screenshot({ path: shot("alerts-1280"), fullPage: true });

  // Nothing open is left on the open filter; the acknowledged list keeps both demo alerts.
  await page.getByTestId("alerts-show-acknowledged").click();
  await expect(page.getByTestId("alert-card").filter({ hasText: AHT })).toHaveCount(1);
  await expect(page.getByTestId("alert-card").filter({ hasText: COMPLAINTS })).toContainText("陈明");
  await context.close();
});

test("the board, the alerts and the notification centre in Chinese on a phone", async ({ browser }) => {
  const context = await signedIn(browser, "lead@demo.test", "zh-CN", 390);
  const page = await context.newPage();
  await page.goto("/office/kpis");
  await expect(page.getByRole("heading", { name: "KPI 看板" })).toBeVisible();
  const pastThreshold = page.locator('[data-testid="board-row"][data-status="past_threshold"]');
  await expect(pastThreshold.filter({ hasText: AHT })).toHaveCount(1);
  await expect(pastThreshold.filter({ hasText: COMPLAINTS })).toHaveCount(1);
  await expect(page.locator('[data-testid="board-row"][data-status="past_threshold"]').first().getByTestId("board-status")).toHaveText(/越过阈值/);
  // No horizontal overflow on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: shot("office-kpis-390"), fullPage: true });

  await page.getByTestId("tab-alerts").click();
  await expect(page.getByTestId("alerts-panel")).toBeVisible();
  await page.getByTestId("alerts-show-all").click();
  await expect(page.getByTestId("alert-card").filter({ hasText: COMPLAINTS })).toContainText("陈明 于");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: shot("alerts-390"), fullPage: true });

  await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "通知" })).toBeVisible();
  await expect(page.getByTestId("notification").filter({ hasText: `${AHT} 越过了预警阈值` })).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: shot("notifications-390"), fullPage: true });

  // The program's KPI registry shows its open alerts.
  const pid = ((await (await context.request.get("/api/v1/programs")).json()) as { programs: { id: string }[] }).programs[0].id;
  await page.goto(`/programs/${pid}/kpis`);
  await expect(page.getByTestId("program-alerts-banner")).toBeVisible();
  await page.screenshot({ path: shot("registry-banner-390"), fullPage: false });
  await context.close();
});
