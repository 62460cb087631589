/**
 * The feedback import, step by step: upload (XHR, with upload progress) → map columns and choose
 * the score scale → check every row (the row-level error report, downloadable) → import (the
 * server streams its progress; everything is imported in one transaction) or cancel.
 */
import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Badge, Button, ButtonLink, Card, CardBody, CardHeader, cn, Select } from "~/components/ui";
import { CheckCircleIcon, DocumentIcon } from "~/components/ui/icons";
import { useTranslation } from "~/i18n/react";
import { duplicateColumns, FEEDBACK_FIELDS, missingColumns, REQUIRED_COLUMNS, SCORE_SCALES, type ColumnMapping, type FeedbackField, type ScoreScale } from "~/models/feedback-csv";
import type { ImportDetail, ImportSummary } from "~/models/feedback-import.server";
import { fetchJson } from "../analysis/shared";

type Phase =
  | { kind: "upload" }
  | { kind: "uploading"; pct: number }
  | { kind: "map" }
  | { kind: "report" }
  | { kind: "committing"; done: number; total: number; checking: boolean }
  | { kind: "done"; imported: ImportSummary }
  | { kind: "cancelled" };

const STEP_KEYS = ["upload", "map", "check", "import"] as const;

function stepIndex(p: Phase): number {
  switch (p.kind) {
    case "upload":
    case "uploading":
    case "cancelled":
      return 0;
    case "map":
      return 1;
    case "report":
      return 2;
    default:
      return 3;
  }
}

function Steps({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const at = stepIndex(phase);
  const finished = phase.kind === "done";
  return (
    <ol className="mb-6 flex flex-wrap items-center gap-2 text-sm" aria-label={String(t("feedback.import.title"))}>
      {STEP_KEYS.map((k, i) => {
        const done = i < at || finished;
        const current = i === at && !finished;
        return (
          <li key={k} className="flex items-center gap-2">
            <span
              aria-current={current ? "step" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-full px-3 py-1 font-medium ring-1 ring-inset",
                current && "bg-brand-700 text-white ring-brand-700",
                done && "bg-brand-50 text-brand-800 ring-brand-200",
                !current && !done && "bg-white text-slate-500 ring-slate-200",
              )}
            >
              <span className="tabular-nums">{done ? "✓" : i + 1}</span>
              {t(`feedback.import.steps.${k}`)}
            </span>
            {i < STEP_KEYS.length - 1 ? <span aria-hidden className="h-px w-6 bg-slate-300" /> : null}
          </li>
        );
      })}
    </ol>
  );
}

function uploadWithProgress(url: string, file: File, onProgress: (pct: number) => void): Promise<{ import: ImportDetail }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: { import?: ImportDetail; error?: { message?: string; fields?: Record<string, string> } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.import) resolve({ import: body.import });
      else reject(new Error(body.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error(""));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

export function ImportWizard({ programId, initial, maxMb }: { programId: string; initial: ImportDetail | null; maxMb: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const revalidator = useRevalidator();
  const base = `/api/v1/programs/${programId}/feedback-imports`;
  const [imp, setImp] = useState<ImportDetail | null>(initial);
  const [phase, setPhase] = useState<Phase>(initial ? (initial.validated ? { kind: "report" } : { kind: "map" }) : { kind: "upload" });
  const [mapping, setMapping] = useState<ColumnMapping>(initial?.mapping ?? initial?.suggestedMapping ?? {});
  const [scale, setScale] = useState<ScoreScale>(initial?.scoreScale ?? initial?.suggestedScale ?? "1-5");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const n = (v: number) => new Intl.NumberFormat(locale).format(v);

  useEffect(() => {
    if (!imp) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get("id") !== imp.id) {
      url.searchParams.set("id", imp.id);
      window.history.replaceState(window.history.state, "", url);
    }
  }, [imp]);

  const start = (file: File) => {
    setError(null);
    setPhase({ kind: "uploading", pct: 0 });
    uploadWithProgress(base, file, (pct) => setPhase({ kind: "uploading", pct }))
      .then(({ import: staged }) => {
        setImp(staged);
        setMapping(staged.suggestedMapping);
        setScale(staged.suggestedScale);
        setConfirmed(false);
        setPhase({ kind: "map" });
        revalidator.revalidate();
      })
      .catch((e: Error) => {
        setError(e.message || String(t("feedback.import.uploadFailed")));
        setPhase({ kind: "upload" });
      });
  };

  const fieldName = (f: string) => String(t(`feedback.fields.${f}`));
  const joinNames = (fs: string[]) => fs.map(fieldName).join(locale === "zh-CN" ? "、" : ", ");
  const missing = imp ? missingColumns(mapping, imp.header.length) : [];
  const duplicates = duplicateColumns(mapping);

  const check = async () => {
    if (!imp) return;
    setBusy(true);
    setError(null);
    try {
      const clean: ColumnMapping = {};
      for (const f of FEEDBACK_FIELDS) if (mapping[f] !== undefined && mapping[f]! >= 0) clean[f] = mapping[f];
      const { import: checked } = await fetchJson<{ import: ImportDetail }>(`${base}/${imp.id}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ mapping: clean, scale }),
      });
      setImp(checked);
      setConfirmed(false);
      setPhase({ kind: "report" });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!imp || !window.confirm(String(t("feedback.import.cancelConfirm")))) return;
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`${base}/${imp.id}`, { method: "DELETE" });
      setImp(null);
      setPhase({ kind: "cancelled" });
      const url = new URL(window.location.href);
      url.searchParams.delete("id");
      window.history.replaceState(window.history.state, "", url);
      revalidator.revalidate();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!imp) return;
    setError(null);
    setPhase({ kind: "committing", done: 0, total: imp.validRows, checking: true });
    try {
      const res = await fetch(`${base}/${imp.id}/commit`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
        body: JSON.stringify({ acceptErrors: imp.errorRows > 0 && confirmed }),
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      let finished: ImportSummary | null = null;
      for (;;) {
        const { done, value } = await reader.read();
        if (value) buffer += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          const msg = JSON.parse(line) as { progress?: { phase: string; done: number; total: number }; done?: ImportSummary; error?: { message: string } };
          if (msg.progress) setPhase({ kind: "committing", done: msg.progress.done, total: msg.progress.total, checking: msg.progress.phase === "validating" });
          if (msg.error) throw new Error(msg.error.message);
          if (msg.done) finished = msg.done;
        }
        if (done) break;
      }
      if (!finished) throw new Error(String(t("feedback.errors.commitFailed")));
      setPhase({ kind: "done", imported: finished });
      setImp(null);
      const url = new URL(window.location.href);
      url.searchParams.delete("id");
      window.history.replaceState(window.history.state, "", url);
      revalidator.revalidate();
    } catch (e) {
      setError((e as Error).message || String(t("feedback.errors.commitFailed")));
      setPhase({ kind: "report" });
    }
  };

  const reset = () => {
    setImp(null);
    setError(null);
    setPhase({ kind: "upload" });
  };

  const sampleColumnValue = (i: number) => imp?.sample.find((r) => (r[i] ?? "").trim())?.[i] ?? "";
  const mappedColumns = useMemo(() => new Map(Object.entries(mapping).filter(([, i]) => i !== undefined && i! >= 0).map(([f, i]) => [i!, f])), [mapping]);

  return (
    <div>
      <Steps phase={phase} />
      {error ? (
        <Alert tone="danger" className="mb-4">
          {error}
        </Alert>
      ) : null}

      {phase.kind === "upload" || phase.kind === "uploading" || phase.kind === "cancelled" ? (
        <Card>
          <CardBody className="py-6">
            {phase.kind === "cancelled" ? (
              <Alert tone="info" className="mb-4">
                {t("feedback.import.cancelled")}
              </Alert>
            ) : null}
            <div
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                const f = e.dataTransfer.files[0];
                if (f && phase.kind !== "uploading") start(f);
              }}
              className={cn(
                "flex flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors",
                dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50",
              )}
            >
              <div className="mb-3 flex h-12 w-12 items-center justify-center rounded-full bg-white text-brand-700 shadow-sm ring-1 ring-slate-200">
                <DocumentIcon className="h-6 w-6" />
              </div>
              {phase.kind === "uploading" ? (
                <div className="w-full max-w-sm" role="status">
                  <p className="mb-2 text-sm font-medium text-slate-800">
                    {phase.pct < 100 ? t("feedback.import.uploading", { pct: phase.pct }) : t("feedback.import.reading")}
                  </p>
                  <div className="h-2 overflow-hidden rounded-full bg-slate-200">
                    <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${phase.pct}%` }} />
                  </div>
                </div>
              ) : (
                <>
                  <Button onClick={() => fileInput.current?.click()}>{t("feedback.import.chooseFile")}</Button>
                  <p className="mt-2 text-sm text-slate-500">{t("feedback.import.dropHint")}</p>
                </>
              )}
              <input
                ref={fileInput}
                type="file"
                accept=".csv,.txt,.tsv,text/csv"
                className="sr-only"
                aria-label={String(t("feedback.import.chooseFile"))}
                data-testid="feedback-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = "";
                  if (f) start(f);
                }}
              />
            </div>
            <p className="mt-4 text-sm leading-6 text-slate-600">{t("feedback.import.formatHint", { mb: maxMb })}</p>
          </CardBody>
        </Card>
      ) : null}

      {imp && phase.kind === "map" ? (
        <div className="space-y-5">
          <Card>
            <CardHeader
              title={t("feedback.import.mapTitle")}
              description={t("feedback.import.mapDescription")}
              actions={
                <Badge tone="neutral">
                  <DocumentIcon className="h-3.5 w-3.5" />
                  {imp.filename}
                </Badge>
              }
            />
            <CardBody>
              <p className="mb-4 text-sm text-slate-600">
                {t("feedback.import.detected", { rows: n(imp.totalRows), columns: imp.header.length, encoding: imp.encoding === "gb18030" ? "GBK/GB18030" : "UTF-8" })}
              </p>
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead>
                    <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                      <th className="py-2 pr-4 font-medium">{t("feedback.import.ourField")}</th>
                      <th className="py-2 pr-4 font-medium">{t("feedback.import.fileColumn")}</th>
                      <th className="py-2 font-medium">{t("feedback.import.sampleTitle")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {FEEDBACK_FIELDS.map((f: FeedbackField) => {
                      const required = REQUIRED_COLUMNS.includes(f);
                      const value = mapping[f] ?? -1;
                      const bad = required && missing.includes(f);
                      return (
                        <tr key={f} className="border-b border-slate-100 align-top last:border-0">
                          <td className="py-2.5 pr-4">
                            <div className="flex items-center gap-2 font-medium text-slate-900">
                              {fieldName(f)}
                              <Badge tone={required ? "brand" : "neutral"}>{t(required ? "feedback.import.required" : "feedback.import.optional")}</Badge>
                            </div>
                            <div className="mt-0.5 text-xs text-slate-500">{t(`feedback.fieldHints.${f}`)}</div>
                          </td>
                          <td className="py-2.5 pr-4">
                            <Select
                              aria-label={fieldName(f)}
                              data-field={f}
                              value={String(value)}
                              className={cn("min-w-48", bad && "border-red-400")}
                              onChange={(e) => setMapping((m) => ({ ...m, [f]: Number(e.target.value) }))}
                            >
                              <option value="-1">{t("feedback.import.notInFile")}</option>
                              {imp.header.map((h, i) => (
                                <option key={i} value={i}>
                                  {h || `#${i + 1}`}
                                </option>
                              ))}
                            </Select>
                          </td>
                          <td className="max-w-xs truncate py-2.5 text-slate-600" title={value >= 0 ? sampleColumnValue(value) : ""}>
                            {value >= 0 ? sampleColumnValue(value) : ""}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <div className="mt-5 flex flex-wrap items-end gap-4 border-t border-slate-100 pt-4">
                <label className="block text-sm">
                  <span className="mb-1.5 block font-medium text-slate-800">{t("feedback.import.scale")}</span>
                  <Select value={scale} onChange={(e) => setScale(e.target.value as ScoreScale)} aria-label={String(t("feedback.import.scale"))}>
                    {SCORE_SCALES.map((s) => (
                      <option key={s} value={s}>
                        {s.replace("-", "–")}
                      </option>
                    ))}
                  </Select>
                </label>
                <p className="pb-2 text-xs text-slate-500">{t("feedback.import.scaleHint", { scale: imp.suggestedScale.replace("-", "–") })}</p>
              </div>
              {missing.length ? (
                <Alert tone="warning" className="mt-4">
                  {t("feedback.import.missing", { fields: joinNames(missing) })}
                </Alert>
              ) : null}
              {duplicates.length ? (
                <Alert tone="warning" className="mt-4">
                  {t("feedback.import.duplicate", { fields: joinNames(duplicates) })}
                </Alert>
              ) : null}
              <div className="mt-5 flex flex-wrap gap-3">
                <Button onClick={check} busy={busy} disabled={busy || missing.length > 0 || duplicates.length > 0}>
                  {busy ? t("feedback.import.checking") : t("feedback.import.checkRows")}
                </Button>
                <Button variant="ghost" onClick={cancel} disabled={busy}>
                  {t("feedback.import.cancel")}
                </Button>
              </div>
            </CardBody>
          </Card>
          <SampleTable header={imp.header} rows={imp.sample} mapped={mappedColumns} fieldName={fieldName} />
        </div>
      ) : null}

      {imp && phase.kind === "report" ? (
        <Card>
          <CardHeader
            title={t("feedback.import.reportTitle")}
            actions={
              <Badge tone="neutral">
                <DocumentIcon className="h-3.5 w-3.5" />
                {imp.filename}
              </Badge>
            }
          />
          <CardBody className="space-y-4">
            {imp.errorRows === 0 ? (
              <Alert tone="success">{t("feedback.import.allValid", { n: n(imp.validRows) })}</Alert>
            ) : (
              <Alert tone="warning" title={t("feedback.import.someErrors", { errors: n(imp.errorRows), total: n(imp.totalRows), valid: n(imp.validRows) })}>
                {imp.errors && imp.errors.length > 100 ? t("feedback.import.showingFirst", { shown: 100, n: n(imp.errors.length) }) : null}
              </Alert>
            )}
            {imp.errors && imp.errors.length ? (
              <>
                <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
                  <table className="w-full text-sm" data-testid="row-errors">
                    <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th className="px-3 py-2 font-medium">{t("feedback.report.line")}</th>
                        <th className="px-3 py-2 font-medium">{t("feedback.report.field")}</th>
                        <th className="px-3 py-2 font-medium">{t("feedback.report.value")}</th>
                        <th className="px-3 py-2 font-medium">{t("feedback.report.problem")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {imp.errors.slice(0, 100).map((e, i) => (
                        <tr key={i} className="border-t border-slate-100">
                          <td className="px-3 py-1.5 tabular-nums text-slate-700">{e.line}</td>
                          <td className="px-3 py-1.5 text-slate-700">{fieldName(e.field)}</td>
                          <td className="max-w-[16rem] truncate px-3 py-1.5 font-mono text-xs text-slate-600">{e.value}</td>
                          <td className="px-3 py-1.5 text-red-800">{t(`feedback.rowErrors.${e.code}`, e.vars ?? {})}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <a className="inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline" href={`${base}/${imp.id}/errors`} download>
                  {t("feedback.import.downloadReport")}
                </a>
              </>
            ) : null}
            {imp.validRows === 0 ? (
              <Alert tone="danger">{t("feedback.import.nothingValid")}</Alert>
            ) : imp.errorRows > 0 ? (
              <label className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200">
                <input type="checkbox" className="mt-0.5 h-4 w-4" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                {t("feedback.import.confirmSkip", { errors: n(imp.errorRows) })}
              </label>
            ) : null}
            <div className="flex flex-wrap gap-3">
              {imp.validRows > 0 ? (
                <Button onClick={commit} disabled={imp.errorRows > 0 && !confirmed}>
                  {imp.errorRows > 0
                    ? t("feedback.import.importValid", { valid: n(imp.validRows), errors: n(imp.errorRows) })
                    : t("feedback.import.importAll", { n: n(imp.validRows) })}
                </Button>
              ) : null}
              <Button variant="secondary" onClick={() => setPhase({ kind: "map" })}>
                {t("feedback.import.changeMapping")}
              </Button>
              <Button variant="ghost" onClick={cancel} disabled={busy}>
                {t("feedback.import.cancel")}
              </Button>
            </div>
          </CardBody>
        </Card>
      ) : null}

      {phase.kind === "committing" ? (
        <Card>
          <CardBody className="py-8" role="status">
            <p className="mb-3 text-sm font-medium text-slate-900">
              {phase.checking ? t("feedback.import.progressChecking") : t("feedback.import.progressInserting", { done: n(phase.done), total: n(phase.total) })}
            </p>
            <div className="h-2.5 overflow-hidden rounded-full bg-slate-200">
              <div
                className="h-full rounded-full bg-brand-600 transition-all"
                style={{ width: `${phase.total ? Math.round((phase.done / phase.total) * 100) : 0}%` }}
              />
            </div>
            <p className="mt-3 text-xs text-slate-500">{t("feedback.import.progressNote")}</p>
          </CardBody>
        </Card>
      ) : null}

      {phase.kind === "done" ? (
        <Card>
          <CardBody className="flex flex-col items-center py-10 text-center">
            <CheckCircleIcon className="mb-3 h-10 w-10 text-emerald-600" />
            <h2 className="text-lg font-semibold text-slate-900" data-testid="import-done">
              {t("feedback.import.doneTitle", { n: n(phase.imported.importedRows) })}
            </h2>
            {phase.imported.errorRows > 0 ? <p className="mt-1 text-sm text-slate-600">{t("feedback.import.doneBody", { skipped: n(phase.imported.errorRows) })}</p> : null}
            <div className="mt-5 flex flex-wrap justify-center gap-3">
              <ButtonLink to={`/programs/${programId}/journeys/analysis`}>{t("feedback.import.viewAnalysis")}</ButtonLink>
              <Button variant="secondary" onClick={reset}>
                {t("feedback.import.importAnother")}
              </Button>
            </div>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}

function SampleTable({ header, rows, mapped, fieldName }: { header: string[]; rows: string[][]; mapped: Map<number, string>; fieldName: (f: string) => string }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader title={t("feedback.import.sampleTitle")} as="h3" />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50 text-left">
              {header.map((h, i) => (
                <th key={i} className="whitespace-nowrap px-3 py-2 align-bottom">
                  {mapped.has(i) ? <div className="mb-0.5 text-[11px] font-semibold text-brand-700">→ {fieldName(mapped.get(i)!)}</div> : null}
                  <div className={cn("font-medium", mapped.has(i) ? "text-slate-900" : "text-slate-400")}>{h || `#${i + 1}`}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, ri) => (
              <tr key={ri} className="border-b border-slate-100 last:border-0">
                {header.map((_, i) => (
                  <td key={i} className={cn("max-w-[18rem] truncate px-3 py-1.5", mapped.has(i) ? "text-slate-800" : "text-slate-400")}>
                    {r[i] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export function ImportHistory({ programId, imports, compact = false }: { programId: string; imports: ImportSummary[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { timeZone: "Asia/Shanghai", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
  if (!imports.length) return <p className="px-5 py-4 text-sm text-slate-500">{t("feedback.history.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="import-history">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="px-5 py-2 font-medium">{t("feedback.history.file")}</th>
            <th className="px-3 py-2 font-medium">{t("feedback.history.status")}</th>
            <th className="px-3 py-2 text-right font-medium">{t("feedback.history.rows")}</th>
            <th className="px-3 py-2 text-right font-medium">{t("feedback.history.imported")}</th>
            {!compact ? <th className="px-3 py-2 text-right font-medium">{t("feedback.history.errors")}</th> : null}
            <th className="px-3 py-2 font-medium">{t("feedback.history.by")}</th>
            <th className="px-5 py-2 font-medium">{t("feedback.history.when")}</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.id} className="border-b border-slate-100 last:border-0">
              <td className="max-w-[16rem] truncate px-5 py-2 font-medium text-slate-900">
                {i.status === "staged" ? (
                  <Link className="text-brand-700 hover:underline" to={`/programs/${programId}/journeys/import?id=${i.id}`} reloadDocument>
                    {i.filename}
                  </Link>
                ) : (
                  i.filename
                )}
              </td>
              <td className="px-3 py-2">
                <Badge tone={i.status === "committed" ? "success" : i.status === "staged" ? "warning" : "neutral"}>{t(`feedback.status.${i.status}`)}</Badge>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{n(i.totalRows)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{i.status === "committed" ? n(i.importedRows) : "—"}</td>
              {!compact ? <td className="px-3 py-2 text-right tabular-nums">{i.errorRows ? n(i.errorRows) : "—"}</td> : null}
              <td className="px-3 py-2 text-slate-600">{i.createdByName ?? "—"}</td>
              <td className="whitespace-nowrap px-5 py-2 text-slate-600">{when(i.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
