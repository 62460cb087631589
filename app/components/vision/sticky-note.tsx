/**
 * One sticky note: its text, its author (unless the board is anonymous), its revealed votes and,
 * while a round is open, my dots. Its actions (comments for everyone; edit, colour, move, delete
 * for editors) live in a "⋯" menu that appears on hover and on keyboard focus (always on touch
 * screens); the comments open in a dialog, also when the page is opened with ?note=<id> (a mention). Text is rendered as
 * text (React escapes it), never HTML. Dragging it onto a column or a cluster moves it.
 */
import * as Menu from "@radix-ui/react-dropdown-menu";
import { useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ChatIcon } from "~/components/comments/comment-count";
import { CommentsDialog } from "~/components/comments/comments-dialog";
import { useTranslation } from "~/i18n/react";
import { NOTE_COLOURS, NOTE_MAX_CHARS, NoteTextSchema, patchNote, removeNote, type VisionCluster, type VisionNote } from "~/models/vision-doc";
import {
  Button,
  Dialog,
  DialogContent,
  DialogFooter,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  Textarea,
} from "~/components/ui";
import { TrashIcon } from "~/components/ui/icons";
import { NOTE_DRAG_TYPE, promptTitle, type BoardProps } from "./board-types";
import { GroupIcon, MoreIcon, MoveIcon, PencilIcon } from "./icons";
import { COLOUR_CLASSES, SWATCH_CLASSES } from "./note-colours";
import { VoteStepper } from "./vote-stepper";

/** The "⋯" trigger shared by notes and clusters: quiet until the card is hovered or focused. */
export function RevealOnHoverTrigger({ label, className }: { label: string; className?: string }) {
  return (
    <Menu.Trigger
      aria-label={label}
      className={
        "grid h-7 w-7 place-items-center rounded-md text-slate-500 transition-opacity hover:bg-black/5 hover:text-slate-900 " +
        "focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 " +
        "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 data-[state=open]:bg-black/5 data-[state=open]:opacity-100 " +
        "[@media(hover:none)]:opacity-100 " +
        (className ?? "")
      }
    >
      <MoreIcon className="h-4 w-4" />
    </Menu.Trigger>
  );
}

export function StickyNote({ note, props, clusters }: { note: VisionNote; props: BoardProps; clusters: VisionCluster[] }) {
  const { t } = useTranslation();
  const { doc, canEdit, control, ballot, revealed, board, me, facilitate } = props;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const [params] = useSearchParams();
  const linkedNote = params.get("note");
  useEffect(() => {
    if (linkedNote === note.id) setCommentsOpen(true);
  }, [linkedNote, note.id]);
  const votes = revealed?.get(note.id) ?? 0;
  const author = !control.anonymous && note.authorName ? note.authorName : null;
  const canDelete = note.authorId === me.id || !!facilitate;
  const otherPrompts = board.prompts.filter((p) => p.id !== note.promptId);
  const save = () => {
    const parsed = NoteTextSchema.safeParse(text);
    if (!parsed.success) return setError(t(parsed.error.issues[0].message));
    if (doc) patchNote(doc, note.id, { text: parsed.data });
    setEditing(false);
    setError(null);
  };
  const short = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;

  return (
    <li
      className={`group relative rounded-lg border px-3 pb-2 pt-2.5 text-sm shadow-[0_1px_2px_rgba(15,23,42,0.06)] transition-shadow hover:shadow-md ${COLOUR_CLASSES[note.colour]} ${
        dragging ? "opacity-50" : ""
      } ${canEdit && !editing ? "cursor-grab active:cursor-grabbing" : ""}`}
      draggable={canEdit && !editing}
      onDragStart={(e) => {
        e.dataTransfer.setData(NOTE_DRAG_TYPE, note.id);
        e.dataTransfer.effectAllowed = "move";
        setDragging(true);
      }}
      onDragEnd={() => setDragging(false)}
      data-testid="sticky-note"
      data-note-id={note.id}
    >
      {editing ? (
        <div className="space-y-2">
          <Textarea
            rows={3}
            autoFocus
            value={text}
            maxLength={NOTE_MAX_CHARS + 50}
            aria-label={t("vision.board.noteText")}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) save();
              if (e.key === "Escape") setEditing(false);
            }}
            aria-invalid={error ? true : undefined}
            className="bg-white text-sm"
          />
          {error ? (
            <p className="text-xs text-red-700" role="alert">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-1.5">
            <Button size="sm" variant="ghost" className="h-7 px-2.5 text-xs" onClick={() => (setEditing(false), setError(null))}>
              {t("vision.board.cancel")}
            </Button>
            <Button size="sm" className="h-7 px-2.5 text-xs" onClick={save}>
              {t("vision.board.save")}
            </Button>
          </div>
        </div>
      ) : (
        <p className="whitespace-pre-wrap break-words pr-6 leading-6 text-slate-900" data-testid="sticky-text">
          {note.text}
        </p>
      )}

      {!editing && (author || votes || ballot) ? (
        <div className="mt-1.5 flex min-h-[1.5rem] items-center gap-2 text-xs text-slate-500">
          {author ? <span className="truncate">{author}</span> : null}
          {votes ? (
            <span
              className="inline-flex shrink-0 items-center gap-1 rounded-full bg-brand-700 px-1.5 py-0.5 text-[11px] font-semibold leading-none text-white"
              data-testid="note-votes"
            >
              {t("vision.vote.dots", { count: votes })}
            </span>
          ) : null}
          {ballot ? (
            <span className="ml-auto">
              <VoteStepper ballot={ballot} targetId={note.id} addTestId="vote-note" mineTestId="my-dots" label={short} />
            </span>
          ) : null}
        </div>
      ) : null}

      {!editing ? (
        <div className="absolute right-1 top-1">
          <DropdownMenu modal={false}>
            <RevealOnHoverTrigger label={t("vision.board.noteActions", { note: short })} />
            <DropdownMenuContent className="min-w-[13rem]">
              <DropdownMenuItem onSelect={() => setCommentsOpen(true)} data-testid="note-comments">
                <ChatIcon className="h-4 w-4 text-slate-500" />
                {t("comments.button")}
              </DropdownMenuItem>
              {canEdit && doc ? (
                <>
                  <DropdownMenuSeparator />
                  <DropdownMenuItem onSelect={() => (setText(note.text), setError(null), setEditing(true))}>
                    <PencilIcon className="h-4 w-4 text-slate-500" />
                    {t("vision.board.edit")}
                  </DropdownMenuItem>
                  <DropdownMenuSeparator />
                  <DropdownMenuLabel>{t("vision.board.colour")}</DropdownMenuLabel>
                  <Menu.RadioGroup
                    value={note.colour}
                    onValueChange={(v) => patchNote(doc, note.id, { colour: v as (typeof NOTE_COLOURS)[number] })}
                    className="flex gap-1.5 px-2.5 pb-2 pt-0.5"
                  >
                    {NOTE_COLOURS.map((c) => (
                      <Menu.RadioItem
                        key={c}
                        value={c}
                        aria-label={t(`vision.colours.${c}`)}
                        title={t(`vision.colours.${c}`)}
                        onSelect={(e) => e.preventDefault()}
                        className={`h-6 w-6 cursor-pointer rounded-full outline-none ring-offset-2 data-[highlighted]:ring-2 data-[highlighted]:ring-brand-400 data-[state=checked]:ring-2 data-[state=checked]:ring-slate-700 ${SWATCH_CLASSES[c]}`}
                      />
                    ))}
                  </Menu.RadioGroup>
                  <DropdownMenuSeparator />
                  {clusters.length ? (
                    <DropdownMenuSub>
                      <DropdownMenuSubTrigger>
                        <GroupIcon className="h-4 w-4 text-slate-500" />
                        {t("vision.board.moveToCluster")}
                      </DropdownMenuSubTrigger>
                      <DropdownMenuSubContent>
                        <DropdownMenuRadioGroup value={note.clusterId ?? ""} onValueChange={(v) => patchNote(doc, note.id, { clusterId: v || null })}>
                          <DropdownMenuRadioItem value="">{t("vision.board.noCluster")}</DropdownMenuRadioItem>
                          {clusters.map((c) => (
                            <DropdownMenuRadioItem key={c.id} value={c.id}>
                              {c.name}
                            </DropdownMenuRadioItem>
                          ))}
                        </DropdownMenuRadioGroup>
                      </DropdownMenuSubContent>
                    </DropdownMenuSub>
                  ) : null}
                  {otherPrompts.length ? (
                    <DropdownMenuSub>
                      <DropdownMenuSubTrigger>
                        <MoveIcon className="h-4 w-4 text-slate-500" />
                        {t("vision.board.moveToPrompt")}
                      </DropdownMenuSubTrigger>
                      <DropdownMenuSubContent>
                        {otherPrompts.map((p) => (
                          <DropdownMenuItem key={p.id} onSelect={() => patchNote(doc, note.id, { promptId: p.id, clusterId: null })}>
                            {promptTitle(t, p)}
                          </DropdownMenuItem>
                        ))}
                      </DropdownMenuSubContent>
                    </DropdownMenuSub>
                  ) : null}
                  {canDelete ? (
                    <>
                      <DropdownMenuSeparator />
                      <DropdownMenuItem className="text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-800" onSelect={() => setConfirmDelete(true)}>
                        <TrashIcon className="h-4 w-4" />
                        {t("vision.board.deleteEllipsis")}
                      </DropdownMenuItem>
                    </>
                  ) : null}
                </>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      ) : null}

      <CommentsDialog
        open={commentsOpen}
        onOpenChange={setCommentsOpen}
        programId={props.programId}
        targetType="sticky"
        targetId={note.id}
        targetContext={null}
        quote={note.text}
      />
      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent title={t("vision.board.deleteTitle")} description={t("vision.board.deleteBody")}>
          <blockquote className={`rounded-md border px-3 py-2 text-sm text-slate-800 ${COLOUR_CLASSES[note.colour]}`}>{short}</blockquote>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              {t("vision.board.cancel")}
            </Button>
            <Button
              variant="danger"
              data-testid="confirm-delete"
              onClick={() => {
                if (doc) removeNote(doc, note.id);
                setConfirmDelete(false);
              }}
            >
              {t("vision.board.delete")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </li>
  );
}
