/**
 * The CX office's overview: where it sits (reporting to the CEO), its three teams — each with its
 * description, lead, members and what it owns in the portfolio (initiatives, red, amber) — the
 * programs it oversees and who holds the CX office role. Org admins and CX office members manage
 * the teams (intent=addMember | removeMember | setLead {teamId, userId}, intent=updateDescription
 * {teamId, description}); everyone else in the organisation reads. (The layout, office.tsx,
 * holds the page header and the sections.)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { OfficeTeamCard } from "~/components/office/office-team-card";
import { ReportingLine } from "~/components/office/reporting-line";
import { StepFeatures, StepPurpose } from "~/components/program/step-guide";
import { ProgramLinkList } from "~/components/program/program-link-list";
import { RouteError } from "~/components/route-error";
import { Alert, Avatar, ButtonLink, Card, CardHeader, EmptyState, PageHeader } from "~/components/ui";
import { DomainError } from "~/models/domain.server";
import { canManageOffice } from "~/models/office-teams";
import { addTeamMember, listOfficeTeams, officeCandidates, removeTeamMember, setTeamLead, updateTeamDescription } from "~/models/office-teams.server";
import { localName } from "~/models/org.server";
import { orgRoleSeesAllPrograms } from "~/models/permissions";
import { listPortfolio, teamStats } from "~/models/portfolio.server";
import { listVisiblePrograms } from "~/models/program.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "office.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) return json({ org: null, seesAll: false, canManage: false, programs: [], staff: [], teams: [], stats: {}, candidates: [] });
  const canManage = canManageOffice(activeOrg.role);
  const [programs, people, teams, portfolio] = await Promise.all([
    listVisiblePrograms(user.id, activeOrg.id),
    officeCandidates(activeOrg.id),
    listOfficeTeams(activeOrg.id),
    listPortfolio({ userId: user.id, orgId: activeOrg.id, locale }),
  ]);
  return json({
    org: { id: activeOrg.id, name: localName(activeOrg, locale), role: activeOrg.role },
    seesAll: orgRoleSeesAllPrograms(activeOrg.role),
    canManage,
    programs: programs.map((p) => ({ id: p.id, name: localName(p, locale), role: p.role, office: p.office })),
    staff: people.filter((m) => m.orgRole === "cx_office").map((m) => ({ id: m.id, name: m.name, email: m.email })),
    teams,
    stats: teamStats(portfolio),
    candidates: canManage ? people.map((p) => ({ id: p.id, name: p.name, email: p.email })) : [],
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) throw httpError(locale, 404);
  const form = await request.formData();
  const actor = { userId: user.id, orgId: activeOrg.id };
  const teamId = form.get("teamId");
  const intent = form.get("intent");
  try {
    if (intent === "addMember") await addTeamMember(actor, teamId, { userId: form.get("userId") ?? undefined });
    else if (intent === "removeMember") await removeTeamMember(actor, teamId, { userId: form.get("userId") ?? undefined });
    else if (intent === "setLead") await setTeamLead(actor, teamId, { userId: form.get("userId") ?? null });
    else if (intent === "updateDescription") await updateTeamDescription(actor, teamId, { description: form.get("description") ?? "" });
    else return httpError(locale, 400);
    return json({ ok: true });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(locale, error);
    throw error;
  }
}

export default function OfficePage() {
  const { t } = useTranslation();
  const { org, seesAll, canManage, programs, staff, teams, stats, candidates } = useLoaderData<typeof loader>();

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
    <div className="space-y-6">
      <Alert tone={seesAll ? "info" : "warning"}>{seesAll ? t("office.seesAll") : t("office.seesOwn")}</Alert>

      <ReportingLine orgName={org.name} teams={teams.map((tm) => ({ key: tm.key, leadName: tm.lead?.name ?? null }))} />

      <section aria-labelledby="teams-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="teams-heading" className="text-base font-semibold text-slate-900">
            {t("office.teamsTitle")}
          </h2>
          <p className="text-sm text-slate-600">{canManage ? t("officeTeams.youManage") : t("officeTeams.readOnly")}</p>
        </div>
        <ul className="grid grid-cols-1 items-start gap-4 lg:grid-cols-3" data-testid="office-teams">
          {teams.map((team) => (
            <OfficeTeamCard
              key={team.id}
              team={team}
              stats={stats[team.id] ?? { owned: 0, open: 0, red: 0, amber: 0 }}
              canManage={canManage}
              candidates={candidates}
            />
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
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
