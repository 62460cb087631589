/** The canvas tab of a journey map: the live canvas over the map's shared doc (see the layout route). */
import { useTranslation } from "~/i18n/react";
import { JourneyCanvas } from "~/components/journey/canvas/journey-canvas";
import { useJourneyMap } from "~/components/journey/map-context";
import { RouteError } from "~/components/route-error";

export default function JourneyCanvasTab() {
  const { t } = useTranslation();
  const { programId, map, collab, me, canEdit, canReview } = useJourneyMap();
  return (
    <div className="h-[calc(100vh-12rem)] min-h-[30rem] border-b border-slate-200" data-testid="journey-canvas-tab">
      {collab.doc ? (
        <JourneyCanvas
          programId={programId}
          map={map}
          doc={collab.doc}
          awareness={collab.awareness}
          me={me}
          canEdit={canEdit}
          canReview={canReview}
          synced={collab.status === "synced"}
        />
      ) : (
        <div className="flex h-full items-center justify-center text-sm text-slate-500" data-testid="canvas-loading">
          <span className="mr-2 h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-r-transparent" aria-hidden />
          {t("journeyCanvas.loading")}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError compact />;
}
