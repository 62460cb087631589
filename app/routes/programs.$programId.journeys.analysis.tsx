/**
 * Outside-in analysis of the program's customer feedback: counts by contact reason, segment and
 * channel, the trend, cross-channel hops and first-contact resolution, each clickable down to the
 * records. Filters live in the URL (?from&to&segment&channel&days). Empty: points to the import.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AnalysisView } from "~/components/journey/analysis/analysis-view";
import { JourneySubnav } from "~/components/journey/analysis/shared";
import { RouteError } from "~/components/route-error";
import { ButtonLink, EmptyState, PageHeader } from "~/components/ui";
import { ActivityIcon } from "~/components/ui/icons";
import { useTranslation } from "~/i18n/react";
import { db } from "~/db.server";
import { requireProgram } from "~/models/access.server";
import { analyseFeedback, hasFeedback } from "~/models/feedback-analysis.server";
import { filterFromParams } from "~/models/feedback-records.server";
import { listJourneyMaps } from "~/models/journey-maps.server";
import { can } from "~/models/permissions";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "analysis.title");

const DAYS = [1, 3, 7, 14, 30];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const actor = { program: ctx.program, access: ctx.access, user: ctx.user };
  const sp = new URL(request.url).searchParams;
  const f = filterFromParams(sp);
  const daysParam = Number(sp.get("days"));
  const days = DAYS.includes(daysParam) ? daysParam : 7;
  const filters = { from: f.from ?? "", to: f.to ?? "", segment: f.segment ?? "", channel: f.channel ?? "", days };
  const canEdit = can(ctx.access, "journey.edit");
  if (!(await hasFeedback(ctx.program.id))) {
    return json({ programId: ctx.program.id, empty: true as const, canEdit, filters, analysis: null, maps: [] });
  }
  const analysis = await analyseFeedback(actor, { from: f.from, to: f.to, segment: f.segment, channel: f.channel }, days);
  let maps: { id: string; name: string; painPoints: { id: string; title: string }[] }[] = [];
  if (canEdit) {
    const list = await listJourneyMaps(ctx.program.id);
    const pains = list.length
      ? await db()
          .selectFrom("pain_points")
          .select(["map_id", "doc_object_id", "title"])
          .where("program_id", "=", ctx.program.id)
          .where("deleted_at", "is", null)
          .orderBy("title")
          .execute()
      : [];
    maps = list.map((m) => ({ id: m.id, name: m.name, painPoints: pains.filter((p) => p.map_id === m.id).map((p) => ({ id: p.doc_object_id, title: p.title })) }));
  }
  return json({ programId: ctx.program.id, empty: false as const, canEdit, filters, analysis, maps });
}

export default function AnalysisRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
      <PageHeader
        eyebrow={t("steps.painPoints.name")}
        title={t("analysis.title")}
        description={t("analysis.description")}
        actions={data.canEdit ? <ButtonLink to={`/programs/${data.programId}/journeys/import`} variant="secondary">{t("analysis.empty.action")}</ButtonLink> : null}
      />
      <JourneySubnav programId={data.programId} />
      {data.empty || !data.analysis ? (
        <EmptyState
          icon={<ActivityIcon className="h-5 w-5" />}
          title={t("analysis.empty.title")}
          actions={data.canEdit ? <ButtonLink to={`/programs/${data.programId}/journeys/import`}>{t("analysis.empty.action")}</ButtonLink> : null}
        >
          {t("analysis.empty.body")}
        </EmptyState>
      ) : (
        <AnalysisView programId={data.programId} analysis={data.analysis} filters={data.filters} canEdit={data.canEdit} maps={data.maps} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
