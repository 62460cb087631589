/**
 * Step 4's KPI registry end to end: the project team creates a KPI from the NPS template, enters
 * values by hand (a second value of the same day replaces the first), imports a CSV with a bad
 * row (reported by line, only the good rows imported on confirmation) and sees the chart with its
 * target line; the registry lists it; a viewer reads but has no entry form. Screenshots in both
 * languages.
 */
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { storeContextLanguage } from "./helpers";

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: { width: 1440, height: 1000 } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return context;
}

async function programId(context: BrowserContext): Promise<string> {
  const body = (await (await context.request.get("/api/v1/programs")).json()) as { programs: { id: string }[] };
  return body.programs[0].id;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("create a KPI from the NPS template, enter values and import a CSV, see the chart with its target line", async ({ browser }) => {
  const context = await signedIn(browser, "team@demo.test", "en");
  const page = await context.newPage();
  const pid = await programId(context);

  await page.goto(`/programs/${pid}/kpis`);
  await expect(page.getByRole("heading", { name: "KPI registry" })).toBeVisible();
  await expect(page.getByTestId("nav-kpis").first()).toBeVisible();
  await page.getByTestId("new-kpi").click();
  await expect(page.getByTestId("template-picker")).toBeVisible();
  await page.getByTestId("template-nps").click();
  await expect(page.getByText("NPS = % promoters (9–10) − % detractors (0–6)").first()).toBeVisible();
  const form = page.getByTestId("kpi-form");
  await form.locator('input[name="name"]').fill("NPS e2e card holders");
  await form.locator('input[name="target"]').fill("30");
  await form.locator('input[name="alertThreshold"]').fill("40");
  await form.getByRole("button", { name: "Create KPI" }).click();
  // The threshold is on the wrong side of the target: refused with the reason next to the field.
  await expect(page.getByText("When higher is better, the alert threshold must be at or below the target.")).toBeVisible();
  await form.locator('input[name="alertThreshold"]').fill("5");
  await form.getByRole("button", { name: "Create KPI" }).click();
  await expect(page.getByRole("heading", { name: "NPS e2e card holders" })).toBeVisible();
  await expect(page.getByTestId("kpi-chart-empty")).toBeVisible();

  // Enter two values; the same day again replaces the value.
  const entry = page.getByTestId("measurement-form");
  await entry.locator('input[name="date"]').fill(day(-14));
  await entry.locator('input[name="value"]').fill("12");
  await entry.getByRole("button", { name: "Save value" }).click();
  await expect(entry.getByText("Value saved.")).toBeVisible();
  await entry.locator('input[name="date"]').fill(day(-7));
  await entry.locator('input[name="value"]').fill("abc");
  await entry.getByRole("button", { name: "Save value" }).click();
  await expect(entry.getByText("Enter a number.")).toBeVisible();
  await entry.locator('input[name="value"]').fill("18");
  await entry.getByRole("button", { name: "Save value" }).click();
  await expect(entry.getByText("Value saved.")).toBeVisible();
  await entry.locator('input[name="value"]').fill("19");
  await entry.getByRole("button", { name: "Save value" }).click();
  await expect(entry.getByText("it replaced the earlier value of that day")).toBeVisible();

  // The chart with its target line.
  const chart = page.getByTestId("kpi-chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(1);
  await expect(chart.locator(".recharts-reference-line")).not.toHaveCount(0);
  await expect(chart.getByText("Target 30 pts").first()).toBeVisible();
  await expect(page.getByTestId("kpi-latest")).toHaveText("19 pts");

  // CSV: a bad row is reported with its line; the good rows are imported on confirmation.
  const csv = `date,value,note\n${day(-35)},4,baseline\n${day(-28)},seven,\n${day(-21)},9,\n`;
  const importer = page.getByTestId("csv-import");
  await importer.locator('input[type="file"]').setInputFiles({ name: "nps.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await importer.getByRole("button", { name: "Check file" }).click();
  const report = page.getByTestId("csv-report");
  await expect(report.getByText("3 rows: 2 good, 1 with errors.")).toBeVisible();
  await expect(report.getByTestId("csv-error")).toHaveText(/3\s*value\s*not a number\s*seven/);
  await report.getByTestId("csv-confirm").click();
  await expect(importer.getByText("Imported: 2 new, 0 replaced.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("measurement-list").locator("tbody tr")).toHaveCount(4);
  await expect(page.locator(".recharts-line-dot")).toHaveCount(4);
  await page.screenshot({ path: "test-results/kpis-detail-en.png", fullPage: true });

  // The registry shows it with its latest value.
  await page.goto(`/programs/${pid}/kpis`);
  const row = page.getByTestId("kpi-row").filter({ hasText: "NPS e2e card holders" });
  await expect(row.getByTestId("kpi-latest")).toHaveText("19 pts");
  await expect(row.getByTestId("kpi-status")).toHaveText("Below target");
  await context.close();
});

test("the registry in Chinese, and a viewer reads without entry forms", async ({ browser }) => {
  const context = await signedIn(browser, "viewer@demo.test", "zh-CN");
  const page = await context.newPage();
  const pid = await programId(context);
  await page.goto(`/programs/${pid}/kpis`);
  await expect(page.getByRole("heading", { name: "KPI 指标库" })).toBeVisible();
  await expect(page.getByTestId("new-kpi")).toHaveCount(0);
  const aht = page.getByTestId("kpi-row").filter({ hasText: "信用卡热线平均处理时长" });
  await expect(aht.getByTestId("kpi-status")).toHaveText("预警");
  await page.screenshot({ path: "test-results/kpis-registry-zh.png", fullPage: true });
  await aht.click();
  await expect(page.getByRole("heading", { name: "信用卡热线平均处理时长" })).toBeVisible();
  await expect(page.getByTestId("kpi-chart")).toBeVisible();
  await expect(page.getByTestId("measurement-form")).toHaveCount(0);
  await expect(page.getByText(/自 .* 起已越过预警线/)).toBeVisible();
  await page.screenshot({ path: "test-results/kpis-detail-zh.png", fullPage: true });
  expect((await page.request.get(`/programs/${pid}/kpis/new`)).status()).toBe(403);
  await context.close();
});
