/**
 * Personal access tokens end to end: open Settings → API access tokens from the user menu, create a
 * read token, see it exactly once, use it on /api/v1/programs from a client without any session,
 * revoke it (with confirmation) and see the API answer 401.
 */
import { expect, test } from "@playwright/test";
import { DEMO, login, storeLanguage } from "./helpers";

test("create a token in settings, see it once, use it, revoke it", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, DEMO.team);
  await storeLanguage(page, "zh-CN");
  await page.goto("/programs");

  await page.getByTestId("user-menu").click();
  await page.getByTestId("menu-api-tokens").click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("个人访问令牌");

  const name = `BI 看板 ${Date.now().toString(36)}`;
  await page.getByTestId("token-name").fill(name);
  await page.getByTestId("token-scope").selectOption("read");
  await page.getByTestId("token-expiry").selectOption("30");
  await page.getByTestId("create-token").click();

  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible();
  await expect(page.getByText("令牌只显示这一次")).toBeVisible();
  const token = await shown.inputValue();
  expect(token).toMatch(/^cxp_[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: "test-results/api-tokens-created-zh.png", fullPage: true });

  // The token works on its own, without the browser's session.
  const ok = await request.get("/api/v1/programs", { headers: { Authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  const programs = ((await ok.json()) as { programs: { id: string }[] }).programs;
  expect(programs.length).toBeGreaterThan(0);
  // A read token may not write.
  const write = await request.post(`/api/v1/programs/${programs[0].id}/initiatives`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { title: "Must not be created", lever: "defaults", ownerId: "x" },
  });
  expect(write.status()).toBe(403);
  expect(((await write.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");

  // Shown once: after a reload only its prefix is listed.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).not.toContainText(token);
  await expect(row).toContainText("有效");

  await storeLanguage(page, "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal access tokens");
  await page.screenshot({ path: "test-results/api-tokens-list-en.png", fullPage: true });

  await row.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Revoke “${name}”?`);
  await page.screenshot({ path: "test-results/api-tokens-revoke-en.png" });
  await dialog.getByTestId("confirm-revoke").click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const refused = await request.get("/api/v1/programs", { headers: { Authorization: `Bearer ${token}`, "Accept-Language": "en" } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
});
