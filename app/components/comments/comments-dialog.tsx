/**
 * The discussion of a doc object (a sticky note, a touchpoint) in a modal dialog: titled with
 * what it is about, a quote of it, then the thread. Escape first closes an open @mention list,
 * and only then the dialog.
 */
import * as RadixDialog from "@radix-ui/react-dialog";
import { CloseIcon } from "~/components/ui/icons";
import { useTranslation } from "~/i18n/react";
import type { CommentTargetType } from "~/models/comments";
import { CommentThread } from "./comment-thread";

export interface CommentsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  programId: string;
  targetType: CommentTargetType;
  targetId: string;
  targetContext: string | null;
  /** What it is about (the note's or touchpoint's text). */
  quote: string;
}

/** True while focus is in a composer whose @mention list is open. */
function mentionListOpen(): boolean {
  const el = document.activeElement;
  return !!el && el.getAttribute("role") === "combobox" && el.getAttribute("aria-expanded") === "true";
}

export function CommentsDialog({ open, onOpenChange, programId, targetType, targetId, targetContext, quote }: CommentsDialogProps) {
  const { t } = useTranslation();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50 backdrop-blur-[1px]" />
        <RadixDialog.Content
          className="fixed left-1/2 top-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-1.5rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl border border-slate-200 bg-white shadow-xl focus:outline-none"
          aria-describedby={undefined}
          onEscapeKeyDown={(e) => {
            if (mentionListOpen()) e.preventDefault();
          }}
          data-testid="comments-dialog"
        >
          <div className="border-b border-slate-100 px-5 pb-4 pt-5 pr-12">
            <RadixDialog.Title className="text-base font-semibold text-slate-900">{t(`comments.dialogTitle.${targetType}`)}</RadixDialog.Title>
            <blockquote className="mt-2 line-clamp-3 whitespace-pre-wrap break-words border-l-4 border-amber-300 bg-amber-50/60 px-3 py-1.5 text-sm text-slate-700">
              {quote}
            </blockquote>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
            {open ? <CommentThread programId={programId} targetType={targetType} targetId={targetId} targetContext={targetContext} compact autoFocus /> : null}
          </div>
          <RadixDialog.Close
            className="absolute right-3 top-3 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            aria-label={t("ui.close")}
          >
            <CloseIcon className="h-4 w-4" />
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
