/**
 * The discussion on one artefact (initiative, KPI, pain point, touchpoint, sticky note), to embed
 * anywhere: open threads (first comment, replies, Reply and Resolve), resolved threads collapsed
 * behind a toggle (Reopen), and the composer for a new thread with @mention autocomplete. Talks to
 * the resource route /programs/:programId/comments through fetchers; reloads when the window
 * regains focus. Readers without `comment` see everything and no composer.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { Alert, Button, cn } from "~/components/ui";
import { CheckCircleIcon, ChevronDownIcon } from "~/components/ui/icons";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import { DOC_OBJECT_TARGETS, type CommentTargetType } from "~/models/comments";
import type { ThreadView } from "~/models/comments.server";
import type { CommentsLoaderData } from "~/routes/programs.$programId.comments";
import { isApiErrorBody, type ApiErrorBody } from "~/utils/http";
import { CommentItem, useCommentAction, whenText } from "./comment-item";
import { MentionComposer, type ComposerPerson } from "./mention-composer";

export interface CommentThreadProps {
  programId: string;
  targetType: CommentTargetType;
  targetId: string;
  /** The map or board of a pain point, touchpoint or sticky note. */
  targetContext?: string | null;
  /** Tighter spacing for drawers and dialogs. */
  compact?: boolean;
  /** Focus the new-thread composer when it appears (e.g. in a dialog). */
  autoFocus?: boolean;
  /** Told the number of comments whenever it is loaded. */
  onCount?: (count: number) => void;
}

interface Shared {
  programId: string;
  targetType: CommentTargetType;
  targetId: string;
  targetContext: string | null;
  meId: string;
  people: ComposerPerson[];
  canComment: boolean;
  now: number;
  compact: boolean;
}

function ThreadBox({ thread, s }: { thread: ThreadView; s: Shared }) {
  const { t, i18n } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [replyKey, setReplyKey] = useState(0);
  const reply = useCommentAction(s.programId, () => {
    setReplying(false);
    setReplyKey((k) => k + 1);
  });
  const resolve = useCommentAction(s.programId);
  const resolved = !!thread.resolvedAt;
  const item = (c: ThreadView | ThreadView["replies"][number]) => (
    <CommentItem key={c.id} comment={c} programId={s.programId} meId={s.meId} people={s.people} canComment={s.canComment} now={s.now} compact={s.compact} />
  );
  return (
    <li
      className={cn("rounded-lg border bg-white", resolved ? "border-slate-200 bg-slate-50/70" : "border-slate-200", s.compact ? "p-3" : "p-4")}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-resolved={resolved ? "true" : "false"}
    >
      {item(thread)}
      {thread.replies.length ? (
        <ol className={cn("mt-3 space-y-3 border-l-2 border-slate-100", s.compact ? "ml-3 pl-3" : "ml-3.5 pl-4")} aria-label={t("comments.replies", { count: thread.replies.length })}>
          {thread.replies.map((r) => (
            <li key={r.id}>{item(r)}</li>
          ))}
        </ol>
      ) : null}
      {resolved ? (
        <p className="mt-3 flex items-center gap-1.5 text-xs text-emerald-800" data-testid="thread-resolved-note">
          <CheckCircleIcon className="h-3.5 w-3.5" aria-hidden />
          {t("comments.resolvedBy", {
            name: thread.resolvedBy?.name ?? t("comments.formerMember"),
            when: whenText(thread.resolvedAt!, i18n.language as Locale, s.now, t("comments.justNow")),
          })}
        </p>
      ) : null}
      {replying && !resolved ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <MentionComposer
            key={replyKey}
            people={s.people}
            meId={s.meId}
            label={t("comments.composer.replyLabel")}
            placeholder={t("comments.composer.replyPlaceholder")}
            submitLabel={t("comments.reply")}
            busy={reply.busy}
            error={reply.error}
            autoFocus
            rows={2}
            onSubmit={(body) =>
              reply.submit({ intent: "reply", threadId: thread.id, targetType: s.targetType, targetId: s.targetId, targetContext: s.targetContext ?? "", body })
            }
            onCancel={() => setReplying(false)}
            testId="reply-composer"
          />
        </div>
      ) : null}
      {s.canComment && !replying ? (
        <div className="mt-3 flex flex-wrap items-center gap-1 border-t border-slate-100 pt-2">
          {!resolved ? (
            <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => setReplying(true)} data-testid="thread-reply">
              {t("comments.reply")}
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            className="ml-auto h-7 px-2 text-xs"
            busy={resolve.busy}
            onClick={() => resolve.submit({ intent: resolved ? "reopen" : "resolve", commentId: thread.id })}
            data-testid={resolved ? "thread-reopen" : "thread-resolve"}
          >
            {resolved ? null : <CheckCircleIcon className="h-3.5 w-3.5" aria-hidden />}
            {resolved ? t("comments.reopen") : t("comments.resolve")}
          </Button>
        </div>
      ) : null}
      {resolve.error ? (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {resolve.error}
        </p>
      ) : null}
    </li>
  );
}

function NewThread({ s, autoFocus }: { s: Shared; autoFocus: boolean }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const create = useCommentAction(s.programId, () => setRound((n) => n + 1));
  return (
    <MentionComposer
      key={round}
      people={s.people}
      meId={s.meId}
      label={t("comments.composer.label")}
      placeholder={t("comments.composer.placeholder")}
      submitLabel={t("comments.composer.submit")}
      busy={create.busy}
      error={create.error}
      autoFocus={autoFocus || round > 0}
      rows={s.compact ? 2 : 3}
      onSubmit={(body) =>
        create.submit({ intent: "create", targetType: s.targetType, targetId: s.targetId, targetContext: s.targetContext ?? "", body })
      }
      testId="new-thread-composer"
    />
  );
}

const RETRIES = 3;

export function CommentThread({ programId, targetType, targetId, targetContext = null, compact = false, autoFocus = false, onCount }: CommentThreadProps) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CommentsLoaderData | ApiErrorBody>();
  const [showResolved, setShowResolved] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [tries, setTries] = useState(0);
  const url = `/programs/${programId}/comments?${new URLSearchParams({ targetType, targetId })}`;

  useEffect(() => {
    setTries(0);
    fetcher.load(url);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);

  const data = fetcher.data;
  const failed = isApiErrorBody(data) ? data : null;
  const loaded = data && "threads" in data ? data : null;

  // A doc object created a moment ago reaches the read model within a second or so: try again.
  useEffect(() => {
    if (!failed || fetcher.state !== "idle" || tries >= RETRIES || !DOC_OBJECT_TARGETS.has(targetType)) return;
    const timer = setTimeout(() => {
      setTries((n) => n + 1);
      fetcher.load(url);
    }, 1200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [failed, fetcher.state, tries, url, targetType]);

  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible") fetcher.load(url);
    };
    document.addEventListener("visibilitychange", refresh);
    const tick = setInterval(() => setNow(Date.now()), 60_000);
    return () => {
      document.removeEventListener("visibilitychange", refresh);
      clearInterval(tick);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);

  useEffect(() => {
    if (loaded) setNow(Date.now());
  }, [loaded]);

  const count = loaded ? loaded.threads.reduce((n, th) => n + 1 + th.replies.length, 0) : null;
  useEffect(() => {
    if (count !== null) onCount?.(count);
  }, [count, onCount]);

  const s: Shared | null = useMemo(
    () =>
      loaded
        ? { programId, targetType, targetId, targetContext, meId: loaded.meId, people: loaded.people, canComment: loaded.canComment, now, compact }
        : null,
    [loaded, programId, targetType, targetId, targetContext, now, compact],
  );

  if (!s || !loaded) {
    if (failed && (tries >= RETRIES || !DOC_OBJECT_TARGETS.has(targetType))) {
      return (
        <Alert tone="danger">
          <span className="flex flex-wrap items-center gap-2">
            {failed.error.message}
            <Button size="sm" variant="secondary" onClick={() => fetcher.load(url)}>
              {t("comments.retry")}
            </Button>
          </span>
        </Alert>
      );
    }
    return (
      <div className="space-y-3" aria-busy="true" data-testid="comments-loading">
        <span className="sr-only">{t("comments.loading")}</span>
        {[0, 1].map((i) => (
          <div key={i} className="flex animate-pulse gap-3">
            <div className="h-7 w-7 rounded-full bg-slate-200" />
            <div className="flex-1 space-y-2 py-1">
              <div className="h-3 w-1/3 rounded bg-slate-200" />
              <div className="h-3 w-5/6 rounded bg-slate-100" />
            </div>
          </div>
        ))}
      </div>
    );
  }

  const open = loaded.threads.filter((th) => !th.resolvedAt);
  const resolved = loaded.threads.filter((th) => th.resolvedAt);
  return (
    <div className={compact ? "space-y-3" : "space-y-4"} data-testid="comment-threads">
      {open.length ? (
        <ul className="space-y-3" aria-label={t("comments.openThreads")}>
          {open.map((th) => (
            <ThreadBox key={th.id} thread={th} s={s} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500" data-testid="comments-empty">
          {resolved.length ? t("comments.allResolved") : s.canComment ? t("comments.empty") : t("comments.emptyReadOnly")}
        </p>
      )}
      {resolved.length ? (
        <div>
          <button
            type="button"
            className="inline-flex items-center gap-1.5 rounded-md px-1 py-0.5 text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            aria-expanded={showResolved}
            onClick={() => setShowResolved((v) => !v)}
            data-testid="toggle-resolved"
          >
            <ChevronDownIcon className={cn("h-4 w-4 transition-transform", showResolved ? "" : "-rotate-90")} aria-hidden />
            {t("comments.resolvedThreads", { count: resolved.length })}
          </button>
          {showResolved ? (
            <ul className="mt-2 space-y-3" aria-label={t("comments.resolvedList")}>
              {resolved.map((th) => (
                <ThreadBox key={th.id} thread={th} s={s} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {s.canComment ? (
        <div className={cn(open.length || resolved.length ? "border-t border-slate-100 pt-4" : "")}>
          <NewThread s={s} autoFocus={autoFocus} />
        </div>
      ) : (
        <p className="text-xs text-slate-500" data-testid="comments-read-only">
          {t("comments.readOnly")}
        </p>
      )}
    </div>
  );
}

