/**
 * GET /office/report.pdf?period=2026-Q4 — the CEO report as a PDF download
 * (`cx-report-2026-Q4.pdf`), printed by headless Chromium from the report page itself
 * (/office/report on this very server, with the requester's session cookie and language), so the
 * PDF has the page's numbers and its print layout. Same access and period rules as the page
 * (403, 400 in words). When Chromium is missing, busy or fails: 503 with a message in the user's
 * language (an HTML page for a browser, JSON otherwise) — never a stack trace.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { tFor, type Locale } from "~/i18n/config";
import { requireReportScope } from "~/models/ceo-report.server";
import { resolveReportPeriod } from "~/models/report-period-range.server";
import { env } from "~/env.server";
import { runDomain } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { PdfRenderError, renderPdf, type PdfFailure } from "~/utils/pdf-render.server";

const MESSAGE: Record<PdfFailure, string> = {
  no_chromium: "report.pdf.noChromium",
  busy: "report.pdf.busy",
  timeout: "report.pdf.timeout",
  failed: "report.pdf.failed",
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** 503: a small page in the user's language for a browser, the JSON error for anything else. */
function unavailable(request: Request, locale: Locale, reason: PdfFailure, reportUrl: string): Response {
  const t = tFor(locale);
  const code = reason === "no_chromium" ? "pdf_unavailable" : `pdf_${reason}`;
  const headers = { "Cache-Control": "no-store", ...(reason === "busy" || reason === "timeout" ? { "Retry-After": "30" } : {}) };
  if (!(request.headers.get("accept") ?? "").includes("text/html")) return httpError(locale, 503, { code, key: MESSAGE[reason], headers });
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t("report.pdf.unavailableTitle"))}</title></head>
<body style="font-family:system-ui,'Noto Sans CJK SC',sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:48px 16px">
<main style="max-width:32rem;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:18px;margin:0 0 8px">${escapeHtml(t("report.pdf.unavailableTitle"))}</h1>
<p data-code="${code}" style="font-size:14px;line-height:1.6;margin:0 0 16px">${escapeHtml(t(MESSAGE[reason]))}</p>
<a href="${escapeHtml(reportUrl)}" style="color:#163bd8;font-size:14px">${escapeHtml(t("report.pdf.backToReport"))}</a>
</main></body></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) throw httpError(locale, 404);
  const viewer = { userId: user.id, orgId: activeOrg.id, locale };
  await runDomain(locale, () => requireReportScope(viewer));
  const { period } = await runDomain(locale, () => resolveReportPeriod(activeOrg.id, new URL(request.url).searchParams.get("period")));

  const reportPath = `/office/report?period=${encodeURIComponent(period.key)}`;
  const origin = context?.selfOrigin ?? `http://127.0.0.1:${env().PORT}`;
  const headers: Record<string, string> = { "accept-language": locale };
  const cookie = request.headers.get("cookie");
  if (cookie) headers.cookie = cookie;
  try {
    const pdf = await renderPdf({ url: `${origin}${reportPath}`, headers, footerLabel: `${tFor(locale)("report.title")} · ${period.key}` });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="cx-report-${period.key}.pdf"`,
        "Content-Length": String(pdf.length),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfRenderError) {
      if (error.reason !== "no_chromium") console.error(`[report.pdf] ${error.reason}`, error.detail ?? "");
      return unavailable(request, locale, error.reason, reportPath);
    }
    throw error;
  }
}
