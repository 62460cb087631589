/**
 * Feedback import and outside-in analysis end to end: a GBK CSV with a bad row → mapping → the
 * row-level error report → confirm "import the valid rows" → the analysis counts them → a bar
 * drills down to its records. Viewers cannot import. Screenshots go to SHOTS_DIR when set.
 */
import { expect, test } from "@playwright/test";
import { encodeGbk } from "../helpers/gbk";
import { DEMO, demoProgramId, login, setLanguage } from "./helpers";

const SHOTS = process.env.SHOTS_DIR;

test("import a GBK CSV with a bad row, confirm, see the analysis and drill into a bar", async ({ page }) => {
  const segment = `E2E客群${Date.now().toString(36)}`;
  const rows = [
    "日期,渠道,客户群,来电原因,满意度,反馈内容,客户编号",
    `2024-05-01,网站,${segment},申请进度,2,官网查不到申请进度,K1`,
    `2024-05-02,电话,${segment},申请进度,1,"打电话问进度, 等了二十分钟",K1`,
    `2024-02-30,电话,${segment},申请进度,3,日期不存在的一行,K2`,
    `2024-05-03,电话,${segment},额度调整,4,额度调整很快,K3`,
    `2024-05-04,App,${segment},申请进度,2,App 里进度一直是审核中,K4`,
    `2024-05-09,网点,${segment},激活,5,网点激活很顺利,K4`,
  ];
  await login(page, DEMO.team);
  await setLanguage(page, "en");
  const programId = await demoProgramId(page.request);

  await page.goto(`/programs/${programId}/journeys/import`);
  await page.getByTestId("feedback-file").setInputFiles({ name: "反馈-gbk.csv", mimeType: "text/csv", buffer: Buffer.from(encodeGbk(rows.join("\r\n"))) });
  await expect(page.getByRole("heading", { name: "Map the columns" })).toBeVisible();
  await expect(page.getByText("6 rows, 7 columns, encoding GBK/GB18030")).toBeVisible();
  // The Chinese headers were mapped automatically.
  await expect(page.locator('select[data-field="reason"]')).toHaveValue("3");
  await expect(page.locator('select[data-field="customerId"]')).toHaveValue("6");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/import-mapping-en.png`, fullPage: true });

  await page.getByRole("button", { name: "Check all rows" }).click();
  await expect(page.getByText("Rows with problems: 1 of 6. Valid rows: 5.")).toBeVisible();
  const report = page.getByTestId("row-errors");
  await expect(report.locator("tbody tr")).toHaveCount(1);
  await expect(report.locator("tbody tr").first()).toContainText("4");
  await expect(report.locator("tbody tr").first()).toContainText("Not a valid date");
  // The report downloads as CSV.
  const csv = await page.request.get(await page.getByRole("link", { name: "Download error report (CSV)" }).getAttribute("href") as string);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("2024-02-30");
  const importButton = page.getByRole("button", { name: "Import 5 valid rows, skip 1" });
  await expect(importButton).toBeDisabled();
  await page.getByRole("checkbox", { name: /rows with problems \(1\) will not be imported/ }).check();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/import-report-en.png`, fullPage: true });
  await importButton.click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported 5 feedback records");

  await page.getByRole("link", { name: "See the analysis" }).click();
  await page.waitForURL(/journeys\/analysis/);
  await page.goto(`/programs/${programId}/journeys/analysis?segment=${encodeURIComponent(segment)}&days=7`);
  await expect(page.getByTestId("kpi-total")).toHaveText("5");
  // K1: web → phone within a day is a hop; K4: app → branch 5 days later is one too.
  await expect(page.getByTestId("kpi-hops")).toHaveText("2");
  // FCR: K1's web contact and K4's app contact were followed by another within 7 days → 3 of 5.
  await expect(page.getByTestId("kpi-fcr")).toHaveText("60%");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/analysis-en.png`, fullPage: true });

  // Click the "Phone" bar of the channel chart: its two records.
  const channelChart = page.getByTestId("chart-chart-channel");
  await expect(channelChart.locator(".recharts-bar-rectangle")).toHaveCount(4);
  await channelChart.locator(".recharts-bar-rectangle").first().click();
  const drill = page.getByRole("dialog");
  await expect(drill).toContainText("Channel: Phone");
  await expect(drill.getByTestId("record-row")).toHaveCount(2);
  await expect(drill).toContainText("打电话问进度, 等了二十分钟");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/drill-en.png` });
  // Editors link the drilled-down records to a pain point (when the demo maps have pain points).
  const painSelect = drill.getByRole("combobox", { name: "Pain point" });
  if (await painSelect.isEnabled()) {
    await drill.getByRole("checkbox", { name: "Select all on this page" }).check();
    const firstPain = await painSelect.locator("option").nth(1).getAttribute("value");
    await painSelect.selectOption(firstPain!);
    await drill.getByRole("button", { name: "Link 2 selected records" }).click();
    await expect(drill.getByText(/^Linked 2 records to/)).toBeVisible();
  }
  await page.keyboard.press("Escape");

  // The hop matrix drills down to both contacts of the web → phone hop.
  await page.getByRole("button", { name: "Web → Phone: 1" }).click();
  await expect(page.getByRole("dialog").getByTestId("record-row")).toHaveCount(2);
  await page.keyboard.press("Escape");

  // Link one of the imported records to key question a of a map, see it listed, then unlink it.
  const programs = (await (await page.request.get("/api/v1/programs")).json()) as { programs: { id: string; journeyMaps: { id: string }[] }[] };
  const mapId = programs.programs.find((p) => p.id === programId)!.journeyMaps[0].id;
  await page.goto(`/programs/${programId}/journeys/${mapId}/questions`);
  const block = page.getByTestId("evidence-links").first();
  await expect(block.getByTestId("evidence-count")).not.toHaveText("Loading…");
  const before = await block.getByTestId("evidence-link").count();
  await block.getByRole("button", { name: "Link evidence" }).click();
  const picker = page.getByRole("dialog");
  await picker.getByRole("textbox", { name: "Search text, reason, segment…" }).fill(segment);
  await expect(picker.getByTestId("picker-records").locator("li")).not.toHaveCount(0);
  await picker.getByTestId("picker-records").locator("li", { hasText: "等了二十分钟" }).getByRole("checkbox").check();
  if (SHOTS) await picker.screenshot({ path: `${SHOTS}/evidence-picker-en.png` });
  await picker.getByRole("button", { name: "Link 1 selected" }).click();
  await expect(picker).toHaveCount(0);
  await expect(block.getByTestId("evidence-link")).toHaveCount(before + 1);
  const linked = block.getByTestId("evidence-link").filter({ hasText: "打电话问进度, 等了二十分钟" });
  await expect(linked).toContainText("Phone");
  if (SHOTS) await block.screenshot({ path: `${SHOTS}/evidence-links-en.png` });
  await linked.getByRole("button", { name: /^Unlink/ }).click();
  await expect(block.getByTestId("evidence-link")).toHaveCount(before);
  await page.goto(`/programs/${programId}/journeys/analysis?segment=${encodeURIComponent(segment)}&days=7`);

  // The same page in Chinese.
  await setLanguage(page, "zh-CN");
  await expect(page.getByRole("heading", { name: "由外向内分析" })).toBeVisible();
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/analysis-zh.png`, fullPage: true });
    await page.goto(`/programs/${programId}/journeys/import`);
    await page.screenshot({ path: `${SHOTS}/import-zh.png`, fullPage: true });
    await page.goto(`/programs/${programId}/journeys/evidence`);
    await page.screenshot({ path: `${SHOTS}/evidence-zh.png`, fullPage: true });
  }
});

test("viewers and frontline staff cannot import feedback", async ({ page }) => {
  await login(page, DEMO.viewer);
  await setLanguage(page, "en");
  const programId = await demoProgramId(page.request);
  await page.goto(`/programs/${programId}/journeys/import`);
  await expect(page.getByText("Only the project team and functional representatives can import feedback.")).toBeVisible();
  await expect(page.getByTestId("feedback-file")).toHaveCount(0);
  const res = await page.request.post(`/api/v1/programs/${programId}/feedback-imports`, {
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("date,channel,segment,reason,score,text\n2024-01-01,web,a,b,1,c\n") } },
  });
  expect(res.status()).toBe(403);
  const links = await page.request.post(`/api/v1/journey-maps/00000000-0000-0000-0000-000000000000/links`, { data: { targetType: "question", targetId: "a", evidenceType: "feedback", evidenceIds: ["x"] } });
  expect(links.status()).toBe(404);
});
