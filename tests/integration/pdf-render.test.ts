/**
 * PDF rendering with headless Chromium (the CEO report's PDF export): a page served over HTTP
 * becomes an A4 PDF with its text (Chinese included) and the requester's headers are sent; a
 * missing browser, a page that answers an error and a page that never answers fail with a reason
 * (no_chromium, failed, timeout) instead of hanging or leaking a browser.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PdfRenderError, renderPdf } from "../../app/utils/pdf-render.server";

let server: http.Server;
let base: string;
const seen: { cookie?: string; lang?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/hang") return; // never answers
    if (req.url === "/broken") {
      res.writeHead(500, { "content-type": "text/plain" }).end("boom");
      return;
    }
    seen.push({ cookie: req.headers.cookie, lang: req.headers["accept-language"] as string | undefined });
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end('<!doctype html><html><head><style>@page{size:A4;margin:12mm}</style></head><body><h1>客户体验报告 CX report</h1><p>NPS 13 pts · CSAT 84%</p></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function text(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((i) => ("str" in i ? i.str : "")).join("").replace(/\s+/g, "");
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PdfRenderError) return e.reason;
    throw e;
  }
  throw new Error("expected a PdfRenderError");
}

describe("renderPdf", () => {
  it("prints a page to an A4 PDF with its text, sending the requester's headers", async () => {
    const pdf = await renderPdf({ url: `${base}/report`, headers: { cookie: "__session=abc", "accept-language": "zh-CN" }, footerLabel: "CEO report · 2026-Q4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const t = await text(pdf);
    expect(t).toContain("客户体验报告CXreport");
    expect(t).toContain("NPS13pts·CSAT84%");
    expect(seen.at(-1)).toEqual({ cookie: "__session=abc", lang: "zh-CN" });
  }, 60_000);

  it("fails with a reason: no browser, an error page, a page that never answers", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      expect(await reason(renderPdf({ url: `${base}/report`, headers: {} }))).toBe("no_chromium");
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    expect(await reason(renderPdf({ url: `${base}/broken`, headers: {} }))).toBe("failed");
    const started = Date.now();
    expect(await reason(renderPdf({ url: `${base}/hang`, headers: {}, timeoutMs: 4000 }))).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(15_000);
    // The queue is free again afterwards.
    const pdf = await renderPdf({ url: `${base}/report`, headers: {} });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  }, 90_000);
});
