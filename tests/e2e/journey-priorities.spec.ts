/**
 * Step 2 prioritisation and key questions end to end: the lead creates a map in the UI, two pain
 * points are written into its live document by a second (Node) client, the lead drags one to
 * another cell of the matrix and sees the ranked list change — for the other client too — and
 * answers a key question that is still there after a reload. A viewer sees the matrix but cannot
 * drag.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { journeyDocName, painPointsMap, putCard, putPainPoint, readJourneyContent } from "../../app/models/journey-doc";
import { connectClient, waitFor } from "../integration/collab-client";
import { DEMO, demoProgramId, openDialog, storeContextLanguage } from "./helpers";

async function signedIn(browser: Browser, email: string, locale: "en" | "zh-CN" = "en"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: { width: 1440, height: 1000 }, extraHTTPHeaders: { "accept-language": locale } });
  const res = await context.request.post("/api/v1/session", { data: { email, password: "demo-password" } });
  expect(res.status()).toBe(200);
  await storeContextLanguage(context, locale);
  return { context, page: await context.newPage() };
}

test("drag a pain point on the matrix, see the ranking change live, answer a key question", async ({ browser, baseURL }) => {
  const { context, page } = await signedIn(browser, DEMO.lead);
  const programId = await demoProgramId(page.request);

  // The lead creates a map through the journeys page.
  const name = `E2E 优先级 ${Date.now()}`;
  await page.goto(`/programs/${programId}/journeys`);
  await openDialog(page, page.getByRole("button", { name: "New journey map" }).first());
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="persona"]').fill("Small business owner");
  await page.getByRole("button", { name: "Create map" }).click();
  await page.waitForURL(new RegExp(`/programs/${programId}/journeys/[^/]+$`));
  const mapId = new URL(page.url()).pathname.split("/").pop()!;

  // A second client (a colleague's) pins two pain points on a touchpoint of the live map.
  const cookie = (await context.cookies()).find((c) => c.name === "cx_session")!;
  const colleague = connectClient(baseURL!.replace(/^http/, "ws"), journeyDocName(mapId), `cx_session=${cookie.value}`);
  await colleague.synced;
  const doc = colleague.doc;
  await waitFor(() => readJourneyContent(doc).stages.length > 0, "starter stages");
  const stageId = readJourneyContent(doc).stages[0].id;
  const now = new Date().toISOString();
  doc.transact(() => {
    putCard(doc, { id: "tp-e2e", lane: "touchpoints", stageId, text: "Online application form", channel: "web", position: 1, createdBy: null, createdAt: now });
    putPainPoint(doc, {
      id: "pp-slow", touchpointId: "tp-e2e", title: "Approval takes a week", description: "", severity: 3, reach: 3, impact: 3, effort: 3,
      source: "top_down", status: "open", createdBy: null, createdAt: now,
    });
    putPainPoint(doc, {
      id: "pp-form", touchpointId: "tp-e2e", title: "Form asks for the same data twice", description: "", severity: 2, reach: 4, impact: 4, effort: 2,
      source: "top_down", status: "open", createdBy: null, createdAt: now,
    });
  });

  // Priorities: impact 4 × (6 − 2) = 16 ranks above 3 × 3 = 9.
  await page.getByTestId("tab-priorities").click();
  await expect(page.getByTestId("matrix-card")).toHaveCount(2);
  const titles = page.getByTestId("ranked-title");
  await expect(titles).toHaveText(["Form asks for the same data twice", "Approval takes a week"]);
  await expect(page.getByTestId("cell-3-3").getByTestId("matrix-card")).toHaveText(/Approval takes a week/);

  // Drag "Approval takes a week" to effort 1, impact 5 (a quick win): 5 × 5 = 25 ranks first.
  await page.getByTestId("cell-3-3").getByTestId("matrix-card").dragTo(page.getByTestId("cell-1-5"));
  await expect(page.getByTestId("cell-1-5").getByTestId("matrix-card")).toHaveText(/Approval takes a week/);
  await expect(titles).toHaveText(["Approval takes a week", "Form asks for the same data twice"]);
  await expect(page.getByTestId("ranked-priority").first()).toHaveText("Priority 25");
  // The move went into the shared document: the colleague's client sees it.
  await waitFor(() => {
    const p = painPointsMap(doc).get("pp-slow");
    return p?.get("impact") === 5 && p?.get("effort") === 1;
  }, "the colleague sees the move");

  // Severity × reach: the cards sit by severity and reach instead (3 × 3 = 9 still ranks above 2 × 4 = 8).
  await page.getByTestId("mode-severity_reach").click();
  await expect(page).toHaveURL(/mode=severity_reach/);
  await expect(titles).toHaveText(["Approval takes a week", "Form asks for the same data twice"]);
  await expect(page.getByTestId("cell-3-3").getByTestId("matrix-card")).toHaveText(/Approval takes a week/);
  await expect(page.getByTestId("cell-4-2").getByTestId("matrix-card")).toHaveText(/Form asks/);
  await page.screenshot({ path: "test-results/journey-priorities-en.png", fullPage: true });

  // A reload shows the moved card where it was dropped (the server kept it).
  await page.goto(`/programs/${programId}/journeys/${mapId}/priorities`);
  await expect(page.getByTestId("cell-1-5").getByTestId("matrix-card")).toHaveText(/Approval takes a week/);

  // A viewer sees the matrix but cannot drag.
  const viewer = await signedIn(browser, DEMO.viewer, "zh-CN");
  await viewer.page.goto(`/programs/${programId}/journeys/${mapId}/priorities`);
  await expect(viewer.page.getByTestId("matrix-card")).toHaveCount(2);
  await expect(viewer.page.getByTestId("matrix-card").first()).toHaveAttribute("draggable", "false");
  await expect(viewer.page.getByText("你可以查看矩阵，但不能移动痛点。")).toBeVisible();
  await viewer.page.getByTestId("matrix-card").first().click();
  await expect(viewer.page.getByTestId("pain-point-scores")).toBeVisible();
  await viewer.page.screenshot({ path: "test-results/journey-priorities-zh.png", fullPage: true });

  // Key questions: answer one, see the progress, reload, still there.
  await page.getByTestId("tab-questions").click();
  await expect(page.getByTestId("questions-progress")).toHaveAttribute("data-answered", "0");
  const answer = page.getByTestId("question-a").locator("textarea");
  await answer.fill("Speed of approval and not re-entering data.");
  await expect(page.getByTestId("questions-progress")).toContainText("1 of 6 answered");
  await expect(page.getByTestId("collab-status")).toHaveAttribute("data-status", "synced");
  await expect(page.getByTestId("collab-status")).toHaveAttribute("data-unsynced", "0");
  await page.reload();
  await expect(page.getByTestId("question-a").locator("textarea")).toHaveValue("Speed of approval and not re-entering data.");
  await expect(page.getByTestId("question-a")).toHaveAttribute("data-answered", "true");
  await page.screenshot({ path: "test-results/journey-questions-en.png", fullPage: true });

  colleague.destroy();
  await viewer.context.close();
  await context.close();
});
