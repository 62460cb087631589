/**
 * Step 5's guidelines and recognition catalogue end to end: leadership writes a guideline for the
 * standard the demo left without one (a field error first), then adds a behaviour to the
 * catalogue linked to it (refused until a frontline colleague is among those who agreed); a
 * frontline colleague reads the guidelines and the catalogue on a 390 × 844 phone — cited
 * standard chips, do / don't lists, the review flag — with no edit controls and no sideways
 * scrolling. Screenshots of both pages at 1280 and 390 px (test-results/frontline/).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, openDialog, storeContextLanguage } from "./helpers";

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN", viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return context;
}

async function programId(context: BrowserContext): Promise<string> {
  const body = (await (await context.request.get("/api/v1/programs")).json()) as { programs: { id: string }[] };
  return body.programs[0].id;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await noSidewaysScroll(page);
  await page.screenshot({ path: `test-results/frontline/${name}.png`, fullPage: true });
}

test("leadership writes a guideline citing a standard and adds a behaviour to the catalogue", async ({ browser }) => {
  const context = await signedIn(browser, DEMO.exec, "en", { width: 1280, height: 900 });
  const page = await context.newPage();
  const pid = await programId(context);
  const suffix = Date.now().toString(36);

  await page.goto(`/programs/${pid}/frontline`, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "Behaviour guidelines" })).toBeVisible();
  // The demo: one guideline flagged after the standard's wording changed, one standard with no guideline.
  await expect(page.getByTestId("flag-count")).toHaveText("1 needs review");
  await expect(page.getByTestId("guideline-flag")).toContainText("How it is measured");
  await expect(page.getByTestId("guideline-flag")).toContainText("≤ 10 分钟");
  await expect(page.getByTestId("mark-reviewed")).toBeVisible();
  const gap = page.getByTestId("standard-gap");
  await expect(gap).toHaveCount(1);
  await expect(gap).toContainText("No guideline yet serves “全渠道一致”.");
  await shoot(page, "guidelines-en-desktop");

  // Write one for the gap: the standard comes pre-selected; a missing title is refused next to the field.
  const dialog = await openDialog(page, page.getByTestId("write-for-consistent-across-channels"));
  await expect(dialog.locator('select[name="standardKey"]')).toHaveValue("consistent-across-channels");
  await expect(dialog.getByTestId("chosen-standard")).toContainText("同样的答复");
  await dialog.getByRole("button", { name: "Create guideline" }).click();
  await expect(dialog.getByText("This field is required.")).toBeVisible();
  const title = `Give the same answer in every channel ${suffix}`;
  await dialog.locator('input[name="title"]').fill(title);
  await dialog.locator('textarea[name="body"]').fill("Check the shared knowledge base before answering, so branch, app and call centre say the same.");
  const doList = dialog.getByTestId("doExamples-list");
  await doList.locator("input").first().fill("Look the answer up in the shared knowledge base");
  await doList.getByRole("button", { name: "Add an example" }).click();
  await doList.locator("input").nth(1).fill("Note what you told the customer in their record");
  await dialog.getByTestId("dontExamples-list").locator("input").first().fill("Answer from memory when the policy changed last month");
  await page.screenshot({ path: "test-results/frontline/guideline-form-en-desktop.png" });
  await dialog.getByRole("button", { name: "Create guideline" }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByTestId("guideline-card").filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("standard-chip")).toHaveText(/全渠道一致/);
  await expect(card.getByTestId("guideline-do")).toContainText("Note what you told the customer in their record");
  await expect(card.getByTestId("guideline-dont")).toContainText("Answer from memory");
  await expect(page.getByTestId("standard-gap")).toHaveCount(0);

  // The catalogue: a behaviour evaluated against the new guideline.
  await page.goto(`/programs/${pid}/frontline/catalogue`, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "Recognition catalogue" })).toBeVisible();
  await expect(page.getByTestId("recognition-type")).toHaveCount(5);
  await expect(page.getByTestId("recognition-type").first().getByTestId("agreement")).toContainText("(Frontline)");
  await shoot(page, "catalogue-en-desktop");
  const form = await openDialog(page, page.getByTestId("new-recognition-type"));
  const name = `One answer everywhere ${suffix}`;
  await form.locator('input[name="name"]').fill(name);
  await form.locator('textarea[name="description"]').fill("A customer got the same, correct answer in the branch and on the phone.");
  await form.locator('select[name="guidelineId"]').selectOption({ label: `${title} · 全渠道一致` });
  await form.locator('select[name="rewardKind"]').selectOption("bonus");
  await form.locator('input[name="rewardValue"]').fill("300");
  await form.locator('input[name="rewardText"]').fill("300 yuan with the monthly bonus");
  await form.locator('textarea[name="agreedNote"]').fill("Branch and call-centre workshop");
  // 周华 (leadership) is already ticked as the one adding it; without a frontline colleague it is refused.
  const agreed = form.getByTestId("agreed-by");
  await expect(agreed.getByRole("checkbox", { name: /周华/ })).toBeChecked();
  await form.getByRole("button", { name: "Add to catalogue" }).click();
  await expect(form.getByText("At least one frontline colleague must have agreed.")).toBeVisible();
  await agreed.getByRole("checkbox", { name: /张伟/ }).check();
  await form.getByRole("button", { name: "Add to catalogue" }).click();
  await expect(form).toBeHidden();
  const entry = page.getByTestId("recognition-type").filter({ hasText: name });
  await expect(entry.getByTestId("reward-badge")).toContainText("Bonus");
  await expect(entry.getByTestId("reward-badge")).toContainText("300");
  await expect(entry.getByTestId("agreement")).toContainText("周华 (Leadership), 张伟 (Frontline)");
  await expect(entry.getByRole("link", { name: title })).toBeVisible();

  // The API serves both, with the flag count.
  const guidelines = (await (await context.request.get(`/api/v1/programs/${pid}/guidelines`)).json()) as { flagged: number; guidelines: { title: string }[] };
  expect(guidelines.flagged).toBe(1);
  expect(guidelines.guidelines.map((g) => g.title)).toContain(title);
  const types = (await (await context.request.get(`/api/v1/programs/${pid}/recognition-types`)).json()) as { recognitionTypes: { name: string }[] };
  expect(types.recognitionTypes.map((r) => r.name)).toContain(name);
  await context.close();
});

test("a frontline colleague reads the guidelines and the catalogue on a phone, without edit controls", async ({ browser }) => {
  const context = await signedIn(browser, DEMO.frontline, "zh-CN", { width: 390, height: 844 });
  const page = await context.newPage();
  const pid = await programId(context);

  await page.goto(`/programs/${pid}/frontline`, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "行为准则" })).toBeVisible();
  const cards = page.getByTestId("guideline-card");
  expect(await cards.count()).toBeGreaterThanOrEqual(6);
  const first = cards.filter({ hasText: "首问负责，一次办结" });
  await expect(first.getByTestId("standard-chip")).toHaveText(/一次解决/);
  await expect(first.getByTestId("guideline-do")).toContainText("✓");
  await expect(first.getByTestId("guideline-dont")).toContainText("✗");
  // The flag is shown to readers too, but only editors can act on it.
  await expect(page.getByTestId("guideline-flag")).toContainText("衡量方式");
  await expect(page.getByTestId("mark-reviewed")).toHaveCount(0);
  await expect(page.getByTestId("new-guideline")).toHaveCount(0);
  await expect(page.getByTestId("guideline-actions")).toHaveCount(0);
  await expect(page.getByTestId("edit-guideline")).toHaveCount(0);
  await expect(page.getByTestId("your-access")).toContainText("提交创意");
  await shoot(page, "guidelines-zh-phone");

  await page.goto(`/programs/${pid}/frontline/catalogue`, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "认可目录" })).toBeVisible();
  expect(await page.getByTestId("recognition-type").count()).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId("new-recognition-type")).toHaveCount(0);
  await expect(page.getByTestId("type-actions")).toHaveCount(0);
  await expect(page.getByTestId("recognition-type").filter({ hasText: "化解投诉、赢回客户" }).getByTestId("reward-badge")).toContainText("¥500");
  await shoot(page, "catalogue-zh-phone");

  // A post straight to the action is refused on the server.
  const res = await context.request.post(`/programs/${pid}/frontline?index`, {
    form: { intent: "create", title: "x", standardKey: "first-contact-resolution" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  await context.close();
});

test("screenshots: leadership on a phone, frontline on a wide screen", async ({ browser }) => {
  const phone = await signedIn(browser, DEMO.exec, "zh-CN", { width: 390, height: 844 });
  const p1 = await phone.newPage();
  const pid = await programId(phone);
  await p1.goto(`/programs/${pid}/frontline`, { waitUntil: "networkidle" });
  await shoot(p1, "guidelines-zh-lead-phone");
  const guidelineForm = await openDialog(p1, p1.getByTestId("new-guideline"));
  await guidelineForm.locator('select[name="standardKey"]').selectOption("simple-to-do");
  await p1.screenshot({ path: "test-results/frontline/guideline-form-zh-phone.png" });
  await p1.keyboard.press("Escape");
  await expect(guidelineForm).toBeHidden();
  await p1.goto(`/programs/${pid}/frontline/catalogue`, { waitUntil: "networkidle" });
  await shoot(p1, "catalogue-zh-lead-phone");
  const dialog = await openDialog(p1, p1.getByTestId("new-recognition-type"));
  await expect(dialog).toBeVisible();
  await p1.screenshot({ path: "test-results/frontline/catalogue-form-zh-phone.png" });
  await phone.close();

  const wide = await signedIn(browser, DEMO.frontline, "en", { width: 1280, height: 900 });
  const p2 = await wide.newPage();
  await p2.goto(`/programs/${pid}/frontline`, { waitUntil: "networkidle" });
  await shoot(p2, "guidelines-en-frontline-desktop");
  await wide.close();
});
