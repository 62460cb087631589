/**
 * /office/activity: the organisation's activity feed — every change in every program (and in the
 * organisation itself) for the CX office and admins; for anyone else the programs whose activity
 * they may read. Filterable by program, person, artefact type and date range; newest first, paged
 * with a cursor. Rendered with the program activity page's sentences (components/activity).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ActivityFeed, ActivityFilters } from "~/components/activity/activity-feed";
import { RouteError } from "~/components/route-error";
import { Alert, ButtonLink, EmptyState } from "~/components/ui";
import { tFor } from "~/i18n/config";
import { useTranslation } from "~/i18n/react";
import { activityCursor } from "~/models/activity-cursor";
import { listOrgActivity, orgActivityFacets, orgActivityNames, orgActivityScope } from "~/models/org-activity.server";
import { localName } from "~/models/org.server";
import { activityEntry, parseActivityQuery } from "~/utils/activity-query.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "office.activity.title");

const PAGE_SIZE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) return json({ org: null } as const);
  const { raw, filter, errors, window } = parseActivityQuery(request, locale, "org");

  const scope = await orgActivityScope(user.id, activeOrg);
  const [rows, facets, names] = await Promise.all([
    listOrgActivity(scope, { ...window, programId: filter.program, limit: PAGE_SIZE + 1 }),
    orgActivityFacets(scope),
    orgActivityNames(scope),
  ]);
  const programNames = new Map(scope.programs.map((p) => [p.id, localName(p, locale)]));
  const orgName = localName(activeOrg, locale);
  const entries = rows.slice(0, PAGE_SIZE).map((r) => ({
    ...activityEntry(r),
    program: r.program_id ? { id: r.program_id, name: programNames.get(r.program_id) ?? "" } : null,
  }));
  return json({
    org: { name: orgName, seesAll: scope.seesAll },
    filter: { program: raw.program ?? "", actor: raw.actor ?? "", type: raw.type ?? "", from: raw.from ?? "", to: raw.to ?? "", before: filter.before ?? "" },
    errors,
    programs: scope.programs.map((p) => ({ id: p.id, name: p.archived ? `${programNames.get(p.id)} (${tFor(locale)("office.activity.archived")})` : programNames.get(p.id)! })),
    facets,
    names,
    entries,
    olderCursor: rows.length > PAGE_SIZE ? activityCursor(entries[entries.length - 1]) : null,
  });
}

export default function OfficeActivityPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (!data.org) {
    return (
      <EmptyState title={t("onboarding.title")} actions={<ButtonLink to="/orgs/new">{t("onboarding.createAction")}</ButtonLink>}>
        {t("office.noOrg")}
      </EmptyState>
    );
  }
  const { org, filter, errors, programs, facets, names, entries, olderCursor } = data;
  const filtered = Boolean(filter.program || filter.actor || filter.type || filter.from || filter.to);
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-1">
        <h2 className="text-base font-semibold text-slate-900">{t("office.activity.title")}</h2>
        <p className="text-sm text-slate-600">{t("office.activity.description", { org: org.name })}</p>
      </div>
      {org.seesAll ? null : <Alert tone="info">{t("office.activity.ownPrograms")}</Alert>}
      <ActivityFilters filter={filter} errors={errors} actors={facets.actors} entityTypes={facets.entityTypes} programs={programs} orgWide={org.seesAll} />
      <ActivityFeed
        entries={entries}
        names={names}
        filtered={filtered}
        before={filter.before}
        olderCursor={olderCursor}
        emptyBody={t("office.activity.emptyBody")}
        programHref={(id) => `/programs/${id}/activity`}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
