/** The Evidence tab: focus-group notes, survey CSVs (previewed as a table) and links behind the workshop. */
import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Badge, Button, Card, CardBody, CardHeader, EmptyState, Field, Input } from "~/components/ui";
import { DocumentIcon, LinkIcon, TrashIcon } from "~/components/ui/icons";
import { ErrorLine, type ActionData } from "./shared";

export interface EvidenceItem {
  id: string;
  kind: "file" | "csv" | "link";
  title: string;
  url: string | null;
  filename: string | null;
  rowCount: number | null;
}

export function EvidencePanel({
  programId,
  boardId,
  items,
  detail,
  canEdit,
}: {
  programId: string;
  boardId: string;
  items: EvidenceItem[];
  detail: { id: string; title: string; csvHeader: string[] | null; csvPreview: string[][] | null; rowCount: number | null } | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const upload = useFetcher<ActionData>();
  const link = useFetcher<ActionData>();
  const remove = useFetcher<ActionData>();
  return (
    <div className={`grid items-start gap-4 ${canEdit ? "lg:grid-cols-[minmax(0,1fr)_22rem]" : ""}`} data-testid="evidence-panel">
      <div className="min-w-0 space-y-4">
        <Card>
          <CardHeader title={t("vision.evidence.title")} description={t("vision.evidence.description")} as="h2" />
          {items.length ? (
            <ul className="divide-y divide-slate-100">
              {items.map((e) => (
                <li key={e.id} className={`flex flex-wrap items-center gap-3 px-5 py-3 text-sm ${detail?.id === e.id ? "bg-brand-50/60" : ""}`}>
                  <span className="grid h-8 w-8 shrink-0 place-items-center rounded-md bg-slate-100 text-slate-500">
                    {e.kind === "link" ? <LinkIcon className="h-4 w-4" /> : <DocumentIcon className="h-4 w-4" />}
                  </span>
                  <div className="min-w-0 flex-1">
                    {e.kind === "link" && e.url ? (
                      <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {e.title}
                      </a>
                    ) : (
                      <a href={`/api/v1/programs/${programId}/vision/evidence/${e.id}?download=1`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {e.title}
                      </a>
                    )}
                    <div className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                      <Badge tone={e.kind === "csv" ? "success" : "neutral"}>{t(`vision.evidence.kinds.${e.kind}`)}</Badge>
                      {e.filename && e.filename !== e.title ? <span className="truncate">{e.filename}</span> : null}
                    </div>
                  </div>
                  {e.kind === "csv" ? (
                    <Link
                      to={`?board=${boardId}&tab=evidence&evidence=${e.id}`}
                      preventScrollReset
                      className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                    >
                      {t("vision.evidence.preview", { count: e.rowCount ?? 0 })}
                    </Link>
                  ) : null}
                  {canEdit ? (
                    <remove.Form method="post">
                      <input type="hidden" name="intent" value="deleteEvidence" />
                      <input type="hidden" name="evidenceId" value={e.id} />
                      <Button size="sm" variant="ghost" type="submit" className="h-8 w-8 px-0 text-slate-500 hover:text-red-700" aria-label={`${t("vision.board.delete")} ${e.title}`}>
                        <TrashIcon className="h-4 w-4" />
                      </Button>
                    </remove.Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <CardBody>
              <EmptyState title={t("vision.evidence.none")} className="border-0 py-6" />
            </CardBody>
          )}
        </Card>
        {detail?.csvPreview && detail.csvHeader ? (
          <Card>
            <CardHeader title={detail.title} description={t("vision.evidence.rowsShown", { shown: detail.csvPreview.length, total: detail.rowCount ?? 0 })} as="h3" />
            <div className="max-h-[28rem] overflow-auto" data-testid="csv-preview">
              <table className="min-w-full text-left text-xs">
                <caption className="sr-only">{detail.title}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    {detail.csvHeader.map((h) => (
                      <th key={h} scope="col" className="border-b border-slate-200 px-3 py-2 font-semibold text-slate-700">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {detail.csvPreview.map((row, i) => (
                    <tr key={i} className="border-t border-slate-100 even:bg-slate-50/50">
                      {row.map((cell, j) => (
                        <td key={j} className="whitespace-pre-wrap px-3 py-1.5 align-top text-slate-700">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        ) : null}
      </div>
      {canEdit ? (
        <Card>
          <CardHeader title={t("vision.evidence.add")} as="h3" />
          <CardBody className="space-y-5">
            <upload.Form method="post" encType="multipart/form-data" className="space-y-3">
              <input type="hidden" name="boardId" value={boardId} />
              <Field label={t("vision.evidence.file")} hint={t("vision.evidence.fileHint")}>
                <Input type="file" name="file" accept=".pdf,.docx,.xlsx,.pptx,.txt,.md,.csv,.png,.jpg,.jpeg,.webp" className="pt-1.5" />
              </Field>
              <Field label={t("vision.evidence.fileTitle")} optionalLabel={t("vision.evidence.optional")}>
                <Input name="title" maxLength={200} />
              </Field>
              <Button size="sm" type="submit" busy={upload.state !== "idle"}>
                {t("vision.evidence.upload")}
              </Button>
              <ErrorLine data={upload.data} />
            </upload.Form>
            <link.Form method="post" className="space-y-3 border-t border-slate-100 pt-5">
              <input type="hidden" name="intent" value="addLink" />
              <input type="hidden" name="boardId" value={boardId} />
              <Field label={t("vision.evidence.linkTitle")}>
                <Input name="title" maxLength={200} />
              </Field>
              <Field label={t("vision.evidence.url")}>
                <Input name="url" type="url" placeholder="https://" />
              </Field>
              <Button size="sm" variant="secondary" type="submit">
                {t("vision.evidence.addLink")}
              </Button>
              <ErrorLine data={link.data} />
            </link.Form>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
