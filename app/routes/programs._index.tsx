/** The programs of the active organisation that the user can see; onboarding when they belong to no organisation. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { OfficeBadge, ProgramRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import { ButtonLink, Card, EmptyState, PageHeader } from "~/components/ui";
import { BuildingIcon, ChevronRightIcon, DocumentIcon, PlusIcon } from "~/components/ui/icons";
import { localDescription, localName } from "~/models/org.server";
import { listVisiblePrograms } from "~/models/program.server";
import { formatDate } from "~/utils/format";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle, useLocale } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) return json({ org: null, canCreate: false, programs: [] });
  const programs = await listVisiblePrograms(user.id, activeOrg.id);
  return json({
    org: { id: activeOrg.id, name: localName(activeOrg, locale), role: activeOrg.role },
    canCreate: activeOrg.role === "admin",
    programs: programs.map((p) => ({
      id: p.id,
      name: localName(p, locale),
      description: localDescription(p, locale),
      createdAt: p.created_at,
      role: p.role,
      office: p.office,
    })),
  });
}

export default function ProgramsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { org, canCreate, programs } = useLoaderData<typeof loader>();

  if (!org) {
    return (
      <PageContainer className="max-w-3xl">
        <PageHeader title={t("onboarding.title")} description={t("onboarding.description")} />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Card className="flex flex-col p-5">
            <BuildingIcon className="h-6 w-6 text-brand-700" />
            <h2 className="mt-3 font-semibold text-slate-900">{t("onboarding.createTitle")}</h2>
            <p className="mt-1 flex-1 text-sm leading-6 text-slate-600">{t("onboarding.createBody")}</p>
            <ButtonLink to="/orgs/new" className="mt-4 self-start">
              {t("onboarding.createAction")}
            </ButtonLink>
          </Card>
          <Card className="flex flex-col p-5">
            <DocumentIcon className="h-6 w-6 text-brand-700" />
            <h2 className="mt-3 font-semibold text-slate-900">{t("onboarding.inviteTitle")}</h2>
            <p className="mt-1 flex-1 text-sm leading-6 text-slate-600">{t("onboarding.inviteBody")}</p>
          </Card>
        </div>
      </PageContainer>
    );
  }

  const newProgram = canCreate ? (
    <ButtonLink to="/programs/new">
      <PlusIcon className="h-4 w-4" />
      {t("programs.new.action")}
    </ButtonLink>
  ) : null;

  return (
    <PageContainer>
      <PageHeader
        eyebrow={org.name}
        title={t("programs.title")}
        description={t("programs.description")}
        actions={newProgram}
      />
      {programs.length === 0 ? (
        <EmptyState
          icon={<DocumentIcon className="h-5 w-5" />}
          title={t("programs.empty.title")}
          actions={newProgram}
        >
          {canCreate ? t("programs.empty.admin") : t("programs.empty.member")}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="program-list">
          {programs.map((p) => (
            <li key={p.id}>
              <Link
                to={`/programs/${p.id}`}
                className="group flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              >
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold text-slate-900 group-hover:text-brand-800">{p.name}</h2>
                  <ChevronRightIcon className="mt-0.5 h-4 w-4 shrink-0 text-slate-400 group-hover:text-brand-700" />
                </div>
                {p.description ? <p className="mt-2 line-clamp-3 flex-1 text-sm leading-6 text-slate-600">{p.description}</p> : <div className="flex-1" />}
                <div className="mt-4 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  {p.role ? <ProgramRoleBadge role={p.role} /> : null}
                  {p.office && !p.role ? <OfficeBadge /> : null}
                  <span>{t("programs.createdOn", { date: formatDate(p.createdAt, locale) })}</span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
