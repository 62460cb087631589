/**
 * The panels around the board: facilitation (agenda, shared countdown, lock, anonymous, done,
 * dot voting and ranked results), evidence (upload, links, CSV preview) and the output (draft
 * statement and standards, publish, versions, side-by-side comparison).
 */
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { timerRemaining, type VisionBoardContent, type VisionControlState } from "~/models/vision-doc";
import type { VisionDiff, VisionStandardContent } from "~/models/vision-output";
import { rankResults } from "~/models/vision-results";
import { Alert, Badge, Button, Card, CardBody, CardHeader, Field, Input, Textarea } from "~/components/ui";

type ActionData = { ok?: boolean; error?: { message: string; fields?: Record<string, string> } };

function ErrorLine({ data }: { data: ActionData | undefined }) {
  if (!data?.error) return null;
  const fields = Object.values(data.error.fields ?? {});
  return (
    <p className="text-sm text-red-700" role="alert" data-testid="action-error">
      {fields.length ? fields.join(" ") : data.error.message}
    </p>
  );
}

function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function formatMs(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export function FacilitationPanel({
  boardId,
  control,
  board,
  me,
  perms,
  ballot,
  progress,
}: {
  boardId: string;
  control: VisionControlState;
  board: VisionBoardContent;
  me: { id: string };
  perms: { participate: boolean; facilitate: boolean };
  ballot: { roundId: string; remaining: number; used: number; budget: number } | null;
  progress: { voters: number; dotsUsed: number } | null;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ActionData>();
  const now = useNow();
  const remaining = timerRemaining(control.timer, now);
  const current = control.agenda.find((a) => a.id === control.currentSectionId) ?? null;
  const doneHere = current ? (control.done[current.id] ?? []) : [];
  const iAmDone = doneHere.includes(me.id);
  const [agendaText, setAgendaText] = useState("");
  const post = (data: Record<string, string>) => fetcher.submit({ boardId, ...data }, { method: "post" });
  const vote = control.vote;
  const ranked = vote?.status === "revealed" && vote.results ? rankResults(vote.results, board) : null;

  return (
    <Card data-testid="facilitation-panel">
      <CardHeader
        title={t("vision.facilitation.title")}
        actions={
          <div className="flex gap-1.5">
            {control.locked ? <Badge tone="warning">{t("vision.facilitation.locked")}</Badge> : null}
            {control.anonymous ? <Badge tone="neutral">{t("vision.facilitation.anonymous")}</Badge> : null}
          </div>
        }
      />
      <CardBody className="space-y-5">
        <section aria-label={t("vision.facilitation.agenda")}>
          <h3 className="text-sm font-semibold text-slate-900">{t("vision.facilitation.agenda")}</h3>
          {control.agenda.length ? (
            <ol className="mt-2 space-y-1 text-sm">
              {control.agenda.map((a, i) => (
                <li key={a.id} className={a.id === control.currentSectionId ? "font-semibold text-brand-800" : "text-slate-600"}>
                  {i + 1}. {a.title} · {t("vision.facilitation.minutes", { count: a.minutes })}
                  {control.done[a.id]?.length ? <span className="ml-1 text-xs text-emerald-700">✓ {control.done[a.id].length}</span> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="mt-1 text-sm text-slate-500">{t("vision.facilitation.noAgenda")}</p>
          )}
          <p className="mt-3 font-mono text-3xl tabular-nums text-slate-900" data-testid="timer" aria-live="off">
            {remaining === null ? "--:--" : formatMs(remaining)}
          </p>
          {perms.facilitate ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {control.timer.running ? (
                <Button size="sm" variant="secondary" onClick={() => post({ intent: "timerPause" })}>
                  {t("vision.facilitation.pause")}
                </Button>
              ) : (
                <Button size="sm" onClick={() => post({ intent: "timerStart" })} data-testid="timer-start">
                  {t("vision.facilitation.start")}
                </Button>
              )}
              <Button size="sm" variant="secondary" onClick={() => post({ intent: "timerAddMinute" })}>
                {t("vision.facilitation.addMinute")}
              </Button>
              <Button size="sm" variant="secondary" onClick={() => post({ intent: "nextSection" })} disabled={!control.agenda.length}>
                {t("vision.facilitation.next")}
              </Button>
            </div>
          ) : null}
          {current && perms.participate ? (
            <div className="mt-3 flex items-center gap-2 text-sm">
              <Button size="sm" variant={iAmDone ? "secondary" : "primary"} onClick={() => post({ intent: "done", sectionId: current.id, value: iAmDone ? "0" : "1" })}>
                {iAmDone ? t("vision.facilitation.notDone") : t("vision.facilitation.done")}
              </Button>
              <span className="text-slate-600">{t("vision.facilitation.doneCount", { count: doneHere.length })}</span>
            </div>
          ) : null}
          {perms.facilitate ? (
            <form
              className="mt-3 space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                const sections = agendaText
                  .split("\n")
                  .map((l) => l.trim())
                  .filter(Boolean)
                  .map((l) => {
                    const m = /^(.*?)[\s,，]+(\d+)$/.exec(l);
                    return m ? { title: m[1], minutes: Number(m[2]) } : { title: l, minutes: 10 };
                  });
                post({ intent: "agenda", payload: JSON.stringify(sections) });
              }}
            >
              <Field label={t("vision.facilitation.editAgenda")} hint={t("vision.facilitation.agendaHint")}>
                <Textarea rows={3} value={agendaText} onChange={(e) => setAgendaText(e.target.value)} />
              </Field>
              <Button size="sm" variant="secondary" type="submit">
                {t("vision.facilitation.saveAgenda")}
              </Button>
            </form>
          ) : null}
        </section>

        {perms.facilitate ? (
          <section className="flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" data-testid="toggle-lock" onClick={() => post({ intent: "lock", value: control.locked ? "0" : "1" })}>
              {control.locked ? t("vision.facilitation.unlock") : t("vision.facilitation.lock")}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => post({ intent: "anonymous", value: control.anonymous ? "0" : "1" })}>
              {control.anonymous ? t("vision.facilitation.showAuthors") : t("vision.facilitation.hideAuthors")}
            </Button>
          </section>
        ) : null}

        <section aria-label={t("vision.vote.title")} className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">{t("vision.vote.title")}</h3>
          {vote?.status === "open" ? (
            <p className="text-sm text-slate-700" data-testid="vote-status">
              {t("vision.vote.open", { budget: vote.budget })}
              {ballot ? (
                <span className="ml-1 font-semibold" data-testid="dots-left">
                  {t("vision.vote.dotsLeft", { count: ballot.remaining })}
                </span>
              ) : null}
            </p>
          ) : vote?.status === "closed" ? (
            <p className="text-sm text-slate-700">{t("vision.vote.closed")}</p>
          ) : !vote ? (
            <p className="text-sm text-slate-500">{t("vision.vote.none")}</p>
          ) : null}
          {perms.facilitate && vote?.status === "open" && progress ? (
            <p className="text-xs text-slate-600">{t("vision.vote.progress", { voters: progress.voters, dots: progress.dotsUsed })}</p>
          ) : null}
          {perms.facilitate ? (
            vote && vote.status !== "revealed" ? (
              <div className="flex gap-2">
                {vote.status === "open" ? (
                  <Button size="sm" variant="secondary" onClick={() => post({ intent: "closeRound", roundId: vote.roundId })}>
                    {t("vision.vote.close")}
                  </Button>
                ) : null}
                <Button size="sm" onClick={() => post({ intent: "revealRound", roundId: vote.roundId })} data-testid="reveal">
                  {t("vision.vote.reveal")}
                </Button>
              </div>
            ) : (
              <fetcher.Form method="post" className="flex items-end gap-2">
                <input type="hidden" name="intent" value="openRound" />
                <input type="hidden" name="boardId" value={boardId} />
                <Field label={t("vision.vote.budget")}>
                  <Input name="budget" type="number" min={1} max={50} defaultValue={5} className="w-24" data-testid="budget" />
                </Field>
                <Button size="sm" type="submit" data-testid="open-round">
                  {t("vision.vote.openRound")}
                </Button>
              </fetcher.Form>
            )
          ) : null}
          {ranked ? (
            <div data-testid="vote-results" className="space-y-2 text-sm">
              <h4 className="font-semibold text-slate-800">{t("vision.vote.results")}</h4>
              {ranked.clusters.length ? (
                <ol className="space-y-1">
                  {ranked.clusters.map((c) => (
                    <li key={c.cluster.id}>
                      <span className="text-slate-500">#{c.rank}</span> {c.cluster.name} — {t("vision.vote.score", { count: c.score })}
                    </li>
                  ))}
                </ol>
              ) : null}
              <ol className="space-y-1">
                {ranked.notes.slice(0, 10).map((n) => (
                  <li key={n.note.id} className="break-words">
                    <span className="text-slate-500">#{n.rank}</span> {n.note.text} — {t("vision.vote.dots", { count: n.votes })}
                  </li>
                ))}
              </ol>
              <p className="text-xs text-slate-500">{t("vision.vote.scoreRule")}</p>
            </div>
          ) : null}
        </section>
        <ErrorLine data={fetcher.data} />
      </CardBody>
    </Card>
  );
}

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
    <Card data-testid="evidence-panel">
      <CardHeader title={t("vision.evidence.title")} description={t("vision.evidence.description")} />
      <CardBody className="space-y-4">
        {items.length ? (
          <ul className="divide-y divide-slate-100 text-sm">
            {items.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2 py-2">
                <Badge tone={e.kind === "csv" ? "success" : "neutral"}>{t(`vision.evidence.kinds.${e.kind}`)}</Badge>
                {e.kind === "link" && e.url ? (
                  <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline">
                    {e.title}
                  </a>
                ) : (
                  <a href={`/api/v1/programs/${programId}/vision/evidence/${e.id}?download=1`} className="text-brand-700 underline">
                    {e.title}
                  </a>
                )}
                {e.kind === "csv" ? (
                  <Link to={`?board=${boardId}&evidence=${e.id}`} preventScrollReset className="text-xs text-slate-600 underline">
                    {t("vision.evidence.preview", { count: e.rowCount ?? 0 })}
                  </Link>
                ) : null}
                {canEdit ? (
                  <remove.Form method="post" className="ml-auto">
                    <input type="hidden" name="intent" value="deleteEvidence" />
                    <input type="hidden" name="evidenceId" value={e.id} />
                    <Button size="sm" variant="ghost" type="submit" className="h-7 px-2 text-xs">
                      {t("vision.board.delete")}
                    </Button>
                  </remove.Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t("vision.evidence.none")}</p>
        )}
        {detail?.csvPreview && detail.csvHeader ? (
          <div className="max-h-96 overflow-auto rounded border border-slate-200" data-testid="csv-preview">
            <table className="min-w-full text-left text-xs">
              <caption className="px-2 py-1 text-left font-semibold">
                {detail.title} · {t("vision.evidence.rowsShown", { shown: detail.csvPreview.length, total: detail.rowCount ?? 0 })}
              </caption>
              <thead className="bg-slate-100">
                <tr>
                  {detail.csvHeader.map((h) => (
                    <th key={h} scope="col" className="px-2 py-1 font-semibold">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {detail.csvPreview.map((row, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    {row.map((cell, j) => (
                      <td key={j} className="whitespace-pre-wrap px-2 py-1 align-top">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {canEdit ? (
          <>
            <upload.Form method="post" encType="multipart/form-data" className="space-y-2">
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
            <link.Form method="post" className="flex flex-wrap items-end gap-2">
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
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}

type StandardDraft = Omit<VisionStandardContent, "key"> & { key?: string };

export function OutputPanel({
  draft,
  published,
  versions,
  compare,
  perms,
}: {
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
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const changedKeys = new Set(compare?.diff.changed.map((c) => c.key) ?? []);
  const addedKeys = new Set(compare?.diff.added.map((c) => c.key) ?? []);
  const removedKeys = new Set(compare?.diff.removed.map((c) => c.key) ?? []);

  return (
    <Card data-testid="output-panel">
      <CardHeader title={t("vision.output.title")} description={t("vision.output.description")} />
      <CardBody className="space-y-5">
        {published ? (
          <section data-testid="published-vision">
            <h3 className="text-sm font-semibold text-slate-900">
              {t("vision.output.published", { version: published.version })}
              <span className="ml-2 font-normal text-slate-500">
                {published.publishedBy?.name ?? ""} · {date(published.publishedAt)}
              </span>
            </h3>
            <p className="mt-1 whitespace-pre-wrap text-sm leading-6">{published.statement}</p>
            <ol className="mt-2 space-y-1 text-sm">
              {published.standards.map((s) => (
                <li key={s.id}>
                  <span className="font-semibold">{s.title}</span> — {s.description}
                  {s.measurableHint ? <span className="text-slate-500"> ({s.measurableHint})</span> : null}
                </li>
              ))}
            </ol>
          </section>
        ) : (
          <Alert tone="info">{t("vision.output.nothingPublished")}</Alert>
        )}
        {perms.edit ? (
          <Form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
              fetcher.submit({ intent: submitter?.value ?? "saveDraft", payload: payload() }, { method: "post" });
            }}
          >
            <h3 className="text-sm font-semibold text-slate-900">
              {t("vision.output.draft")} {draft?.changed ? <Badge tone="warning">{t("vision.output.unpublished")}</Badge> : null}
            </h3>
            <Field label={t("vision.output.statement")}>
              <Textarea rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} data-testid="statement" />
            </Field>
            {standards.map((s, i) => (
              <fieldset key={s.key ?? `new-${i}`} className="space-y-2 rounded border border-slate-200 p-3" data-testid="standard">
                <legend className="px-1 text-xs font-semibold text-slate-600">{t("vision.output.standard", { number: i + 1 })}</legend>
                <Input value={s.title} placeholder={t("vision.output.standardTitle")} aria-label={t("vision.output.standardTitle")} onChange={(e) => setStd(i, { title: e.target.value })} />
                <Textarea rows={2} value={s.description} placeholder={t("vision.output.standardDescription")} aria-label={t("vision.output.standardDescription")} onChange={(e) => setStd(i, { description: e.target.value })} />
                <Input value={s.measurableHint} placeholder={t("vision.output.measurableHint")} aria-label={t("vision.output.measurableHint")} onChange={(e) => setStd(i, { measurableHint: e.target.value })} />
                <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setStandards((x) => x.filter((_, j) => j !== i))}>
                  {t("vision.board.delete")}
                </Button>
              </fieldset>
            ))}
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={() => setStandards((s) => [...s, { title: "", description: "", measurableHint: "" }])} data-testid="add-standard">
                {t("vision.output.addStandard")}
              </Button>
              <Button size="sm" variant="secondary" type="submit" value="saveDraft">
                {t("vision.output.saveDraft")}
              </Button>
              {perms.publish ? (
                <Button size="sm" type="submit" value="publish" data-testid="publish">
                  {t("vision.output.publish")}
                </Button>
              ) : null}
            </div>
            {fetcher.data?.ok && fetcher.data.version ? (
              <p className="text-sm text-emerald-700" role="status">
                {t("vision.output.publishedNow", { version: fetcher.data.version })}
              </p>
            ) : null}
            <ErrorLine data={fetcher.data} />
          </Form>
        ) : null}
        {versions.length ? (
          <section>
            <h3 className="text-sm font-semibold text-slate-900">{t("vision.output.versions")}</h3>
            <ul className="mt-1 space-y-1 text-sm" data-testid="versions">
              {versions.map((v) => (
                <li key={v.version} className="flex flex-wrap gap-2">
                  <span className="font-semibold">v{v.version}</span>
                  <span className="text-slate-600">
                    {v.publishedBy?.name ?? ""} · {date(v.publishedAt)}
                  </span>
                  {v.version > 1 ? (
                    <Link className="text-brand-700 underline" to={`?a=${v.version - 1}&b=${v.version}`} preventScrollReset>
                      {t("vision.output.compareWithPrevious")}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {compare ? (
          <section className="grid gap-3 md:grid-cols-2" data-testid="compare">
            {[compare.before, compare.after].map((v, side) => (
              <div key={v.version} className="rounded border border-slate-200 p-3 text-sm">
                <h4 className="font-semibold">v{v.version}</h4>
                <p className={`mt-1 whitespace-pre-wrap ${compare.diff.statementChanged ? "bg-amber-50" : ""}`}>{v.statement}</p>
                <ol className="mt-2 space-y-1">
                  {v.standards.map((s) => {
                    const tone = side === 0 ? (removedKeys.has(s.key) ? "bg-red-50 line-through" : changedKeys.has(s.key) ? "bg-amber-50" : "") : addedKeys.has(s.key) ? "bg-emerald-50" : changedKeys.has(s.key) ? "bg-amber-50" : "";
                    return (
                      <li key={s.key} className={`rounded px-1 ${tone}`}>
                        <span className="font-semibold">{s.title}</span> — {s.description} <span className="text-slate-500">{s.measurableHint}</span>
                      </li>
                    );
                  })}
                </ol>
              </div>
            ))}
          </section>
        ) : null}
      </CardBody>
    </Card>
  );
}
