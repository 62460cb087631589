/**
 * The evidence linked to one touchpoint, pain point or key question of a map (feedback records,
 * files, links), with "Link evidence" (search feedback records; pick files/links from the library;
 * upload a file or add a link inline) and unlink — for editors (canEdit); read-only for everyone
 * else. Talks to /api/v1/journey-maps/:mapId/links and the program's feedback / evidence APIs;
 * the server checks every permission again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, Button, cn, Dialog, DialogContent, Input, Select } from "~/components/ui";
import { CloseIcon, DocumentIcon, LinkIcon, PlusIcon } from "~/components/ui/icons";
import { useTranslation } from "~/i18n/react";
import type { FeedbackPage } from "~/models/feedback-records.server";
import type { EvidenceLinkView, JourneyEvidenceView } from "~/models/journey-evidence.server";
import { FilePicker } from "./analysis/file-picker";
import { fetchJson, formatBytes, useChannelLabel } from "./analysis/shared";

export interface EvidenceLinksProps {
  programId: string;
  mapId: string;
  targetType: "touchpoint" | "pain_point" | "question";
  targetId: string;
  canEdit: boolean;
}

const CHANNELS = ["phone", "web", "app", "branch", "sms", "chat", "email", "social", "other"];

export function EvidenceLinks({ programId, mapId, targetType, targetId, canEdit }: EvidenceLinksProps) {
  const { t, i18n } = useTranslation();
  const channel = useChannelLabel();
  const [links, setLinks] = useState<EvidenceLinkView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const url = `/api/v1/journey-maps/${mapId}/links`;

  const load = useCallback(async () => {
    try {
      const q = new URLSearchParams({ targetType, targetId });
      const { links: list } = await fetchJson<{ links: EvidenceLinkView[] }>(`${url}?${q}`);
      setLinks(list);
      setError(null);
    } catch (e) {
      setError((e as Error).message || String(t("evidence.links.loadFailed")));
    }
  }, [url, targetType, targetId, t]);

  useEffect(() => {
    setLinks(null);
    void load();
  }, [load]);

  const unlink = async (id: string) => {
    try {
      await fetchJson(`${url}?linkId=${encodeURIComponent(id)}`, { method: "DELETE" });
      setLinks((l) => l?.filter((x) => x.id !== id) ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const linkedIds = new Set((links ?? []).map((l) => `${l.evidenceType}:${l.evidenceId}`));

  return (
    <section className="space-y-2" data-testid="evidence-links" aria-label={String(t("evidence.links.title"))}>
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="evidence-count">
          {links === null ? (error ? "" : t("evidence.links.loading")) : links.length ? t("evidence.links.count", { n: links.length }) : t("evidence.links.none")}
        </p>
        {canEdit ? (
          <Button size="sm" variant="secondary" onClick={() => setPicking(true)}>
            <PlusIcon className="h-3.5 w-3.5" />
            {t("evidence.links.link")}
          </Button>
        ) : null}
      </div>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <ul className="space-y-1.5">
        {links?.map((l) => (
          <li key={l.id} className="group flex items-start gap-2 rounded-md border border-slate-200 bg-white px-2.5 py-2 text-sm" data-testid="evidence-link">
            <span className="mt-0.5 text-slate-400">{l.evidenceType === "link" ? <LinkIcon className="h-4 w-4" /> : <DocumentIcon className="h-4 w-4" />}</span>
            <div className="min-w-0 flex-1">
              {l.feedback ? (
                <>
                  <div className="flex flex-wrap gap-x-2 text-xs text-slate-500">
                    <span className="tabular-nums">{l.feedback.occurredOn}</span>
                    <span>{channel(l.feedback.channel)}</span>
                    {l.feedback.score !== null ? <span>{t("evidence.links.score", { score: l.feedback.score, max: l.feedback.scoreMax ?? "" })}</span> : null}
                    <span className="truncate">{l.feedback.contactReason}</span>
                  </div>
                  <p className="line-clamp-2 text-slate-800">{l.feedback.text || <span className="text-slate-400">{t("evidence.links.noText")}</span>}</p>
                </>
              ) : l.evidence?.kind === "file" ? (
                <a className="block truncate font-medium text-brand-700 hover:underline" href={`/api/v1/programs/${programId}/journey-evidence/${l.evidence.id}`} download>
                  {l.evidence.title}
                  <span className="ml-1.5 text-xs font-normal text-slate-500">
                    {l.evidence.filename !== l.evidence.title ? `${l.evidence.filename} · ` : ""}
                    {formatBytes(l.evidence.sizeBytes, i18n.language)}
                  </span>
                </a>
              ) : l.evidence ? (
                <a className="block truncate font-medium text-brand-700 hover:underline" href={l.evidence.url ?? "#"} target="_blank" rel="noopener noreferrer nofollow">
                  {l.evidence.title}
                  <span className="ml-1.5 text-xs font-normal text-slate-500">{l.evidence.url}</span>
                </a>
              ) : null}
            </div>
            {canEdit ? (
              <button
                type="button"
                onClick={() => unlink(l.id)}
                className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-red-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                aria-label={String(t("evidence.links.unlinkLabel", { title: l.feedback?.text.slice(0, 40) || l.evidence?.title || "" }))}
                title={String(t("evidence.links.unlink"))}
              >
                <CloseIcon className="h-3.5 w-3.5" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit && picking ? (
        <Picker
          programId={programId}
          targetLabel={String(t(`evidence.targetsInSentence.${targetType}`))}
          linked={linkedIds}
          onClose={() => setPicking(false)}
          onLink={async (evidenceType, evidenceIds) => {
            await fetchJson(url, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ targetType, targetId, evidenceType, evidenceIds }),
            });
            await load();
          }}
          channels={CHANNELS}
        />
      ) : null}
    </section>
  );
}

type Tab = "feedback" | "library" | "new";

function Picker({
  programId,
  targetLabel,
  linked,
  onClose,
  onLink,
  channels,
}: {
  programId: string;
  targetLabel: string;
  linked: Set<string>;
  onClose: () => void;
  onLink: (type: "feedback" | "file" | "link", ids: string[]) => Promise<void>;
  channels: string[];
}) {
  const { t, i18n } = useTranslation();
  const channel = useChannelLabel();
  const [tab, setTab] = useState<Tab>("feedback");
  const [q, setQ] = useState("");
  const [ch, setCh] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [records, setRecords] = useState<FeedbackPage | null>(null);
  const [library, setLibrary] = useState<JourneyEvidenceView[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pageSize, setPageSize] = useState(20);
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [linkTitle, setLinkTitle] = useState("");
  const [linkUrl, setLinkUrl] = useState("");

  useEffect(() => {
    setSelected(new Set());
  }, [tab]);

  useEffect(() => {
    if (tab !== "feedback") return;
    let live = true;
    const timer = setTimeout(() => {
      const p = new URLSearchParams({ pageSize: String(pageSize) });
      if (q.trim()) p.set("q", q.trim());
      if (ch) p.set("channel", ch);
      if (from) p.set("from", from);
      if (to) p.set("to", to);
      fetchJson<FeedbackPage>(`/api/v1/programs/${programId}/feedback?${p}`)
        .then((d) => live && setRecords(d))
        .catch((e: Error) => live && setError(e.message));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tab, q, ch, from, to, pageSize, programId]);

  useEffect(() => {
    if (tab !== "library") return;
    let live = true;
    const timer = setTimeout(() => {
      const p = new URLSearchParams();
      if (q.trim()) p.set("q", q.trim());
      fetchJson<{ evidence: JourneyEvidenceView[] }>(`/api/v1/programs/${programId}/journey-evidence?${p}`)
        .then((d) => live && setLibrary(d.evidence))
        .catch((e: Error) => live && setError(e.message));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tab, q, programId]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      next.has(id) ? next.delete(id) : next.add(id);
      return next;
    });

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const linkSelected = () =>
    run(async () => {
      if (tab === "feedback") await onLink("feedback", [...selected]);
      else {
        const items = (library ?? []).filter((e) => selected.has(e.id));
        const files = items.filter((e) => e.kind === "file").map((e) => e.id);
        const urls = items.filter((e) => e.kind === "link").map((e) => e.id);
        if (files.length) await onLink("file", files);
        if (urls.length) await onLink("link", urls);
      }
    });

  const uploadAndLink = () =>
    run(async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) throw new Error(String(t("evidence.errors.fileMissing")));
      const form = new FormData();
      form.append("file", file);
      if (title.trim()) form.append("title", title.trim());
      const { evidence } = await fetchJson<{ evidence: JourneyEvidenceView }>(`/api/v1/programs/${programId}/journey-evidence`, { method: "POST", body: form });
      await onLink("file", [evidence.id]);
    });

  const addLinkAndLink = () =>
    run(async () => {
      const { evidence } = await fetchJson<{ evidence: JourneyEvidenceView }>(`/api/v1/programs/${programId}/journey-evidence`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title: linkTitle, url: linkUrl }),
      });
      await onLink("link", [evidence.id]);
    });

  const tabs: { key: Tab; label: string }[] = [
    { key: "feedback", label: String(t("evidence.links.tabFeedback")) },
    { key: "library", label: String(t("evidence.links.tabLibrary")) },
    { key: "new", label: String(t("evidence.links.tabNew")) },
  ];

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={t("evidence.links.pickerTitle")} description={t("evidence.links.pickerDescription", { target: targetLabel })} className="max-h-[90vh] !max-w-3xl overflow-y-auto">
        <div role="tablist" className="mb-4 flex gap-1 border-b border-slate-200">
          {tabs.map((x) => (
            <button
              key={x.key}
              role="tab"
              type="button"
              aria-selected={tab === x.key}
              onClick={() => setTab(x.key)}
              className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", tab === x.key ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900")}
            >
              {x.label}
            </button>
          ))}
        </div>
        {error ? (
          <Alert tone="danger" className="mb-3">
            {error}
          </Alert>
        ) : null}
        {tab === "feedback" ? (
          <div>
            <div className="mb-3 grid gap-2 sm:grid-cols-[1fr_auto_auto_auto]">
              <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder={String(t("evidence.links.search"))} aria-label={String(t("evidence.links.search"))} />
              <Select value={ch} onChange={(e) => setCh(e.target.value)} aria-label={String(t("feedback.fields.channel"))}>
                <option value="">{t("evidence.links.allChannels")}</option>
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {channel(c)}
                  </option>
                ))}
              </Select>
              <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={String(t("evidence.links.from"))} />
              <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={String(t("evidence.links.to"))} />
            </div>
            <ul className="max-h-80 space-y-1 overflow-y-auto" data-testid="picker-records">
              {records?.items.map((r) => {
                const done = linked.has(`feedback:${r.id}`);
                return (
                  <li key={r.id}>
                    <label className={cn("flex cursor-pointer gap-2 rounded-md border px-2.5 py-2 text-sm", selected.has(r.id) ? "border-brand-300 bg-brand-50" : "border-slate-200 hover:bg-slate-50", done && "opacity-60")}>
                      <input type="checkbox" className="mt-1 h-4 w-4" disabled={done} checked={done || selected.has(r.id)} onChange={() => toggle(r.id)} />
                      <span className="min-w-0">
                        <span className="flex flex-wrap gap-x-2 text-xs text-slate-500">
                          <span className="tabular-nums">{r.occurredOn}</span>
                          <span>{channel(r.channel)}</span>
                          <span>{r.segment}</span>
                          <span>{r.contactReason}</span>
                          {r.score !== null ? <span>{t("evidence.links.score", { score: r.score, max: r.scoreMax ?? "" })}</span> : null}
                          {done ? <span className="font-medium text-emerald-700">{t("evidence.links.alreadyLinked")}</span> : null}
                        </span>
                        <span className="line-clamp-2 text-slate-800">{r.text || t("evidence.links.noText")}</span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {records && records.items.length === 0 ? <p className="py-4 text-center text-sm text-slate-500">{t("evidence.links.noResults")}</p> : null}
            {records && records.total > records.items.length ? (
              <Button variant="ghost" size="sm" className="mt-2" onClick={() => setPageSize((s) => Math.min(200, s + 40))}>
                {t("evidence.links.more")}
              </Button>
            ) : null}
          </div>
        ) : null}
        {tab === "library" ? (
          <div>
            <Input className="mb-3" value={q} onChange={(e) => setQ(e.target.value)} placeholder={String(t("evidence.library.search"))} aria-label={String(t("evidence.library.search"))} />
            <ul className="max-h-80 space-y-1 overflow-y-auto">
              {library?.map((e) => {
                const done = linked.has(`${e.kind}:${e.id}`);
                return (
                  <li key={e.id}>
                    <label className={cn("flex cursor-pointer items-center gap-2 rounded-md border px-2.5 py-2 text-sm", selected.has(e.id) ? "border-brand-300 bg-brand-50" : "border-slate-200 hover:bg-slate-50", done && "opacity-60")}>
                      <input type="checkbox" className="h-4 w-4" disabled={done} checked={done || selected.has(e.id)} onChange={() => toggle(e.id)} />
                      {e.kind === "link" ? <LinkIcon className="h-4 w-4 text-slate-400" /> : <DocumentIcon className="h-4 w-4 text-slate-400" />}
                      <span className="min-w-0 flex-1 truncate font-medium text-slate-800">{e.title}</span>
                      <span className="shrink-0 text-xs text-slate-500">{e.kind === "file" ? formatBytes(e.sizeBytes, i18n.language) : e.url}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {library && library.length === 0 ? <p className="py-4 text-center text-sm text-slate-500">{t("evidence.links.noResults")}</p> : null}
          </div>
        ) : null}
        {tab === "new" ? (
          <div className="grid gap-6 sm:grid-cols-2">
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">{t("evidence.library.upload")}</h3>
              <FilePicker ref={fileRef} label={String(t("evidence.library.chooseFile"))} testId="picker-file" />
              <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={String(t("evidence.library.titleOptional"))} aria-label={String(t("evidence.library.titleOptional"))} />
              <p className="text-xs text-slate-500">{t("evidence.library.uploadHint", { mb: 50 })}</p>
              <Button size="sm" onClick={uploadAndLink} busy={busy} disabled={busy}>
                {t("evidence.links.uploadAndLink")}
              </Button>
            </div>
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">{t("evidence.library.addLink")}</h3>
              <Input value={linkTitle} onChange={(e) => setLinkTitle(e.target.value)} placeholder={String(t("evidence.library.linkTitle"))} aria-label={String(t("evidence.library.linkTitle"))} />
              <Input value={linkUrl} onChange={(e) => setLinkUrl(e.target.value)} placeholder="https://" aria-label={String(t("evidence.library.linkUrl"))} type="url" />
              <Button size="sm" onClick={addLinkAndLink} busy={busy} disabled={busy || !linkTitle.trim() || !linkUrl.trim()}>
                {t("evidence.links.addAndLink")}
              </Button>
            </div>
          </div>
        ) : null}
        {tab !== "new" ? (
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              {t("ui.cancel")}
            </Button>
            <Button onClick={linkSelected} disabled={!selected.size || busy} busy={busy}>
              {t("evidence.links.linkSelected", { count: selected.size })}
            </Button>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
