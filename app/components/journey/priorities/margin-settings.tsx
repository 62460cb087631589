/** The program's triangulation margin: shown to everyone, changed by leadership and the owner. */
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { TriangulationSettings } from "~/models/pain-points.server";
import { TRIANGULATION_MARGIN_MAX, TRIANGULATION_MARGIN_MIN } from "~/models/triangulation";
import { Badge, Button, Card, CardHeader, Input } from "~/components/ui";
import { formatDateTime } from "~/utils/format";
import { isApiErrorBody } from "~/utils/http";
import { formatScore, useLocale } from "./triangulation-parts";

export function MarginSettings({
  programId,
  settings,
  canEdit,
  onSaved,
}: {
  programId: string;
  settings: TriangulationSettings;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [value, setValue] = useState(String(settings.margin));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  useEffect(() => setValue(String(settings.margin)), [settings.margin]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(`/api/v1/programs/${encodeURIComponent(programId)}/pain-point-settings`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ margin: value }),
      });
      if (!res.ok) {
        const body: unknown = await res.json().catch(() => null);
        const text = isApiErrorBody(body) ? (body.error.fields?.margin ?? body.error.message) : t("painPoints.errors.saveFailed");
        setMessage({ tone: "error", text });
        return;
      }
      setMessage({ tone: "ok", text: t("painPoints.settings.saved") });
      onSaved();
    } catch {
      setMessage({ tone: "error", text: t("painPoints.errors.saveFailed") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card data-testid="margin-settings">
      <CardHeader title={t("painPoints.settings.title")} description={t("painPoints.settings.description")} as="h3" />
      <div className="space-y-3 px-5 py-4 text-sm">
        <p className="flex flex-wrap items-center gap-2 text-slate-800">
          <span data-testid="margin-current">{t("painPoints.settings.current", { margin: formatScore(settings.margin, locale) })}</span>
          {settings.isDefault ? <Badge>{t("painPoints.settings.isDefault")}</Badge> : null}
        </p>
        {settings.updatedBy && settings.updatedAt ? (
          <p className="text-xs text-slate-500">
            {t("painPoints.settings.updated", { name: settings.updatedBy.name, when: formatDateTime(settings.updatedAt, locale) })}
          </p>
        ) : null}
        {canEdit ? (
          <form onSubmit={save} className="flex items-end gap-2" noValidate>
            <label className="min-w-0 flex-1 space-y-1">
              <span className="block text-xs font-medium text-slate-700">{t("painPoints.settings.label")}</span>
              <Input
                name="margin"
                type="number"
                inputMode="decimal"
                step={0.1}
                min={TRIANGULATION_MARGIN_MIN}
                max={TRIANGULATION_MARGIN_MAX}
                value={value}
                onChange={(e) => setValue(e.target.value)}
                aria-invalid={message?.tone === "error" ? true : undefined}
              />
            </label>
            <Button type="submit" variant="secondary" busy={busy} data-testid="margin-save">
              {t("painPoints.settings.save")}
            </Button>
          </form>
        ) : null}
        {message ? (
          <p className={message.tone === "error" ? "text-sm text-red-700" : "text-sm text-emerald-700"} role={message.tone === "error" ? "alert" : "status"}>
            {message.text}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
