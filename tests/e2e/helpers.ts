/** Shared steps for the end-to-end tests: sign in through the real form, find the demo program. */
import { expect, type APIRequestContext, type BrowserContext, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";

export const DEMO = {
  lead: "lead@demo.test",
  exec: "exec@demo.test",
  team: "team@demo.test",
  rep: "rep@demo.test",
  office: "office@demo.test",
  frontline: "frontline@demo.test",
  viewer: "viewer@demo.test",
} as const;

export const DEMO_PROGRAM_ZH = "零售银行客户体验转型";
export const DEMO_PROGRAM_EN = "Retail banking CX transformation";

/** Signs in through /login and waits until the app has navigated away from it. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, path = "/login"): Promise<void> {
  await page.goto(path);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.locator('main form button[type="submit"]').first().click()]);
}

/**
 * Stores the signed-in user's language, as the header switch does. Tests share the demo users
 * and run one after another on one server, so a test that expects one language sets it first
 * instead of trusting what an earlier test left stored.
 */
export async function storeLanguage(page: Page, locale: "zh-CN" | "en"): Promise<void> {
  const base = new URL(page.url()).origin;
  const res = await page.request.post(`${base}/settings/language`, { form: { locale }, headers: { origin: base }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
  // The page on screen was rendered before: show it in the stored language.
  await page.reload();
}

/** storeLanguage for a context signed in through the API (no page open yet). */
export async function storeContextLanguage(context: BrowserContext, locale: "zh-CN" | "en"): Promise<void> {
  const base = new URL((await context.request.get("/healthz")).url()).origin;
  const res = await context.request.post(`${base}/settings/language`, { form: { locale }, headers: { origin: base }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
}

/** Chooses the interface language with the header switch. */
export async function setLanguage(page: Page, locale: "zh-CN" | "en"): Promise<void> {
  const button = page.locator(`button[name="locale"][value="${locale}"]`).first();
  await button.click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** The id of the demo program, read through the API with the page's session. */
export async function demoProgramId(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/v1/programs");
  expect(res.ok()).toBeTruthy();
  const body = (await res.json()) as { programs: { id: string; name: string }[] };
  const program = body.programs.find((p) => p.name === DEMO_PROGRAM_ZH);
  if (!program) throw new Error("demo program not visible");
  return program.id;
}

/** A fresh address per call, so tests never depend on each other's data. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

/**
 * Clicks a button that opens a dialog until the dialog is there: a click that lands before the
 * page has hydrated (slow machines) does nothing, so one click is not enough.
 */
export async function openDialog(page: Page, button: Locator): Promise<Locator> {
  const dialog = page.getByRole("dialog");
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return dialog;
}
