/** The workshop agenda: every section with its minutes and done count; the facilitator edits it here. */
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { VisionControlState } from "~/models/vision-doc";
import { Button, Dialog, DialogContent, DialogFooter, Field, Textarea } from "~/components/ui";
import { CheckIcon } from "~/components/ui/icons";
import { ErrorLine, type ActionData } from "./shared";

export function AgendaDialog({
  open,
  onOpenChange,
  boardId,
  control,
  facilitate,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  boardId: string;
  control: VisionControlState;
  facilitate: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState("");
  const [editing, setEditing] = useState(false);
  const startEditing = () => {
    setText(control.agenda.map((a) => `${a.title}, ${a.minutes}`).join("\n"));
    setEditing(true);
  };
  return (
    <Dialog open={open} onOpenChange={(o) => (onOpenChange(o), o ? null : setEditing(false))}>
      <DialogContent title={t("vision.facilitation.agenda")} className="max-w-lg">
        {editing ? (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const sections = text
                .split("\n")
                .map((l) => l.trim())
                .filter(Boolean)
                .map((l) => {
                  const m = /^(.*?)[\s,，]+(\d+)$/.exec(l);
                  return m ? { title: m[1], minutes: Number(m[2]) } : { title: l, minutes: 10 };
                });
              fetcher.submit({ intent: "agenda", boardId, payload: JSON.stringify(sections) }, { method: "post" });
              setEditing(false);
            }}
          >
            <Field label={t("vision.facilitation.editAgenda")} hint={t("vision.facilitation.agendaHint")}>
              <Textarea rows={6} value={text} autoFocus onChange={(e) => setText(e.target.value)} />
            </Field>
            <DialogFooter>
              <Button variant="secondary" onClick={() => setEditing(false)}>
                {t("vision.board.cancel")}
              </Button>
              <Button type="submit">{t("vision.facilitation.saveAgenda")}</Button>
            </DialogFooter>
          </form>
        ) : (
          <>
            {control.agenda.length ? (
              <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200">
                {control.agenda.map((a, i) => {
                  const current = a.id === control.currentSectionId;
                  const done = control.done[a.id]?.length ?? 0;
                  return (
                    <li key={a.id} className={`flex items-center gap-3 px-3 py-2.5 text-sm ${current ? "bg-brand-50" : ""}`} aria-current={current ? "step" : undefined}>
                      <span className={`grid h-6 w-6 shrink-0 place-items-center rounded-full text-xs font-semibold ${current ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-600"}`}>
                        {i + 1}
                      </span>
                      <span className={`min-w-0 flex-1 ${current ? "font-semibold text-brand-900" : "text-slate-800"}`}>{a.title}</span>
                      {done ? (
                        <span className="inline-flex items-center gap-1 text-xs text-emerald-700">
                          <CheckIcon className="h-3.5 w-3.5" />
                          {done}
                        </span>
                      ) : null}
                      <span className="text-xs tabular-nums text-slate-500">{t("vision.facilitation.minutes", { count: a.minutes })}</span>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p className="text-sm text-slate-500">{t("vision.facilitation.noAgenda")}</p>
            )}
            <ErrorLine data={fetcher.data} className="mt-3" />
            {facilitate ? (
              <DialogFooter>
                <Button variant="secondary" onClick={startEditing}>
                  {t("vision.facilitation.editAgendaButton")}
                </Button>
              </DialogFooter>
            ) : null}
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
