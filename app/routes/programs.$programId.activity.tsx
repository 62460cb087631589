/** The program's activity: its audit log, filterable by person, artefact type and date range, newest first. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ActivityFeed, ActivityFilters } from "~/components/activity/activity-feed";
import { PageContainer } from "~/components/app-shell";
import { RouteError } from "~/components/route-error";
import { PageHeader } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { activityCursor } from "~/models/activity-cursor";
import { listAudit, listAuditFacets } from "~/models/audit.server";
import { listProgramMembers } from "~/models/membership.server";
import { localName } from "~/models/org.server";
import { activityEntry, parseActivityQuery } from "~/utils/activity-query.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activity.title");

const PAGE_SIZE = 25;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, locale } = await requireProgram(request, params.programId, "activity.view");
  const { raw, filter, errors, window } = parseActivityQuery(request, locale, "program");

  const [rows, facets, members] = await Promise.all([
    listAudit({ ...window, programId: program.id, limit: PAGE_SIZE + 1 }),
    listAuditFacets(program.id),
    listProgramMembers(program.id),
  ]);
  const names: Record<string, string> = {};
  for (const a of facets.actors) names[a.id] = a.name;
  for (const m of members) names[m.user_id] = m.name;

  const entries = rows.slice(0, PAGE_SIZE).map(activityEntry);
  return json({
    filter: { actor: raw.actor ?? "", type: raw.type ?? "", from: raw.from ?? "", to: raw.to ?? "", before: filter.before ?? "" },
    errors,
    facets,
    names,
    programName: localName(program, locale),
    entries,
    olderCursor: rows.length > PAGE_SIZE ? activityCursor(entries[entries.length - 1]) : null,
  });
}

export default function ActivityPage() {
  const { t } = useTranslation();
  const { filter, errors, facets, names, entries, olderCursor, programName } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.actor || filter.type || filter.from || filter.to);
  return (
    <PageContainer>
      <PageHeader title={t("activity.title")} description={t("activity.description")} />
      <ActivityFilters filter={filter} errors={errors} actors={facets.actors} entityTypes={facets.entityTypes} />
      <ActivityFeed entries={entries} names={names} programName={programName} filtered={filtered} before={filter.before} olderCursor={olderCursor} />
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
