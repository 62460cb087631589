/**
 * The current map's pain points, each with the future touchpoints that resolve it; editors pick a
 * future touchpoint to mark one (intent=mark) and remove a mark (intent=unmark). Quick wins that
 * address a pain point are shown beside it.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { PainResolution } from "../../models/journey-diff";
import { Badge, Button, Select } from "../ui";
import { CheckCircleIcon, CloseIcon } from "../ui/icons";

export interface FutureTouchpointOption {
  id: string;
  text: string;
  stageName: string;
}

export function PainResolutions({
  items,
  options,
  canEdit,
  programId,
  initiatives,
}: {
  items: PainResolution[];
  options: FutureTouchpointOption[];
  canEdit: boolean;
  programId: string;
  initiatives: Record<string, { id: string; title: string }[]>;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  if (items.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">{t("reshape.pains.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="pain-resolutions">
      {items.map((item) => {
        const p = item.painPoint;
        const busy = nav.state !== "idle" && nav.formData?.get("painPointId") === p.id;
        const marked = new Set(item.resolvedBy.map((r) => r.touchpointId));
        const wins = initiatives[p.id] ?? [];
        return (
          <li key={p.id} className="grid gap-3 px-5 py-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]" data-testid="pain-resolution" data-resolved={item.resolved ? "yes" : "no"}>
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                {item.resolved ? (
                  <CheckCircleIcon className="h-5 w-5 shrink-0 text-emerald-600" aria-label={String(t("reshape.pains.resolved"))} />
                ) : (
                  <span className="h-5 w-5 shrink-0 rounded-full border-2 border-slate-300" aria-label={String(t("reshape.pains.open"))} />
                )}
                <span className="font-medium text-slate-900">{p.title}</span>
                <Badge tone={p.severity >= 4 ? "danger" : p.severity >= 3 ? "warning" : "neutral"}>{t("reshape.pains.severity", { n: p.severity })}</Badge>
              </div>
              {item.touchpointText ? <p className="mt-1 pl-7 text-sm text-slate-600">{t("reshape.pains.on", { touchpoint: item.touchpointText })}</p> : null}
              {wins.length > 0 ? (
                <p className="mt-1 flex flex-wrap gap-1.5 pl-7 text-sm">
                  {wins.map((w) => (
                    <Link key={w.id} to={`/programs/${programId}/reshape/quick-wins/${w.id}`} className="rounded bg-violet-50 px-1.5 py-0.5 text-xs text-violet-800 ring-1 ring-violet-200 hover:underline">
                      {t("reshape.pains.quickWin", { title: w.title })}
                    </Link>
                  ))}
                </p>
              ) : null}
            </div>
            <div className="min-w-0 space-y-2">
              {item.resolvedBy.length > 0 ? (
                <ul className="flex flex-wrap gap-1.5">
                  {item.resolvedBy.map((r) => (
                    <li
                      key={r.touchpointId}
                      className={
                        r.exists
                          ? "inline-flex items-center gap-1 rounded-full bg-emerald-50 py-0.5 pl-2.5 pr-1 text-sm text-emerald-900 ring-1 ring-emerald-200"
                          : "inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-sm text-slate-500 line-through ring-1 ring-slate-200"
                      }
                      data-testid="resolved-by"
                    >
                      {r.exists ? t("reshape.pains.resolvedBy", { touchpoint: r.text, stage: r.stageName ?? "" }) : t("reshape.pains.gone")}
                      {canEdit ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="painPointId" value={p.id} />
                          <input type="hidden" name="touchpointId" value={r.touchpointId} />
                          <button
                            type="submit"
                            name="intent"
                            value="unmark"
                            className="rounded-full p-0.5 hover:bg-white/80"
                            aria-label={String(t("reshape.pains.unmark", { touchpoint: r.text || "—" }))}
                            disabled={busy}
                          >
                            <CloseIcon className="h-3.5 w-3.5" />
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">{t("reshape.pains.notResolved")}</p>
              )}
              {canEdit ? (
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="painPointId" value={p.id} />
                  <label className="sr-only" htmlFor={`resolve-${p.id}`}>
                    {t("reshape.pains.pickLabel", { title: p.title })}
                  </label>
                  <Select id={`resolve-${p.id}`} name="touchpointId" className="h-9 min-w-0 flex-1" defaultValue="" required>
                    <option value="" disabled>
                      {t("reshape.pains.pick")}
                    </option>
                    {options
                      .filter((o) => !marked.has(o.id))
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.stageName} · {o.text}
                        </option>
                      ))}
                  </Select>
                  <Button type="submit" name="intent" value="mark" size="sm" variant="secondary" busy={busy}>
                    {t("reshape.pains.mark")}
                  </Button>
                </Form>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
