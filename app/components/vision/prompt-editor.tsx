/**
 * The facilitator's prompt tools: a tile after the last column to add a custom prompt, and an
 * inline field to rename a prompt. A prompt can be removed only while it holds no notes.
 */
import { useState } from "react";
import type * as Y from "yjs";
import { Button, Input } from "~/components/ui";
import { useTranslation } from "~/i18n/react";
import { PromptTitleSchema, putPrompt, type VisionPrompt } from "~/models/vision-doc";
import { PlusIcon } from "~/components/ui/icons";

function PromptTitleForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  testId,
}: {
  initial: string;
  submitLabel: string;
  onSubmit: (title: string) => void;
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="space-y-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = PromptTitleSchema.safeParse(title);
        if (!parsed.success) return setError(t(parsed.error.issues[0].message));
        onSubmit(parsed.data);
        setTitle("");
        setError(null);
      }}
    >
      <div className="flex items-center gap-1.5">
        <Input
          className="h-8 text-sm"
          value={title}
          autoFocus={!!onCancel}
          placeholder={t("vision.board.promptTitlePlaceholder")}
          aria-label={t("vision.board.promptTitle")}
          aria-invalid={error ? true : undefined}
          data-testid={testId}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && onCancel?.()}
        />
        <Button size="sm" type="submit" className="h-8 shrink-0">
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button size="sm" variant="ghost" className="h-8 shrink-0 px-2" onClick={onCancel}>
            {t("vision.board.cancel")}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** A tile after the columns: adds a custom prompt at the end. */
export function AddPromptTile({ doc, prompts }: { doc: Y.Doc; prompts: VisionPrompt[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const position = prompts.reduce((max, p) => Math.max(max, p.position), -1) + 1;
  return (
    <section className="snap-start rounded-xl border border-dashed border-slate-300 bg-slate-50/60 p-3" aria-label={t("vision.board.addPrompt")}>
      {open ? (
        <PromptTitleForm
          initial=""
          submitLabel={t("vision.board.addPromptSubmit")}
          testId="new-prompt-title"
          onCancel={() => setOpen(false)}
          onSubmit={(title) => {
            putPrompt(doc, { id: crypto.randomUUID(), title, kind: "custom", position });
            setOpen(false);
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => setOpen(true)}
          data-testid="add-prompt"
          className="flex w-full items-center justify-center gap-1.5 rounded-lg py-6 text-sm font-medium text-slate-600 hover:bg-white hover:text-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          <PlusIcon className="h-4 w-4" />
          {t("vision.board.addPrompt")}
        </button>
      )}
      <p className="mt-1 text-center text-xs text-slate-500">{t("vision.board.addPromptHint")}</p>
    </section>
  );
}

/** Renames a prompt in place (the column header shows this instead of the title). */
export function RenamePromptForm({ doc, prompt, title, onDone }: { doc: Y.Doc; prompt: VisionPrompt; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <PromptTitleForm
      initial={title}
      submitLabel={t("vision.board.save")}
      testId={`rename-prompt-${prompt.id}`}
      onCancel={onDone}
      onSubmit={(next) => {
        putPrompt(doc, { ...prompt, title: next });
        onDone();
      }}
    />
  );
}
