/**
 * Step 4 end to end: the project team runs a small cycle — starts it (tracking one KPI), types a
 * frontline observation into the feedback inbox and triages it into step ①, adds a new initiative
 * in step ②, enters a KPI measurement for the period (through the measurements API), closes the
 * cycle and sees the before/after, on the board and in the overview's history.
 */
import { expect, test } from "@playwright/test";
import { DEMO, demoProgramId, login, storeLanguage } from "./helpers";

test.use({ locale: "zh-CN" });

test("a small cycle end to end: start, triage feedback into ①, add an initiative, measure, close, see before/after", async ({ page }) => {
  await login(page, DEMO.team);
  await storeLanguage(page, "zh-CN");
  const programId = await demoProgramId(page.request);
  const unique = Date.now().toString(36);

  await page.goto(`/programs/${programId}/loops`);
  await expect(page.getByRole("heading", { level: 1, name: "快速迭代" })).toBeVisible();
  // The demo's two closed small cycles are in the history; the large one is running.
  await expect(page.getByTestId("loop-history")).toContainText("小循环第 2 轮");
  await expect(page.getByTestId("current-large")).toContainText("大循环第 1 轮");
  await expect(page.getByTestId("your-access")).toBeVisible();

  // Start the next small cycle, tracking one KPI only.
  const form = page.getByTestId("start-small");
  await expect(form).toContainText("上一轮未完成的");
  const boxes = form.locator('input[name="kpiId"]');
  const count = await boxes.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 1; i < count; i++) await boxes.nth(i).uncheck();
  const kpiId = await boxes.nth(0).getAttribute("value");
  const kpiName = (await boxes.nth(0).locator("xpath=..").innerText()).split("(")[0].trim();
  await form.locator('input[name="title"]').fill(`E2E ${unique}`);
  // The cycle starts tomorrow, so the demo's values (up to today) lie before it.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await form.locator('input[name="startsOn"]').fill(day(1));
  await form.locator('input[name="endsOn"]').fill(day(14));
  await form.getByRole("button", { name: "开启下一轮" }).click();
  await expect(page).toHaveURL(/\/loops\/[0-9a-f-]{36}$/);
  const boardUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`小循环第 3 轮 · E2E ${unique}`);
  // The open item of cycle 2 came along.
  await expect(page.getByTestId("cycle-board")).toContainText("上轮结转");
  await expect(page.getByTestId("kpis-missing")).toContainText(kpiName);

  // Type a frontline observation into the inbox and triage it into step ①.
  await page.goto(`/programs/${programId}/loops/inbox`);
  const add = page.getByTestId("add-feedback");
  await add.locator('textarea[name="text"]').fill(`柜台客户反映 ${unique}：进度查询页打不开`);
  await add.locator('select[name="origin"]').selectOption("frontline");
  await add.getByRole("button", { name: "加入收件箱" }).click();
  await expect(page.getByTestId("inbox-done")).toContainText("已添加 1 条反馈");
  await page.getByTestId("inbox-filters").locator('input[name="q"]').fill(unique);
  await page.getByTestId("inbox-filters").getByRole("button", { name: "筛选" }).click();
  const item = page.getByTestId("inbox-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("一线员工");
  await expect(item).toContainText("新反馈");
  await item.locator('input[name="recordId"]').check();
  await page.getByTestId("bulk").locator('select[name="cycleId"]').selectOption({ label: `小循环第 3 轮 · E2E ${unique}` });
  await page.getByTestId("bulk").getByRole("button", { name: "将所选分拣到①" }).click();
  await expect(page.getByTestId("inbox-done")).toContainText("已加入本轮第①步：1 条");
  await expect(page.getByTestId("inbox-item")).toContainText(`已进入小循环第 3 轮`);

  // Step ②: a new initiative of the small loop.
  await page.goto(boardUrl);
  await expect(page.getByTestId("step-1")).toContainText(`柜台客户反映 ${unique}`);
  const step2 = page.getByTestId("step-2");
  await step2.getByText("新建举措").click();
  const ini = step2.getByTestId("new-initiative-2");
  await ini.locator('input[name="title"]').fill(`进度页故障兜底 ${unique}`);
  await ini.locator('select[name="lever"]').selectOption("progress_feedback");
  await ini.getByRole("button", { name: "创建并添加" }).click();
  await expect(step2).toContainText(`进度页故障兜底 ${unique}`);

  // Closing is refused while the KPI has no measurement in the period.
  await page.getByTestId("close-cycle").click();
  await expect(page.getByTestId("board-error")).toContainText("暂不能关闭本轮");

  // A measurement on the cycle's first day (tomorrow is the latest day allowed), through the measurements API.
  const res = await page.request.post(`/api/v1/kpis/${kpiId}/measurements`, { data: { date: day(1), value: 42 } });
  expect(res.status()).toBe(201);
  await page.reload();
  await expect(page.getByTestId("cycle-kpi").first()).toContainText("本轮已有测量");
  await page.getByTestId("close-cycle").click();
  const result = page.getByTestId("cycle-result");
  await expect(result).toContainText(kpiName);
  await expect(result).toContainText("42");
  await expect(result).toContainText(/改善|变差|持平|无可比数据/);
  await expect(page.getByText("不能再修改")).toBeVisible();
  await expect(page.getByTestId("close-cycle")).toHaveCount(0);

  await page.goto(`/programs/${programId}/loops`);
  await expect(page.getByTestId("loop-history")).toContainText(`E2E ${unique}`);
  await page.screenshot({ path: "test-results/loops-overview-zh.png", fullPage: true });
});
