/**
 * The live workshop board: one column per prompt. On wide screens the columns share the width
 * (at least 260 px each) and scroll sideways only when they truly do not fit, with fades and
 * arrow buttons showing there is more. On phones each column takes most of the screen and snaps;
 * a row of prompt chips jumps between them.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { promptTitle, type BoardProps } from "./board-types";
import { BoardColumn } from "./board-column";
import { AddPromptTile } from "./prompt-editor";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

export type { BoardProps } from "./board-types";

function useHorizontalOverflow(ref: React.RefObject<HTMLElement>, ready: boolean) {
  const [edges, setEdges] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const left = el.scrollLeft > 4;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 4;
    setEdges((e) => (e.left === left && e.right === right ? e : { left, right }));
  }, [ref]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    el.addEventListener("scroll", measure, { passive: true });
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    for (const child of Array.from(el.children)) ro.observe(child);
    return () => {
      el.removeEventListener("scroll", measure);
      ro.disconnect();
    };
  }, [ref, measure, ready]);
  return edges;
}

export function VisionBoardColumns(props: BoardProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const edges = useHorizontalOverflow(scroller, !!props.doc);
  const [active, setActive] = useState(0);
  const prompts = props.board.prompts;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      const cols = Array.from(el.querySelectorAll<HTMLElement>("[data-column]"));
      const x = el.scrollLeft + 8;
      let i = 0;
      cols.forEach((c, j) => {
        if (c.offsetLeft - el.offsetLeft <= x) i = j;
      });
      setActive(i);
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, [props.doc]);

  if (!props.doc) {
    return (
      <div className="grid gap-3 md:grid-cols-4" aria-busy>
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-64 animate-pulse rounded-xl border border-slate-200 bg-slate-50" />
        ))}
        <p className="sr-only">{t("vision.board.loading")}</p>
      </div>
    );
  }

  const scrollToColumn = (i: number) => {
    const el = scroller.current;
    const col = el?.querySelectorAll<HTMLElement>("[data-column]")[i];
    if (el && col) el.scrollTo({ left: col.offsetLeft - el.offsetLeft, behavior: "smooth" });
  };
  const page = (dir: 1 | -1) => {
    const el = scroller.current;
    const first = el?.querySelector<HTMLElement>("[data-column]");
    if (el && first) el.scrollBy({ left: dir * (first.offsetWidth + 12), behavior: "smooth" });
  };
  const arrow =
    "pointer-events-auto grid h-9 w-9 place-items-center rounded-full border border-slate-200 bg-white text-slate-700 shadow-md hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

  return (
    <div>
      {prompts.length > 1 ? (
        <nav className="-mx-1 mb-2 flex gap-1.5 overflow-x-auto px-1 pb-1 md:hidden" aria-label={t("vision.board.prompts")}>
          {prompts.map((p, i) => (
            <button
              key={p.id}
              type="button"
              onClick={() => scrollToColumn(i)}
              aria-current={i === active ? "true" : undefined}
              className={`shrink-0 rounded-full border px-3 py-1 text-xs font-medium ${
                i === active ? "border-brand-600 bg-brand-700 text-white" : "border-slate-200 bg-white text-slate-700"
              }`}
            >
              {promptTitle(t, p)} <span className="opacity-70">{props.board.notes.filter((n) => n.promptId === p.id).length}</span>
            </button>
          ))}
        </nav>
      ) : null}
      <div className="relative">
        <div
          ref={scroller}
          className="grid snap-x snap-mandatory auto-cols-[86%] grid-flow-col items-start gap-3 overflow-x-auto scroll-smooth pb-3 sm:auto-cols-[320px] md:snap-none md:auto-cols-[minmax(260px,1fr)]"
          data-testid="vision-board"
          tabIndex={-1}
        >
          {prompts.map((p) => (
            <BoardColumn key={p.id} prompt={p} props={props} />
          ))}
          {props.facilitate && props.canEdit ? <AddPromptTile doc={props.doc} prompts={prompts} /> : null}
        </div>
        {edges.left ? (
          <div className="pointer-events-none absolute inset-y-0 left-0 hidden w-16 items-start bg-gradient-to-r from-slate-50 to-transparent pt-3 md:flex">
            <button type="button" className={arrow} aria-label={t("vision.board.scrollLeft")} onClick={() => page(-1)}>
              <ChevronLeftIcon />
            </button>
          </div>
        ) : null}
        {edges.right ? (
          <div className="pointer-events-none absolute inset-y-0 right-0 hidden w-16 items-start justify-end bg-gradient-to-l from-slate-50 to-transparent pt-3 md:flex">
            <button type="button" className={arrow} aria-label={t("vision.board.scrollRight")} onClick={() => page(1)}>
              <ChevronRightIcon />
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
