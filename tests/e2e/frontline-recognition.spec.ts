/**
 * Step 5's recognition workflow end to end on a 390×844 phone: frontline staff (张伟, in Chinese)
 * nominate a colleague — a too-short story and the same story twice are refused with messages —
 * and see it waiting for review; the project team (王芳, in English, another browser context)
 * evaluates it in the review queue against its guideline, approves it and grants the reward; the
 * nomination's timeline shows each step with who and when, and the recognition wall shows the
 * story to everyone, a viewer included. No page scrolls sideways on the phone. With SHOTS_DIR set,
 * screenshots of the nominate form, the review queue, the timeline and the wall at 390 and 1280 wide.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { demoProgramId, storeContextLanguage } from "./helpers";

const SHOTS = process.env.SHOTS_DIR;
const PHONE = { width: 390, height: 844 };

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: PHONE, isMobile: true, hasTouch: true });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return context;
}

async function noSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

test("frontline staff nominate a colleague on a phone; the team approves and rewards it; the wall shows the story", async ({ browser }) => {
  const frontline = await signedIn(browser, "frontline@demo.test", "zh-CN");
  const pid = await demoProgramId(frontline.request);
  const base = `/programs/${pid}/frontline`;
  const story = `周一早上网点刚开门，一位客户急着给在外地住院的家人汇款，却忘了手机银行密码。孙丽先帮客户在柜台办完加急汇款，又陪他在智能柜台重置了密码，整个过程不到十五分钟。（${Date.now().toString(36)}）`;

  // ── Nominate (张伟, Chinese, phone) ─────────────────────────────────────────────────────────
  const page = await frontline.newPage();
  await page.goto(`${base}/nominations`, { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "提名一位同事" })).toBeVisible();
  const form = page.getByTestId("nominate-form");
  const sunli = await form.locator('select[name="nomineeId"] option', { hasText: "孙丽" }).getAttribute("value");
  expect(sunli).toBeTruthy();
  // Nobody can pick themselves.
  await expect(form.locator('select[name="nomineeId"] option', { hasText: "张伟" })).toHaveCount(0);
  await form.locator('select[name="nomineeId"]').selectOption(sunli!);
  await form.getByTestId("type-choice").filter({ hasText: "首问负责、一次解决" }).click();
  await form.locator('textarea[name="story"]').fill("服务很好。");
  await form.getByTestId("nominate-submit").click();
  await expect(form.getByText("请再多写一些：至少 20 个字。")).toBeVisible();
  await noSidewaysScroll(page, "the nominate form");
  await form.locator('textarea[name="story"]').fill(story);
  await expect(form.getByText(`${[...story].length} / 2000`)).toBeVisible();
  await shoot(page, "nominate-form");
  await form.getByTestId("nominate-submit").click();

  await expect(page.getByText("提名已提交。")).toBeVisible();
  await expect(page.getByTestId("nomination-story")).toHaveText(story);
  await expect(page.getByTestId("nomination-status")).toHaveText("待评审");
  await expect(page.getByTestId("timeline-event")).toHaveCount(1);
  await expect(page.getByTestId("timeline-event").first()).toContainText("张伟 提交了提名");
  await expect(page.getByTestId("guideline-panel")).toContainText("首问负责，一次办结");
  const nominationUrl = new URL(page.url()).pathname;

  // The same story again, with white space around it, is a duplicate.
  await page.goto(`${base}/nominations?tab=nominate`, { waitUntil: "networkidle" });
  const again = page.getByTestId("nominate-form");
  await again.locator('select[name="nomineeId"]').selectOption(sunli!);
  await again.getByTestId("type-choice").filter({ hasText: "首问负责、一次解决" }).click();
  await again.locator('textarea[name="story"]').fill(`\n${story}   `);
  await again.getByTestId("nominate-submit").click();
  await expect(page.getByText("同一位同事、同一行为类型的这段事迹已经提交过了。")).toBeVisible();

  // My nominations: it waits for review.
  await page.goto(`${base}/nominations?tab=mine`);
  await expect(page.getByTestId("sent-list").getByTestId("nomination-card").filter({ hasText: story.slice(0, 20) }).getByTestId("nomination-status")).toHaveText("待评审");
  await noSidewaysScroll(page, "my nominations");
  await shoot(page, "my-nominations");

  // ── Review and reward (王芳, English, another context) ──────────────────────────────────────
  const team = await signedIn(browser, "team@demo.test", "en");
  const reviewer = await team.newPage();
  await reviewer.goto(`${base}/nominations`, { waitUntil: "networkidle" });
  await expect(reviewer.getByRole("heading", { name: /Waiting for review/ })).toBeVisible();
  const item = reviewer.getByTestId("review-item").filter({ hasText: story.slice(0, 30) });
  await expect(item).toBeVisible();
  await expect(item.getByTestId("guideline-panel")).toContainText("首问负责，一次办结");
  await expect(item.getByTestId("guideline-panel")).toContainText("Don't");
  // The demo nomination the team sent itself cannot be decided by the team.
  await expect(reviewer.getByTestId("review-conflict").first()).toHaveText("You sent this nomination, so another reviewer decides.");
  await noSidewaysScroll(reviewer, "the review queue");
  await shoot(reviewer, "review-queue");
  await item.getByTestId("approve").click();
  await expect(reviewer.getByText("Nomination approved. Grant the reward when it is ready.")).toBeVisible();

  const rewardItem = reviewer.getByTestId("reward-item").filter({ hasText: story.slice(0, 30) });
  await expect(rewardItem).toBeVisible();
  await expect(rewardItem).toContainText("200 积分");
  await rewardItem.getByTestId("grant-reward").click();
  await expect(reviewer.getByText("Reward granted. It is on the recognition wall now.")).toBeVisible();
  await expect(reviewer.getByTestId("reward-item").filter({ hasText: story.slice(0, 30) })).toHaveCount(0);

  // The timeline: who did what, when.
  await reviewer.goto(nominationUrl, { waitUntil: "networkidle" });
  const events = reviewer.getByTestId("timeline-event");
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toContainText("张伟 sent the nomination");
  await expect(events.nth(1)).toContainText("王芳 approved it");
  await expect(events.nth(2)).toContainText("王芳 granted the reward");
  await expect(reviewer.getByTestId("nomination-status")).toHaveText("Rewarded");
  await noSidewaysScroll(reviewer, "the nomination page");
  await shoot(reviewer, "nomination-timeline");

  // ── The wall (back to 张伟's phone), newest first ───────────────────────────────────────────
  await page.goto(`${base}/wall`, { waitUntil: "networkidle" });
  const first = page.getByTestId("wall-card").first();
  await expect(first.getByTestId("wall-story")).toHaveText(story);
  await expect(first.getByTestId("wall-nominee")).toHaveText("孙丽");
  await expect(first).toContainText("提名人：张伟");
  await expect(first).toContainText("首问负责、一次解决");
  await noSidewaysScroll(page, "the recognition wall");
  await shoot(page, "wall");
  // Filtered to another behaviour, it is not there.
  await page.locator('select[name="type"]').selectOption({ label: "主动告知进度" });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/type=/);
  await expect(page.getByTestId("wall-story").filter({ hasText: story })).toHaveCount(0);
  await expect(page.getByTestId("wall-card").first()).toContainText("主动告知进度");

  // A viewer reads the wall too (and has no nominate button).
  const viewer = await signedIn(browser, "viewer@demo.test", "zh-CN");
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(`${base}/wall`);
  await expect(viewerPage.getByTestId("wall-story").filter({ hasText: story })).toBeVisible();
  await expect(viewerPage.getByTestId("wall-nominate")).toHaveCount(0);

  await Promise.all([frontline.close(), team.close(), viewer.close()]);
});
