/**
 * The live workshop board: one column per prompt, clusters inside each column, sticky notes
 * (add, edit, colour, move by drag or menu, drag into a cluster), dot buttons while a vote is
 * open and vote counts once revealed. Sticky text is rendered as text (React escapes it), never HTML.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  mergeClusters,
  NOTE_COLOURS,
  NOTE_MAX_CHARS,
  NoteTextSchema,
  patchNote,
  putCluster,
  putNote,
  removeCluster,
  removeNote,
  ClusterNameSchema,
  type NoteColour,
  type VisionBoardContent,
  type VisionCluster,
  type VisionControlState,
  type VisionNote,
  type VisionPrompt,
} from "~/models/vision-doc";
import { Badge, Button, Input, Select, Textarea } from "~/components/ui";

export const COLOUR_CLASSES: Record<NoteColour, string> = {
  yellow: "bg-amber-100 border-amber-300",
  pink: "bg-pink-100 border-pink-300",
  blue: "bg-sky-100 border-sky-300",
  green: "bg-emerald-100 border-emerald-300",
  orange: "bg-orange-100 border-orange-300",
  purple: "bg-violet-100 border-violet-300",
};

/** Re-reads a Y.Doc on every change. */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, fallback: T): T {
  const [value, setValue] = useState<T>(() => (doc ? read(doc) : fallback));
  useEffect(() => {
    if (!doc) return;
    const update = () => setValue(read(doc));
    update();
    doc.on("update", update);
    return () => doc.off("update", update);
    // `read` is a module-level function in every caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return value;
}

export interface BoardProps {
  doc: Y.Doc | null;
  board: VisionBoardContent;
  control: VisionControlState;
  me: { id: string; name: string };
  canEdit: boolean;
  programId: string;
  ballot: { roundId: string; remaining: number; votes: Record<string, number> } | null;
  revealed: Map<string, number> | null;
}

export function promptTitle(t: (k: string) => string, p: VisionPrompt): string {
  return p.title || t(`vision.prompts.${p.kind}`);
}

function NoteCard({ note, props, clusters }: { note: VisionNote; props: BoardProps; clusters: VisionCluster[] }) {
  const { t } = useTranslation();
  const { doc, canEdit, control, ballot, revealed } = props;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [error, setError] = useState<string | null>(null);
  const vote = useFetcher<{ error?: { message: string } }>();
  const save = () => {
    const parsed = NoteTextSchema.safeParse(text);
    if (!parsed.success) return setError(t(parsed.error.issues[0].message));
    if (doc) patchNote(doc, note.id, { text: parsed.data });
    setEditing(false);
    setError(null);
  };
  const mine = ballot?.votes[note.id] ?? 0;
  return (
    <li
      className={`rounded-md border p-2.5 text-sm shadow-sm ${COLOUR_CLASSES[note.colour]}`}
      draggable={canEdit && !editing}
      onDragStart={(e) => e.dataTransfer.setData("text/x-vision-note", note.id)}
      data-testid="sticky-note"
      data-note-id={note.id}
    >
      {editing ? (
        <div className="space-y-2">
          <Textarea
            rows={3}
            value={text}
            maxLength={NOTE_MAX_CHARS + 50}
            aria-label={t("vision.board.noteText")}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
          {error ? <p className="text-xs text-red-700">{error}</p> : null}
          <div className="flex gap-2">
            <Button size="sm" onClick={save}>
              {t("vision.board.save")}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              {t("vision.board.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <p className="whitespace-pre-wrap break-words leading-6 text-slate-900" data-testid="sticky-text">
          {note.text}
        </p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
        {!control.anonymous && note.authorName ? <span>{note.authorName}</span> : null}
        {revealed?.get(note.id) ? <Badge tone="brand">{t("vision.vote.dots", { count: revealed.get(note.id) })}</Badge> : null}
        {ballot ? (
          <span className="ml-auto inline-flex items-center gap-1">
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-1.5 leading-5 disabled:opacity-40"
              aria-label={t("vision.vote.remove")}
              disabled={mine === 0 || vote.state !== "idle"}
              onClick={() => vote.submit({ intent: "vote", roundId: ballot.roundId, targetId: note.id, delta: "-1" }, { method: "post" })}
            >
              −
            </button>
            <span data-testid="my-dots" aria-label={t("vision.vote.myDotsHere")}>
              {mine}
            </span>
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-1.5 leading-5 disabled:opacity-40"
              aria-label={t("vision.vote.add")}
              data-testid="vote-note"
              disabled={ballot.remaining === 0 || vote.state !== "idle"}
              onClick={() => vote.submit({ intent: "vote", roundId: ballot.roundId, targetId: note.id, delta: "1" }, { method: "post" })}
            >
              +
            </button>
          </span>
        ) : null}
      </div>
      {vote.data?.error ? <p className="mt-1 text-xs text-red-700">{vote.data.error.message}</p> : null}
      {canEdit && !editing && doc ? (
        <div className="mt-2 flex flex-wrap items-center gap-1">
          <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => (setText(note.text), setEditing(true))}>
            {t("vision.board.edit")}
          </Button>
          <Select
            className="h-7 w-auto py-0 text-xs"
            aria-label={t("vision.board.colour")}
            value={note.colour}
            onChange={(e) => patchNote(doc, note.id, { colour: e.target.value as NoteColour })}
          >
            {NOTE_COLOURS.map((c) => (
              <option key={c} value={c}>
                {t(`vision.colours.${c}`)}
              </option>
            ))}
          </Select>
          {clusters.length ? (
            <Select
              className="h-7 w-auto py-0 text-xs"
              aria-label={t("vision.board.cluster")}
              value={note.clusterId ?? ""}
              onChange={(e) => patchNote(doc, note.id, { clusterId: e.target.value || null })}
            >
              <option value="">{t("vision.board.noCluster")}</option>
              {clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          ) : null}
          {note.authorId === props.me.id || control.locked ? (
            <Button size="sm" variant="ghost" className="h-7 px-2 text-xs text-red-700" onClick={() => removeNote(doc, note.id)}>
              {t("vision.board.delete")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function ClusterBox({ cluster, notes, props, siblings }: { cluster: VisionCluster; notes: VisionNote[]; props: BoardProps; siblings: VisionCluster[] }) {
  const { t } = useTranslation();
  const { doc, canEdit, ballot, revealed } = props;
  const [name, setName] = useState(cluster.name);
  const vote = useFetcher<{ error?: { message: string } }>();
  useEffect(() => setName(cluster.name), [cluster.name]);
  const score = revealed ? (revealed.get(cluster.id) ?? 0) + notes.reduce((s, n) => s + (revealed.get(n.id) ?? 0), 0) : 0;
  const mine = ballot?.votes[cluster.id] ?? 0;
  return (
    <section
      className="rounded-lg border-2 border-dashed border-slate-300 bg-slate-50/80 p-2"
      data-testid="cluster"
      onDragOver={(e) => canEdit && e.preventDefault()}
      onDrop={(e) => {
        e.stopPropagation();
        const id = e.dataTransfer.getData("text/x-vision-note");
        if (doc && id) patchNote(doc, id, { clusterId: cluster.id, promptId: cluster.promptId });
      }}
    >
      <div className="mb-2 flex flex-wrap items-center gap-1.5">
        {canEdit && doc ? (
          <Input
            className="h-8 flex-1 text-sm font-semibold"
            value={name}
            aria-label={t("vision.board.clusterName")}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => {
              const parsed = ClusterNameSchema.safeParse(name);
              if (parsed.success && parsed.data !== cluster.name) putCluster(doc, { ...cluster, name: parsed.data });
              else setName(cluster.name);
            }}
          />
        ) : (
          <h4 className="flex-1 text-sm font-semibold text-slate-800">{cluster.name}</h4>
        )}
        {revealed && score ? <Badge tone="violet">{t("vision.vote.score", { count: score })}</Badge> : null}
        {ballot ? (
          <span className="inline-flex items-center gap-1 text-xs">
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-1.5 disabled:opacity-40"
              aria-label={t("vision.vote.remove")}
              disabled={mine === 0 || vote.state !== "idle"}
              onClick={() => vote.submit({ intent: "vote", roundId: ballot.roundId, targetId: cluster.id, delta: "-1" }, { method: "post" })}
            >
              −
            </button>
            <span>{mine}</span>
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-1.5 disabled:opacity-40"
              aria-label={t("vision.vote.add")}
              data-testid="vote-cluster"
              disabled={ballot.remaining === 0 || vote.state !== "idle"}
              onClick={() => vote.submit({ intent: "vote", roundId: ballot.roundId, targetId: cluster.id, delta: "1" }, { method: "post" })}
            >
              +
            </button>
          </span>
        ) : null}
      </div>
      {vote.data?.error ? <p className="mb-1 text-xs text-red-700">{vote.data.error.message}</p> : null}
      <ul className="space-y-2">
        {notes.map((n) => (
          <NoteCard key={n.id} note={n} props={props} clusters={siblings} />
        ))}
      </ul>
      {canEdit && doc ? (
        <div className="mt-2 flex flex-wrap gap-1">
          {siblings.filter((c) => c.id !== cluster.id).length ? (
            <Select
              className="h-7 w-auto py-0 text-xs"
              aria-label={t("vision.board.mergeInto")}
              value=""
              onChange={(e) => e.target.value && mergeClusters(doc, cluster.id, e.target.value)}
            >
              <option value="">{t("vision.board.mergeInto")}</option>
              {siblings
                .filter((c) => c.id !== cluster.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </Select>
          ) : null}
          <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => removeCluster(doc, cluster.id)}>
            {t("vision.board.ungroup")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function Column({ prompt, props }: { prompt: VisionPrompt; props: BoardProps }) {
  const { t } = useTranslation();
  const { doc, board, canEdit, control, me } = props;
  const [text, setText] = useState("");
  const [colour, setColour] = useState<NoteColour>("yellow");
  const [clusterName, setClusterName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const notes = board.notes.filter((n) => n.promptId === prompt.id);
  const clusters = board.clusters.filter((c) => c.promptId === prompt.id);
  const loose = notes.filter((n) => !n.clusterId || !clusters.some((c) => c.id === n.clusterId));
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = NoteTextSchema.safeParse(text);
    if (!parsed.success) return setError(t(parsed.error.issues[0].message));
    if (!doc) return;
    putNote(doc, {
      id: crypto.randomUUID(),
      text: parsed.data,
      promptId: prompt.id,
      colour,
      clusterId: null,
      authorId: control.anonymous ? null : me.id,
      authorName: control.anonymous ? null : me.name,
      createdAt: new Date().toISOString(),
    });
    setText("");
    setError(null);
  };
  return (
    <section
      className="flex w-72 shrink-0 flex-col rounded-lg border border-slate-200 bg-white"
      aria-label={promptTitle(t, prompt)}
      data-testid={`column-${prompt.id}`}
      onDragOver={(e) => canEdit && e.preventDefault()}
      onDrop={(e) => {
        const id = e.dataTransfer.getData("text/x-vision-note");
        if (doc && id) patchNote(doc, id, { promptId: prompt.id, clusterId: null });
      }}
    >
      <header className="border-b border-slate-100 px-3 py-2">
        <h3 className="font-semibold text-slate-900">{promptTitle(t, prompt)}</h3>
        <p className="text-xs text-slate-500">{t("vision.board.noteCount", { count: notes.length })}</p>
      </header>
      <div className="flex-1 space-y-3 p-3">
        {clusters.map((c) => (
          <ClusterBox key={c.id} cluster={c} notes={notes.filter((n) => n.clusterId === c.id)} props={props} siblings={clusters} />
        ))}
        <ul className="space-y-2">
          {loose.map((n) => (
            <NoteCard key={n.id} note={n} props={props} clusters={clusters} />
          ))}
        </ul>
      </div>
      {canEdit && doc ? (
        <div className="space-y-2 border-t border-slate-100 p-3">
          <form onSubmit={add} className="space-y-2">
            <Textarea
              rows={2}
              value={text}
              placeholder={t("vision.board.addPlaceholder")}
              aria-label={t("vision.board.addNoteTo", { prompt: promptTitle(t, prompt) })}
              data-testid={`new-note-${prompt.id}`}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
            {error ? (
              <p className="text-xs text-red-700" role="alert">
                {error}
              </p>
            ) : null}
            <div className="flex gap-2">
              <Select className="h-8 flex-1 py-0 text-xs" aria-label={t("vision.board.colour")} value={colour} onChange={(e) => setColour(e.target.value as NoteColour)}>
                {NOTE_COLOURS.map((c) => (
                  <option key={c} value={c}>
                    {t(`vision.colours.${c}`)}
                  </option>
                ))}
              </Select>
              <Button size="sm" type="submit" data-testid={`add-note-${prompt.id}`}>
                {t("vision.board.addNote")}
              </Button>
            </div>
          </form>
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const parsed = ClusterNameSchema.safeParse(clusterName);
              if (!parsed.success) return;
              putCluster(doc, { id: crypto.randomUUID(), name: parsed.data, promptId: prompt.id });
              setClusterName("");
            }}
          >
            <Input className="h-8 text-xs" value={clusterName} placeholder={t("vision.board.newCluster")} aria-label={t("vision.board.newCluster")} onChange={(e) => setClusterName(e.target.value)} />
            <Button size="sm" variant="secondary" type="submit">
              {t("vision.board.group")}
            </Button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

export function VisionBoardColumns(props: BoardProps) {
  const { t } = useTranslation();
  if (!props.doc) return <p className="p-6 text-sm text-slate-500">{t("vision.board.loading")}</p>;
  return (
    <div className="flex gap-3 overflow-x-auto pb-3" data-testid="vision-board">
      {props.board.prompts.map((p) => (
        <Column key={p.id} prompt={p} props={props} />
      ))}
    </div>
  );
}
