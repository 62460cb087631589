/**
 * Screenshots of the main pages in both languages, on a wide screen and a 390 px phone, for review
 * (written to test-results/screenshots/). Each page must render without horizontal scrolling.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, demoProgramId, login } from "./helpers";

const SIZES = [
  { name: "desktop", width: 1280, height: 860 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

for (const locale of ["zh-CN", "en"] as const) {
  for (const size of SIZES) {
    test(`screenshots ${locale} ${size.name}`, async ({ browser }) => {
      const context = await browser.newContext({ locale, viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      const tag = `${locale}-${size.name}`;
      await page.goto("/login");
      await shoot(page, `login-${tag}`);
      await login(page, DEMO.lead);
      const id = await demoProgramId(page.request);
      await page.goto(`/programs/${id}`);
      await shoot(page, `program-home-${tag}`);
      await page.goto(`/programs/${id}/members`);
      await shoot(page, `members-${tag}`);
      await page.goto(`/programs/${id}/journeys`);
      await shoot(page, `step-journeys-${tag}`);
      await page.goto("/office");
      await shoot(page, `office-${tag}`);
      await page.goto(`/programs/${id}/activity`);
      await shoot(page, `activity-${tag}`);
      await context.close();
    });
  }
}
