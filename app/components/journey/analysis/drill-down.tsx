/**
 * The records behind a bar, point or table cell: a paginated list in a dialog; editors can select
 * records and link them to a pain point of a map (from the projection).
 */
import { useEffect, useState } from "react";
import { Alert, Button, Dialog, DialogContent, Select } from "~/components/ui";
import { useTranslation } from "~/i18n/react";
import type { FeedbackPage, FeedbackRecordView } from "~/models/feedback-records.server";
import { fetchJson, useChannelLabel } from "./shared";

export interface Drill {
  title: string;
  /** Query string for GET /api/v1/programs/:programId/feedback (without page). */
  query: string;
}

export interface MapPainPoints {
  id: string;
  name: string;
  painPoints: { id: string; title: string }[];
}

export function RecordRow({ r, selected, onToggle }: { r: FeedbackRecordView; selected?: boolean; onToggle?: () => void }) {
  const { t } = useTranslation();
  const channel = useChannelLabel();
  return (
    <tr className="border-b border-slate-100 align-top last:border-0" data-testid="record-row">
      {onToggle ? (
        <td className="py-2 pl-1 pr-2">
          <input type="checkbox" className="h-4 w-4" checked={!!selected} onChange={onToggle} aria-label={String(t("analysis.drill.select"))} />
        </td>
      ) : null}
      <td className="whitespace-nowrap py-2 pr-3 tabular-nums text-slate-600">{r.occurredOn}</td>
      <td className="whitespace-nowrap py-2 pr-3 text-slate-700">{channel(r.channel)}</td>
      <td className="py-2 pr-3 text-slate-700">{r.segment}</td>
      <td className="py-2 pr-3 text-slate-700">{r.contactReason}</td>
      <td className="whitespace-nowrap py-2 pr-3 tabular-nums text-slate-700">{r.score === null ? "—" : `${r.score}/${r.scoreMax}`}</td>
      <td className="py-2 pr-3 text-slate-900">{r.text || <span className="text-slate-400">{t("evidence.links.noText")}</span>}</td>
      <td className="whitespace-nowrap py-2 text-xs text-slate-500">{r.customerId ?? ""}</td>
    </tr>
  );
}

export function DrillDown({
  programId,
  drill,
  onClose,
  canEdit,
  maps,
}: {
  programId: string;
  drill: Drill | null;
  onClose: () => void;
  canEdit: boolean;
  maps: MapPainPoints[];
}) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<FeedbackPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [mapId, setMapId] = useState((maps.find((m) => m.painPoints.length) ?? maps[0])?.id ?? "");
  const [painId, setPainId] = useState("");
  const [linkMsg, setLinkMsg] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);

  useEffect(() => {
    setPage(1);
    setSelected(new Set());
    setLinkMsg(null);
  }, [drill?.query]);

  useEffect(() => {
    if (!drill) return;
    let live = true;
    setError(null);
    fetchJson<FeedbackPage>(`/api/v1/programs/${programId}/feedback?${drill.query}&page=${page}&pageSize=20`)
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [drill, page, programId]);

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const map = maps.find((m) => m.id === mapId);
  const items = data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((r) => selected.has(r.id));

  const link = async () => {
    const pain = map?.painPoints.find((p) => p.id === painId);
    if (!map || !pain || !selected.size) return;
    setBusy(true);
    setLinkMsg(null);
    try {
      await fetchJson(`/api/v1/journey-maps/${map.id}/links`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ targetType: "pain_point", targetId: pain.id, evidenceType: "feedback", evidenceIds: [...selected] }),
      });
      setLinkMsg({ tone: "success", text: String(t("analysis.linkTo.done", { count: selected.size, title: pain.title })) });
      setSelected(new Set());
    } catch (e) {
      setLinkMsg({ tone: "danger", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={!!drill} onOpenChange={(o) => !o && onClose()}>
      {drill ? (
        <DialogContent title={drill.title} description={data ? t("analysis.drill.count", { count: data.total }) : undefined} className="max-h-[90vh] !max-w-5xl overflow-y-auto">
          {error ? <Alert tone="danger">{error}</Alert> : null}
          <div className="overflow-x-auto" data-testid="drill-down">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                  {canEdit ? (
                    <th className="py-2 pl-1 pr-2">
                      <input
                        type="checkbox"
                        className="h-4 w-4"
                        aria-label={String(t("analysis.drill.selectAll"))}
                        checked={allOnPage}
                        onChange={() =>
                          setSelected((s) => {
                            const next = new Set(s);
                            for (const r of items) allOnPage ? next.delete(r.id) : next.add(r.id);
                            return next;
                          })
                        }
                      />
                    </th>
                  ) : null}
                  <th className="py-2 pr-3 font-medium">{t("feedback.fields.date")}</th>
                  <th className="py-2 pr-3 font-medium">{t("feedback.fields.channel")}</th>
                  <th className="py-2 pr-3 font-medium">{t("feedback.fields.segment")}</th>
                  <th className="py-2 pr-3 font-medium">{t("feedback.fields.reason")}</th>
                  <th className="py-2 pr-3 font-medium">{t("feedback.fields.score")}</th>
                  <th className="py-2 pr-3 font-medium">{t("feedback.fields.text")}</th>
                  <th className="py-2 font-medium">{t("feedback.fields.customerId")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <RecordRow
                    key={r.id}
                    r={r}
                    selected={selected.has(r.id)}
                    onToggle={
                      canEdit
                        ? () =>
                            setSelected((s) => {
                              const next = new Set(s);
                              next.has(r.id) ? next.delete(r.id) : next.add(r.id);
                              return next;
                            })
                        : undefined
                    }
                  />
                ))}
              </tbody>
            </table>
            {data && !items.length ? <p className="py-6 text-center text-sm text-slate-500">{t("analysis.empty.filtered")}</p> : null}
          </div>
          <div className="mt-3 flex items-center justify-between text-sm text-slate-600">
            <span>{t("analysis.drill.page", { page: n(page), pages: n(pages) })}</span>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                {t("analysis.drill.prev")}
              </Button>
              <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                {t("analysis.drill.next")}
              </Button>
            </div>
          </div>
          {canEdit ? (
            <div className="mt-5 rounded-lg border border-slate-200 bg-slate-50 p-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">{t("analysis.linkTo.title")}</h3>
              {maps.length ? (
                <div className="flex flex-wrap items-end gap-3">
                  <label className="text-sm">
                    <span className="mb-1 block font-medium text-slate-700">{t("analysis.linkTo.map")}</span>
                    <Select
                      value={mapId}
                      onChange={(e) => {
                        setMapId(e.target.value);
                        setPainId("");
                      }}
                    >
                      {maps.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                    </Select>
                  </label>
                  <label className="text-sm">
                    <span className="mb-1 block font-medium text-slate-700">{t("analysis.linkTo.painPoint")}</span>
                    <Select value={painId} onChange={(e) => setPainId(e.target.value)} disabled={!map?.painPoints.length} className="min-w-56">
                      <option value="">{map?.painPoints.length ? t("analysis.linkTo.choose") : t("analysis.linkTo.none")}</option>
                      {map?.painPoints.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.title}
                        </option>
                      ))}
                    </Select>
                  </label>
                  <Button onClick={link} disabled={!painId || !selected.size || busy} busy={busy}>
                    {t("analysis.linkTo.selected", { count: selected.size })}
                  </Button>
                </div>
              ) : (
                <p className="text-sm text-slate-500">{t("analysis.linkTo.noMaps")}</p>
              )}
              {linkMsg ? (
                <Alert tone={linkMsg.tone} className="mt-3">
                  {linkMsg.text}
                </Alert>
              ) : null}
            </div>
          ) : null}
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
