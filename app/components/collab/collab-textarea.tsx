/**
 * A textarea bound to a Y.Text: local input becomes the minimal splice (common prefix and suffix
 * kept), remote changes update the text while the caret and selection stay where they were in the
 * text around them. Publishes this person's field and selection; shows everyone else's.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { replaceText, transformIndex, type TextDelta } from "~/collab/text-diff";
import { setLocalPresence, type Peer } from "~/collab/presence";
import { cn } from "~/components/ui";
import { RemoteCarets } from "./remote-carets";

const LOCAL = Symbol("local-textarea");

const BOX = "block w-full rounded-md border px-3 py-2.5 text-sm leading-6 whitespace-pre-wrap break-words";

function autosize(el: HTMLTextAreaElement | null): void {
  if (!el) return;
  el.style.height = "auto";
  el.style.height = `${el.scrollHeight + 2}px`;
}

export function CollabTextarea({
  doc,
  awareness,
  field,
  label,
  hint,
  placeholder,
  readOnly,
  peers,
}: {
  doc: Y.Doc;
  awareness: Awareness;
  field: string;
  label: string;
  hint: string;
  placeholder: string;
  readOnly: boolean;
  peers: Peer[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const text = doc.getText(field);
  const [value, setValue] = useState(() => text.toString());

  useLayoutEffect(() => autosize(ref.current), [value]);

  useEffect(() => {
    const el = ref.current;
    if (el && el.value !== text.toString()) el.value = text.toString();
    setValue(text.toString());
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const next = text.toString();
      const area = ref.current;
      if (area && !(tr.origin === LOCAL && area.value === next)) {
        const focused = document.activeElement === area;
        const { selectionStart, selectionEnd, selectionDirection } = area;
        area.value = next;
        if (focused) {
          const delta = event.delta as TextDelta;
          area.setSelectionRange(transformIndex(selectionStart, delta), transformIndex(selectionEnd, delta), selectionDirection ?? "none");
        }
      }
      setValue(next);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const publish = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const forward = el.selectionDirection !== "backward";
    setLocalPresence(awareness, doc, field, {
      anchor: forward ? el.selectionStart : el.selectionEnd,
      head: forward ? el.selectionEnd : el.selectionStart,
    });
  }, [awareness, doc, field]);

  const onInput = () => {
    const el = ref.current;
    if (!el || readOnly) return;
    const next = el.value;
    doc.transact(() => replaceText(text, next), LOCAL);
    publish();
  };

  const here = peers.filter((p) => p.field === field);
  const outline = here[0]?.user.color;

  return (
    <div className="space-y-1.5" data-testid={`brief-field-${field}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-semibold text-slate-900">
          {label}
        </label>
        <div className="flex flex-wrap gap-1">
          {here.map((p) => (
            <span
              key={p.clientId}
              className="rounded-full px-2 py-0.5 text-[11px] font-medium text-white"
              style={{ background: p.user.color }}
              data-testid="field-peer"
            >
              {t("collab.presence.editingHere", { name: p.user.name })}
            </span>
          ))}
        </div>
      </div>
      <p className="text-xs leading-5 text-slate-500">{hint}</p>
      <div className="relative">
        <textarea
          ref={ref}
          id={id}
          name={field}
          rows={3}
          defaultValue={value}
          readOnly={readOnly}
          placeholder={placeholder}
          onInput={onInput}
          onSelect={publish}
          onFocus={publish}
          onKeyUp={publish}
          onBlur={() => setLocalPresence(awareness, doc, null, null)}
          spellCheck
          className={cn(
            BOX,
            "resize-none overflow-hidden bg-white text-slate-900 shadow-sm outline-none transition-colors placeholder:text-slate-400",
            "focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20",
            readOnly ? "cursor-default bg-slate-50 text-slate-700" : "border-slate-300",
            outline ? "ring-2" : null,
          )}
          style={outline ? { borderColor: outline, ["--tw-ring-color" as string]: `${outline}40` } : undefined}
        />
        <RemoteCarets value={value} peers={here} className={BOX} />
      </div>
    </div>
  );
}
