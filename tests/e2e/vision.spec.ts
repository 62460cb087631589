/**
 * Step 1 end to end: two people on one live board (one adds a sticky, the other sees it live),
 * the facilitator runs a dot vote and reveals it, publishing creates a version the API returns,
 * and a viewer cannot add a sticky. Needs the `vision` / `vision-control` doc kinds registered in
 * the collaboration server and live documents registered (registerLiveDocs).
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, demoProgramId, login, storeLanguage } from "./helpers";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en" } });
  const page = await context.newPage();
  await login(page, email);
  await storeLanguage(page, "en");
  return page;
}

test("a live vision workshop: sticky notes, dot voting, publishing, read-only viewers", async ({ browser }) => {
  const lead = await signedIn(browser, DEMO.lead);
  const programId = await demoProgramId(lead.request);
  const title = `E2E workshop ${Date.now()}`;

  // The facilitator creates a board.
  await lead.goto(`/programs/${programId}/vision`);
  const details = lead.locator("details summary");
  if (await details.count()) await details.first().click();
  await lead.getByTestId("board-title").first().fill(title);
  await lead.getByTestId("create-board").first().click();
  let boardId = "";
  await expect(async () => {
    const body = (await (await lead.request.get(`/api/v1/programs/${programId}/vision`)).json()) as { boards: { id: string; title: string }[] };
    boardId = body.boards.find((b) => b.title === title)?.id ?? "";
    expect(boardId).not.toBe("");
  }).toPass();
  const url = `/programs/${programId}/vision?board=${boardId}`;
  await lead.goto(url);
  await expect(lead.getByTestId("column-customer")).toBeVisible();

  // A second participant adds a sticky; the facilitator sees it without reloading.
  const exec = await signedIn(browser, DEMO.exec);
  await exec.goto(url);
  const sticky = `排队太久 <b>not bold</b> ${Date.now()}`;
  await exec.getByTestId("new-note-customer").fill(sticky);
  await exec.getByTestId("add-note-customer").click();
  await expect(lead.getByTestId("sticky-text").filter({ hasText: sticky })).toBeVisible();
  await expect(lead.locator("b", { hasText: "not bold" })).toHaveCount(0);

  // Empty and over-long notes are refused with a message.
  await exec.getByTestId("add-note-customer").click();
  await expect(exec.getByRole("alert").filter({ hasText: "Write something" })).toBeVisible();

  // The facilitator adds a custom prompt; the participant sees the new column live.
  const promptTitle = `竞争对手的体验 ${Date.now()}`;
  await lead.getByTestId("add-prompt").click();
  await lead.getByTestId("new-prompt-title").fill(promptTitle);
  await lead.getByTestId("new-prompt-title").press("Enter");
  await expect(exec.getByRole("region", { name: promptTitle })).toBeVisible();
  await expect(exec.getByTestId("add-prompt")).toHaveCount(0);

  // Dot voting: open with a budget of 2, vote, reveal.
  await lead.getByTestId("budget").fill("2");
  await lead.getByTestId("open-round").click();
  await expect(exec.getByTestId("dots-left")).toHaveText(/2 left/);
  await exec.getByTestId("sticky-note").filter({ hasText: sticky }).getByTestId("vote-note").click();
  await expect(exec.getByTestId("dots-left")).toHaveText(/1 left/);
  await lead.getByTestId("reveal").click();
  // The ranked results have their own tab.
  await lead.getByTestId("tab-results").click();
  await exec.getByTestId("tab-results").click();
  await expect(lead.getByTestId("vote-results")).toContainText(sticky);
  await expect(exec.getByTestId("vote-results")).toContainText(sticky);

  // Publishing creates a numbered version that the API returns.
  const before = (await (await lead.request.get(`/api/v1/programs/${programId}/vision`)).json()) as { versions: { version: number }[] };
  const statement = `E2E vision ${Date.now()}`;
  await lead.getByTestId("tab-vision").click();
  await lead.getByTestId("statement").fill(statement);
  if ((await lead.getByTestId("standard").count()) === 0) {
    await lead.getByTestId("add-standard").click();
    await lead.getByTestId("standard").first().getByRole("textbox").first().fill("一次解决");
  }
  await lead.getByTestId("publish").click();
  await expect(async () => {
    const body = (await (await lead.request.get(`/api/v1/programs/${programId}/vision`)).json()) as {
      published: { version: number; statement: string } | null;
    };
    expect(body.published?.statement).toBe(statement);
    expect(body.published?.version).toBe((before.versions[0]?.version ?? 0) + 1);
  }).toPass();

  // A viewer sees the board but cannot add a sticky.
  const viewer = await signedIn(browser, DEMO.viewer);
  await viewer.goto(url);
  await expect(viewer.getByTestId("read-only")).toBeVisible();
  await expect(viewer.getByTestId("sticky-text").filter({ hasText: sticky })).toBeVisible();
  await expect(viewer.getByTestId("new-note-customer")).toHaveCount(0);
});
