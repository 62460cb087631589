/**
 * The program's navigation: overview, the six steps in order, and the team pages. A sidebar on wide
 * screens; a horizontal scroller under the title on phones and tablets.
 */
import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { STEPS, stepHref } from "../../models/steps";
import { ActivityIcon, DocumentIcon, HomeIcon, UsersIcon } from "../ui/icons";
import { KpiIcon } from "../kpis/kpi-bits";
import { cn } from "../ui/cn";

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  number?: number;
  icon?: React.ReactNode;
  testId?: string;
}

function useNavGroups(programId: string, allowed: readonly string[]) {
  const { t } = useTranslation();
  const base = `/programs/${programId}`;
  const overview: NavItem[] = [
    { to: base, label: t("program.nav.home"), end: true, icon: <HomeIcon className="h-4 w-4" />, testId: "nav-home" },
    { to: `${base}/brief`, label: t("program.nav.brief"), icon: <DocumentIcon className="h-4 w-4" />, testId: "nav-brief" },
  ];
  const steps: NavItem[] = STEPS.flatMap((s) => [
    {
      to: stepHref(programId, s),
      label: t(`steps.${s.key}.name`),
      number: s.number,
      testId: `nav-step-${s.key}`,
    },
    // Step 4's KPI registry, right under its step.
    ...(s.key === "iterate" ? [{ to: `${base}/kpis`, label: t("kpis.nav"), icon: <KpiIcon className="h-4 w-4" />, testId: "nav-kpis" }] : []),
  ]);
  const team: NavItem[] = [
    { to: `${base}/members`, label: t("program.nav.members"), icon: <UsersIcon className="h-4 w-4" />, testId: "nav-members" },
    { to: `${base}/activity`, label: t("program.nav.activity"), icon: <ActivityIcon className="h-4 w-4" />, testId: "nav-activity" },
  ].filter((item) => item.testId !== "nav-activity" || allowed.includes("activity.view"));
  return [
    { key: "overview", title: t("program.nav.overview"), items: overview },
    { key: "steps", title: t("program.nav.steps"), items: steps },
    { key: "team", title: t("program.nav.team"), items: team },
  ];
}

function Marker({ item, active }: { item: NavItem; active: boolean }) {
  if (item.number) {
    return (
      <span
        className={cn(
          "inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold",
          active ? "bg-brand-700 text-white" : "bg-slate-200 text-slate-700",
        )}
        aria-hidden
      >
        {item.number}
      </span>
    );
  }
  return <span className={cn("shrink-0", active ? "text-brand-700" : "text-slate-500")}>{item.icon}</span>;
}

export function ProgramSidebarNav({ programId, allowed }: { programId: string; allowed: readonly string[] }) {
  const { t } = useTranslation();
  const groups = useNavGroups(programId, allowed);
  return (
    <nav aria-label={t("program.nav.label")} className="space-y-5">
      {groups.map((g) => (
        <div key={g.key}>
          <h2 className="px-2.5 text-[11px] font-semibold uppercase tracking-wider text-slate-500">{g.title}</h2>
          <ul className="mt-1.5 space-y-0.5">
            {g.items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  data-testid={item.testId}
                  className={({ isActive }) =>
                    cn(
                      "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
                      isActive ? "bg-brand-50 font-medium text-brand-900" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                    )
                  }
                >
                  {({ isActive }) => (
                    <>
                      <Marker item={item} active={isActive} />
                      <span className="truncate">{item.label}</span>
                    </>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function ProgramScrollerNav({ programId, allowed }: { programId: string; allowed: readonly string[] }) {
  const { t } = useTranslation();
  const items = useNavGroups(programId, allowed).flatMap((g) => g.items);
  return (
    <nav aria-label={t("program.nav.label")} className="-mx-4 overflow-x-auto px-4 [scrollbar-width:none] sm:-mx-6 sm:px-6">
      <ul className="flex min-w-max gap-1 pb-2">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                cn(
                  "flex items-center gap-1.5 whitespace-nowrap rounded-full border px-3 py-1.5 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
                  isActive ? "border-brand-200 bg-brand-50 font-medium text-brand-900" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
                )
              }
            >
              {({ isActive }) => (
                <>
                  <Marker item={item} active={isActive} />
                  {item.label}
                </>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
