/**
 * Step 1, define the vision: the live workshop board (`vision:<boardId>`, edited through the
 * collaboration socket), its facilitation state (`vision-control:<boardId>`, read-only mirror of
 * the rows; changed only by the actions below), evidence and the published vision.
 * Without a board it keeps the step's empty-state page, with "create a board" for the facilitator.
 *
 * Layout: a pinned workshop bar (agenda section, countdown, vote, done; facilitator controls) over
 * four tabs kept in `?tab=`: Board · Results · Evidence · Vision & standards.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { useTranslation } from "~/i18n/react";
import { colorFor } from "~/collab/presence";
import { useCollabDoc } from "~/collab/use-collab-doc";
import { StepPage } from "~/components/program/step-page";
import { RouteError } from "~/components/route-error";
import { Alert, Button, Field, Input, PageHeader } from "~/components/ui";
import { ChevronDownIcon, PlusIcon, UsersIcon } from "~/components/ui/icons";
import { CollabStatusBadge } from "~/components/collab/collab-status-badge";
import { EvidencePanel } from "~/components/vision/evidence-panel";
import { OutputPanel } from "~/components/vision/output-panel";
import { useDocValue } from "~/components/vision/shared";
import { VisionBoardColumns } from "~/components/vision/vision-board";
import { useTabHref, useVisionTab, VisionTabs } from "~/components/vision/vision-tabs";
import { VoteResults } from "~/components/vision/vote-results";
import { WorkshopBar } from "~/components/vision/workshop-bar";
import { requireProgram } from "~/models/access.server";
import { programStepStatuses } from "~/models/steps.server";
import { EMPTY_CONTROL, readBoardContent, readControlState, type VisionBoardContent } from "~/models/vision-doc";
import { pageTitle } from "~/utils/root-data";
import { loadVisionPage, visionPageAction } from "~/utils/vision-page.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steps.vision.name");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const data = await loadVisionPage(ctx, new URL(request.url));
  const state = data.board ? "in_progress" : ((await programStepStatuses(ctx.program)).find((s) => s.key === "vision")?.state ?? "not_started");
  return json({ ...data, state });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  return visionPageAction(ctx, request);
}

const EMPTY_BOARD: VisionBoardContent = { prompts: [], notes: [], clusters: [] };

/** Switching tabs changes only `?tab=`: nothing to reload (the live docs keep the board current). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (formMethod || currentUrl.href === nextUrl.href || currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const p = new URLSearchParams(u.search);
    p.delete("tab");
    p.sort();
    return p.toString();
  };
  return strip(currentUrl) === strip(nextUrl) ? false : defaultShouldRevalidate;
};

function CreateBoard({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok?: boolean; error?: { message: string; fields?: Record<string, string> } }>();
  return (
    <div className={compact ? "" : "mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"}>
      <fetcher.Form method="post" className={compact ? "space-y-3" : "flex flex-wrap items-end gap-3"}>
        <input type="hidden" name="intent" value="createBoard" />
        <Field label={t("vision.page.boardTitle")} error={fetcher.data?.error?.fields?.title ?? null}>
          <Input name="title" maxLength={120} defaultValue={t("vision.page.defaultTitle")} data-testid="board-title" />
        </Field>
        <Button type="submit" size={compact ? "sm" : "md"} busy={fetcher.state !== "idle"} data-testid="create-board">
          {t("vision.page.createBoard")}
        </Button>
      </fetcher.Form>
      {fetcher.data?.error && !fetcher.data.error.fields ? <p className="mt-2 text-sm text-red-700">{fetcher.data.error.message}</p> : null}
    </div>
  );
}

/** "New workshop" in the page header: a small disclosure rather than a permanent form. */
function NewBoardDisclosure() {
  const { t } = useTranslation();
  return (
    <details className="group relative">
      <summary className="inline-flex h-9 cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 [&::-webkit-details-marker]:hidden">
        <PlusIcon className="h-4 w-4" />
        {t("vision.page.newBoardShort")}
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
        <p className="mb-3 text-sm font-medium text-slate-900">{t("vision.page.newBoard")}</p>
        <CreateBoard compact />
      </div>
    </details>
  );
}

function TabCount({ children, tone = "neutral" }: { children: React.ReactNode; tone?: "neutral" | "violet" }) {
  return (
    <span className={`rounded-full px-1.5 py-0.5 text-[11px] font-semibold tabular-nums leading-none ${tone === "violet" ? "bg-violet-100 text-violet-800" : "bg-slate-100 text-slate-600"}`}>
      {children}
    </span>
  );
}

function LiveBoard() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const board = data.board!;
  const tab = useVisionTab();
  const tabHref = useTabHref();
  const user = useMemo(() => ({ ...data.me, color: colorFor(data.me.id) }), [data.me]);
  const live = useCollabDoc(board.docName, user);
  const controlLive = useCollabDoc(board.controlDocName, user);
  const content = useDocValue(live.doc, readBoardContent, EMPTY_BOARD);
  const control = useDocValue(controlLive.doc, readControlState, EMPTY_CONTROL);
  const revalidator = useRevalidator();
  // A vote round opened, closed or revealed elsewhere: reload my ballot and the results.
  const voteKey = control.vote ? `${control.vote.roundId}:${control.vote.status}` : "";
  useEffect(() => {
    if (voteKey && revalidator.state === "idle") revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [voteKey]);
  const canEdit = data.perms.participate && (!control.locked || data.perms.facilitate);
  const ballot = data.ballot && control.vote?.status === "open" && control.vote.roundId === data.ballot.roundId ? data.ballot : null;
  const revealed = control.vote?.status === "revealed" && control.vote.results ? new Map(control.vote.results.map((r) => [r.targetId, r.votes])) : null;

  return (
    <div>
      <VisionTabs
        counts={{
          board: <TabCount>{content.notes.length}</TabCount>,
          results: revealed ? <TabCount tone="violet">{t("vision.tabs.revealed")}</TabCount> : undefined,
          evidence: data.evidence.length ? <TabCount>{data.evidence.length}</TabCount> : undefined,
          vision: data.overview.published ? <TabCount>v{data.overview.published.version}</TabCount> : undefined,
        }}
        extra={
          <>
            <CollabStatusBadge status={live.status} unsynced={live.unsynced} />
            <span className="inline-flex items-center gap-1 text-xs text-slate-600">
              <UsersIcon className="h-4 w-4 text-slate-400" />
              {t("vision.page.people", { count: live.peers.length + 1 })}
            </span>
          </>
        }
      />
      <WorkshopBar
        boardId={board.id}
        control={control}
        me={data.me}
        perms={data.perms}
        ballot={ballot}
        progress={data.progress}
        resultsHref={tabHref("results")}
      />
      {tab === "board" ? (
        <div className="space-y-3">
          {!data.perms.participate ? (
            <Alert tone="info">
              <span data-testid="read-only">{t("vision.page.readOnly")}</span>
            </Alert>
          ) : control.locked && !data.perms.facilitate ? (
            <Alert tone="warning">{t("vision.errors.boardLocked")}</Alert>
          ) : null}
          <VisionBoardColumns
            doc={live.doc}
            board={content}
            control={control}
            me={data.me}
            canEdit={canEdit}
            facilitate={data.perms.facilitate}
            programId={data.programId}
            ballot={ballot}
            revealed={revealed}
          />
        </div>
      ) : tab === "results" ? (
        <VoteResults board={content} control={control} facilitate={data.perms.facilitate} />
      ) : tab === "evidence" ? (
        <EvidencePanel programId={data.programId} boardId={board.id} items={data.evidence} detail={data.evidenceDetail} canEdit={data.perms.edit} />
      ) : (
        <OutputPanel
          key={`${data.overview.published?.version ?? 0}`}
          boardId={board.id}
          draft={data.overview.draft}
          published={data.overview.published}
          versions={data.overview.versions}
          compare={data.compare}
          perms={data.perms}
        />
      )}
    </div>
  );
}

export default function VisionRoute() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  if (!data.board) {
    return (
      <div>
        {data.perms.facilitate ? (
          <div className="mx-auto w-full max-w-6xl px-4 pt-6 sm:px-6">
            <CreateBoard />
          </div>
        ) : null}
        <StepPage step="vision" state={data.state} />
      </div>
    );
  }
  return (
    <div className="px-4 pb-10 pt-5 sm:px-6 lg:px-8">
      <PageHeader
        className="mb-3"
        eyebrow={t("stepPage.eyebrow", { number: 1, total: 6 })}
        title={t("steps.vision.name")}
        description={t("steps.vision.short")}
        actions={
          <>
            {data.boards.length > 1 ? (
              <label className="relative inline-flex items-center">
                <span className="sr-only">{t("vision.page.boards")}</span>
                <select
                  className="h-9 appearance-none rounded-md border border-slate-300 bg-white pl-3 pr-8 text-sm font-medium text-slate-800 shadow-sm"
                  value={data.board.id}
                  onChange={(e) => {
                    const next = new URLSearchParams(params);
                    next.set("board", e.target.value);
                    next.delete("evidence");
                    setParams(next);
                  }}
                >
                  {data.boards.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.title}
                    </option>
                  ))}
                </select>
                <ChevronDownIcon className="pointer-events-none absolute right-2.5 h-4 w-4 text-slate-500" />
              </label>
            ) : (
              <span className="max-w-[16rem] truncate text-sm font-medium text-slate-700" data-testid="board-name">
                {data.board.title}
              </span>
            )}
            {data.perms.facilitate ? <NewBoardDisclosure /> : null}
          </>
        }
      />
      <LiveBoard key={data.board.id} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
