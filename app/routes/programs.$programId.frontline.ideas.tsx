/**
 * Step 5, the idea box: frontline staff (anyone with idea.submit) send an idea — a title, the idea,
 * an optional photo from the phone's camera, optionally the journey map and touchpoint — into the
 * feedback inbox, addressed to the open small-loop cycle. Below: "My ideas" and "All ideas", each
 * with what became of it (triaged into a cycle, part of an initiative, done, or dismissed and why).
 * Viewers and the CX office read. Intent: submit (multipart).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { IdeaCard } from "~/components/ideas/idea-card";
import { IdeaForm } from "~/components/ideas/idea-form";
import { LightbulbIcon } from "~/components/ideas/idea-icons";
import { RouteError } from "~/components/route-error";
import { Alert, Card, CardBody, CardHeader, cn, EmptyState } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { countIdeas, ideaMapOptions, listIdeas, submitIdea } from "~/models/ideas.server";
import { can } from "~/models/permissions";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { isApiErrorBody } from "~/utils/http";
import { isMultipart, readIdeaMultipart } from "~/utils/idea-form.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideas.title");

const PAGE_SIZE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const sp = new URL(request.url).searchParams;
  const canSubmit = can(ctx.access, "idea.submit");
  const view = sp.get("view") === "all" || !canSubmit ? "all" : "mine";
  const page = Math.max(1, Number(sp.get("page")) || 1);
  const [list, mine, all, maps] = await Promise.all([
    listIdeas(ctx.program.id, { authorId: view === "mine" ? ctx.user.id : undefined, page, pageSize: PAGE_SIZE }),
    canSubmit ? countIdeas(ctx.program.id, ctx.user.id) : Promise.resolve(0),
    countIdeas(ctx.program.id),
    canSubmit ? ideaMapOptions(ctx.program.id) : Promise.resolve([]),
  ]);
  return json({
    programId: ctx.program.id,
    canSubmit,
    view,
    list,
    counts: { mine, all },
    maps,
    sent: sp.get("sent"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  try {
    if (!isMultipart(request)) return httpError(ctx.locale, 400);
    if (!can(ctx.access, "idea.submit")) throw new DomainError(403, "errors.forbidden");
    const { fields, photo } = await readIdeaMultipart(request);
    if (fields.intent !== "submit") return httpError(ctx.locale, 400);
    const idea = await submitIdea(ctx, fields, photo);
    return redirect(`/programs/${ctx.program.id}/frontline/ideas?sent=${idea.id}`);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

export default function IdeaBox() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [sp] = useSearchParams();
  const error = isApiErrorBody(actionData) ? actionData.error : null;
  const fields = error?.fields ?? {};
  const formError = error ? (fields._form ?? (Object.keys(fields).length ? null : error.message)) : null;
  const { list } = data;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const link = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(sp);
    p.delete("sent");
    for (const [k, v] of Object.entries(next)) (v === null ? p.delete(k) : p.set(k, v));
    const s = p.toString();
    return s ? `?${s}` : ".";
  };
  const tab = (key: "mine" | "all") =>
    cn(
      "-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium",
      data.view === key ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900",
    );
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
      {data.canSubmit ? (
        <Card className="lg:sticky lg:top-4">
          <CardHeader
            title={t("ideas.form.heading")}
            description={t("ideas.form.intro")}
            actions={
              data.counts.mine > 0 ? (
                <a href="#ideas-list" className="text-sm font-medium text-brand-700 hover:underline lg:hidden" data-testid="jump-to-ideas">
                  {t("ideas.list.jump", { count: data.counts.mine })}
                </a>
              ) : undefined
            }
          />
          <CardBody>
            {data.sent ? (
              <div data-testid="idea-sent" className="mb-4">
                <Alert tone="success" title={t("ideas.sent.title")}>
                  {t("ideas.sent.body")}{" "}
                  <Link to={`/programs/${data.programId}/frontline/ideas/${data.sent}`} className="font-medium underline">
                    {t("ideas.sent.view")}
                  </Link>
                </Alert>
              </div>
            ) : null}
            <IdeaForm key={data.sent ?? "new"} maps={data.maps} fields={fields} formError={formError} />
          </CardBody>
        </Card>
      ) : (
        <Alert tone="info" title={t("ideas.readOnly.title")}>
          {t("ideas.readOnly.body")}
        </Alert>
      )}

      <Card className="min-w-0 scroll-mt-4" id="ideas-list">
        <div className="flex flex-wrap items-end justify-between gap-2 border-b border-slate-200 px-4 pt-2 sm:px-5">
          <nav aria-label={t("ideas.list.label")} className="flex gap-1">
            {data.canSubmit ? (
              <Link to={link({ view: null, page: null })} className={tab("mine")} aria-current={data.view === "mine" ? "page" : undefined} data-testid="ideas-mine">
                {t("ideas.list.mine")} <span className="tabular-nums text-slate-500">{data.counts.mine}</span>
              </Link>
            ) : null}
            <Link to={link({ view: "all", page: null })} className={tab("all")} aria-current={data.view === "all" ? "page" : undefined} data-testid="ideas-all">
              {t("ideas.list.all")} <span className="tabular-nums text-slate-500">{data.counts.all}</span>
            </Link>
          </nav>
        </div>
        {list.items.length === 0 ? (
          <div className="p-4 sm:p-5">
            <EmptyState icon={<LightbulbIcon className="h-5 w-5" />} title={t(data.view === "mine" ? "ideas.list.emptyMine" : "ideas.list.emptyAll")}>
              {t("ideas.list.emptyBody")}
            </EmptyState>
          </div>
        ) : (
          <ul data-testid={`ideas-${data.view}-list`}>
            {list.items.map((idea) => (
              <IdeaCard key={idea.id} idea={idea} showAuthor={data.view === "all"} />
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm sm:px-5">
            {list.page > 1 ? (
              <Link to={link({ page: String(list.page - 1) })} className="text-brand-700 hover:underline">
                {t("ideas.list.prev")}
              </Link>
            ) : (
              <span />
            )}
            <span className="tabular-nums text-slate-600">{t("ideas.list.pageOf", { page: list.page, pages })}</span>
            {list.page < pages ? (
              <Link to={link({ page: String(list.page + 1) })} className="text-brand-700 hover:underline">
                {t("ideas.list.next")}
              </Link>
            ) : (
              <span />
            )}
          </div>
        ) : null}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
