/** The page's sections as tabs kept in the URL (`?tab=`), so links and reloads land on the same view. */
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export const VISION_TABS = ["board", "results", "evidence", "vision"] as const;
export type VisionTab = (typeof VISION_TABS)[number];

export function useVisionTab(): VisionTab {
  const [params] = useSearchParams();
  const tab = params.get("tab");
  return (VISION_TABS as readonly string[]).includes(tab ?? "") ? (tab as VisionTab) : "board";
}

/** The URL of a tab, keeping the board (and nothing tab-specific like the evidence or compared versions). */
export function useTabHref(): (tab: VisionTab) => string {
  const [params] = useSearchParams();
  return (tab) => {
    const next = new URLSearchParams();
    const board = params.get("board");
    if (board) next.set("board", board);
    if (tab !== "board") next.set("tab", tab);
    const s = next.toString();
    return s ? `?${s}` : "?";
  };
}

export function VisionTabs({ counts, extra }: { counts: Partial<Record<VisionTab, React.ReactNode>>; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const active = useVisionTab();
  const href = useTabHref();
  return (
    <div className="mb-1 flex items-end gap-3 border-b border-slate-200">
      <nav aria-label={t("vision.tabs.label")} className="-mx-4 min-w-0 flex-1 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1">
          {VISION_TABS.map((tab) => {
            const current = tab === active;
            return (
              <li key={tab}>
                <Link
                  to={href(tab)}
                  preventScrollReset
                  aria-current={current ? "page" : undefined}
                  data-testid={`tab-${tab}`}
                  className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
                    current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                  }`}
                >
                  {t(`vision.tabs.${tab}`)}
                  {counts[tab] ?? null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {extra ? <div className="hidden shrink-0 items-center gap-3 pb-2 md:flex">{extra}</div> : null}
    </div>
  );
}
