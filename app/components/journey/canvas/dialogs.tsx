/** The canvas dialogs: keyboard shortcuts, personas (add, rename, remove) and deleting a stage. */
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Button, Dialog, DialogContent, DialogFooter, Field, Input } from "~/components/ui";
import { TrashIcon } from "~/components/ui/icons";
import { PERSONA_NAME_MAX_CHARS, PersonaNameSchema, type JourneyPersona } from "~/models/journey-doc";

const SHORTCUTS: { keys: string[]; label: string }[] = [
  { keys: ["N"], label: "journeyCanvas.shortcuts.add" },
  { keys: ["Enter"], label: "journeyCanvas.shortcuts.edit" },
  { keys: ["Delete", "Backspace"], label: "journeyCanvas.shortcuts.delete" },
  { keys: ["←", "→", "↑", "↓"], label: "journeyCanvas.shortcuts.move" },
  { keys: ["Esc"], label: "journeyCanvas.shortcuts.escape" },
  { keys: ["Ctrl/⌘ Z"], label: "journeyCanvas.shortcuts.undo" },
  { keys: ["Ctrl/⌘ Shift Z", "Ctrl Y"], label: "journeyCanvas.shortcuts.redo" },
  { keys: ["Shift + drag"], label: "journeyCanvas.shortcuts.boxSelect" },
  { keys: ["?"], label: "journeyCanvas.shortcuts.help" },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={t("journeyCanvas.shortcuts.title")} description={t("journeyCanvas.shortcuts.intro")}>
        <dl className="divide-y divide-slate-100 text-sm" data-testid="shortcuts-dialog">
          {SHORTCUTS.map((s) => (
            <div key={s.label} className="flex items-center justify-between gap-4 py-2">
              <dt className="text-slate-700">{t(s.label)}</dt>
              <dd className="flex flex-wrap justify-end gap-1">
                {s.keys.map((k) => (
                  <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 shadow-sm">
                    {k}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}

function PersonaRow({
  persona,
  onRename,
  onRemove,
  removable,
}: {
  persona: JourneyPersona;
  onRename: (name: string) => string | null;
  onRemove: () => void;
  removable: boolean;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(persona.name);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const save = () => {
    if (value.trim() === persona.name) return;
    const err = onRename(value);
    setError(err);
  };
  return (
    <li className="flex items-start gap-2 py-2" data-testid="persona-row">
      <span className="mt-3 h-3 w-3 shrink-0 rounded-full" style={{ background: persona.colour }} aria-hidden />
      <div className="min-w-0 flex-1">
        <Field label={t("journeyCanvas.personas.name")} hideLabel error={error ? t(error) : null}>
          <Input
            value={value}
            maxLength={PERSONA_NAME_MAX_CHARS}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            onBlur={save}
            onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), save())}
            className="h-9"
          />
        </Field>
      </div>
      {confirm ? (
        <div className="flex shrink-0 items-center gap-1 pt-0.5">
          <Button size="sm" variant="danger" onClick={onRemove} data-testid="persona-remove-confirm">
            {t("journeyCanvas.personas.removeConfirm")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirm(false)}>
            {t("ui.cancel")}
          </Button>
        </div>
      ) : (
        <Button size="sm" variant="ghost" className="mt-0.5" disabled={!removable} onClick={() => setConfirm(true)} aria-label={t("journeyCanvas.personas.remove", { name: persona.name })}>
          <TrashIcon className="h-4 w-4" />
        </Button>
      )}
    </li>
  );
}

export function PersonasDialog({
  open,
  onOpenChange,
  personas,
  onAdd,
  onRename,
  onRemove,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  personas: JourneyPersona[];
  onAdd: (name: string) => void;
  onRename: (id: string, name: string) => string | null;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const parsed = PersonaNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "validation.invalid");
      return;
    }
    onAdd(parsed.data);
    setName("");
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={t("journeyCanvas.personas.title")} description={t("journeyCanvas.personas.intro")} className="max-w-lg">
        <ul className="divide-y divide-slate-100" data-testid="personas-dialog">
          {personas.map((p) => (
            <PersonaRow
              key={p.id}
              persona={p}
              removable={personas.length > 1}
              onRename={(n) => onRename(p.id, n)}
              onRemove={() => onRemove(p.id)}
            />
          ))}
        </ul>
        <form
          className="mt-4 flex items-start gap-2 border-t border-slate-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <div className="min-w-0 flex-1">
            <Field label={t("journeyCanvas.personas.newName")} hideLabel error={error ? t(error) : null}>
              <Input
                value={name}
                maxLength={PERSONA_NAME_MAX_CHARS}
                placeholder={t("journeyCanvas.personas.newName")}
                onChange={(e) => {
                  setName(e.target.value);
                  setError(null);
                }}
                data-testid="persona-new-name"
              />
            </Field>
          </div>
          <Button type="submit" data-testid="persona-add">
            {t("journeyCanvas.personas.add")}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DeleteStageDialog({
  stage,
  cards,
  onCancel,
  onConfirm,
}: {
  stage: { id: string; name: string } | null;
  cards: number;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={!!stage} onOpenChange={(o) => !o && onCancel()}>
      <DialogContent title={t("journeyCanvas.stage.deleteTitle", { name: stage?.name ?? "" })} description={t("journeyCanvas.stage.deleteBody", { count: cards })}>
        <DialogFooter>
          <Button variant="secondary" onClick={onCancel}>
            {t("ui.cancel")}
          </Button>
          <Button variant="danger" onClick={onConfirm} data-testid="stage-delete-confirm">
            {t("journeyCanvas.stage.delete")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
