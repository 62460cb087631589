/**
 * The organisation settings' "Import a program" section (admins): choose a program export file,
 * see what it holds and who of its members have an account here (a dry run on the server, nothing
 * written), then import it. A refused file (not ours, another version, damaged) shows why, and
 * nothing is imported. Talks to POST /api/v1/orgs/:orgId/programs/import.
 */
import { Link } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Alert, Badge, Button, Card, CardBody, CardHeader, cn } from "~/components/ui";
import type { ImportResult, ImportSummary, MemberOutcome } from "~/models/program-export-format";
import { formatDateTime, formatNumber } from "~/utils/format";
import { useLocale } from "~/utils/root-data";
import { UploadIcon } from "./icons";

type Phase =
  | { kind: "idle" }
  | { kind: "checking"; name: string }
  | { kind: "preview"; name: string; text: string; summary: ImportSummary }
  | { kind: "importing"; name: string; text: string; summary: ImportSummary }
  | { kind: "done"; result: ImportResult }
  | { kind: "error"; name: string; message: string; details: string[] };

const MAX_MB = 300;

/** Tables worth naming in the summary, in the order of the six steps. */
const HIGHLIGHTS = [
  "vision_boards",
  "journey_maps",
  "pain_points",
  "feedback_records",
  "initiatives",
  "kpis",
  "loop_cycles",
  "guidelines",
  "nominations",
  "ideas",
  "comments",
] as const;

const OUTCOME_TONE: Record<MemberOutcome, "success" | "brand" | "warning"> = {
  added: "success",
  owner: "brand",
  skipped: "warning",
};

function sizeText(bytes: number, locale: "zh-CN" | "en"): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, locale, {
    maximumFractionDigits: 1,
  })} MB`;
}

async function send(
  orgId: string,
  text: string,
  dryRun: boolean
): Promise<{ ok: true; body: unknown } | { ok: false; message: string; details: string[] }> {
  const res = await fetch(`/api/v1/orgs/${orgId}/programs/import${dryRun ? "?dryRun=1" : ""}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: text,
    credentials: "same-origin",
  });
  const body = (await res.json().catch(() => null)) as {
    error?: { message?: string; fields?: Record<string, string> };
  } | null;
  if (res.ok) return { ok: true, body };
  return {
    ok: false,
    message: body?.error?.message ?? res.statusText,
    details: Object.entries(body?.error?.fields ?? {}).map(([k, v]) => `${k}: ${v}`),
  };
}

export function ProgramImportPanel({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const input = useRef<HTMLInputElement>(null);

  async function choose(file: File) {
    if (file.size > MAX_MB * 1024 * 1024) {
      setPhase({
        kind: "error",
        name: file.name,
        message: t("programExport.errors.bodyTooLarge", { max: MAX_MB }),
        details: [],
      });
      return;
    }
    setPhase({ kind: "checking", name: file.name });
    try {
      const text = await file.text();
      const answer = await send(orgId, text, true);
      if (!answer.ok)
        setPhase({
          kind: "error",
          name: file.name,
          message: answer.message,
          details: answer.details,
        });
      else
        setPhase({
          kind: "preview",
          name: file.name,
          text,
          summary: answer.body as ImportSummary,
        });
    } catch {
      setPhase({
        kind: "error",
        name: file.name,
        message: t("programExport.import.failed"),
        details: [],
      });
    }
  }

  async function runImport() {
    if (phase.kind !== "preview") return;
    setPhase({ ...phase, kind: "importing" });
    try {
      const answer = await send(orgId, phase.text, false);
      if (!answer.ok)
        setPhase({
          kind: "error",
          name: phase.name,
          message: answer.message,
          details: answer.details,
        });
      else setPhase({ kind: "done", result: answer.body as ImportResult });
    } catch {
      setPhase({
        kind: "error",
        name: phase.name,
        message: t("programExport.import.failed"),
        details: [],
      });
    }
  }

  const reset = () => {
    setPhase({ kind: "idle" });
    if (input.current) input.current.value = "";
  };
  const busy = phase.kind === "checking" || phase.kind === "importing";
  const chosen = phase.kind === "idle" || phase.kind === "done" ? null : phase.name;

  return (
    <Card data-testid="program-import">
      <CardHeader title={t("programExport.import.title")} description={t("programExport.import.description")} />
      <CardBody className="space-y-4">
        {phase.kind !== "done" ? (
          <div className="max-w-xl">
            <label
              className={cn(
                "flex cursor-pointer items-center gap-3 rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2.5 text-sm hover:border-brand-400 hover:bg-brand-50 focus-within:ring-2 focus-within:ring-brand-500",
                busy && "pointer-events-none opacity-60"
              )}
            >
              <span className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-800 shadow-sm">
                <UploadIcon className="h-4 w-4" />
                {t("programExport.import.choose")}
              </span>
              <span className={cn("min-w-0 truncate", chosen ? "text-slate-800" : "text-slate-500")}>
                {chosen ?? t("programExport.import.noFile")}
              </span>
              <input
                ref={input}
                type="file"
                accept=".json,application/json"
                className="sr-only"
                disabled={busy}
                data-testid="program-import-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void choose(f);
                }}
              />
            </label>
            <p className="mt-2 text-xs leading-5 text-slate-500">{t("programExport.import.hint", { max: MAX_MB })}</p>
          </div>
        ) : null}

        {phase.kind === "checking" ? (
          <p className="flex items-center gap-2 text-sm text-slate-700" role="status">
            <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-brand-600 border-r-transparent" aria-hidden />
            {t("programExport.import.checking")}
          </p>
        ) : null}

        {phase.kind === "error" ? (
          <Alert tone="danger" title={t("programExport.import.refused")} className="max-w-3xl">
            <p>{phase.message}</p>
            {phase.details.length > 0 ? (
              <ul className="mt-1 list-disc break-all pl-5 text-xs">
                {phase.details.slice(0, 5).map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}

        {phase.kind === "preview" || phase.kind === "importing" ? <ImportPreview summary={phase.summary} locale={locale} /> : null}

        {phase.kind === "preview" || phase.kind === "importing" ? (
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => void runImport()} busy={phase.kind === "importing"} data-testid="program-import-confirm">
              {t("programExport.import.confirm")}
            </Button>
            <Button variant="ghost" onClick={reset} disabled={phase.kind === "importing"}>
              {t("programExport.import.cancel")}
            </Button>
          </div>
        ) : null}

        {phase.kind === "done" ? (
          <Alert
            tone="success"
            title={t("programExport.import.doneTitle", {
              name: locale === "en" && phase.result.program.nameEn ? phase.result.program.nameEn : phase.result.program.name,
            })}
            actions={
              <>
                <Link
                  to={`/programs/${phase.result.programId}`}
                  className="inline-flex h-8 items-center rounded-md bg-brand-700 px-3 text-sm font-medium text-white shadow-sm hover:bg-brand-800"
                  data-testid="program-import-open"
                >
                  {t("programExport.import.open")}
                </Link>
                <Button size="sm" variant="secondary" onClick={reset}>
                  {t("programExport.import.another")}
                </Button>
              </>
            }
          >
            {t("programExport.import.doneBody", {
              rows: formatNumber(phase.result.rows, locale),
              added: phase.result.members.filter((m) => m.outcome !== "skipped").length,
              skipped: phase.result.members.filter((m) => m.outcome === "skipped").length,
            })}
          </Alert>
        ) : null}
      </CardBody>
    </Card>
  );
}

function ImportPreview({ summary, locale }: { summary: ImportSummary; locale: "zh-CN" | "en" }) {
  const { t } = useTranslation();
  const name = locale === "en" && summary.program.nameEn ? summary.program.nameEn : summary.program.name;
  const dropped = Object.values(summary.dropped).reduce((n, v) => n + v, 0);
  const skipped = summary.members.filter((m) => m.outcome === "skipped").length;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 lg:gap-6" data-testid="program-import-summary">
      <div className="space-y-4">
        <div className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3">
          <p className="break-words text-sm font-semibold text-slate-900">{name}</p>
          <p className="mt-0.5 text-xs text-slate-600">
            {t("programExport.import.from", {
              org: summary.source.orgName || "—",
              date: formatDateTime(summary.source.exportedAt, locale),
            })}
          </p>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
            {[
              {
                label: t("programExport.import.rows"),
                value: formatNumber(summary.rows, locale),
              },
              {
                label: t("programExport.import.docs"),
                value: formatNumber(summary.docs, locale),
              },
              {
                label: t("programExport.import.files"),
                value: summary.files ? `${summary.files} · ${sizeText(summary.fileBytes, locale)}` : "0",
              },
            ].map((f) => (
              <div key={f.label} className="rounded bg-white px-2 py-1.5 ring-1 ring-slate-200">
                <dt className="text-[11px] text-slate-500">{f.label}</dt>
                <dd className="text-sm font-semibold tabular-nums text-slate-900">{f.value}</dd>
              </div>
            ))}
          </dl>
        </div>

        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("programExport.import.contents")}</h3>
          <ul className="mt-1.5 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
            {HIGHLIGHTS.filter((k) => (summary.tables[k] ?? 0) > 0).map((k) => (
              <li key={k} className="flex justify-between gap-2">
                <span className="text-slate-600">{t(`programExport.tables.${k}`)}</span>
                <span className="tabular-nums font-medium text-slate-900">{formatNumber(summary.tables[k], locale)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <div className="space-y-4">
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t("programExport.import.members", {
              count: summary.members.length,
            })}
          </h3>
          <ul
            className="mt-1.5 max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
            data-testid="program-import-members"
          >
            {summary.members.map((m) => (
              <li key={m.email} className="flex items-center justify-between gap-2 px-3 py-1.5">
                <div className="min-w-0">
                  <p className="truncate text-sm text-slate-900">{m.name}</p>
                  <p className="truncate text-xs text-slate-500">
                    {m.email} · {t(`roles.program.${m.outcome === "owner" ? "owner" : m.role}`)}
                  </p>
                </div>
                <Badge tone={OUTCOME_TONE[m.outcome]}>{t(`programExport.import.outcome.${m.outcome}`)}</Badge>
              </li>
            ))}
          </ul>
        </div>

        {skipped > 0 || summary.unknownPeople.length > 0 || dropped > 0 ? (
          <Alert tone="warning">
            {skipped > 0 ? <p>{t("programExport.import.skippedNote", { count: skipped })}</p> : null}
            {summary.unknownPeople.length > 0 ? (
              <p>
                {t("programExport.import.unknownNote", {
                  count: summary.unknownPeople.length,
                })}
              </p>
            ) : null}
            {dropped > 0 ? <p>{t("programExport.import.droppedNote", { count: dropped })}</p> : null}
          </Alert>
        ) : (
          <p className="text-sm text-emerald-700">{t("programExport.import.allKnown")}</p>
        )}
      </div>
    </div>
  );
}
