/**
 * Step 5's idea box end to end, on a 390 × 844 phone: frontline@demo.test sends an idea with a
 * photo from the camera picker (a non-image is refused first, with the message beside the field and
 * the text kept); team@demo.test, in another context, finds it in the feedback inbox with its idea
 * badge, author and thumbnail and takes it into a cycle; the frontline colleague sees "taken into a
 * loop cycle" on "My ideas" and on the idea page. Then screenshots of the idea form, my ideas, an
 * idea, the leaderboard and the inbox at 390 and 1280 wide, none scrolling sideways.
 */
import { deflateSync } from "node:zlib";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { DEMO, demoProgramId, login, storeLanguage } from "./helpers";

const PHONE = { width: 390, height: 844 };

/** A small valid PNG (a blue square with a white bar), made here so the test needs no fixture file. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const w = 48;
  const h = 48;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(y > 20 && y < 28 ? [255, 255, 255] : [29, 78, 216]));
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

test.describe.configure({ mode: "serial" });

test("frontline sends an idea with a photo from a phone; the team triages it from the inbox; the sender sees the change", async ({ browser }) => {
  const unique = Date.now().toString(36);
  const title = `大堂等候区增加充电桩 ${unique}`;

  // The frontline colleague, in Chinese, on a phone.
  const staff = await browser.newContext({ viewport: PHONE, locale: "zh-CN", hasTouch: true, isMobile: true });
  const page = await staff.newPage();
  await login(page, DEMO.frontline);
  await storeLanguage(page, "zh-CN");
  const programId = await demoProgramId(page.request);
  await page.goto(`/programs/${programId}/frontline/ideas`, { waitUntil: "networkidle" });
  await expect(page.getByTestId("frontline-nav-ideas")).toHaveAttribute("aria-current", "page");
  const form = page.getByTestId("idea-form");
  await expect(form.locator('input[name="photo"]')).toHaveAttribute("accept", "image/*");
  await expect(form.locator('input[name="photo"]')).toHaveAttribute("capture", "environment");

  await form.locator('input[name="title"]').fill(title);
  await form.locator('textarea[name="text"]').fill("客户等候时手机没电，常问能不能充电。建议在等候区放两个多口充电桩，并贴上使用说明。");
  // A journey map and one of its touchpoints (touchpoints follow the map).
  const mapSelect = form.locator('select[name="mapId"]');
  await mapSelect.selectOption({ index: 1 });
  const tpSelect = form.locator('select[name="touchpointId"]');
  await expect(tpSelect).toBeEnabled();
  await tpSelect.selectOption({ index: 1 });

  // A non-image is refused with the message beside the photo field; the text stays.
  await form.locator('input[name="photo"]').setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a photo") });
  await page.getByTestId("idea-submit").click();
  await expect(form).toContainText("只能附加 JPEG、PNG 或 WebP 格式的照片");
  await expect(form.locator('textarea[name="text"]')).toHaveValue(/多口充电桩/);

  await form.locator('input[name="photo"]').setInputFiles({ name: "IMG_2041.png", mimeType: "image/png", buffer: png() });
  await expect(form.locator("img")).toBeVisible(); // the preview
  await page.getByTestId("idea-submit").click();
  await expect(page.getByTestId("idea-sent")).toContainText("你的创意已提交");
  const mine = page.getByTestId("ideas-mine-list").getByTestId("idea-card").filter({ hasText: title });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByTestId("idea-stage")).toHaveText("新提交");
  await expect(mine.getByTestId("idea-trail")).toContainText("已进入反馈收件箱");
  // The form is empty again for the next idea.
  await expect(form.locator('textarea[name="text"]')).toHaveValue("");

  // The project team, in English, on a phone too: the idea is in the inbox, marked as an idea.
  const team = await browser.newContext({ viewport: PHONE, locale: "en" });
  const teamPage = await team.newPage();
  await login(teamPage, DEMO.team);
  await storeLanguage(teamPage, "en");
  await teamPage.goto(`/programs/${programId}/loops/inbox?source=idea&q=${encodeURIComponent(unique)}`, { waitUntil: "networkidle" });
  const item = teamPage.getByTestId("inbox-item");
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId("idea-badge")).toHaveText("Idea");
  await expect(item).toContainText(title);
  await expect(item).toContainText("From 张伟");
  await expect(item).toContainText("New");
  const thumb = item.getByTestId("idea-thumb");
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
  await item.getByTestId("idea-triage").getByRole("button", { name: "Take into cycle" }).click();
  await expect(teamPage.getByTestId("inbox-done")).toContainText("1");
  await expect(teamPage.getByTestId("inbox-item")).toContainText(/In (Small|Large) loop #\d+/);

  // Back on the phone: what became of the idea.
  await page.goto(`/programs/${programId}/frontline/ideas`);
  const after = page.getByTestId("ideas-mine-list").getByTestId("idea-card").filter({ hasText: title });
  await expect(after.getByTestId("idea-stage")).toHaveText("已纳入循环");
  await expect(after.getByTestId("idea-trail")).toContainText(/已纳入(小|大)循环第 \d+ 轮（步骤①）/);
  await after.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("idea-page")).toContainText("多口充电桩");
  await expect(page.getByTestId("idea-photo-full")).toBeVisible();
  const trail = page.getByTestId("idea-trail-full");
  await expect(trail.locator('li[data-state="current"]')).toContainText("已纳入");
  await expect(trail.locator('li[data-state="upcoming"]')).toHaveCount(2);

  await team.close();
  await staff.close();
});

async function shoot(page: Page, info: TestInfo, name: string) {
  await page.waitForLoadState("networkidle");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

for (const size of [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 860 },
] as const) {
  test(`idea box, leaderboard and inbox render on a ${size.name} without sideways scrolling`, async ({ browser }, info) => {
    const locale = size.name === "phone" ? "zh-CN" : "en";
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, locale });
    const page = await context.newPage();
    await login(page, DEMO.frontline);
    await storeLanguage(page, locale);
    const id = await demoProgramId(page.request);
    await page.goto(`/programs/${id}/frontline/ideas`);
    await shoot(page, info, `ideas-mine-${size.name}`);
    await page.goto(`/programs/${id}/frontline/ideas?view=all`);
    await expect(page.getByTestId("ideas-all-list").getByTestId("idea-card")).not.toHaveCount(0);
    await shoot(page, info, `ideas-all-${size.name}`);
    await page.getByTestId("ideas-all-list").getByTestId("idea-card").filter({ has: page.locator("img") }).first().getByRole("link").click();
    await shoot(page, info, `idea-${size.name}`);
    await page.goto(`/programs/${id}/frontline/leaderboard?period=quarter`);
    await expect(page.getByTestId("leaderboard-definition")).toBeVisible();
    await shoot(page, info, `leaderboard-${size.name}`);
    await page.goto(`/programs/${id}/frontline/leaderboard?period=2026-13`);
    await expect(page.getByTestId("period-error")).toBeVisible();
    await context.close();

    const teamContext = await browser.newContext({ viewport: { width: size.width, height: size.height }, locale });
    const teamPage = await teamContext.newPage();
    await login(teamPage, DEMO.team);
    await storeLanguage(teamPage, locale);
    await teamPage.goto(`/programs/${id}/loops/inbox?source=idea`);
    await expect(teamPage.getByTestId("idea-badge").first()).toBeVisible();
    await shoot(teamPage, info, `inbox-ideas-${size.name}`);
    await teamContext.close();
  });
}
