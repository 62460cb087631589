/**
 * The discussion as a section of a panel (the journey canvas's touchpoint drawer): a small heading
 * with the count, then the compact thread. When the page was opened from a mention (#comments),
 * the section scrolls its panel (never the page) to itself once the thread has loaded.
 */
import { useCallback, useId, useRef, useState } from "react";
import type { CommentTargetType } from "~/models/comments";
import { CommentCountBadge } from "./comment-count";
import { CommentThread } from "./comment-thread";

/** The nearest ancestor that scrolls vertically. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

export function CommentsSection({
  programId,
  targetType,
  targetId,
  targetContext,
  title,
  scrollOnHash = false,
}: {
  programId: string;
  targetType: CommentTargetType;
  targetId: string;
  targetContext: string | null;
  title: string;
  /** Scroll into view (within its panel) when the URL's hash is #comments. */
  scrollOnHash?: boolean;
}) {
  const [count, setCount] = useState<number | null>(null);
  const ref = useRef<HTMLElement>(null);
  const scrolled = useRef(false);
  const headingId = useId();
  const onCount = useCallback(
    (n: number) => {
      setCount(n);
      const el = ref.current;
      if (!scrollOnHash || scrolled.current || !el || window.location.hash !== "#comments") return;
      scrolled.current = true;
      const panel = scrollParent(el);
      if (panel) panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - 12;
    },
    [scrollOnHash],
  );
  return (
    <section ref={ref} aria-labelledby={headingId} data-testid={`comments-section-${targetType}`}>
      <h3 id={headingId} className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
        {title}
        {count ? <CommentCountBadge count={count} /> : null}
      </h3>
      <CommentThread programId={programId} targetType={targetType} targetId={targetId} targetContext={targetContext} compact onCount={onCount} />
    </section>
  );
}
