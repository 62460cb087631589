/**
 * Comments with @mentions end to end: the project team (王芳) comments on a KPI and mentions the
 * program lead through the keyboard-driven @ list (↓/↑, Escape closes, Enter picks, Ctrl+Enter
 * sends); the lead, in another browser context, sees the thread on the KPI page with the mention
 * chip and has the mention notification. Then a comment on a pain point from the journey
 * canvas's drawer (the @ list used with the mouse), and the seeded discussions. Screenshots of
 * the KPI page's thread and the pain-point drawer at 1280 and 390 px wide.
 */
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { storeContextLanguage } from "./helpers";

const SHOTS = process.env.CX_SHOTS_DIR ?? "test-results/comments";
/** Pages and their threads load slowly on a busy machine. */
const LOAD = { timeout: 30_000 };

test.describe.configure({ timeout: 180_000 });

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN", width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: { width, height: width < 500 ? 844 : 900 } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return context;
}

async function programId(context: BrowserContext): Promise<string> {
  const body = (await (await context.request.get("/api/v1/programs")).json()) as { programs: { id: string; name: string }[] };
  return body.programs.find((p) => p.name === "零售银行客户体验转型")!.id;
}

async function kpiId(context: BrowserContext, pid: string, name: string): Promise<string> {
  const body = (await (await context.request.get(`/api/v1/programs/${pid}/kpis`)).json()) as { kpis: { id: string; name: string }[] };
  return body.kpis.find((k) => k.name === name)!.id;
}

test("the project team mentions the lead on a KPI with the keyboard; the lead sees the thread and the notification", async ({ browser }) => {
  const team = await signedIn(browser, "team@demo.test", "en");
  const pid = await programId(team);
  const kid = await kpiId(team, pid, "信用卡热线首次解决率");
  const page = await team.newPage();
  await page.goto(`/programs/${pid}/kpis/${kid}`, { waitUntil: "networkidle" });

  const card = page.getByTestId("comments-card");
  await expect(card.getByRole("heading", { name: /Comments/ })).toBeVisible();
  await expect(card.getByTestId("comments-empty")).toBeVisible(LOAD);
  await expect(card.getByTestId("comments-empty")).toHaveText("No comments yet. Start the discussion — type @ to bring a colleague in.");
  const input = card.getByTestId("new-thread-composer").getByRole("combobox", { name: "Start a discussion" });
  await input.click();

  // "@" opens the list of people who can see the program; Escape closes it (and keeps the text).
  await input.pressSequentially("FCR dipped after the IVR change @");
  const list = card.getByRole("listbox", { name: "People who can see this program" });
  await expect(list).toBeVisible();
  await expect(input).toHaveAttribute("aria-expanded", "true");
  await expect(list.getByRole("option", { name: /王芳/ })).toHaveCount(0); // not oneself
  await input.press("Escape");
  await expect(list).toBeHidden();
  await expect(input).toHaveAttribute("aria-expanded", "false");

  // A new "@" and a query: ↓ and ↑ move through the matches, Enter picks.
  await input.pressSequentially(" — @陈");
  await expect(list).toBeVisible();
  const options = list.getByRole("option");
  await expect(options.first()).toContainText("陈明");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await input.press("ArrowDown");
  await input.press("ArrowUp");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(input).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  await input.press("Enter");
  await expect(list).toBeHidden();
  await expect(input).toHaveValue("FCR dipped after the IVR change @ — @陈明 ");
  await input.pressSequentially("can you check with the call centre?");
  await input.press("Control+Enter");

  const thread = card.getByTestId("comment-thread").first();
  await expect(thread.getByTestId("comment-body")).toHaveText("FCR dipped after the IVR change @ — @陈明 can you check with the call centre?", LOAD);
  await expect(thread.getByTestId("mention-chip")).toHaveText("@陈明");
  await expect(thread.getByTestId("comment-author")).toHaveText("王芳");
  await expect(card.getByTestId("comment-count")).toHaveText("1");
  await expect(input).toHaveValue("");
  const threadId = (await thread.getAttribute("data-thread-id"))!;

  // The lead, in another context, sees it on the page and has the mention notification.
  const lead = await signedIn(browser, "lead@demo.test", "en");
  const leadPage = await lead.newPage();
  await leadPage.goto(`/programs/${pid}/kpis/${kid}#comments`, { waitUntil: "networkidle" });
  const leadThread = leadPage.locator(`[data-testid="comment-thread"][data-thread-id="${threadId}"]`);
  await expect(leadThread.getByTestId("comment-body")).toContainText("can you check with the call centre?", LOAD);
  // A mention of oneself is highlighted.
  await expect(leadThread.getByTestId("mention-chip")).toHaveClass(/bg-amber-100/);
  await expect(leadPage.getByTestId("comment-count-link")).toHaveText("1 comment");
  const res = await lead.request.get("/api/v1/notifications");
  expect(res.status()).toBe(200);
  const { notifications } = (await res.json()) as { notifications: { kind: string; entityId: string; url: string; readAt: string | null; payload: Record<string, unknown> }[] };
  const mention = notifications.find((n) => n.kind === "mention" && n.entityId === threadId);
  expect(mention).toMatchObject({
    url: `/programs/${pid}/kpis/${kid}#comments`,
    readAt: null,
    payload: { targetType: "kpi", targetTitle: "信用卡热线首次解决率", excerpt: "FCR dipped after the IVR change @ — @陈明 can you check with the call centre?" },
  });
  // The author is not notified of their own comment.
  const own = (await (await team.request.get("/api/v1/notifications")).json()) as { notifications: { entityId: string }[] };
  expect(own.notifications.some((n) => n.entityId === threadId)).toBe(false);

  // The lead replies and resolves; the thread collapses under "1 resolved discussion".
  await leadThread.getByTestId("thread-reply").click();
  const reply = leadThread.getByTestId("reply-composer").getByRole("combobox");
  await reply.fill("Checked: the new IVR menu sends card activation calls to the wrong queue.");
  await leadThread.getByTestId("reply-composer").getByTestId("comment-submit").click();
  await expect(leadThread.getByTestId("comment")).toHaveCount(2, LOAD);
  await leadThread.getByTestId("thread-resolve").click();
  await expect(leadPage.getByTestId("toggle-resolved")).toHaveText("1 resolved discussion", LOAD);
  await expect(leadPage.getByTestId("comments-empty")).toHaveText("Every discussion here is resolved.");
  await leadPage.getByTestId("toggle-resolved").click();
  await expect(leadThread.getByTestId("thread-resolved-note")).toContainText("Resolved by 陈明");

  await team.close();
  await lead.close();
});

test("a viewer reads the discussion without a composer", async ({ browser }) => {
  const viewer = await signedIn(browser, "viewer@demo.test", "zh-CN");
  const pid = await programId(viewer);
  const kid = await kpiId(viewer, pid, "信用卡客户净推荐值（NPS）");
  const page = await viewer.newPage();
  await page.goto(`/programs/${pid}/kpis/${kid}`, { waitUntil: "networkidle" });
  const card = page.getByTestId("comments-card");
  await expect(card.getByTestId("comment-thread")).toHaveCount(1, LOAD);
  await expect(card.getByTestId("comment-body").first()).toContainText("本月 NPS 较上月下降 4 分");
  await expect(card.getByTestId("comments-read-only")).toHaveText("你可以查看讨论，但你的角色不能发表评论。");
  await expect(card.getByTestId("new-thread-composer")).toHaveCount(0);
  await expect(card.getByTestId("thread-reply")).toHaveCount(0);
  // The server refuses too.
  const res = await viewer.request.post(`/api/v1/programs/${pid}/comments`, { data: { targetType: "kpi", targetId: kid, body: "我也想评论" } });
  expect(res.status()).toBe(403);
  await viewer.close();
});

test("a comment on a pain point from the journey canvas's drawer; screenshots of the KPI thread and the drawer", async ({ browser }) => {
  const team = await signedIn(browser, "team@demo.test", "zh-CN");
  const pid = await programId(team);
  const pains = (await (await team.request.get(`/api/v1/programs/${pid}/pain-points`)).json()) as { painPoints: { id: string; title: string; map: { id: string } }[] };
  const bill = pains.painPoints.find((p) => p.title === "账单看不懂")!;
  const page = await team.newPage();
  await page.goto(`/programs/${pid}/journeys/${bill.map.id}?painPoint=${bill.id}`, { waitUntil: "networkidle" });
  const drawer = page.getByTestId("pain-drawer");
  await expect(drawer).toBeVisible({ timeout: 20_000 });
  const section = drawer.getByTestId("comments-section-pain_point");
  await expect(section.getByRole("heading", { name: "这个痛点的评论" })).toBeVisible();
  await expect(section.getByTestId("comments-empty")).toBeVisible(LOAD);
  await expect(drawer.getByTestId("comments-section-touchpoint")).toBeVisible();

  const input = section.getByRole("combobox", { name: "发起讨论" });
  await input.click();
  await input.pressSequentially("账单改版时请把分期和积分分开展示，@李");
  const option = section.getByRole("option", { name: /李静/ });
  await expect(option).toBeVisible();
  await option.click(); // the mouse works too
  await expect(input).toHaveValue("账单改版时请把分期和积分分开展示，@李静 ");
  await input.pressSequentially("能否提供上季度的相关投诉量？");
  await section.getByTestId("comment-submit").click();
  const thread = section.getByTestId("comment-thread");
  await expect(thread).toHaveCount(1, LOAD);
  await expect(thread.getByTestId("mention-chip")).toHaveText("@李静");
  await expect(thread.getByTestId("comment-body")).toHaveText("账单改版时请把分期和积分分开展示，@李静 能否提供上季度的相关投诉量？");
  // Stored where the API reads it, with the map as the target's context.
  const api = (await (await team.request.get(`/api/v1/programs/${pid}/comments?targetType=pain_point&targetId=${bill.id}`)).json()) as { threads: { targetContext: string; mentions: { name: string }[] }[] };
  expect(api.threads).toHaveLength(1);
  expect(api.threads[0]).toMatchObject({ targetContext: bill.map.id, mentions: [{ name: "李静" }] });

  // Editing one's own comment.
  await thread.getByTestId("comment-edit").click();
  const edit = thread.getByTestId("comment-edit-composer").getByRole("combobox");
  await expect(edit).toHaveValue("账单改版时请把分期和积分分开展示，@李静 能否提供上季度的相关投诉量？");
  await edit.fill("账单改版时请把分期、积分和最低还款分开展示，@李静 能否提供上季度的相关投诉量？");
  await thread.getByTestId("comment-edit-composer").getByTestId("comment-submit").click();
  await expect(thread.getByTestId("comment-edited")).toBeVisible(LOAD);
  await expect(thread.getByTestId("mention-chip")).toHaveText("@李静");

  await team.close();
});

test("screenshots: the seeded discussion in the pain-point drawer and on the KPI page, desktop and phone", async ({ browser }) => {
  const team = await signedIn(browser, "team@demo.test", "zh-CN");
  const pid = await programId(team);
  const pains = (await (await team.request.get(`/api/v1/programs/${pid}/pain-points`)).json()) as { painPoints: { id: string; title: string; map: { id: string } }[] };
  const progress = pains.painPoints.find((p) => p.title === "审批进度不透明")!;
  const nps = await kpiId(team, pid, "信用卡客户净推荐值（NPS）");
  for (const width of [1280, 390]) {
    const ctx = await signedIn(browser, "team@demo.test", "zh-CN", width);
    const p = await ctx.newPage();
    await p.goto(`/programs/${pid}/journeys/${progress.map.id}?painPoint=${progress.id}#comments`, { waitUntil: "networkidle" });
    const d = p.getByTestId("pain-drawer");
    await expect(d.getByTestId("comments-section-pain_point").getByTestId("comment-thread")).toHaveCount(1, LOAD);
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => window.scrollY)).toBe(0); // the drawer scrolled, not the page
    await p.screenshot({ path: `${SHOTS}/drawer-${width}.png` });
    await p.goto(`/programs/${pid}/kpis/${nps}#comments`, { waitUntil: "networkidle" });
    const c = p.getByTestId("comments-card");
    await expect(c.getByTestId("comment-thread")).toHaveCount(1, LOAD);
    await c.getByTestId("new-thread-composer").getByRole("combobox").click();
    await c.getByTestId("new-thread-composer").getByRole("combobox").pressSequentially("@");
    await expect(c.getByRole("listbox")).toBeVisible();
    await c.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/kpi-thread-${width}.png` });
    await c.screenshot({ path: `${SHOTS}/kpi-card-${width}.png` });
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    // The quick win's page: the count in the breadcrumb row, the discussion under the details.
    const initiatives = (await (await ctx.request.get(`/api/v1/programs/${pid}/initiatives`)).json()) as { initiatives: { id: string; title: string }[] };
    const push = initiatives.initiatives.find((i) => i.title === "审批进度主动推送")!;
    await p.goto(`/programs/${pid}/reshape/quick-wins/${push.id}`, { waitUntil: "networkidle" });
    await expect(p.getByTestId("comment-count-link")).toHaveText("3 条评论");
    await p.getByTestId("comment-count-link").click();
    await expect(p.getByTestId("comments-card").getByTestId("comment")).toHaveCount(3, LOAD);
    await p.screenshot({ path: `${SHOTS}/initiative-${width}.png` });
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await ctx.close();
  }
  await team.close();
});

test("the comments of a workshop sticky note open in a dialog from its menu, and from a mention's link", async ({ browser }) => {
  const office = await signedIn(browser, "office@demo.test", "zh-CN");
  const pid = await programId(office);
  const page = await office.newPage();
  await page.goto(`/programs/${pid}/vision`, { waitUntil: "networkidle" });
  const note = page.getByTestId("sticky-note").filter({ hasText: "信用卡申请提交后不知道进度" });
  // The CX office cannot edit the board, but may read and write comments: the menu has only "评论".
  // Open the menu and then the dialog, again if a click landed before the page hydrated.
  const menuButton = note.getByRole("button", { name: /信用卡申请提交后不知道进度/ });
  const commentsItem = page.getByTestId("note-comments");
  const dialog = page.getByRole("dialog");
  await expect(async () => {
    if (!(await dialog.isVisible())) {
      if (!(await commentsItem.isVisible())) {
        await note.hover();
        await menuButton.click();
      }
      await commentsItem.click({ timeout: 2_000 });
    }
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(dialog.getByRole("heading", { name: "便签的评论" })).toBeVisible();
  await expect(dialog.getByTestId("comment-thread")).toHaveCount(1, LOAD);
  await expect(dialog.getByTestId("comment-body").first()).toContainText("应该写进愿景的质量标准里");
  // Escape closes the @ list first, then the dialog.
  const input = dialog.getByRole("combobox");
  await expect(input).toBeFocused();
  await input.pressSequentially("@周");
  await expect(dialog.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog.getByRole("listbox")).toBeHidden();
  await expect(dialog).toBeVisible();
  await input.fill("");
  await input.pressSequentially("数据中心已确认可以支持实时进度查询。");
  await input.press("Control+Enter");
  await expect(dialog.getByTestId("comment-thread")).toHaveCount(2, LOAD);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // A mention's link (?board=…&note=…) opens the note's comments directly.
  const api = (await (await office.request.get("/api/v1/notifications")).json()) as { notifications: { kind: string; url: string; payload: { targetType: string } }[] };
  const link = api.notifications.find((n) => n.kind === "mention" && n.payload.targetType === "kpi");
  expect(link?.url).toMatch(/#comments$/);
  const lead = await signedIn(browser, "lead@demo.test", "zh-CN", 390);
  const leadNotes = (await (await lead.request.get("/api/v1/notifications")).json()) as { notifications: { kind: string; url: string; payload: { targetType: string } }[] };
  const sticky = leadNotes.notifications.find((n) => n.kind === "mention" && n.payload.targetType === "sticky")!;
  expect(sticky.url).toMatch(new RegExp(`^/programs/${pid}/vision\\?board=[^&]+&note=[^&]+$`));
  const leadPage = await lead.newPage();
  await leadPage.goto(sticky.url, { waitUntil: "networkidle" });
  const leadDialog = leadPage.getByTestId("comments-dialog");
  await expect(leadDialog.getByTestId("comment-thread")).toHaveCount(2, LOAD);
  await leadPage.screenshot({ path: `${SHOTS}/sticky-dialog-390.png` });
  await office.close();
  await lead.close();
});
