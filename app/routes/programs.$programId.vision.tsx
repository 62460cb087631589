/**
 * Step 1, define the vision: the live workshop board (`vision:<boardId>`, edited through the
 * collaboration socket), its facilitation state (`vision-control:<boardId>`, read-only mirror of
 * the rows; changed only by the actions below), evidence and the published vision.
 * Without a board it keeps the step's empty-state page, with "create a board" for the facilitator.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { colorFor } from "~/collab/presence";
import { useCollabDoc } from "~/collab/use-collab-doc";
import { CollabStatusBadge } from "~/components/collab/collab-status-badge";
import { StepPage } from "~/components/program/step-page";
import { RouteError } from "~/components/route-error";
import { Alert, Button, Card, CardBody, Field, Input, PageHeader } from "~/components/ui";
import { useDocValue, VisionBoardColumns } from "~/components/vision/vision-board";
import { EvidencePanel, FacilitationPanel, OutputPanel } from "~/components/vision/vision-panels";
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

function CreateBoard() {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok?: boolean; error?: { message: string; fields?: Record<string, string> } }>();
  return (
    <Card className="mb-6">
      <CardBody>
        <fetcher.Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="createBoard" />
          <Field label={t("vision.page.boardTitle")} error={fetcher.data?.error?.fields?.title ?? null}>
            <Input name="title" maxLength={120} defaultValue={t("vision.page.defaultTitle")} data-testid="board-title" />
          </Field>
          <Button type="submit" busy={fetcher.state !== "idle"} data-testid="create-board">
            {t("vision.page.createBoard")}
          </Button>
        </fetcher.Form>
        {fetcher.data?.error && !fetcher.data.error.fields ? <p className="mt-2 text-sm text-red-700">{fetcher.data.error.message}</p> : null}
      </CardBody>
    </Card>
  );
}

function LiveBoard() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const board = data.board!;
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
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <CollabStatusBadge status={live.status} unsynced={live.unsynced} />
        <span className="text-sm text-slate-600">{t("vision.page.people", { count: live.peers.length + 1 })}</span>
      </div>
      {!data.perms.participate ? (
        <Alert tone="info">
          <span data-testid="read-only">{t("vision.page.readOnly")}</span>
        </Alert>
      ) : control.locked && !data.perms.facilitate ? (
        <Alert tone="warning">{t("vision.errors.boardLocked")}</Alert>
      ) : null}
      <VisionBoardColumns doc={live.doc} board={content} control={control} me={data.me} canEdit={canEdit} programId={data.programId} ballot={ballot} revealed={revealed} />
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <FacilitationPanel boardId={board.id} control={control} board={content} me={data.me} perms={data.perms} ballot={ballot} progress={data.progress} />
        <EvidencePanel programId={data.programId} boardId={board.id} items={data.evidence} detail={data.evidenceDetail} canEdit={data.perms.edit} />
      </div>
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
    <div className="px-4 py-6 sm:px-6 lg:px-8">
      <PageHeader
        eyebrow={t("stepPage.eyebrow", { number: 1, total: 6 })}
        title={t("steps.vision.name")}
        description={t("steps.vision.short")}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {data.boards.length > 1 ? (
              <select
                className="h-9 rounded-md border border-slate-300 px-2 text-sm"
                aria-label={t("vision.page.boards")}
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
            ) : (
              <span className="text-sm font-medium text-slate-700" data-testid="board-name">
                {data.board.title}
              </span>
            )}
          </div>
        }
      />
      {data.perms.facilitate ? (
        <details className="mb-4">
          <summary className="cursor-pointer text-sm text-brand-700">{t("vision.page.newBoard")}</summary>
          <div className="mt-2">
            <CreateBoard />
          </div>
        </details>
      ) : null}
      <LiveBoard key={data.board.id} />
      <div className="mt-4">
        <OutputPanel
          key={`${data.overview.published?.version ?? 0}`}
          draft={data.overview.draft}
          published={data.overview.published}
          versions={data.overview.versions}
          compare={data.compare}
          perms={data.perms}
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
