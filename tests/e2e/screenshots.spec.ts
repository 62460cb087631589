/**
 * Screenshots of the main pages in both languages, on a wide screen and a 390 px phone, for review
 * (written to test-results/screenshots/). Each page must render without horizontal scrolling.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, demoProgramId, login, storeLanguage } from "./helpers";

const SIZES = [
  { name: "desktop", width: 1280, height: 860 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const { overflow, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The elements sticking out on the right (outside horizontally scrollable boxes), to say what to fix.
    const scrolls = (el: Element | null): boolean =>
      !!el && el !== document.body && (["auto", "scroll"].includes(getComputedStyle(el).overflowX) || scrolls(el.parentElement));
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !scrolls(el.parentElement))
      .slice(-5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").slice(0, 60)} "${(el.textContent ?? "").slice(0, 40)}"`);
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
  expect(overflow, `${name} scrolls sideways: ${culprits.join(" | ")}`).toBeLessThanOrEqual(0);
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
      await storeLanguage(page, locale);
      const id = await demoProgramId(page.request);
      await page.goto(`/programs/${id}`);
      await shoot(page, `program-home-${tag}`);
      await page.goto(`/programs/${id}/members`);
      await shoot(page, `members-${tag}`);
      await page.goto(`/programs/${id}/journeys`);
      await shoot(page, `step-journeys-${tag}`);
      await page.goto(`/programs/${id}/reshape`);
      await shoot(page, `step-reshape-${tag}`);
      await page.goto(`/programs/${id}/journeys/analysis`);
      await shoot(page, `journeys-analysis-${tag}`);
      await page.goto("/office");
      await shoot(page, `office-${tag}`);
      await page.goto(`/programs/${id}/activity`);
      await shoot(page, `activity-${tag}`);
      await context.close();
    });
  }
}
