/**
 * The foundation through the real server and Chromium: each demo role sees what it should, language
 * switching, invitations end to end, role changes, server-side refusals and the sign-in return path.
 * Tests never depend on each other's changes: the invite test invites a fresh address and changes
 * the role of the person it just added.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, DEMO_PROGRAM_EN, DEMO_PROGRAM_ZH, demoProgramId, login, setLanguage, storeLanguage, uniqueEmail } from "./helpers";

// Chinese-first, as our users are; the language test switches explicitly.
test.use({ locale: "zh-CN" });

async function openProgram(page: Page): Promise<string> {
  const id = await demoProgramId(page.request);
  await page.goto(`/programs/${id}`);
  await expect(page.getByTestId("stepper")).toBeVisible();
  return id;
}

// Tests share the demo users on one server; each stores the language it asserts in.
test.describe("each demo user sees the right things", () => {
  test("the owner manages members and sees every step", async ({ page }) => {
    await login(page, DEMO.lead);
    await storeLanguage(page, "zh-CN");
    await expect(page).toHaveURL(/\/programs$/);
    await expect(page.getByTestId("program-list")).toContainText(DEMO_PROGRAM_ZH);
    const id = await openProgram(page);
    await expect(page.getByTestId("your-role")).toContainText("负责人 / 主持人");
    // The demo's vision is published, its journey maps answer every key question with evidence
    // behind the pain points, a quick win is done, and a large loop is still turning; the
    // frontline has guidelines, a catalogue, rewarded recognitions and ideas; the CX office owns
    // the initiatives but one KPI alert is still open, so step 6 is in progress.
    for (const key of ["vision", "painPoints", "reshape", "frontline"]) {
      await expect(page.getByTestId(`step-${key}`)).toContainText("已完成");
    }
    for (const key of ["iterate", "improve"]) {
      await expect(page.getByTestId(`step-${key}`)).toContainText("进行中");
    }
    await expect(page.getByTestId("team")).toContainText("王芳");
    await page.goto(`/programs/${id}/members`);
    await expect(page.getByRole("heading", { name: "邀请成员" })).toBeVisible();
    await expect(page.getByTestId("member-viewer@demo.test").locator("select")).toBeVisible();
  });

  test("the CX office reads the program through the office role", async ({ page }) => {
    await login(page, DEMO.office);
    await storeLanguage(page, "zh-CN");
    await expect(page.getByTestId("program-list")).toContainText("经客户体验办公室");
    const id = await openProgram(page);
    await expect(page.getByTestId("your-role")).toContainText("经客户体验办公室");
    await page.goto("/office");
    await expect(page.getByTestId("office-programs")).toContainText(DEMO_PROGRAM_ZH);
    await expect(page.getByRole("heading", { name: "新客户体验团队" })).toBeVisible();
    await page.goto(`/programs/${id}/members`);
    await expect(page.getByTestId("member-list")).toBeVisible();
    await expect(page.locator("main select")).toHaveCount(0);
  });

  test("the viewer sees no edit controls", async ({ page }) => {
    await login(page, DEMO.viewer);
    await storeLanguage(page, "zh-CN");
    const id = await openProgram(page);
    await expect(page.getByTestId("your-role")).toContainText("访客");
    await page.goto(`/programs/${id}/members`);
    await expect(page.getByText("只有项目负责人可以邀请成员和修改角色。")).toBeVisible();
    await expect(page.locator("main select")).toHaveCount(0);
    await expect(page.locator('main input[name="email"]')).toHaveCount(0);
    await expect(page.getByRole("button", { name: /移出项目/ })).toHaveCount(0);
    await page.goto(`/programs/${id}/journeys`);
    await expect(page.getByTestId("your-access")).toContainText("您可以查看此步骤，但不能修改。");
    await page.goto(`/programs/${id}/vision`);
    await expect(page.getByTestId("read-only")).toContainText("您可以旁观工作坊，但不能添加便签。");
  });

  for (const [email, role, roleEn] of [
    [DEMO.exec, "领导层", "Leadership"],
    [DEMO.team, "客户体验项目团队", "CX project team"],
    [DEMO.rep, "职能代表", "Functional representative"],
  ] as const) {
    test(`${email} sees their role ${role}`, async ({ page }) => {
      // In whichever language the user has stored: the language test below needs exec@demo.test
      // to have stored none, so nothing is stored here.
      await login(page, email);
      await openProgram(page);
      await expect(page.getByTestId("your-role")).toContainText(new RegExp(`${role}|${roleEn}`));
      await expect(page.getByTestId("nav-activity")).toBeVisible();
    });
  }

  test("frontline staff submit but do not see the activity log", async ({ page }) => {
    await login(page, DEMO.frontline);
    await storeLanguage(page, "zh-CN");
    const id = await openProgram(page);
    await expect(page.getByTestId("your-role")).toContainText("一线员工");
    await expect(page.getByTestId("nav-activity")).toHaveCount(0);
    await page.goto(`/programs/${id}/frontline`);
    await expect(page.getByTestId("your-access")).toContainText("提交创意");
    const res = await page.goto(`/programs/${id}/activity`);
    expect(res?.status()).toBe(403);
  });
});

test("switching the language shows English and Chinese, and a signed-in user's choice is stored", async ({ page, browser }) => {
  // Signed out: the switch on the sign-in page sets the language cookie, which applies after signing in
  // (the demo user has stored no choice of their own, so none is written here).
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page).toHaveTitle("登录 · 客户体验工作台");
  await setLanguage(page, "en");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await login(page, DEMO.exec);
  await expect(page.getByTestId("program-list")).toContainText(DEMO_PROGRAM_EN);
  await expect(page).toHaveTitle("Programs · CX Workspace");

  // Signed in: the choice is stored on the user and follows them to another browser.
  const email = uniqueEmail("lang");
  const first = await browser.newContext({ locale: "zh-CN" });
  const p1 = await first.newPage();
  await p1.goto("/signup");
  await p1.locator('input[name="name"]').fill("Language Tester");
  await p1.locator('input[name="email"]').fill(email);
  await p1.locator('input[name="password"]').fill("a-strong-password");
  await p1.locator('main form button[type="submit"]').click();
  await expect(p1.getByRole("heading", { name: "您还没有加入任何组织" })).toBeVisible();
  await setLanguage(p1, "en");
  await expect(p1.getByRole("heading", { name: "You are not in an organisation yet" })).toBeVisible();
  await first.close();
  const second = await browser.newContext({ locale: "zh-CN" });
  const p2 = await second.newPage();
  await login(p2, email, "a-strong-password");
  await expect(p2.getByRole("heading", { name: "You are not in an organisation yet" })).toBeVisible();
  await setLanguage(p2, "zh-CN");
  await expect(p2.getByRole("heading", { name: "您还没有加入任何组织" })).toBeVisible();
  await expect(p2).toHaveTitle("项目 · 客户体验工作台");
  await second.close();
});

test("the owner invites a new person, who signs up from the link; then the owner changes their role", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await login(page, DEMO.lead);
  const id = await demoProgramId(page.request);
  await page.goto(`/programs/${id}/members`);
  const email = uniqueEmail("invitee");
  await page.locator('main input[name="email"]').fill(email);
  await page.locator('main select[name="role"]').first().selectOption("functional_rep");
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  const linkInput = page.getByTestId("invite-link");
  await expect(linkInput).toBeVisible();
  const link = await linkInput.inputValue();
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  await page.getByTestId("copy-invite-link").click();
  await expect(page.getByTestId("copy-invite-link")).toContainText("已复制");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByTestId("pending-invites")).toContainText(email);

  // The invitee, in a browser of their own.
  const invitee = await browser.newContext({ locale: "zh-CN" });
  const ip = await invitee.newPage();
  await ip.goto(new URL(link).pathname);
  await expect(ip.getByTestId("invite-details")).toContainText(DEMO_PROGRAM_ZH);
  await expect(ip.getByTestId("invite-details")).toContainText("职能代表");
  await expect(ip.getByTestId("invite-details")).toContainText("陈明");
  await ip.locator('input[name="name"]').fill("新同事");
  await ip.locator('input[name="password"]').fill("invitee-password");
  await ip.getByTestId("signup-accept").click();
  await expect(ip).toHaveURL(new RegExp(`/programs/${id}$`));
  await expect(ip.getByTestId("your-role")).toContainText("职能代表");

  // The link cannot be used twice.
  const again = await browser.newContext({ locale: "zh-CN" });
  const ap = await again.newPage();
  await ap.goto(new URL(link).pathname);
  await expect(ap.getByText("邀请已被使用")).toBeVisible();
  await again.close();

  // The owner changes the new member's role.
  await page.reload();
  await expect(page.getByTestId("pending-invites")).toHaveCount(0);
  const row = page.getByTestId(`member-${email}`);
  await row.locator("select").selectOption("viewer");
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.locator("select")).toHaveValue("viewer");
  await page.reload();
  await expect(page.getByTestId(`member-${email}`).locator("select")).toHaveValue("viewer");
  await ip.reload();
  await expect(ip.getByTestId("your-role")).toContainText("访客");

  // The activity log tells the story.
  await page.goto(`/programs/${id}/activity?type=member`);
  await expect(page.getByTestId("activity-list")).toContainText("更改了 新同事 的角色");
  await expect(page.getByTestId("activity-list")).toContainText("职能代表");
  await invitee.close();
});

test("the last owner cannot be demoted, and the error says why", async ({ page }) => {
  await login(page, DEMO.lead);
  const id = await demoProgramId(page.request);
  await page.goto(`/programs/${id}/members`);
  const row = page.getByTestId(`member-${DEMO.lead}`);
  await row.locator("select").selectOption("leadership");
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.getByRole("alert")).toContainText("最后一位负责人");
  await page.reload();
  await expect(page.getByTestId(`member-${DEMO.lead}`).locator("select")).toHaveValue("owner");
});

test("a viewer posting to the members action directly is refused with 403", async ({ page }) => {
  await login(page, DEMO.viewer);
  const id = await demoProgramId(page.request);
  const res = await page.request.post(`/programs/${id}/members`, {
    form: { intent: "invite", email: uniqueEmail("sneaky"), role: "owner" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  const asData = await page.request.post(`/programs/${id}/members?_data=routes%2Fprograms.%24programId.members`, {
    form: { intent: "changeRole", userId: "anyone", role: "owner" },
    maxRedirects: 0,
  });
  expect(asData.status()).toBe(403);
});

test("someone else's or an unknown program answers 404", async ({ page }) => {
  await login(page, DEMO.viewer);
  const res = await page.goto("/programs/00000000-0000-0000-0000-000000000000");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("route-error")).toContainText("该项目不存在，或您无权访问。");
});

test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({ page, browser }) => {
  await login(page, DEMO.lead);
  const id = await demoProgramId(page.request);
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const vp = await visitor.newPage();
  await vp.goto(`/programs/${id}/members`);
  await expect(vp).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(`/programs/${id}/members`)}$`));
  await vp.locator('input[name="email"]').fill(DEMO.team);
  await vp.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await vp.locator('main form button[type="submit"]').click();
  await expect(vp).toHaveURL(new RegExp(`/programs/${id}/members$`));
  await expect(vp.getByTestId("member-list")).toBeVisible();
  await visitor.close();
});

test("wrong credentials are explained next to the form, in the user's language", async ({ page }) => {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill("not-an-email");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('main form button[type="submit"]').click();
  await expect(page.getByText("请输入有效的邮箱地址。")).toBeVisible();
  await expect(page.locator('input[name="email"]')).toHaveAttribute("aria-invalid", "true");
  await page.locator('input[name="email"]').fill(uniqueEmail("nobody"));
  await page.locator('main form button[type="submit"]').click();
  await expect(page.getByTestId("login-error")).toContainText("邮箱或密码不正确。");
});

test("signing out ends the session", async ({ page }) => {
  await login(page, DEMO.rep);
  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login$/);
  const res = await page.request.get("/api/v1/programs");
  expect(res.status()).toBe(401);
});
