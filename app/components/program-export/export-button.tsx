/**
 * "Export program (JSON)": downloads the whole program as one file (GET /api/v1/programs/:id/export).
 * With JavaScript it fetches first, so a refusal (too large, no permission) is shown here in the
 * reader's language instead of being saved as a file; without, the link downloads directly.
 */
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { buttonClasses } from "~/components/ui/button";
import { DownloadIcon } from "./icons";

function filenameOf(disposition: string | null): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? "");
  return plain ? plain[1] : "cx-program.json";
}

export function ProgramExportButton({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const href = `/api/v1/programs/${programId}/export`;

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(href, { credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? t("programExport.exportFailed"));
        return;
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = filenameOf(res.headers.get("content-disposition"));
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(t("programExport.exportFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <a
        href={href}
        download
        onClick={download}
        className={buttonClasses("secondary", "md")}
        aria-busy={busy || undefined}
        aria-describedby="export-program-hint"
        data-testid="export-program"
      >
        {busy ? (
          <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" aria-hidden />
        ) : (
          <DownloadIcon className="h-4 w-4" />
        )}
        {t("programExport.button")}
      </a>
      <p id="export-program-hint" className="max-w-xs text-xs text-slate-500 sm:text-right">
        {t("programExport.buttonHint")}
      </p>
      {error ? (
        <p className="max-w-xs text-sm text-red-700 sm:text-right" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
