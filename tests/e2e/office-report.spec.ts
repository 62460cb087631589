/**
 * The CEO report end to end (English): the CX office opens the report of the last full quarter,
 * follows a satisfaction KPI's traceability down to the customer evidence on the journey map,
 * downloads the PDF and finds the page's figures in it (text extracted with pdf.js), checks the
 * print layout hides the app's chrome, and that a period out of range is refused in words.
 * Screenshots (screen, print, phone, trace) go to the test's output folder.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { DEMO, login, storeLanguage } from "./helpers";

/** The last full quarter in China Standard Time, e.g. 2026-Q3. */
function lastFullQuarter(now = new Date()): string {
  const day = new Date(now.getTime() + 8 * 3_600_000);
  const q = Math.floor(day.getUTCMonth() / 3); // 0-based current quarter
  return q === 0 ? `${day.getUTCFullYear() - 1}-Q4` : `${day.getUTCFullYear()}-Q${q}`;
}

/** Text of every page of a PDF, whitespace removed (CJK text comes out a glyph at a time). */
async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  let out = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return out.replace(/\s+/g, "");
}
const squash = (s: string) => s.replace(/\s+/g, "");

async function openReport(page: Page, query = "") {
  await page.goto(`/office/report${query}`, { waitUntil: "networkidle" });
}

test.describe("CEO report", () => {
  test("office reads the last quarter, traces a KPI to its evidence, and the PDF has the page's figures", async ({ page }, info) => {
    await login(page, DEMO.office);
    await storeLanguage(page, "en");
    const quarter = lastFullQuarter();
    await openReport(page);
    const report = page.getByTestId("ceo-report");
    await expect(report).toHaveAttribute("data-period", quarter);
    await expect(page.getByTestId("report-title")).toContainText(`Q${quarter.slice(-1)} ${quarter.slice(0, 4)}`);
    for (const id of ["report-satisfaction", "report-initiatives", "report-problems", "report-next"]) await expect(page.getByTestId(id)).toBeVisible();
    await page.screenshot({ path: info.outputPath("report-1280.png"), fullPage: true });

    // The figures on the page.
    const summary = (await page.getByTestId("report-summary").innerText()).trim();
    const kpis = page.getByTestId("report-kpi");
    const count = await kpis.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const figures: string[] = [];
    for (let i = 0; i < count; i++) {
      figures.push((await kpis.nth(i).getByTestId("kpi-end-value").innerText()).trim());
      figures.push((await kpis.nth(i).getByTestId("kpi-start-value").innerText()).trim());
    }
    const redCount = (await page.getByTestId("report-initiatives").locator('[data-health-count="red"]').first().innerText()).trim();

    // The API gives the same report.
    const api = await page.request.get(`/api/v1/office/report?period=${quarter}`);
    expect(api.ok()).toBeTruthy();
    const body = (await api.json()) as { report: { period: { key: string }; summary: { satisfactionKpis: number; red: number } } };
    expect(body.report.period.key).toBe(quarter);
    expect(body.report.summary.satisfactionKpis).toBe(count);
    expect(String(body.report.summary.red)).toBe(redCount);

    // The print layout: no app header, no office navigation, no toolbar; the report stays.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("body > div > header").first()).toBeHidden();
    await expect(page.getByRole("navigation", { name: "CX office sections" })).toBeHidden();
    await expect(page.getByTestId("report-toolbar")).toBeHidden();
    await expect(report).toBeVisible();
    await page.screenshot({ path: info.outputPath("report-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // The PDF, printed from the same page: it holds the same figures.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-pdf").click()]);
    expect(download.suggestedFilename()).toBe(`cx-report-${quarter}.pdf`);
    const file = info.outputPath(`cx-report-${quarter}.pdf`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain(squash(summary));
    for (const f of figures) expect(text, f).toContain(squash(f));
    expect(text).toContain(squash("1 · Satisfaction results"));
    expect(text).toContain(squash("4 · Next steps"));

    // Follow the CSAT KPI's traceability down to the evidence.
    const csat = kpis.filter({ hasText: "Customer satisfaction (CSAT)" }).first();
    await csat.getByTestId("report-trace-link").click();
    await expect(page).toHaveURL(/\/trace\/kpi\//);
    await expect(page.getByTestId("trace-columns")).toBeVisible();
    await expect(page.getByTestId("trace-kpi").first()).toContainText("CSAT");
    await expect(page.getByTestId("trace-initiative").first()).toBeVisible();
    await expect(page.getByTestId("trace-pain-point").first()).toBeVisible();
    await expect(page.getByTestId("trace-standard").first()).toBeVisible();
    await expect(page.getByTestId("trace-evidence-feedback").first()).toContainText("feedback record");
    await page.screenshot({ path: info.outputPath("trace-1280.png"), fullPage: true });
    const painTitle = (await page.getByTestId("trace-evidence").first().locator("a").first().innerText()).trim();
    await page.getByTestId("trace-evidence-open").first().click();
    await expect(page).toHaveURL(/\/journeys\/[^/?]+\?painPoint=/);
    const drawer = page.getByTestId("pain-drawer");
    await expect(drawer).toBeVisible({ timeout: 20_000 });
    await expect(drawer.getByTestId("evidence-link").first()).toBeVisible({ timeout: 20_000 });
    await expect(drawer).toContainText(painTitle.slice(0, 4));
  });

  test("refuses a period out of range in words, and works at 390 px", async ({ page }, info) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, DEMO.office);
    await storeLanguage(page, "en");
    let res = await page.goto("/office/report?period=2026-Q9");
    expect(res?.status()).toBe(400);
    await expect(page.getByTestId("report-period-error")).toContainText("is not a period");
    res = await page.goto("/office/report?period=2099-Q1");
    expect(res?.status()).toBe(400);
    await expect(page.getByTestId("report-period-error")).toContainText("too far ahead");
    expect((await page.request.get("/api/v1/office/report?period=2001-01")).status()).toBe(400);

    await openReport(page);
    await expect(page.getByTestId("ceo-report")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath("report-390.png"), fullPage: true });
    await page.getByTestId("report-trace-link").first().click();
    await expect(page.getByTestId("trace-columns")).toBeVisible();
    const traceOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(traceOverflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath("trace-390.png"), fullPage: true });
  });

  test("the team cannot open the CEO report", async ({ page }) => {
    await login(page, DEMO.team);
    await storeLanguage(page, "en");
    const res = await page.goto("/office/report");
    expect(res?.status()).toBe(403);
    expect((await page.request.get("/office/report.pdf")).status()).toBe(403);
  });
});
