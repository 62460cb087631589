/**
 * Named versions of a live doc: save the current state under a name (a facilitator snapshots a
 * workshop), list them, preview one read-only, and restore it as a new change everyone sees.
 */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import * as Y from "yjs";
import type { DocVersionSummary } from "~/models/doc.server";
import { Button, Card, CardHeader } from "~/components/ui";
import { formatDateTime } from "~/utils/format";
import { isLocale } from "~/i18n/config";

export function VersionsPanel({
  docName,
  canEdit,
  renderPreview,
}: {
  docName: string;
  canEdit: boolean;
  renderPreview: (doc: Y.Doc) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [versions, setVersions] = useState<DocVersionSummary[] | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ version: DocVersionSummary; doc: Y.Doc } | null>(null);
  const base = `/api/v1/docs/${encodeURIComponent(docName)}/versions`;

  const load = useCallback(async () => {
    const res = await fetch(base);
    if (res.ok) setVersions(((await res.json()) as { versions: DocVersionSummary[] }).versions);
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    const res = await fetch(base, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
    setBusy(false);
    if (!res.ok) return setError(t("brief.versions.failed"));
    setName("");
    await load();
  };

  const view = async (version: DocVersionSummary) => {
    const res = await fetch(`${base}/${version.id}`);
    if (!res.ok) return setError(t("brief.versions.failed"));
    const body = (await res.json()) as { state: string };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Uint8Array.from(atob(body.state), (c) => c.charCodeAt(0)));
    setPreview({ version, doc });
  };

  const restore = async (version: DocVersionSummary) => {
    if (!window.confirm(t("brief.versions.restoreConfirm", { name: version.name }))) return;
    setBusy(true);
    const res = await fetch(`${base}/${version.id}/restore`, { method: "POST" });
    setBusy(false);
    if (!res.ok) return setError(t("brief.versions.failed"));
    setPreview(null);
  };

  return (
    <Card data-testid="versions-panel">
      <CardHeader title={t("brief.versions.title")} description={t("brief.versions.description")} as="h2" />
      <div className="space-y-4 px-5 py-4">
        {canEdit ? (
          <form onSubmit={create} className="flex gap-2">
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={120}
              placeholder={t("brief.versions.namePlaceholder")}
              aria-label={t("brief.versions.namePlaceholder")}
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/20"
            />
            <Button type="submit" size="sm" busy={busy} disabled={!name.trim()}>
              {t("brief.versions.save")}
            </Button>
          </form>
        ) : null}
        {error ? <p className="text-sm text-red-700">{error}</p> : null}
        {versions === null ? (
          <p className="text-sm text-slate-500">{t("brief.versions.loading")}</p>
        ) : versions.length === 0 ? (
          <p className="text-sm text-slate-500">{t("brief.versions.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="versions-list">
            {versions.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">{v.name}</p>
                  <p className="text-xs text-slate-500">
                    {formatDateTime(v.createdAt, isLocale(i18n.language) ? i18n.language : "zh-CN")}
                    {v.createdBy ? ` · ${v.createdBy.name}` : ""}
                  </p>
                </div>
                <div className="flex shrink-0 gap-1">
                  <Button variant="ghost" size="sm" onClick={() => void view(v)}>
                    {t("brief.versions.view")}
                  </Button>
                  {canEdit ? (
                    <Button variant="secondary" size="sm" onClick={() => void restore(v)} disabled={busy}>
                      {t("brief.versions.restore")}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        {preview ? (
          <div className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="version-preview">
            <div className="mb-2 flex items-center justify-between gap-2">
              <p className="text-xs font-semibold text-slate-700">{t("brief.versions.viewing", { name: preview.version.name })}</p>
              <Button variant="ghost" size="sm" onClick={() => setPreview(null)}>
                {t("brief.versions.close")}
              </Button>
            </div>
            {renderPreview(preview.doc)}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
