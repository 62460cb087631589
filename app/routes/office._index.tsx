/**
 * The CX office's overview: its purpose and three teams, the programs it oversees and who staffs it.
 * (The layout, office.tsx, holds the page header and the sections.)
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { StepFeatures, StepPurpose } from "~/components/program/step-guide";
import { ProgramLinkList } from "~/components/program/program-link-list";
import { RouteError } from "~/components/route-error";
import { Alert, Avatar, ButtonLink, Card, CardHeader, EmptyState, PageHeader } from "~/components/ui";
import { UsersIcon } from "~/components/ui/icons";
import { listOrgMembers, localName } from "~/models/org.server";
import { orgRoleSeesAllPrograms } from "~/models/permissions";
import { listVisiblePrograms } from "~/models/program.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "office.title");

const TEAMS = ["newCx", "callCenter", "analytics"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) return json({ org: null, seesAll: false, programs: [], staff: [] });
  const [programs, members] = await Promise.all([listVisiblePrograms(user.id, activeOrg.id), listOrgMembers(activeOrg.id)]);
  return json({
    org: { id: activeOrg.id, name: localName(activeOrg, locale), role: activeOrg.role },
    seesAll: orgRoleSeesAllPrograms(activeOrg.role),
    programs: programs.map((p) => ({ id: p.id, name: localName(p, locale), role: p.role, office: p.office })),
    staff: members.filter((m) => m.role === "cx_office").map((m) => ({ id: m.user_id, name: m.name, email: m.email, role: m.role })),
  });
}

export default function OfficePage() {
  const { t } = useTranslation();
  const { org, seesAll, programs, staff } = useLoaderData<typeof loader>();

  if (!org) {
    return (
      <PageContainer className="max-w-3xl">
        <PageHeader title={t("office.title")} />
        <EmptyState title={t("onboarding.title")} actions={<ButtonLink to="/orgs/new">{t("onboarding.createAction")}</ButtonLink>}>
          {t("office.noOrg")}
        </EmptyState>
      </PageContainer>
    );
  }

  return (
    <>
      <div className="space-y-6">
        <Alert tone={seesAll ? "info" : "warning"}>{seesAll ? t("office.seesAll") : t("office.seesOwn")}</Alert>

        <section aria-labelledby="teams-heading">
          <h2 id="teams-heading" className="mb-3 text-base font-semibold text-slate-900">
            {t("office.teamsTitle")}
          </h2>
          <ul className="grid grid-cols-1 gap-4 md:grid-cols-3">
            {TEAMS.map((team) => (
              <li key={team} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex items-center gap-2">
                  <span className="inline-flex h-8 w-8 items-center justify-center rounded-md bg-violet-50 text-violet-700">
                    <UsersIcon className="h-4 w-4" />
                  </span>
                  <h3 className="font-semibold text-slate-900">{t(`office.teams.${team}.name`)}</h3>
                </div>
                <p className="mt-2 text-sm leading-6 text-slate-600">{t(`office.teams.${team}.body`)}</p>
              </li>
            ))}
          </ul>
        </section>

        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardHeader title={t("office.programsTitle", { count: programs.length })} description={t("office.programsDescription")} />
            {programs.length === 0 ? (
              <div className="p-5">
                <EmptyState title={t("office.noPrograms")} />
              </div>
            ) : (
              <ProgramLinkList programs={programs} testId="office-programs" />
            )}
          </Card>
          <Card>
            <CardHeader title={t("office.staffTitle")} description={t("office.staffDescription")} />
            {staff.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-500">{t("office.noStaff")}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {staff.map((s) => (
                  <li key={s.id} className="flex items-center gap-3 px-5 py-3">
                    <Avatar name={s.name} seed={s.id} />
                    <div className="min-w-0">
                      <p className="truncate text-sm font-medium text-slate-900">{s.name}</p>
                      <p className="truncate text-xs text-slate-600">{s.email}</p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
          <StepPurpose step="improve" />
          <StepFeatures step="improve" />
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
