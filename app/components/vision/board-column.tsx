/**
 * One prompt column: its title and note count, a quiet composer at the top (text, colour, add),
 * its clusters, then its loose notes. Dropping a note on the column takes it out of any cluster.
 * "New cluster" lives in the column's "⋯" menu and opens an inline name field.
 */
import * as Menu from "@radix-ui/react-dropdown-menu";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { ClusterNameSchema, NOTE_COLOURS, NoteTextSchema, patchNote, putCluster, putNote, removePrompt, type NoteColour, type VisionPrompt } from "~/models/vision-doc";
import { Button, DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuRadioGroup, Input, Textarea } from "~/components/ui";
import { promptTitle, type BoardProps } from "./board-types";
import { ClusterBox } from "./cluster-box";
import { useNoteDropZone } from "./drop-zone";
import { GroupIcon, MoreIcon, PencilIcon } from "./icons";
import { RenamePromptForm } from "./prompt-editor";
import { SWATCH_CLASSES } from "./note-colours";
import { StickyNote } from "./sticky-note";

function ColourPicker({ value, onChange }: { value: NoteColour; onChange: (c: NoteColour) => void }) {
  const { t } = useTranslation();
  return (
    <DropdownMenu modal={false}>
      <Menu.Trigger
        aria-label={t("vision.board.colourIs", { colour: t(`vision.colours.${value}`) })}
        className="grid h-8 w-8 place-items-center rounded-md hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <span className={`h-4 w-4 rounded-full ring-1 ring-black/10 ${SWATCH_CLASSES[value]}`} aria-hidden />
      </Menu.Trigger>
      <DropdownMenuContent align="start" className="min-w-[10rem]">
        <DropdownMenuLabel>{t("vision.board.colour")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={value} onValueChange={(v) => onChange(v as NoteColour)}>
          {NOTE_COLOURS.map((c) => (
            <Menu.RadioItem
              key={c}
              value={c}
              className="flex cursor-default items-center gap-2 rounded-md px-2.5 py-1.5 outline-none data-[highlighted]:bg-slate-100 data-[state=checked]:font-semibold"
            >
              <span className={`h-3.5 w-3.5 rounded-full ring-1 ring-black/10 ${SWATCH_CLASSES[c]}`} aria-hidden />
              {t(`vision.colours.${c}`)}
            </Menu.RadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function BoardColumn({ prompt, props }: { prompt: VisionPrompt; props: BoardProps }) {
  const { t } = useTranslation();
  const { doc, board, canEdit, control, me } = props;
  const [text, setText] = useState("");
  const [colour, setColour] = useState<NoteColour>("yellow");
  const [clusterName, setClusterName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const notes = board.notes.filter((n) => n.promptId === prompt.id);
  const clusters = board.clusters.filter((c) => c.promptId === prompt.id);
  const loose = notes.filter((n) => !n.clusterId || !clusters.some((c) => c.id === n.clusterId));
  const title = promptTitle(t, prompt);
  const drop = useNoteDropZone(canEdit && !!doc, (id) => doc && patchNote(doc, id, { promptId: prompt.id, clusterId: null }));
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
  const addCluster = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = ClusterNameSchema.safeParse(clusterName ?? "");
    if (!parsed.success || !doc) return;
    putCluster(doc, { id: crypto.randomUUID(), name: parsed.data, promptId: prompt.id });
    setClusterName(null);
  };

  return (
    <section
      className={`flex min-w-0 snap-start flex-col rounded-xl border bg-white transition-colors ${drop.over ? "border-brand-400 ring-2 ring-brand-200" : "border-slate-200"}`}
      aria-label={title}
      data-testid={`column-${prompt.id}`}
      data-column
      {...drop.handlers}
    >
      <header className="flex items-start gap-2 px-3 pb-2 pt-3">
        {renaming && doc ? (
          <div className="min-w-0 flex-1">
            <RenamePromptForm doc={doc} prompt={prompt} title={title} onDone={() => setRenaming(false)} />
          </div>
        ) : (
          <h3 className="min-w-0 flex-1 text-[15px] font-semibold leading-snug text-slate-900">
            {title}
          </h3>
        )}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium tabular-nums text-slate-600" aria-label={t("vision.board.noteCount", { count: notes.length })}>
          {notes.length}
        </span>
        {canEdit && doc ? (
          <DropdownMenu modal={false}>
            <Menu.Trigger
              aria-label={t("vision.board.columnActions", { prompt: title })}
              className="grid h-7 w-7 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              <MoreIcon />
            </Menu.Trigger>
            <DropdownMenuContent className="min-w-[12rem]">
              <DropdownMenuItem onSelect={() => setClusterName("")}>
                <GroupIcon className="h-4 w-4 text-slate-500" />
                {t("vision.board.newClusterAction")}
              </DropdownMenuItem>
              {props.facilitate ? (
                <>
                  <DropdownMenuItem onSelect={() => setRenaming(true)} data-testid={`rename-prompt-action-${prompt.id}`}>
                    <PencilIcon className="h-4 w-4 text-slate-500" />
                    {t("vision.board.renamePrompt")}
                  </DropdownMenuItem>
                  <DropdownMenuItem
                    disabled={notes.length > 0 || clusters.length > 0}
                    onSelect={() => removePrompt(doc, prompt.id)}
                    data-testid={`remove-prompt-${prompt.id}`}
                  >
                    {notes.length > 0 || clusters.length > 0 ? t("vision.board.removePromptBlocked") : t("vision.board.removePrompt")}
                  </DropdownMenuItem>
                </>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </header>

      {canEdit && doc ? (
        <form
          onSubmit={add}
          className="mx-3 mb-3 rounded-lg border border-slate-200 bg-white p-1 transition-colors focus-within:border-brand-400 focus-within:bg-white focus-within:ring-2 focus-within:ring-brand-100"
        >
          <div className="flex items-start gap-1">
            <Textarea
              rows={focused || text ? 3 : 1}
              value={text}
              placeholder={t("vision.board.addPlaceholder")}
              aria-label={t("vision.board.addNoteTo", { prompt: title })}
              data-testid={`new-note-${prompt.id}`}
              onChange={(e) => setText(e.target.value)}
              onFocus={() => setFocused(true)}
              onBlur={() => setFocused(false)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) add(e);
              }}
              aria-invalid={error ? true : undefined}
              className={`min-h-[2rem] flex-1 resize-none border-0 !bg-transparent px-2 py-1 text-sm leading-6 !shadow-none focus:ring-0 ${focused || text ? "" : "overflow-hidden"}`}
            />
            <ColourPicker value={colour} onChange={setColour} />
            <Button size="sm" type="submit" className="h-8 px-3 text-xs" data-testid={`add-note-${prompt.id}`}>
              {t("vision.board.addNote")}
            </Button>
          </div>
          {error ? (
            <p className="px-2 pb-1 pt-0.5 text-xs text-red-700" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}

      <div className="flex-1 space-y-2.5 px-3 pb-3">
        {clusterName !== null ? (
          <form onSubmit={addCluster} className="flex items-center gap-1.5 rounded-xl border border-dashed border-brand-300 bg-brand-50/50 p-2">
            <Input
              autoFocus
              className="h-8 text-sm"
              value={clusterName}
              placeholder={t("vision.board.newCluster")}
              aria-label={t("vision.board.newCluster")}
              onChange={(e) => setClusterName(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setClusterName(null)}
            />
            <Button size="sm" type="submit" className="h-8">
              {t("vision.board.group")}
            </Button>
            <Button size="sm" variant="ghost" className="h-8 px-2" onClick={() => setClusterName(null)}>
              {t("vision.board.cancel")}
            </Button>
          </form>
        ) : null}
        {clusters.map((c) => (
          <ClusterBox key={c.id} cluster={c} notes={notes.filter((n) => n.clusterId === c.id)} props={props} siblings={clusters} />
        ))}
        {loose.length ? (
          <ul className="space-y-2">
            {loose.map((n) => (
              <StickyNote key={n.id} note={n} props={props} clusters={clusters} />
            ))}
          </ul>
        ) : !clusters.length ? (
          <p className="py-6 text-center text-xs text-slate-400">{t("vision.board.emptyColumn")}</p>
        ) : null}
      </div>
    </section>
  );
}
