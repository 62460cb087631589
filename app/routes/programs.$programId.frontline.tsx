/**
 * Step 5, empower the frontline: the layout of the step's pages — behaviour guidelines
 * (frontline._index), the recognition catalogue (frontline.catalogue), nominations and their
 * review (frontline.nominations*), the recognition wall (frontline.wall), the idea box
 * (frontline.ideas*) and the leaderboard (frontline.leaderboard). Works on a 390 px phone.
 */
import type { MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { useProgram } from "~/components/program/use-program";
import { RouteError } from "~/components/route-error";
import { PageHeader, SectionNav } from "~/components/ui";
import { STEPS } from "~/models/steps";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steps.frontline.name");

const SECTIONS = ["guidelines", "catalogue", "nominations", "wall", "ideas", "leaderboard"] as const;

export default function FrontlineLayout() {
  const { t } = useTranslation();
  const { program } = useProgram();
  const number = STEPS.find((s) => s.key === "frontline")?.number ?? 5;
  const base = `/programs/${program.id}/frontline`;
  return (
    <PageContainer>
      <PageHeader
        eyebrow={t("stepPage.eyebrow", { number, total: STEPS.length })}
        title={t("steps.frontline.name")}
        description={t("steps.frontline.short")}
      />
      <SectionNav
        label={t("frontline.nav.label")}
        items={SECTIONS.map((s) => ({
          to: s === "guidelines" ? base : `${base}/${s}`,
          end: s === "guidelines",
          label: t(`frontline.nav.${s}`),
          testId: `frontline-nav-${s}`,
        }))}
      />
      <Outlet />
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
