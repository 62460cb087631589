/**
 * The program's evidence library: files (recordings, images, documents) and links with how often
 * each is linked, upload/add and delete for editors, download for everyone; and the history of
 * feedback CSV imports with their row counts.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useRevalidator } from "@remix-run/react";
import { useRef, useState } from "react";
import { fetchJson, formatBytes, JourneySubnav } from "~/components/journey/analysis/shared";
import { FilePicker } from "~/components/journey/analysis/file-picker";
import { ImportHistory } from "~/components/journey/import/import-wizard";
import { RouteError } from "~/components/route-error";
import { Alert, Button, ButtonLink, Card, CardBody, CardHeader, EmptyState, Input, PageHeader } from "~/components/ui";
import { DocumentIcon, LinkIcon, TrashIcon } from "~/components/ui/icons";
import { useTranslation } from "~/i18n/react";
import { requireProgram } from "~/models/access.server";
import { listFeedbackImports } from "~/models/feedback-import.server";
import { listJourneyEvidence, MAX_EVIDENCE_BYTES, type JourneyEvidenceView } from "~/models/journey-evidence.server";
import { can } from "~/models/permissions";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evidence.library.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const actor = { program: ctx.program, access: ctx.access, user: ctx.user };
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const [evidence, imports] = await Promise.all([listJourneyEvidence(actor, { q }), listFeedbackImports(actor, { limit: 50 })]);
  return json({ programId: ctx.program.id, canEdit: can(ctx.access, "journey.edit"), evidence, imports, q, maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
}

export default function EvidenceLibraryRoute() {
  const { programId, canEdit, evidence, imports, q, maxMb } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8">
      <PageHeader eyebrow={t("steps.painPoints.name")} title={t("evidence.library.title")} description={t("evidence.library.description")} />
      <JourneySubnav programId={programId} />
      {canEdit ? <AddEvidence programId={programId} maxMb={maxMb} /> : <Alert tone="info" className="mb-5">{t("evidence.library.readOnly")}</Alert>}
      <Card className="mt-5">
        <CardHeader
          title={t("evidence.library.files")}
          actions={
            <Form method="get" role="search">
              <Input name="q" defaultValue={q} placeholder={String(t("evidence.library.search"))} aria-label={String(t("evidence.library.search"))} className="w-56" />
            </Form>
          }
        />
        {evidence.length ? (
          <EvidenceTable programId={programId} evidence={evidence} canEdit={canEdit} />
        ) : (
          <CardBody>
            <EmptyState icon={<DocumentIcon className="h-5 w-5" />} title={t("evidence.library.empty")} className="border-0">
              {t("evidence.library.emptyBody")}
            </EmptyState>
          </CardBody>
        )}
      </Card>
      <Card className="mt-8">
        <CardHeader
          title={t("evidence.library.imports")}
          description={t("evidence.library.importsDescription")}
          actions={canEdit ? <ButtonLink to={`/programs/${programId}/journeys/import`} variant="secondary" size="sm">{t("evidence.library.importFeedback")}</ButtonLink> : null}
        />
        <ImportHistory programId={programId} imports={imports} />
      </Card>
    </div>
  );
}

function AddEvidence({ programId, maxMb }: { programId: string; maxMb: number }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [linkTitle, setLinkTitle] = useState("");
  const [linkUrl, setLinkUrl] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"file" | "link" | null>(null);
  const [pickKey, setPickKey] = useState(0);
  const api = `/api/v1/programs/${programId}/journey-evidence`;

  const upload = async () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(String(t("evidence.errors.fileMissing")));
    setBusy("file");
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file);
      if (title.trim()) form.append("title", title.trim());
      await fetchJson(api, { method: "POST", body: form });
      setPickKey((k) => k + 1);
      setTitle("");
      revalidator.revalidate();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const addLink = async () => {
    setBusy("link");
    setError(null);
    try {
      await fetchJson(api, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: linkTitle, url: linkUrl }) });
      setLinkTitle("");
      setLinkUrl("");
      revalidator.revalidate();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="space-y-3">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card>
          <CardBody className="space-y-3">
            <h2 className="text-sm font-semibold text-slate-900">{t("evidence.library.upload")}</h2>
            <FilePicker key={pickKey} ref={fileRef} label={String(t("evidence.library.chooseFile"))} testId="evidence-file" />
            <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={String(t("evidence.library.titleOptional"))} aria-label={String(t("evidence.library.titleOptional"))} />
            <p className="text-xs leading-5 text-slate-500">{t("evidence.library.uploadHint", { mb: maxMb })}</p>
            <Button size="sm" onClick={upload} busy={busy === "file"} disabled={!!busy}>
              {t("evidence.library.upload")}
            </Button>
          </CardBody>
        </Card>
        <Card>
          <CardBody className="space-y-3">
            <h2 className="text-sm font-semibold text-slate-900">{t("evidence.library.addLink")}</h2>
            <Input value={linkTitle} onChange={(e) => setLinkTitle(e.target.value)} placeholder={String(t("evidence.library.linkTitle"))} aria-label={String(t("evidence.library.linkTitle"))} />
            <Input value={linkUrl} onChange={(e) => setLinkUrl(e.target.value)} placeholder="https://" type="url" aria-label={String(t("evidence.library.linkUrl"))} />
            <Button size="sm" onClick={addLink} busy={busy === "link"} disabled={!!busy || !linkTitle.trim() || !linkUrl.trim()}>
              {t("evidence.library.addLink")}
            </Button>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}

function EvidenceTable({ programId, evidence, canEdit }: { programId: string; evidence: JourneyEvidenceView[]; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();
  const [error, setError] = useState<string | null>(null);
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeZone: "Asia/Shanghai", year: "numeric", month: "short", day: "numeric" }).format(new Date(iso));
  const remove = async (e: JourneyEvidenceView) => {
    if (!window.confirm(String(t("evidence.library.deleteConfirm", { title: e.title })))) return;
    try {
      await fetchJson(`/api/v1/programs/${programId}/journey-evidence/${e.id}`, { method: "DELETE" });
      revalidator.revalidate();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="overflow-x-auto">
      {error ? <Alert tone="danger" className="m-4">{error}</Alert> : null}
      <table className="w-full text-sm" data-testid="evidence-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="px-5 py-2 font-medium">{t("evidence.library.name")}</th>
            <th className="px-3 py-2 font-medium">{t("evidence.library.size")}</th>
            <th className="px-3 py-2 font-medium">{t("evidence.library.linked")}</th>
            <th className="px-3 py-2 font-medium">{t("evidence.library.by")}</th>
            <th className="px-3 py-2 font-medium">{t("evidence.library.added")}</th>
            <th className="px-5 py-2" />
          </tr>
        </thead>
        <tbody>
          {evidence.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 last:border-0">
              <td className="max-w-md px-5 py-2.5">
                <div className="flex items-center gap-2">
                  {e.kind === "link" ? <LinkIcon className="h-4 w-4 shrink-0 text-slate-400" /> : <DocumentIcon className="h-4 w-4 shrink-0 text-slate-400" />}
                  <div className="min-w-0">
                    <div className="truncate font-medium text-slate-900">{e.title}</div>
                    <div className="truncate text-xs text-slate-500">{e.kind === "file" ? e.filename : e.url}</div>
                  </div>
                </div>
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 tabular-nums text-slate-600">{e.kind === "file" ? formatBytes(e.sizeBytes, i18n.language) : "—"}</td>
              <td className="px-3 py-2.5 tabular-nums text-slate-600">{e.linkCount ? t("evidence.library.linkCount", { count: e.linkCount }) : "—"}</td>
              <td className="px-3 py-2.5 text-slate-600">{e.uploadedByName ?? "—"}</td>
              <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">{when(e.createdAt)}</td>
              <td className="whitespace-nowrap px-5 py-2.5 text-right">
                {e.kind === "file" ? (
                  <a className="text-sm font-medium text-brand-700 hover:underline" href={`/api/v1/programs/${programId}/journey-evidence/${e.id}`} download>
                    {t("evidence.library.download")}
                  </a>
                ) : (
                  <a className="text-sm font-medium text-brand-700 hover:underline" href={e.url ?? "#"} target="_blank" rel="noopener noreferrer nofollow">
                    {t("evidence.library.open")}
                  </a>
                )}
                {canEdit ? (
                  <button type="button" onClick={() => remove(e)} className="ml-3 rounded p-1 text-slate-400 hover:bg-red-50 hover:text-red-700" aria-label={`${t("evidence.library.delete")} ${e.title}`} title={String(t("evidence.library.delete"))}>
                    <TrashIcon className="h-4 w-4" />
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
