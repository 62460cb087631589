/**
 * Step 5, the leaderboard: per month or quarter (`?period=month|quarter|2026-11|2026-Q4`), people
 * ranked by recognitions received and by ideas adopted — both defined on the page, ties sharing a
 * rank. Anyone may hide themselves from it (and come back); hidden people are listed to no one and
 * see "you are hidden" with their own numbers. A malformed or impossible period gets a clear
 * message. Intents: hide, show.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { EyeOffIcon, LightbulbIcon, TrophyIcon } from "~/components/ideas/idea-icons";
import { RouteError } from "~/components/route-error";
import { Alert, Avatar, Badge, Button, Card, CardBody, CardHeader, cn, Select } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { recentPeriods, type Period, type RankedTally } from "~/models/leaderboard";
import { getLeaderboard, leaderboardToday, requirePeriod, setLeaderboardHidden } from "~/models/leaderboard.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";
import { formatDate, formatNumber } from "~/utils/format";
import { pageTitle, useLocale } from "~/utils/root-data";
import { tFor } from "~/i18n/config";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "leaderboard.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const raw = new URL(request.url).searchParams.get("period");
  const today = leaderboardToday();
  const periods = recentPeriods(today).map((p) => ({ key: p.key, kind: p.kind, year: p.year, index: p.index }));
  try {
    const period = requirePeriod(raw, today);
    const board = await getLeaderboard(ctx, period);
    return json({ programId: ctx.program.id, me: ctx.user.id, periods, board, error: null, raw: raw ?? "" });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const t = tFor(ctx.locale);
    return json(
      { programId: ctx.program.id, me: ctx.user.id, periods, board: null, error: String(t(error.key, error.vars)), raw: raw ?? "" },
      { status: 400 },
    );
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "hide" && intent !== "show") return httpError(ctx.locale, 400);
  try {
    await setLeaderboardHidden(ctx, intent === "hide");
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
  const period = form.get("period");
  const query = typeof period === "string" && /^[\w-]{1,20}$/.test(period) ? `?period=${period}` : "";
  return redirect(`/programs/${ctx.program.id}/frontline/leaderboard${query}`);
}

function usePeriodName() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (p: Pick<Period, "kind" | "year" | "index">) =>
    p.kind === "month"
      ? new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(p.year, p.index - 1, 1)))
      : String(t("leaderboard.quarterName", { year: p.year, quarter: p.index }));
}

const MEDAL = ["bg-amber-100 text-amber-900 ring-amber-300", "bg-slate-100 text-slate-800 ring-slate-300", "bg-orange-100 text-orange-900 ring-orange-300"];

function Ranking({ title, icon, rows, me, empty, unit, testId }: { title: string; icon: React.ReactNode; rows: RankedTally[]; me: string; empty: string; unit: string; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card className="min-w-0" data-testid={testId}>
      <CardHeader
        title={
          <span className="inline-flex items-center gap-2">
            {icon}
            {title}
          </span>
        }
      />
      {rows.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-slate-600">{empty}</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">{t("leaderboard.rank")}</th>
              <th scope="col">{t("leaderboard.person")}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.userId} className={cn("border-t border-slate-100 first:border-t-0", r.userId === me && "bg-brand-50/60")} data-testid="leaderboard-row">
                <td className="w-14 py-2.5 pl-4 sm:pl-5">
                  <span
                    className={cn(
                      "inline-flex h-7 w-7 items-center justify-center rounded-full text-xs font-semibold tabular-nums ring-1",
                      r.rank <= 3 ? MEDAL[r.rank - 1] : "bg-white text-slate-600 ring-slate-200",
                    )}
                  >
                    {r.rank}
                  </span>
                </td>
                <td className="py-2.5">
                  <span className="flex min-w-0 items-center gap-2">
                    <Avatar name={r.name} seed={r.userId} size="sm" />
                    <span className="truncate font-medium text-slate-900">{r.name}</span>
                    {r.userId === me ? <Badge tone="brand">{t("leaderboard.you")}</Badge> : null}
                  </span>
                </td>
                <td className="py-2.5 pr-4 text-right tabular-nums sm:pr-5">
                  <span className="text-base font-semibold text-slate-900">{formatNumber(r.count, locale)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export default function LeaderboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const nav = useNavigation();
  const periodName = usePeriodName();
  const board = data.board;
  const selected = board?.period.key ?? "";
  const pill = (active: boolean) =>
    cn("rounded-full px-3 py-1.5 text-sm font-medium", active ? "bg-slate-900 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50");
  const thisMonth = data.periods.find((p) => p.kind === "month");
  return (
    <div className="space-y-5" data-testid="leaderboard">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <nav className="flex flex-wrap items-center gap-2" aria-label={t("leaderboard.period")}>
          <Link to="?period=month" className={pill(!!board && board.period.current && board.period.kind === "month")} data-testid="period-month">
            {t("leaderboard.thisMonth")}
          </Link>
          <Link to="?period=quarter" className={pill(!!board && board.period.current && board.period.kind === "quarter")} data-testid="period-quarter">
            {t("leaderboard.thisQuarter")}
          </Link>
        </nav>
        <Form method="get" className="flex items-end gap-2">
          <label className="min-w-0">
            <span className="mb-1 block text-sm font-medium text-slate-800">{t("leaderboard.period")}</span>
            <Select name="period" defaultValue={selected} key={selected} className="w-48 max-w-full">
              {!selected ? <option value="">{t("leaderboard.pickPeriod")}</option> : null}
              <optgroup label={t("leaderboard.months")}>
                {data.periods
                  .filter((p) => p.kind === "month")
                  .map((p) => (
                    <option key={p.key} value={p.key}>
                      {periodName(p)}
                    </option>
                  ))}
              </optgroup>
              <optgroup label={t("leaderboard.quarters")}>
                {data.periods
                  .filter((p) => p.kind === "quarter")
                  .map((p) => (
                    <option key={p.key} value={p.key}>
                      {periodName(p)}
                    </option>
                  ))}
              </optgroup>
            </Select>
          </label>
          <Button type="submit" variant="secondary">
            {t("leaderboard.show")}
          </Button>
        </Form>
      </div>

      {data.error ? (
        <div data-testid="period-error">
          <Alert tone="danger" title={t("leaderboard.errors.title")}>
            {data.error}{" "}
            {thisMonth ? (
              <Link to="?period=month" className="font-medium underline">
                {t("leaderboard.errors.back", { period: periodName(thisMonth) })}
              </Link>
            ) : null}
          </Alert>
        </div>
      ) : null}

      {board ? (
        <>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold text-slate-900" data-testid="period-title">
              {periodName(board.period)}
              {board.period.current ? <span className="ml-2 text-sm font-normal text-slate-500">{t("leaderboard.soFar")}</span> : null}
            </h2>
            <p className="text-xs text-slate-500">
              {t("leaderboard.range", { from: formatDate(board.period.firstDay, locale), to: formatDate(board.period.lastDay, locale) })}
            </p>
          </div>

          <Card data-testid="my-standing">
            <CardBody className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 space-y-1">
                {board.me.hidden ? (
                  <p className="flex items-center gap-2 font-medium text-slate-900" data-testid="you-are-hidden">
                    <EyeOffIcon className="h-4 w-4 text-slate-500" />
                    {t("leaderboard.hidden.title")}
                  </p>
                ) : (
                  <p className="font-medium text-slate-900">{t("leaderboard.mine.title")}</p>
                )}
                <p className="text-sm text-slate-600">
                  {t("leaderboard.mine.numbers", {
                    recognitions: t("leaderboard.mine.recognitions", { count: board.me.recognitions }),
                    ideas: t("leaderboard.mine.ideas", { count: board.me.ideasAdopted }),
                  })}
                  {board.me.hidden ? ` ${t("leaderboard.hidden.body")}` : ""}
                </p>
              </div>
              <Form method="post" className="shrink-0">
                <input type="hidden" name="period" value={data.raw} />
                <Button
                  type="submit"
                  name="intent"
                  value={board.me.hidden ? "show" : "hide"}
                  variant="secondary"
                  busy={nav.state === "submitting"}
                  className="w-full sm:w-auto"
                  data-testid="toggle-hidden"
                >
                  {board.me.hidden ? t("leaderboard.hidden.show") : t("leaderboard.hidden.hide")}
                </Button>
              </Form>
            </CardBody>
          </Card>

          <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
            <Ranking
              title={t("leaderboard.recognitions")}
              icon={<TrophyIcon className="h-5 w-5 text-amber-600" />}
              rows={board.recognitions}
              me={data.me}
              empty={t("leaderboard.emptyRecognitions")}
              unit={t("leaderboard.recognitionsUnit")}
              testId="board-recognitions"
            />
            <Ranking
              title={t("leaderboard.ideas")}
              icon={<LightbulbIcon className="h-5 w-5 text-brand-700" />}
              rows={board.ideasAdopted}
              me={data.me}
              empty={t("leaderboard.emptyIdeas")}
              unit={t("leaderboard.ideasUnit")}
              testId="board-ideas"
            />
          </div>
        </>
      ) : null}

      <Card>
        <CardHeader title={t("leaderboard.definition.title")} as="h2" />
        <CardBody>
          <dl className="space-y-3 text-sm leading-6 text-slate-700" data-testid="leaderboard-definition">
            <div>
              <dt className="font-medium text-slate-900">{t("leaderboard.recognitions")}</dt>
              <dd>{t("leaderboard.definition.recognitions")}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-900">{t("leaderboard.ideas")}</dt>
              <dd>{t("leaderboard.definition.ideas")}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-900">{t("leaderboard.definition.rulesTitle")}</dt>
              <dd>{t("leaderboard.definition.rules")}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
