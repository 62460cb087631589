/**
 * The comment composer: a textarea where "@" opens a list of the people who can see the program
 * (a combobox with a listbox: ↑/↓ move, Enter or Tab picks, Escape closes; the mouse works too).
 * The text shows `@Name`; the people picked are kept aside and become mention tokens when the
 * comment is sent (Ctrl/⌘+Enter or the button). Editing starts from a stored body (tokens → `@Name`).
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Avatar, Button, cn } from "~/components/ui";
import { useTranslation } from "~/i18n/react";
import {
  COMMENT_BODY_MAX_CHARS,
  decodeMentions,
  encodeMentions,
  filterMentionCandidates,
  insertMention,
  mentionQueryAt,
  type MentionQuery,
  type MentionRef,
} from "~/models/comments";

export interface ComposerPerson extends MentionRef {
  email: string;
  role: string | null;
  orgRole: string;
}

export interface MentionComposerProps {
  people: ComposerPerson[];
  meId: string;
  /** A stored body to edit (its tokens shown as `@Name`). */
  initialBody?: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  busy: boolean;
  error?: string | null;
  autoFocus?: boolean;
  rows?: number;
  onSubmit: (body: string) => void;
  onCancel?: () => void;
  testId?: string;
}

/** The height the @ list needs (px): about five people. */
const LIST_ROOM = 280;

/** Shown once the text gets near the limit. */
const COUNTER_FROM = COMMENT_BODY_MAX_CHARS - 500;

export function MentionComposer(props: MentionComposerProps) {
  const { t } = useTranslation();
  const { people, meId, busy } = props;
  const initial = useMemo(() => decodeMentions(props.initialBody ?? ""), [props.initialBody]);
  const [text, setText] = useState(initial.text);
  const [picked, setPicked] = useState<MentionRef[]>(initial.picked);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  /**
   * The "@" the user closed the list for with Escape (stays closed until another "@"). A ref: a
   * select event may follow the key in the same tick and must see it.
   */
  const dismissedAt = useRef<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const uid = useId();
  const listId = `${uid}-mentions`;
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;

  const others = useMemo(() => people.filter((p) => p.id !== meId), [people, meId]);
  const options = query ? filterMentionCandidates(others, query.query) : [];
  const open = !!query && options.length > 0;
  /** Opens the list above the textarea when there is no room for it below (end of a page or panel). */
  const [above, setAbove] = useState(false);
  useEffect(() => {
    if (!open || !area.current) return;
    const r = area.current.getBoundingClientRect();
    setAbove(window.innerHeight - r.bottom < LIST_ROOM && r.top > LIST_ROOM);
  }, [open]);
  const body = encodeMentions(text, picked);
  const tooLong = body.length > COMMENT_BODY_MAX_CHARS;
  const empty = text.trim().length === 0;

  useEffect(() => {
    if (pendingCaret.current !== null && area.current) {
      area.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [text]);

  const track = (el: HTMLTextAreaElement) => {
    const q = mentionQueryAt(el.value, el.selectionStart ?? el.value.length);
    const next = q && q.start === dismissedAt.current ? null : q;
    if (next && (!query || query.start !== next.start || query.query !== next.query)) setActive(0);
    setQuery(next);
    if (!q) dismissedAt.current = null;
  };

  const choose = (person: ComposerPerson) => {
    const el = area.current;
    if (!el || !query) return;
    const result = insertMention(el.value, query, el.selectionStart ?? el.value.length, person);
    pendingCaret.current = result.caret;
    setText(result.text);
    setPicked((list) => (list.some((p) => p.id === person.id) ? list : [...list, { id: person.id, name: person.name }]));
    setQuery(null);
    el.focus();
  };

  const submit = () => {
    if (empty || tooLong || busy) return;
    props.onSubmit(body);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + options.length) % options.length);
        return;
      }
      if ((e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) || e.key === "Tab") {
        e.preventDefault();
        choose(options[Math.min(active, options.length - 1)]);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        dismissedAt.current = query!.start;
        setQuery(null);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
      return;
    }
    if (e.key === "Escape" && props.onCancel) {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    }
  };

  const describedBy = [hintId, props.error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-2" data-testid={props.testId ?? "comment-composer"}>
      <div className="relative">
        <label htmlFor={`${uid}-text`} className="sr-only">
          {props.label}
        </label>
        <textarea
          id={`${uid}-text`}
          ref={area}
          rows={props.rows ?? 3}
          value={text}
          autoFocus={props.autoFocus}
          placeholder={props.placeholder}
          role="combobox"
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
          aria-invalid={props.error || tooLong ? true : undefined}
          aria-describedby={describedBy}
          className={cn(
            "block w-full resize-y rounded-md border bg-white px-3 py-2 text-sm leading-6 text-slate-900 shadow-sm placeholder:text-slate-400",
            "focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500",
            props.error || tooLong ? "border-red-500" : "border-slate-300",
          )}
          onChange={(e) => {
            setText(e.target.value);
            track(e.target);
          }}
          onSelect={(e) => track(e.currentTarget)}
          onClick={(e) => track(e.currentTarget)}
          onKeyDown={onKeyDown}
          onBlur={() => setQuery(null)}
          data-testid="comment-input"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t("comments.mentions.listLabel")}
          hidden={!open}
          className={cn(
            "absolute left-0 right-0 z-30 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg",
            above ? "bottom-full mb-1" : "top-full mt-1",
          )}
          data-testid="mention-list"
        >
          {options.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={cn("flex cursor-pointer items-center gap-2.5 px-3 py-1.5 text-sm", i === active ? "bg-brand-50 text-brand-900" : "text-slate-800")}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
              onMouseMove={() => setActive(i)}
              data-testid="mention-option"
            >
              <Avatar name={p.name} seed={p.id} size="sm" />
              <span className="min-w-0">
                <span className="block truncate font-medium">{p.name}</span>
                <span className="block truncate text-xs text-slate-500">
                  {p.role ? t(`roles.program.${p.role}`) : t(`roles.org.${p.orgRole}`)} · {p.email}
                </span>
              </span>
            </li>
          ))}
        </ul>
        <span className="sr-only" role="status" aria-live="polite">
          {open ? t("comments.mentions.found", { count: options.length }) : ""}
        </span>
      </div>
      {props.error ? (
        <p id={errorId} className="text-sm text-red-700" role="alert" data-testid="comment-error">
          {props.error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={hintId} className="text-xs text-slate-500">
          {t("comments.composer.hint")}
          {body.length > COUNTER_FROM ? (
            <span className={cn("ml-2 tabular-nums", tooLong ? "font-medium text-red-700" : "")}>
              {t("comments.composer.counter", { count: body.length, max: COMMENT_BODY_MAX_CHARS })}
            </span>
          ) : null}
        </p>
        <div className="ml-auto flex gap-2">
          {props.onCancel ? (
            <Button size="sm" variant="ghost" onClick={props.onCancel}>
              {t("ui.cancel")}
            </Button>
          ) : null}
          <Button size="sm" onClick={submit} busy={busy} disabled={empty || tooLong} data-testid="comment-submit">
            {props.submitLabel}
          </Button>
        </div>
      </div>
    </div>
  );
}
