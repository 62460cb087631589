/**
 * One journey map (/programs/:programId/journeys/:mapId): the header (name, persona, live status,
 * who is here), the read-only banner of archived maps, and the tabs Canvas · Priorities · Key
 * questions. It opens the live doc `journey:<mapId>` ONCE and hands it to the tabs through the
 * Outlet context (JourneyMapOutletContext).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useMemo } from "react";
import xyflowStyles from "@xyflow/react/dist/style.css";
import { useTranslation } from "~/i18n/react";
import { colorFor } from "~/collab/presence";
import { useCollabDoc } from "~/collab/use-collab-doc";
import { CollabStatusBadge } from "~/components/collab/collab-status-badge";
import { PresenceAvatars } from "~/components/collab/presence-avatars";
import type { JourneyMapOutletContext } from "~/components/journey/map-context";
import { RouteError } from "~/components/route-error";
import { Alert, Badge } from "~/components/ui";
import { ChevronRightIcon, LockIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { journeyDocName } from "~/models/journey-doc";
import { requireJourneyMap } from "~/models/journey-maps.server";
import { can } from "~/models/permissions";
import { runDomain } from "~/utils/domain-http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: xyflowStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.map.name} · CX Workspace` : "CX Workspace" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const map = await runDomain(ctx.locale, () => requireJourneyMap(ctx, params.mapId));
  const archived = map.archived_at !== null;
  return json({
    programId: ctx.program.id,
    map: {
      id: map.id,
      name: map.name,
      persona: map.persona,
      description: map.description,
      docName: journeyDocName(map.id),
      archivedAt: map.archived_at,
    },
    canEdit: can(ctx.access, "journey.edit") && !archived,
    canReview: can(ctx.access, "approve"),
    me: { id: ctx.user.id, name: ctx.user.name },
  });
}

/** Switching tabs reloads nothing here: the live doc keeps the map current. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, currentParams, nextParams, defaultShouldRevalidate }) =>
  formMethod || currentParams.mapId !== nextParams.mapId ? defaultShouldRevalidate : false;

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `-mb-px inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium ${isActive ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`;

export default function JourneyMapLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const me = useMemo(() => ({ ...data.me, color: colorFor(data.me.id) }), [data.me]);
  const collab = useCollabDoc(data.map.docName, me);
  const context: JourneyMapOutletContext = {
    programId: data.programId,
    map: data.map,
    collab,
    me,
    canEdit: data.canEdit,
    canReview: data.canReview,
  };
  return (
    <div className="flex min-h-[calc(100vh-3.5rem)] flex-col">
      <div className="border-b border-slate-200 bg-white px-4 pt-3 sm:px-6">
        <nav className="flex items-center gap-1 text-xs text-slate-500" aria-label={t("journeyCanvas.breadcrumb")}>
          <Link to={`/programs/${data.programId}/journeys`} className="hover:text-brand-700">
            {t("journey.title")}
          </Link>
          <ChevronRightIcon className="h-3 w-3" />
          <span className="truncate">{data.map.name}</span>
        </nav>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="min-w-0">
            <h1 className="flex items-center gap-2 text-xl font-semibold text-slate-900" data-testid="map-name">
              <span className="truncate">{data.map.name}</span>
              {data.map.archivedAt ? (
                <Badge tone="neutral">
                  <LockIcon className="h-3 w-3" />
                  {t("journeyCanvas.archived")}
                </Badge>
              ) : null}
            </h1>
            <p className="mt-0.5 text-sm text-slate-600" data-testid="map-persona">
              {t("journeyCanvas.persona", { persona: data.map.persona })}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <PresenceAvatars me={me} peers={collab.peers} fieldLabel={(f) => f} />
            <CollabStatusBadge status={collab.status} unsynced={collab.unsynced} />
            {!data.canEdit && !data.map.archivedAt ? (
              <Badge tone="neutral" data-testid="read-only-badge">
                {t("journeyCanvas.readOnly")}
              </Badge>
            ) : null}
          </div>
        </div>
        {data.map.archivedAt ? (
          <div className="mt-2" data-testid="archived-banner">
            <Alert tone="warning">{t("journeyCanvas.archivedBanner")}</Alert>
          </div>
        ) : null}
        <nav className="mt-2 flex gap-1" aria-label={t("journeyCanvas.tabs")}>
          <NavLink end to="." className={tabClass} data-testid="tab-canvas">
            {t("journeyCanvas.tabCanvas")}
          </NavLink>
          <NavLink to="priorities" className={tabClass} data-testid="tab-priorities">
            {t("journeyCanvas.tabPriorities")}
          </NavLink>
          <NavLink to="questions" className={tabClass} data-testid="tab-questions">
            {t("journeyCanvas.tabQuestions")}
          </NavLink>
        </nav>
      </div>
      <div className="flex min-h-0 flex-1 flex-col">
        <Outlet context={context} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
