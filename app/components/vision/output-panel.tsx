/**
 * The "Vision & standards" tab: the published vision (statement and quality standards), the draft
 * the facilitator writes from the ranked clusters, publishing (an immutable numbered version),
 * the version history and a side-by-side comparison of two versions.
 */
import { Form, Link, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { VisionDiff, VisionStandardContent } from "~/models/vision-output";
import { Badge, Button, Card, CardBody, CardHeader, EmptyState, Field, Input, Textarea } from "~/components/ui";
import { PlusIcon, TrashIcon } from "~/components/ui/icons";
import { ErrorLine, type ActionData } from "./shared";

type StandardDraft = Omit<VisionStandardContent, "key"> & { key?: string };

export function OutputPanel({
  boardId,
  draft,
  published,
  versions,
  compare,
  perms,
}: {
  boardId: string | null;
  draft: { statement: string; standards: VisionStandardContent[]; changed: boolean } | null;
  published: { version: number; statement: string; standards: { id: string; title: string; description: string; measurableHint: string }[]; publishedAt: string; publishedBy: { name: string | null } | null } | null;
  versions: { version: number; publishedAt: string; publishedBy: { name: string | null } | null }[];
  compare: { before: { version: number; statement: string; standards: VisionStandardContent[] }; after: { version: number; statement: string; standards: VisionStandardContent[] }; diff: VisionDiff } | null;
  perms: { edit: boolean; publish: boolean };
}) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<ActionData & { version?: number }>();
  const base = draft ?? (published ? { statement: published.statement, standards: published.standards.map((s) => ({ key: s.id, title: s.title, description: s.description, measurableHint: s.measurableHint })) } : null);
  const [statement, setStatement] = useState(base?.statement ?? "");
  const [standards, setStandards] = useState<StandardDraft[]>(base?.standards ?? []);
  const payload = () => JSON.stringify({ statement, standards });
  const setStd = (i: number, patch: Partial<StandardDraft>) => setStandards((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const changedKeys = new Set(compare?.diff.changed.map((c) => c.key) ?? []);
  const addedKeys = new Set(compare?.diff.added.map((c) => c.key) ?? []);
  const removedKeys = new Set(compare?.diff.removed.map((c) => c.key) ?? []);
  const q = (extra: string) => `?${boardId ? `board=${boardId}&` : ""}tab=vision&${extra}`;

  return (
    <div className="space-y-4" data-testid="output-panel">
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          {published ? (
            <section data-testid="published-vision">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-5 py-4">
                <h2 className="text-base font-semibold text-slate-900">{t("vision.output.published", { version: published.version })}</h2>
                <span className="text-xs text-slate-500">
                  {published.publishedBy?.name ?? ""} · {date(published.publishedAt)}
                </span>
              </div>
              <CardBody className="space-y-5">
                <blockquote className="border-l-4 border-brand-600 pl-4 text-lg leading-8 text-slate-900">
                  <p className="whitespace-pre-wrap">{published.statement}</p>
                </blockquote>
                <div>
                  <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("vision.output.standardsHeading", { count: published.standards.length })}</h3>
                  <ol className="grid gap-3 md:grid-cols-2">
                    {published.standards.map((s, i) => (
                      <li key={s.id} className="rounded-lg border border-slate-200 p-4">
                        <div className="flex items-baseline gap-2">
                          <span className="text-xs font-semibold tabular-nums text-brand-700">{String(i + 1).padStart(2, "0")}</span>
                          <span className="font-semibold text-slate-900">{s.title}</span>
                        </div>
                        <p className="mt-1.5 text-sm leading-6 text-slate-700">{s.description}</p>
                        {s.measurableHint ? (
                          <p className="mt-2 rounded-md bg-slate-50 px-2.5 py-1.5 text-xs leading-5 text-slate-600">
                            <span className="font-medium text-slate-700">{t("vision.output.measureLabel")}</span>
                            {s.measurableHint}
                          </p>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </div>
              </CardBody>
            </section>
          ) : (
            <CardBody>
              <EmptyState title={t("vision.output.nothingPublished")} className="border-0">
                {t("vision.output.description")}
              </EmptyState>
            </CardBody>
          )}
        </Card>
        <Card>
          <CardHeader title={t("vision.output.versions")} as="h3" />
          {versions.length ? (
            <ol className="divide-y divide-slate-100 text-sm" data-testid="versions">
              {versions.map((v) => (
                <li key={v.version} className="px-5 py-3">
                  <div className="flex items-center gap-2">
                    <span className="font-semibold text-slate-900">v{v.version}</span>
                    {published?.version === v.version ? <Badge tone="success">{t("vision.output.current")}</Badge> : null}
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {v.publishedBy?.name ?? ""} · {date(v.publishedAt)}
                  </p>
                  {v.version > 1 ? (
                    <Link className="mt-1 inline-block text-xs font-medium text-brand-700 hover:underline" to={q(`a=${v.version - 1}&b=${v.version}`)} preventScrollReset>
                      {t("vision.output.compareWithPrevious")}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <CardBody>
              <p className="text-sm text-slate-500">{t("vision.output.noVersions")}</p>
            </CardBody>
          )}
        </Card>
      </div>

      {compare ? (
        <Card>
          <CardHeader title={t("vision.output.compareTitle", { a: compare.before.version, b: compare.after.version })} as="h3" />
          <CardBody className="grid gap-4 md:grid-cols-2" data-testid="compare">
            {[compare.before, compare.after].map((v, side) => (
              <div key={v.version} className="text-sm">
                <h4 className="mb-2 font-semibold text-slate-900">v{v.version}</h4>
                <p className={`whitespace-pre-wrap rounded px-2 py-1 leading-6 ${compare.diff.statementChanged ? "bg-amber-50" : ""}`}>{v.statement}</p>
                <ol className="mt-3 space-y-1.5">
                  {v.standards.map((s) => {
                    const tone = side === 0 ? (removedKeys.has(s.key) ? "bg-red-50 line-through" : changedKeys.has(s.key) ? "bg-amber-50" : "") : addedKeys.has(s.key) ? "bg-emerald-50" : changedKeys.has(s.key) ? "bg-amber-50" : "";
                    return (
                      <li key={s.key} className={`rounded px-2 py-1 ${tone}`}>
                        <span className="font-semibold">{s.title}</span> — {s.description} <span className="text-slate-500">{s.measurableHint}</span>
                      </li>
                    );
                  })}
                </ol>
              </div>
            ))}
          </CardBody>
        </Card>
      ) : null}

      {perms.edit ? (
        <Card>
          <CardHeader
            title={
              <span className="inline-flex items-center gap-2">
                {t("vision.output.draft")} {draft?.changed ? <Badge tone="warning">{t("vision.output.unpublished")}</Badge> : null}
              </span>
            }
            description={t("vision.output.description")}
            as="h2"
          />
          <CardBody>
            <Form
              className="space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
                fetcher.submit({ intent: submitter?.value ?? "saveDraft", payload: payload() }, { method: "post" });
              }}
            >
              <Field label={t("vision.output.statement")}>
                <Textarea rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} data-testid="statement" />
              </Field>
              <div className="space-y-2">
                <p className="text-sm font-medium text-slate-800">{t("vision.output.standardsHeading", { count: standards.length })}</p>
                {standards.map((s, i) => (
                  <fieldset key={s.key ?? `new-${i}`} className="grid gap-2 rounded-lg border border-slate-200 p-3 md:grid-cols-[12rem_minmax(0,1fr)_minmax(0,16rem)_auto]" data-testid="standard">
                    <legend className="sr-only">{t("vision.output.standard", { number: i + 1 })}</legend>
                    <Input value={s.title} className="h-9 font-medium" placeholder={t("vision.output.standardTitle")} aria-label={t("vision.output.standardTitle")} onChange={(e) => setStd(i, { title: e.target.value })} />
                    <Textarea rows={2} value={s.description} className="min-h-[2.25rem]" placeholder={t("vision.output.standardDescription")} aria-label={t("vision.output.standardDescription")} onChange={(e) => setStd(i, { description: e.target.value })} />
                    <Textarea rows={2} value={s.measurableHint} className="min-h-[2.25rem]" placeholder={t("vision.output.measurableHint")} aria-label={t("vision.output.measurableHint")} onChange={(e) => setStd(i, { measurableHint: e.target.value })} />
                    <Button
                      size="sm"
                      variant="ghost"
                      className="h-9 w-9 px-0 text-slate-500 hover:text-red-700"
                      aria-label={`${t("vision.board.delete")} ${t("vision.output.standard", { number: i + 1 })}`}
                      onClick={() => setStandards((x) => x.filter((_, j) => j !== i))}
                    >
                      <TrashIcon className="h-4 w-4" />
                    </Button>
                  </fieldset>
                ))}
                <Button size="sm" variant="ghost" className="text-brand-700" onClick={() => setStandards((s) => [...s, { title: "", description: "", measurableHint: "" }])} data-testid="add-standard">
                  <PlusIcon className="h-4 w-4" />
                  {t("vision.output.addStandard")}
                </Button>
              </div>
              <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 pt-4">
                {fetcher.data?.ok && fetcher.data.version ? (
                  <p className="mr-auto text-sm text-emerald-700" role="status">
                    {t("vision.output.publishedNow", { version: fetcher.data.version })}
                  </p>
                ) : null}
                <ErrorLine data={fetcher.data} className="mr-auto" />
                <Button size="sm" variant="secondary" type="submit" value="saveDraft">
                  {t("vision.output.saveDraft")}
                </Button>
                {perms.publish ? (
                  <Button size="sm" type="submit" value="publish" data-testid="publish">
                    {t("vision.output.publish")}
                  </Button>
                ) : null}
              </div>
            </Form>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
