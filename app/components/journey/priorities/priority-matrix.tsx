/**
 * The 5×5 prioritisation matrix. Each pain point is a card in the cell of its two scores; editors
 * drag a card to another cell (or select it and use the arrow keys), which writes the two fields
 * into the live document, so everyone sees the card move at once.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { cellOf, cellPatch, MATRIX_AXES, QUADRANTS, quadrantOf, SCALE, type MatrixMode, type Quadrant, type Scores } from "~/models/prioritisation";
import { cn } from "~/components/ui";
import type { RankedItem } from "./types";

const DRAG_TYPE = "application/x-cx-pain-point";

export const QUADRANT_STYLE: Record<Quadrant, { cell: string; swatch: string; label: string }> = {
  quickWins: { cell: "bg-emerald-50/80", swatch: "bg-emerald-200", label: "text-emerald-800" },
  majorProjects: { cell: "bg-sky-50/80", swatch: "bg-sky-200", label: "text-sky-800" },
  fillIns: { cell: "bg-slate-50", swatch: "bg-slate-200", label: "text-slate-600" },
  moneyPits: { cell: "bg-rose-50/70", swatch: "bg-rose-200", label: "text-rose-800" },
  fixFirst: { cell: "bg-red-50/80", swatch: "bg-red-200", label: "text-red-800" },
  targeted: { cell: "bg-amber-50/80", swatch: "bg-amber-200", label: "text-amber-800" },
  papercuts: { cell: "bg-sky-50/80", swatch: "bg-sky-200", label: "text-sky-800" },
  monitor: { cell: "bg-slate-50", swatch: "bg-slate-200", label: "text-slate-600" },
};

/** The cell of each quadrant where its name is written: its outermost corner. */
function isLabelCell(mode: MatrixMode, q: Quadrant, x: number, y: number): boolean {
  const corners: Record<Quadrant, [number, number]> = {
    quickWins: [1, 5],
    majorProjects: [5, 5],
    fillIns: [1, 1],
    moneyPits: [5, 1],
    fixFirst: [5, 5],
    targeted: [1, 5],
    papercuts: [5, 1],
    monitor: [1, 1],
  };
  return QUADRANTS[mode].includes(q) && corners[q][0] === x && corners[q][1] === y;
}

export function PriorityMatrix({
  mode,
  items,
  canEdit,
  selectedId,
  onSelect,
  onMove,
}: {
  mode: MatrixMode;
  items: RankedItem[];
  canEdit: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (id: string, patch: Partial<Scores>) => void;
}) {
  const { t } = useTranslation();
  const axes = MATRIX_AXES[mode];
  const xName = t(`painPoints.priorities.axes.${axes.x}`);
  const yName = t(`painPoints.priorities.axes.${axes.y}`);
  const [over, setOver] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const focusAfterMove = useRef<string | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  // A card moved by keyboard is a new element in another cell: give it the focus back.
  useEffect(() => {
    const id = focusAfterMove.current;
    if (!id || !gridRef.current) return;
    const el = gridRef.current.querySelector<HTMLElement>(`[data-pp-chip="${CSS.escape(id)}"]`);
    if (el && document.activeElement !== el) {
      el.focus();
      focusAfterMove.current = null;
    }
  }, [items]);

  const byCell = new Map<string, RankedItem[]>();
  for (const p of items) {
    const c = cellOf(p, mode);
    const k = `${c.x}:${c.y}`;
    (byCell.get(k) ?? byCell.set(k, []).get(k)!).push(p);
  }

  const move = (p: RankedItem, x: number, y: number) => {
    const from = cellOf(p, mode);
    if (from.x === x && from.y === y) return;
    onMove(p.id, cellPatch(mode, x, y));
    setAnnounce(t("painPoints.priorities.moved", { title: p.title, x: xName, xValue: x, y: yName, yValue: y }));
  };

  const onKey = (p: RankedItem, e: React.KeyboardEvent) => {
    if (!canEdit) return;
    const c = cellOf(p, mode);
    const delta: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    const x = Math.min(5, Math.max(1, c.x + d[0]));
    const y = Math.min(5, Math.max(1, c.y + d[1]));
    focusAfterMove.current = p.id;
    move(p, x, y);
  };

  return (
    <div data-testid="priority-matrix" data-mode={mode}>
      <div>
        <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
          ↑ {yName} <span className="font-normal normal-case text-slate-400">({t("painPoints.priorities.low")} → {t("painPoints.priorities.high")})</span>
        </p>
        <div ref={gridRef} className="grid grid-cols-[1.25rem_repeat(5,minmax(0,1fr))] gap-1" role="grid" aria-label={`${yName} × ${xName}`}>
          {[...SCALE].reverse().map((y) => (
            <div key={y} role="row" className="contents">
              <div className="flex items-center justify-center text-xs font-medium tabular-nums text-slate-500" aria-hidden>
                {y}
              </div>
              {SCALE.map((x) => {
                const k = `${x}:${y}`;
                const q = quadrantOf(mode, x, y);
                const cellItems = byCell.get(k) ?? [];
                return (
                  <div
                    key={k}
                    role="gridcell"
                    aria-label={t("painPoints.priorities.cellLabel", { x: xName, xValue: x, y: yName, yValue: y })}
                    data-testid={`cell-${x}-${y}`}
                    className={cn(
                      "relative flex min-h-[5.5rem] flex-col gap-1 rounded-md border p-1.5 transition-colors",
                      q ? QUADRANT_STYLE[q].cell : "bg-white",
                      over === k ? "border-brand-500 ring-2 ring-brand-500/30" : "border-slate-200",
                    )}
                    onDragOver={(e) => {
                      if (!canEdit || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
                      e.preventDefault();
                      e.dataTransfer.dropEffect = "move";
                      if (over !== k) setOver(k);
                    }}
                    onDragLeave={(e) => {
                      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === k ? null : o));
                    }}
                    onDrop={(e) => {
                      setOver(null);
                      if (!canEdit) return;
                      const id = e.dataTransfer.getData(DRAG_TYPE);
                      const p = items.find((i) => i.id === id);
                      if (!p) return;
                      e.preventDefault();
                      move(p, x, y);
                    }}
                  >
                    {q && isLabelCell(mode, q, x, y) ? (
                      <span className={cn("text-[10px] font-semibold uppercase tracking-wide", QUADRANT_STYLE[q].label)}>
                        {t(`painPoints.priorities.quadrants.${q}.title`)}
                      </span>
                    ) : null}
                    <div className="flex max-h-40 flex-col gap-1 overflow-y-auto">
                      {cellItems.map((p) => (
                        <button
                          key={p.id}
                          type="button"
                          draggable={canEdit}
                          data-pp-chip={p.id}
                          data-testid="matrix-card"
                          title={p.touchpoint ? `${p.title} — ${p.touchpoint.text}` : p.title}
                          aria-pressed={selectedId === p.id}
                          onClick={() => onSelect(p.id)}
                          onKeyDown={(e) => onKey(p, e)}
                          onDragStart={(e) => {
                            e.dataTransfer.setData(DRAG_TYPE, p.id);
                            e.dataTransfer.setData("text/plain", p.title);
                            e.dataTransfer.effectAllowed = "move";
                          }}
                          onDragEnd={() => setOver(null)}
                          className={cn(
                            "flex w-full items-start gap-1.5 rounded border bg-white px-1.5 py-1 text-left text-xs leading-4 text-slate-800 shadow-sm",
                            "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
                            canEdit ? "cursor-grab active:cursor-grabbing hover:border-brand-400" : "cursor-pointer hover:border-slate-400",
                            p.flagged ? "border-red-300 border-l-[3px] border-l-red-500" : "border-slate-200",
                            selectedId === p.id && "ring-2 ring-brand-500",
                          )}
                        >
                          <span className="flex h-4 min-w-4 shrink-0 items-center justify-center rounded-full bg-slate-800 px-1 text-[10px] font-semibold tabular-nums text-white">
                            {p.rank}
                          </span>
                          <span className="line-clamp-2 min-w-0 flex-1 break-words">{p.title}</span>
                        </button>
                      ))}
                    </div>
                  </div>
                );
              })}
            </div>
          ))}
          <div aria-hidden />
          {SCALE.map((x) => (
            <div key={x} className="text-center text-xs font-medium tabular-nums text-slate-500" aria-hidden>
              {x}
            </div>
          ))}
        </div>
        <p className="mt-1 text-center text-xs font-semibold uppercase tracking-wide text-slate-600">
          {xName} → <span className="font-normal normal-case text-slate-400">({t("painPoints.priorities.low")} → {t("painPoints.priorities.high")})</span>
        </p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2" data-testid="quadrant-legend">
          {QUADRANTS[mode].map((q) => (
            <li key={q} className="flex items-start gap-2 text-xs leading-5">
              <span className={cn("mt-1 h-3 w-3 shrink-0 rounded-sm", QUADRANT_STYLE[q].swatch)} aria-hidden />
              <span>
                <span className="font-semibold text-slate-800">{t(`painPoints.priorities.quadrants.${q}.title`)}</span>
                <span className="text-slate-600"> — {t(`painPoints.priorities.quadrants.${q}.hint`)}</span>
              </span>
            </li>
          ))}
        </ul>
        <p className="sr-only" aria-live="polite">
          {announce}
        </p>
      </div>
    </div>
  );
}
