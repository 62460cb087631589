/**
 * The organisation's central CX office (step 6, continuous improvement): the layout of its pages —
 * the office and its teams (office._index), the initiative portfolio (office.portfolio), the KPI
 * board and alerts (office.kpis), the CEO report (office.report) and the activity feed
 * (office.activity). Signed-in users without an organisation see the way to create one.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { OrgRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import { PageHeader, SectionNav } from "~/components/ui";
import { localName } from "~/models/org.server";
import { STEPS } from "~/models/steps";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "office.title");

const SECTIONS = ["overview", "portfolio", "kpis", "report", "activity"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, activeOrg } = await requireOrgContext(request);
  return json({ org: activeOrg ? { id: activeOrg.id, name: localName(activeOrg, locale), role: activeOrg.role } : null });
}

export default function OfficeLayout() {
  const { t } = useTranslation();
  const { org } = useLoaderData<typeof loader>();
  const number = STEPS.find((s) => s.key === "improve")?.number ?? 6;
  if (!org) return <Outlet />;
  return (
    <PageContainer>
      <PageHeader
        eyebrow={`${org.name} · ${t("stepPage.eyebrow", { number, total: STEPS.length })}`}
        title={t("office.title")}
        description={t("office.description")}
        actions={<OrgRoleBadge role={org.role} />}
        className="print:hidden"
      />
      <div className="print:hidden">
        <SectionNav
          label={t("office.nav.label")}
          items={SECTIONS.map((s) => ({
            to: s === "overview" ? "/office" : `/office/${s}`,
            end: s === "overview",
            label: t(`office.nav.${s}`),
            testId: `office-nav-${s}`,
          }))}
        />
      </div>
      <Outlet />
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
