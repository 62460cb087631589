/**
 * The priorities tab of a journey map: the prioritisation matrix (impact × effort or severity ×
 * reach) with pain points as draggable cards — a drop writes the live document, so everyone sees
 * the move — the ranked top-N list, the pain points flagged by triangulation with leadership's
 * review, and the program's triangulation margin. Live fields come from the shared doc of the map
 * layout; evidence, bottom-up scores and reviews from this route's loader (re-fetched on focus).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { requireProgram } from "~/models/access.server";
import { patchPainPoint } from "~/models/journey-doc";
import { getTriangulationSettings, mapTriangulation } from "~/models/pain-points.server";
import { DEFAULT_MATRIX_MODE, isMatrixMode, MATRIX_MODES, rankPainPoints, TOP_N_OPTIONS, type MatrixMode, type Scores } from "~/models/prioritisation";
import { useJourneyMap } from "~/components/journey/map-context";
import { EVIDENCE_CHANGED_EVENT, PainPointScores } from "~/components/journey/pain-point-scores";
import { FlaggedList, RankedList } from "~/components/journey/priorities/ranked-list";
import { MarginSettings } from "~/components/journey/priorities/margin-settings";
import { PriorityMatrix } from "~/components/journey/priorities/priority-matrix";
import { flagState, HowComputed } from "~/components/journey/priorities/triangulation-parts";
import type { PriorityItem } from "~/components/journey/priorities/types";
import { useJourneyContent } from "~/components/journey/use-journey-content";
import { RouteError } from "~/components/route-error";
import { Card, CardHeader, EmptyState, cn } from "~/components/ui";
import { InfoIcon } from "~/components/ui/icons";
import { runDomain } from "~/utils/domain-http.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "painPoints.priorities.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const [triangulation, settings] = await runDomain(ctx.locale, () =>
    Promise.all([mapTriangulation(ctx, params.mapId), getTriangulationSettings(ctx.program.id)]),
  );
  return json({ triangulation, settings }, { headers: { "Cache-Control": "private, no-store" } });
}

function ModePicker({ mode, onChange }: { mode: MatrixMode; onChange: (m: MatrixMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">{t("painPoints.priorities.mode")}</span>
      <div className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm" role="group" aria-label={t("painPoints.priorities.mode")}>
        {MATRIX_MODES.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            data-testid={`mode-${m}`}
            onClick={() => onChange(m)}
            className={cn("rounded px-3 py-1 font-medium", mode === m ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100")}
          >
            {t(`painPoints.priorities.modes.${m}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

export default function JourneyPrioritiesTab() {
  const { t } = useTranslation();
  const { programId, map, collab, canEdit, canReview } = useJourneyMap();
  const initial = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof loader>();
  const data = fetcher.data ?? initial;
  const { pathname } = useLocation();
  const content = useJourneyContent(collab.doc);
  const [params, setParams] = useSearchParams();
  const mode: MatrixMode = isMatrixMode(params.get("mode")) ? (params.get("mode") as MatrixMode) : DEFAULT_MATRIX_MODE;
  const topParam = Number(params.get("top"));
  const n = (TOP_N_OPTIONS as readonly number[]).includes(topParam) && params.has("top") ? topParam : 10;
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true, preventScrollReset: true });
  };

  const refresh = useCallback(() => {
    if (fetcher.state === "idle") fetcher.load(pathname);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname, fetcher.state]);

  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && refresh();
    window.addEventListener("focus", refresh);
    window.addEventListener(EVIDENCE_CHANGED_EVENT, refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("focus", refresh);
      window.removeEventListener(EVIDENCE_CHANGED_EVENT, refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  const ranked = useMemo(() => {
    if (!content) return [];
    const stageNames = new Map(content.stages.map((s) => [s.id, s.name]));
    const cards = new Map(content.cards.map((c) => [c.id, c]));
    const items: PriorityItem[] = content.painPoints.map((p) => {
      const ev = data.triangulation.byPainPoint[p.id];
      const bottomUp = ev?.bottomUp?.score ?? null;
      const flag = flagState(p.severity, bottomUp, data.settings.margin, ev?.lastReview);
      const tp = p.touchpointId ? cards.get(p.touchpointId) : undefined;
      return {
        ...p,
        bottomUp,
        flag,
        flagged: flag === "flagged",
        evidenceCount: ev?.evidence.total ?? 0,
        lastReview: ev?.lastReview ?? null,
        touchpoint: tp ? { text: tp.text, channel: tp.channel, stageName: stageNames.get(tp.stageId) ?? null } : null,
      };
    });
    return rankPainPoints(items, mode);
  }, [content, data, mode]);

  const onMove = (id: string, patch: Partial<Scores>) => {
    if (!canEdit || !collab.doc) return;
    patchPainPoint(collab.doc, id, patch);
  };

  const selected = selectedId ? ranked.find((p) => p.id === selectedId) : undefined;

  return (
    <div className="space-y-5 px-4 py-5 sm:px-6" data-testid="priorities-tab">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">{t("painPoints.priorities.title")}</h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("painPoints.priorities.description")}</p>
        </div>
        <ModePicker mode={mode} onChange={(m) => setParam("mode", m)} />
      </div>

      {!content ? (
        <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_24rem]" aria-busy>
          <div className="h-[32rem] animate-pulse rounded-lg bg-slate-100" />
          <div className="h-[32rem] animate-pulse rounded-lg bg-slate-100" />
        </div>
      ) : ranked.length === 0 ? (
        <EmptyState title={t("painPoints.priorities.empty")}>{t("painPoints.priorities.emptyBody")}</EmptyState>
      ) : (
        <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="min-w-0 space-y-5">
            <Card>
              <CardHeader
                title={t(`painPoints.priorities.modes.${mode}`)}
                description={
                  <span className="inline-flex items-center gap-1.5">
                    <InfoIcon className="h-4 w-4 text-slate-400" />
                    {canEdit ? t("painPoints.priorities.dragHint") : t("painPoints.priorities.readOnlyHint")}
                  </span>
                }
              />
              <div className="overflow-x-auto px-3 py-4 sm:px-5">
                <div className="min-w-[36rem]">
                  <PriorityMatrix mode={mode} items={ranked} canEdit={canEdit && !!collab.doc} selectedId={selectedId} onSelect={setSelectedId} onMove={onMove} />
                </div>
              </div>
            </Card>
            <RankedList mode={mode} ranked={ranked} n={n} onN={(v) => setParam("top", String(v))} selectedId={selectedId} onSelect={setSelectedId} />
          </div>
          <aside className="space-y-5">
            <Card data-testid="selected-pain-point">
              <CardHeader title={t("painPoints.priorities.selected")} as="h3" />
              <div className="px-5 py-4">
                {selected ? (
                  <div className="space-y-3">
                    <div>
                      <p className="font-medium text-slate-900">{selected.title}</p>
                      {selected.description ? <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-600">{selected.description}</p> : null}
                    </div>
                    <PainPointScores key={selected.id} programId={programId} mapId={map.id} painPointId={selected.id} canReview={canReview} onReviewed={refresh} />
                  </div>
                ) : (
                  <p className="text-sm text-slate-500">{t("painPoints.priorities.selectHint")}</p>
                )}
              </div>
            </Card>
            <FlaggedList mapId={map.id} items={ranked} canReview={canReview} onReviewed={refresh} onSelect={setSelectedId} />
            <MarginSettings programId={programId} settings={data.settings} canEdit={canReview} onSaved={refresh} />
            <HowComputed margin={data.settings.margin} />
          </aside>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
