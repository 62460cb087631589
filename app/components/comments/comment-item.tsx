/**
 * One comment: avatar, author, when (relative, exact time on hover), "edited", the body with
 * mention chips, and — for its author, while they may comment — "Edit", which swaps the body for
 * the composer. Also the small hook the thread's parts share to post to the comments resource route.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Avatar } from "~/components/ui";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import type { CommentView } from "~/models/comments.server";
import { formatDateTime } from "~/utils/format";
import { isApiErrorBody, type ApiErrorBody } from "~/utils/http";
import { CommentBody } from "./comment-body";
import { MentionComposer, type ComposerPerson } from "./mention-composer";

/** Posts to /programs/:programId/comments; `onDone` runs once a post succeeded and the page data is fresh again. */
export function useCommentAction(programId: string, onDone?: () => void) {
  const fetcher = useFetcher<{ thread: unknown } | ApiErrorBody>();
  const was = useRef(fetcher.state);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (was.current !== "idle" && fetcher.state === "idle" && fetcher.data && !isApiErrorBody(fetcher.data)) done.current?.();
    was.current = fetcher.state;
  }, [fetcher.state, fetcher.data]);
  const data = fetcher.data;
  return {
    busy: fetcher.state !== "idle",
    error: fetcher.state === "idle" && isApiErrorBody(data) ? (data.error.fields?.body ?? data.error.message) : null,
    submit: (fields: Record<string, string>) => fetcher.submit(fields, { method: "post", action: `/programs/${programId}/comments` }),
  };
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 3600],
  ["day", 86400],
];

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago", then the date and time. */
export function whenText(iso: string, locale: Locale, now: number, justNow: string): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return justNow;
  if (seconds >= 7 * 86400) return formatDateTime(iso, locale);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const [unit, size] = seconds < 3600 ? UNITS[0] : seconds < 86400 ? UNITS[1] : UNITS[2];
  return rtf.format(-Math.max(1, Math.round(seconds / size)), unit);
}

export function CommentItem({
  comment,
  programId,
  meId,
  people,
  canComment,
  now,
  compact,
}: {
  comment: CommentView;
  programId: string;
  meId: string;
  people: ComposerPerson[];
  canComment: boolean;
  now: number;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [editing, setEditing] = useState(false);
  const action = useCommentAction(programId, () => setEditing(false));
  const mine = comment.author?.id === meId;
  const author = comment.author?.name ?? t("comments.formerMember");
  return (
    <article className="flex gap-3" data-testid="comment" data-comment-id={comment.id} aria-label={t("comments.byAuthor", { name: author })}>
      <Avatar name={author} seed={comment.author?.id ?? "former"} size="sm" className={compact ? "mt-0.5 h-6 w-6 text-[10px]" : "mt-0.5"} />
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
          <span className="text-sm font-semibold text-slate-900" data-testid="comment-author">
            {author}
          </span>
          <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt, locale)} className="text-xs text-slate-500">
            {whenText(comment.createdAt, locale, now, t("comments.justNow"))}
          </time>
          {comment.editedAt ? (
            <span className="text-xs text-slate-500" title={formatDateTime(comment.editedAt, locale)} data-testid="comment-edited">
              · {t("comments.edited")}
            </span>
          ) : null}
          {mine && canComment && !editing ? (
            <button
              type="button"
              className="ml-auto rounded px-1.5 text-xs font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              onClick={() => setEditing(true)}
              aria-label={t("comments.editLabel")}
              data-testid="comment-edit"
            >
              {t("comments.edit")}
            </button>
          ) : null}
        </header>
        {editing ? (
          <div className="mt-1.5">
            <MentionComposer
              people={people}
              meId={meId}
              initialBody={comment.body}
              label={t("comments.editLabel")}
              placeholder={t("comments.composer.placeholder")}
              submitLabel={t("ui.save")}
              busy={action.busy}
              error={action.error}
              autoFocus
              rows={3}
              onSubmit={(body) => action.submit({ intent: "edit", commentId: comment.id, body })}
              onCancel={() => setEditing(false)}
              testId="comment-edit-composer"
            />
          </div>
        ) : (
          <div className="mt-0.5">
            <CommentBody body={comment.body} meId={meId} />
          </div>
        )}
      </div>
    </article>
  );
}
