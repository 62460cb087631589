/** A section closed by default (archived items and the like): a summary line with a chevron, the grid of items below. */
import type { ReactNode } from "react";
import { cn } from "./cn";
import { ChevronDownIcon } from "./icons";

export function CollapsedSection({ summary, testId, gridClassName, children }: { summary: ReactNode; testId?: string; gridClassName: string; children: ReactNode }) {
  return (
    <details className="group rounded-lg border border-slate-200 bg-white" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3 text-sm font-medium text-slate-800 hover:bg-slate-50">
        {summary}
        <ChevronDownIcon className="h-4 w-4 text-slate-500 transition group-open:rotate-180" />
      </summary>
      <div className={cn(gridClassName, "border-t border-slate-100 p-4")}>{children}</div>
    </details>
  );
}
