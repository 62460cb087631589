/**
 * Renders a page of this server to PDF with headless Chromium (playwright-core, the browser at
 * CHROMIUM_PATH, default /usr/bin/chromium). One browser at a time: jobs wait in a short queue
 * (more than MAX_WAITING waiting → "busy"); each job launches a browser, opens the page with the
 * requester's headers (their session cookie: the PDF shows exactly what they may see, in their
 * language), prints it with the page's own print stylesheet (A4) and closes the browser — also on
 * a timeout. Failures are PdfRenderError with a reason the route turns into a 503 in words.
 */
import fs from "node:fs";
import type { Browser } from "playwright-core";

export type PdfFailure = "no_chromium" | "busy" | "timeout" | "failed";

export class PdfRenderError extends Error {
  constructor(
    readonly reason: PdfFailure,
    readonly detail?: unknown,
  ) {
    super(`pdf ${reason}`);
    this.name = "PdfRenderError";
  }
}

export const PDF_TIMEOUT_MS = 30_000;
/** Jobs allowed to wait behind the running one. */
export const MAX_WAITING = 4;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

let tail: Promise<unknown> = Promise.resolve();
let queued = 0;

export interface PdfJob {
  url: string;
  /** Sent with every request the page makes (cookie, accept-language). */
  headers: Record<string, string>;
  /** Small grey text in the footer of every page, beside the page number. */
  footerLabel?: string;
  timeoutMs?: number;
}

/** The PDF bytes of the page at `url` (see the header). */
export async function renderPdf(job: PdfJob): Promise<Buffer> {
  if (!fs.existsSync(chromiumPath())) throw new PdfRenderError("no_chromium");
  if (queued > MAX_WAITING) throw new PdfRenderError("busy");
  queued++;
  const run = tail.then(() => renderOnce(job));
  tail = run.catch(() => undefined);
  try {
    return await run;
  } finally {
    queued--;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

async function renderOnce(job: PdfJob): Promise<Buffer> {
  const timeoutMs = job.timeoutMs ?? PDF_TIMEOUT_MS;
  let browser: Browser | null = null;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const close = async () => {
    const b = browser;
    browser = null;
    await b?.close().catch(() => undefined);
  };

  const work = (async () => {
    const { chromium } = await import("playwright-core");
    try {
      browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], timeout: timeoutMs });
    } catch (error) {
      throw new PdfRenderError("failed", error);
    }
    if (timedOut) throw new PdfRenderError("timeout");
    // The report needs no script: it is rendered on the server.
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: job.headers });
    const page = await context.newPage();
    const res = await page.goto(job.url, { waitUntil: "load", timeout: timeoutMs });
    if (!res || !res.ok()) throw new PdfRenderError("failed", new Error(`the page answered ${res?.status() ?? "nothing"}`));
    const footer = `<div style="width:100%;padding:0 12mm;font-size:7.5px;color:#64748b;font-family:'Noto Sans CJK SC',sans-serif;display:flex;justify-content:space-between"><span>${escapeHtml(job.footerLabel ?? "")}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    return page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: footer,
    });
  })();
  // Whatever happens, the browser goes away when the work is over.
  void work.catch(() => undefined).finally(close);

  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      void close();
      reject(new PdfRenderError("timeout"));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (error instanceof PdfRenderError) throw error;
    throw new PdfRenderError(timedOut ? "timeout" : "failed", error);
  } finally {
    clearTimeout(timer);
  }
}
