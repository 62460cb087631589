/** The program frame: its name, the user's standing in it, and the navigation through the six steps. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ProgramScrollerNav, ProgramSidebarNav } from "~/components/program/program-nav";
import { OfficeBadge, ProgramRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import { requireProgram } from "~/models/access.server";
import { getOrg, localDescription, localName } from "~/models/org.server";
import { ACTIONS, can, type Action } from "~/models/permissions";
import { pageTitleText } from "~/utils/root-data";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? pageTitleText(matches, data.program.name) : [];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, access, locale, user } = await requireProgram(request, params.programId);
  const org = await getOrg(program.org_id);
  const allowed = ACTIONS.filter((a) => can(access, a));
  return json({
    program: {
      id: program.id,
      name: localName(program, locale),
      description: localDescription(program, locale),
      createdAt: program.created_at,
      orgId: program.org_id,
    },
    orgName: org ? localName(org, locale) : "",
    access,
    allowed: allowed as Action[],
    userId: user.id,
  });
}

export default function ProgramLayout() {
  const { t } = useTranslation();
  const { program, access, orgName, allowed } = useLoaderData<typeof loader>();
  const badges = (
    <div className="flex flex-wrap items-center gap-1.5">
      {access.role ? <ProgramRoleBadge role={access.role} /> : null}
      {access.office ? <OfficeBadge /> : null}
    </div>
  );
  return (
    <div className="mx-auto flex w-full max-w-screen-2xl flex-col lg:min-h-[calc(100vh-3.5rem)] lg:flex-row">
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white lg:block">
        <div className="sticky top-14 max-h-[calc(100vh-3.5rem)] overflow-y-auto px-3 py-5">
          <div className="px-2.5 pb-5">
            <Link to="/programs" className="text-xs font-medium text-slate-500 hover:text-brand-700">
              {orgName || t("nav.programs")}
            </Link>
            <p className="mt-1 text-[15px] font-semibold leading-snug text-slate-900" data-testid="program-title">
              {program.name}
            </p>
            <div className="mt-2">{badges}</div>
          </div>
          <ProgramSidebarNav programId={program.id} allowed={allowed} />
        </div>
      </aside>
      <div className="border-b border-slate-200 bg-white px-4 pt-4 sm:px-6 lg:hidden">
        <Link to="/programs" className="text-xs font-medium text-slate-500 hover:text-brand-700">
          {orgName || t("nav.programs")}
        </Link>
        <div className="mb-3 mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <p className="text-base font-semibold text-slate-900">{program.name}</p>
          {badges}
        </div>
        <ProgramScrollerNav programId={program.id} allowed={allowed} />
      </div>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
