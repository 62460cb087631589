/**
 * The live journey-map canvas, end to end: a map created through the UI, two people (lead and
 * project team) editing it at once (cards, moves, cursors, per-user undo), text rendered as text,
 * the whole-map SVG export, and a viewer who cannot move anything (checked on the server's doc).
 */
import fs from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import * as Y from "yjs";
import { connectClient, waitFor } from "../integration/collab-client";
import { readJourneyContent } from "../../app/models/journey-doc";
import { DEMO, demoProgramId, login, openDialog, storeLanguage } from "./helpers";

const en = JSON.parse(fs.readFileSync(new URL("../../app/i18n/en.json", import.meta.url), "utf8"));
const PORT = Number(process.env.E2E_PORT ?? 3210);
const NAMES = { lead: "陈明", team: "王芳" };

async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on("dialog", (d) => {
    throw new Error(`unexpected browser dialog: ${d.message()}`);
  });
  await login(page, email);
  await storeLanguage(page, "en");
  return { context, page };
}

async function openCanvas(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId("journey-canvas")).toBeVisible();
  await expect(page.getByTestId("collab-status")).toHaveAttribute("data-status", "synced");
  await expect(page.getByTestId("stage-header")).toHaveCount(5);
}

async function createMap(page: Page, name: string): Promise<string> {
  const programId = await demoProgramId(page.request);
  await page.goto(`/programs/${programId}/journeys`);
  const dialog = await openDialog(page, page.getByRole("button", { name: en.journey.index.new }).first());
  await dialog.locator('input[name="name"]').fill(name);
  await dialog.locator('input[name="persona"]').fill("Young professional");
  await Promise.all([page.waitForURL(/\/journeys\/[^/]+$/), dialog.locator('button[type="submit"]').click()]);
  return new URL(page.url()).pathname;
}

const cell = (page: Page, stageId: string, lane: string) => page.locator(`[data-testid="journey-cell"][data-stage-id="${stageId}"][data-lane="${lane}"]`);
const cardWith = (page: Page, text: string) => page.locator('[data-testid="journey-card"]', { hasText: text });

async function stageIds(page: Page): Promise<string[]> {
  return page.getByTestId("stage-header").evaluateAll((els) => els.map((e) => e.getAttribute("data-stage-id")!));
}

async function addCard(page: Page, stageId: string, lane: string, text: string): Promise<void> {
  await cell(page, stageId, lane).getByTestId("cell-add").click();
  const editor = page.getByTestId("card-editor");
  await editor.fill(text);
  await editor.press("Enter");
  await expect(cardWith(page, text)).toBeVisible();
}

/** Drags with the mouse from the centre of `from` to the centre of `to`. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2 + 5, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + 40, { steps: 12 });
  await page.mouse.up();
}

/** The map's doc as the server has it, read with a fresh socket client (lead's session). */
async function serverContent(context: BrowserContext, mapId: string) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const client = connectClient(`ws://127.0.0.1:${PORT}`, `journey:${mapId}`, cookie);
  try {
    await client.synced;
    return readJourneyContent(client.doc);
  } finally {
    client.destroy();
  }
}

test("two people edit one map live: cards, moves, cursors, per-user undo, text as text, SVG export", async ({ browser }) => {
  const lead = await signedIn(browser, DEMO.lead);
  const team = await signedIn(browser, DEMO.team);
  try {
    const path = await createMap(lead.page, `Canvas e2e ${Date.now().toString(36)}`);
    await openCanvas(lead.page, path);
    await openCanvas(team.page, path);
    const [s1, s2] = await stageIds(lead.page);

    // One adds a card, the other sees it.
    await addCard(lead.page, s1, "actions", "Compares card offers online");
    const seen = cardWith(team.page, "Compares card offers online");
    await expect(seen).toBeVisible();
    await expect(seen).toHaveAttribute("data-stage-id", s1);

    // One drags it to the next stage, the other sees it move.
    await drag(lead.page, cardWith(lead.page, "Compares card offers online"), cell(lead.page, s2, "actions"));
    await expect(cardWith(lead.page, "Compares card offers online")).toHaveAttribute("data-stage-id", s2);
    await expect(seen).toHaveAttribute("data-stage-id", s2);

    // Each sees the other's cursor, labelled with their name.
    const leadCanvas = (await lead.page.getByTestId("journey-canvas").boundingBox())!;
    await lead.page.mouse.move(leadCanvas.x + 400, leadCanvas.y + 300, { steps: 3 });
    await expect(team.page.locator(`[data-testid="remote-cursor"][data-name="${NAMES.lead}"]`)).toBeVisible();
    const teamCanvas = (await team.page.getByTestId("journey-canvas").boundingBox())!;
    await team.page.mouse.move(teamCanvas.x + 500, teamCanvas.y + 350, { steps: 3 });
    await expect(lead.page.locator(`[data-testid="remote-cursor"][data-name="${NAMES.team}"]`)).toBeVisible();

    // Undo is per user: the lead's undo removes the lead's last card, never the team's.
    await addCard(team.page, s1, "touchpoints", "Team: branch visit");
    await expect(cardWith(lead.page, "Team: branch visit")).toBeVisible();
    await addCard(lead.page, s1, "systems", "Lead: credit scoring");
    await expect(cardWith(team.page, "Lead: credit scoring")).toBeVisible();
    await lead.page.getByTestId("undo").click();
    await expect(cardWith(lead.page, "Lead: credit scoring")).toHaveCount(0);
    await expect(cardWith(team.page, "Lead: credit scoring")).toHaveCount(0);
    await expect(cardWith(lead.page, "Team: branch visit")).toBeVisible();
    await expect(cardWith(team.page, "Team: branch visit")).toBeVisible();
    // Redo brings it back (keyboard shortcut, focus on the canvas).
    await lead.page.keyboard.press("Control+Shift+Z");
    await expect(cardWith(team.page, "Lead: credit scoring")).toBeVisible();

    // Markup in a card is shown literally on both sides, never interpreted.
    const hostile = "<img src=x onerror=alert(1)>";
    await addCard(lead.page, s2, "frontstage", hostile);
    for (const p of [lead.page, team.page]) {
      const c = cardWith(p, hostile);
      await expect(c.getByTestId("card-text")).toHaveText(hostile);
      await expect(c.locator("img")).toHaveCount(0);
    }

    // The SVG export is the whole map: every stage name, the cards, escaped text.
    const names = await lead.page.getByTestId("stage-name").allTextContents();
    await lead.page.getByTestId("export-menu").click();
    const [download] = await Promise.all([lead.page.waitForEvent("download"), lead.page.getByTestId("export-svg").click()]);
    expect(download.suggestedFilename()).toMatch(/\.svg$/);
    const svg = fs.readFileSync((await download.path())!, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    const xml = (x: string) => x.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(names).toHaveLength(5);
    for (const n of names) expect(svg).toContain(`>${xml(n)}</text>`);
    expect(svg).toContain("Compares card offers online");
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(svg).not.toContain("<img");
  } finally {
    await lead.context.close();
    await team.context.close();
  }
});

test("a viewer sees the map but cannot move or edit a card, and the server's doc is unchanged", async ({ browser }) => {
  const lead = await signedIn(browser, DEMO.lead);
  const viewer = await signedIn(browser, DEMO.viewer);
  try {
    const path = await createMap(lead.page, `Viewer e2e ${Date.now().toString(36)}`);
    const mapId = path.split("/").pop()!;
    await openCanvas(lead.page, path);
    const [s1, s2] = await stageIds(lead.page);
    await addCard(lead.page, s1, "touchpoints", "Calls the hotline");

    await openCanvas(viewer.page, path);
    const card = cardWith(viewer.page, "Calls the hotline");
    await expect(card).toBeVisible();
    await expect(viewer.page.getByTestId("read-only-badge")).toBeVisible();
    await expect(viewer.page.getByTestId("cell-add")).toHaveCount(0);
    await expect(viewer.page.getByTestId("undo")).toHaveCount(0);
    await expect(viewer.page.getByTestId("add-stage")).toHaveCount(0);
    await expect(viewer.page.getByTestId("stage-menu")).toHaveCount(0);

    await drag(viewer.page, card, cell(viewer.page, s2, "touchpoints"));
    await card.dblclick();
    await viewer.page.keyboard.press("Delete");
    await expect(viewer.page.getByTestId("card-editor")).toHaveCount(0);
    await expect(card).toHaveAttribute("data-stage-id", s1);

    // The viewer's menu offers only the details, never an edit.
    await card.hover();
    await card.getByTestId("card-menu").click();
    await expect(viewer.page.getByTestId("touchpoint-details")).toBeVisible();
    await expect(viewer.page.getByTestId("delete-card")).toHaveCount(0);
    await expect(viewer.page.getByTestId("add-pain-point")).toHaveCount(0);
    await viewer.page.keyboard.press("Escape");

    // The server still has the card where the lead put it.
    let content = await serverContent(lead.context, mapId);
    await waitFor(async () => {
      content = await serverContent(lead.context, mapId);
      return content.cards.some((c) => c.text === "Calls the hotline");
    }, "the lead's card on the server");
    const onServer = content.cards.find((c) => c.text === "Calls the hotline")!;
    expect(onServer.stageId).toBe(s1);
    expect(content.cards).toHaveLength(1);
    await expect(cardWith(lead.page, "Calls the hotline")).toHaveAttribute("data-stage-id", s1);
  } finally {
    await lead.context.close();
    await viewer.context.close();
  }
});

test("pain points on a touchpoint: added with validation, counted on the card, seen by the other person", async ({ browser }) => {
  const lead = await signedIn(browser, DEMO.lead);
  const team = await signedIn(browser, DEMO.team);
  try {
    const path = await createMap(lead.page, `Pain e2e ${Date.now().toString(36)}`);
    await openCanvas(lead.page, path);
    await openCanvas(team.page, path);
    const [s1] = await stageIds(lead.page);
    await addCard(lead.page, s1, "touchpoints", "Online application form");
    const card = cardWith(lead.page, "Online application form");
    await card.getByTestId("card-channel").selectOption("web");
    await expect(cardWith(team.page, "Online application form").getByTestId("card-channel")).toContainText(en.journey.channels.web);

    await card.hover();
    await card.getByTestId("card-menu").click();
    await lead.page.getByTestId("add-pain-point").click();
    const form = lead.page.getByTestId("pain-point-form");
    await form.getByTestId("pain-save").click();
    await expect(form.getByText(en.validation.required)).toBeVisible();
    await form.locator('input[name="title"]').fill("Form times out after 10 minutes");
    await form.locator('label:has(input[name="severity"][value="5"])').click();
    await form.locator('select[name="source"]').selectOption("bottom_up");
    await form.getByTestId("pain-save").click();
    await expect(lead.page.getByTestId("pain-item")).toHaveCount(1);
    await expect(cardWith(team.page, "Online application form").getByTestId("pain-badge")).toHaveText("1");
    await cardWith(team.page, "Online application form").getByTestId("pain-badge").click();
    await expect(team.page.getByTestId("pain-item")).toContainText("Form times out after 10 minutes");
  } finally {
    await lead.context.close();
    await team.context.close();
  }
});
