/** A page's sections as links styled like tabs (each section is its own route, so links and reloads land on it). */
import { useEffect, useRef } from "react";
import { NavLink, useLocation } from "@remix-run/react";

export interface SectionNavItem {
  to: string;
  label: string;
  /** Match the URL exactly (for the section at the layout's own path). */
  end?: boolean;
  testId?: string;
  badge?: React.ReactNode;
}

export function SectionNav({ label, items }: { label: string; items: SectionNavItem[] }) {
  const ref = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the row scrolls sideways: keep the current section in view.
  useEffect(() => {
    const nav = ref.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current) return;
    const left = current.offsetLeft - nav.offsetLeft;
    if (left < nav.scrollLeft || left + current.offsetWidth > nav.scrollLeft + nav.clientWidth) {
      nav.scrollLeft = Math.max(0, left - 16);
    }
  }, [pathname]);
  return (
    <nav ref={ref} aria-label={label} className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              prefetch="intent"
              data-testid={item.testId}
              className={({ isActive }) =>
                `-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
                  isActive ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`
              }
            >
              {item.label}
              {item.badge ?? null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
