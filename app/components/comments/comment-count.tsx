/**
 * The comment count of an artefact: a speech-bubble badge, and a link form of it that jumps to
 * the page's discussion (#comments). Nothing is shown for zero unless asked.
 */
import { cn } from "~/components/ui";
import { useTranslation } from "~/i18n/react";

export function ChatIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden className={className ?? "h-4 w-4"}>
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z" />
      <path d="M8.5 10.5h7M8.5 14h4.5" />
    </svg>
  );
}

export function CommentCountBadge({ count, className }: { count: number; className?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={cn("inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium tabular-nums text-slate-700 ring-1 ring-inset ring-slate-200", className)}
      aria-label={t("comments.count", { count })}
      data-testid="comment-count"
    >
      <ChatIcon className="h-3.5 w-3.5" />
      {count}
    </span>
  );
}

/** A link to #comments showing the count ("Comment" when there are none yet). */
export function CommentCountLink({ count, href = "#comments" }: { count: number; href?: string }) {
  const { t } = useTranslation();
  return (
    <a
      href={href}
      className="inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-sm font-medium text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 hover:text-brand-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      data-testid="comment-count-link"
    >
      <ChatIcon className="h-4 w-4" />
      {count > 0 ? t("comments.count", { count }) : t("comments.startLink")}
    </a>
  );
}
