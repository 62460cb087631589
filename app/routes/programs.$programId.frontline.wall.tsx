/**
 * Step 5, the recognition wall: every rewarded recognition of the program as a card — the nominee
 * (avatar, name), the behaviour, the story, the reward, who nominated and when — newest first,
 * filtered by behaviour and period (`?type=…&period=30d|90d|365d|all`), with older ones a page at a
 * time (`?after=` cursor). Read by everyone in the program, viewers and the CX office included;
 * built for frontline staff on a 390 px phone first.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { MedalIcon, QuoteIcon, RewardLine, useLocale } from "~/components/recognition/nomination-bits";
import { RouteError } from "~/components/route-error";
import { Avatar, Button, buttonClasses, EmptyState, Select } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { isWallPeriod, WALL_PERIODS, type WallPeriod } from "~/models/nominations";
import { can } from "~/models/permissions";
import { listWall, wallTypes, type WallCard } from "~/models/recognition-wall.server";
import { formatDate, formatNumber } from "~/utils/format";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "recognitionWall.title");

const DEFAULT_PERIOD: WallPeriod = "90d";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const sp = new URL(request.url).searchParams;
  const period = isWallPeriod(sp.get("period")) ? (sp.get("period") as WallPeriod) : DEFAULT_PERIOD;
  const types = await wallTypes(ctx.program.id);
  const typeParam = sp.get("type") ?? "";
  const typeId = types.some((t) => t.id === typeParam) ? typeParam : "";
  const after = sp.get("after") ?? undefined;
  const page = await listWall(ctx.program.id, { period, typeId: typeId || undefined, after });
  return json({
    programId: ctx.program.id,
    types,
    filter: { period, typeId },
    paged: Boolean(after),
    page,
    canNominate: can(ctx.access, "nomination.submit"),
  });
}

/** Card accents by behaviour, so a wall of many reads at a glance. */
const ACCENTS = ["from-amber-400 to-orange-500", "from-brand-500 to-violet-500", "from-emerald-400 to-teal-500", "from-rose-400 to-pink-500", "from-cyan-400 to-brand-500", "from-violet-400 to-fuchsia-500"];

function accentFor(typeId: string, order: string[]): string {
  const i = order.indexOf(typeId);
  return ACCENTS[(i < 0 ? 0 : i) % ACCENTS.length];
}

function RecognitionCard({ card, accent }: { card: WallCard; accent: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <li className="flex break-inside-avoid flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="wall-card" data-id={card.id}>
      <div className={`h-1.5 bg-gradient-to-r ${accent}`} aria-hidden />
      <div className="flex flex-1 flex-col p-4 sm:p-5">
        <div className="flex items-center gap-3">
          <Avatar name={card.nominee.name} seed={card.nominee.id} size="lg" />
          <div className="min-w-0 flex-1">
            <p className="truncate text-base font-semibold text-slate-900" data-testid="wall-nominee">
              {card.nominee.name}
            </p>
            <p className="truncate text-sm font-medium text-brand-800">{card.type.name}</p>
          </div>
        </div>
        <figure className="relative mt-4 flex-1">
          <QuoteIcon className="absolute -left-0.5 -top-0.5 h-4 w-4 text-slate-300" />
          <blockquote className="whitespace-pre-line pl-5 text-[15px] leading-7 text-slate-800" data-testid="wall-story">
            {card.story}
          </blockquote>
        </figure>
        <div className="mt-4 rounded-lg bg-amber-50 px-3 py-2">
          <span className="sr-only">{t("recognitionWall.reward")}: </span>
          <RewardLine kind={card.type.rewardKind} text={card.rewardText} value={card.rewardValue} className="text-sm" />
        </div>
        <p className="mt-3 flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs text-slate-500">
          <span>{t("recognitionWall.nominatedBy", { name: card.nominator.name })}</span>
          <time dateTime={card.rewardedAt}>{t("recognitionWall.rewardedOn", { date: formatDate(card.rewardedAt, locale) })}</time>
        </p>
      </div>
    </li>
  );
}

export default function RecognitionWall() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { programId, types, filter, page, paged, canNominate } = useLoaderData<typeof loader>();
  const location = useLocation();
  const order = types.map((ty) => ty.id);
  const nextParams = new URLSearchParams(location.search);
  if (page.next) nextParams.set("after", page.next);
  const firstParams = new URLSearchParams(location.search);
  firstParams.delete("after");
  const filtered = filter.typeId !== "" || filter.period !== "all";
  return (
    <div>
      <div className="mb-5 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-lg font-semibold text-slate-900">
            <MedalIcon className="h-5 w-5 text-amber-600" />
            {t("recognitionWall.title")}
          </h2>
          <p className="mt-1 text-sm leading-6 text-slate-600">{t("recognitionWall.description")}</p>
        </div>
        {canNominate ? (
          <Link to={`/programs/${programId}/frontline/nominations?tab=nominate`} className={buttonClasses("primary", "md", "w-full sm:w-auto")} data-testid="wall-nominate">
            {t("recognitionWall.nominate")}
          </Link>
        ) : null}
      </div>

      <div className="mb-5 grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,1fr)_auto] md:items-end">
        <Form method="get" aria-label={t("recognitionWall.filters.label")} className="grid grid-cols-2 gap-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,12rem)_auto] sm:items-end" data-testid="wall-filters">
          <label className="min-w-0 text-xs font-medium text-slate-600">
            {t("recognitionWall.filters.type")}
            <Select name="type" defaultValue={filter.typeId} className="mt-1">
              <option value="">{t("recognitionWall.filters.anyType")}</option>
              {types.map((ty) => (
                <option key={ty.id} value={ty.id}>
                  {ty.archived ? t("recognitionWall.filters.archived", { name: ty.name }) : ty.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="min-w-0 text-xs font-medium text-slate-600">
            {t("recognitionWall.filters.period")}
            <Select name="period" defaultValue={filter.period} className="mt-1">
              {WALL_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`recognitionWall.periods.${p}`)}
                </option>
              ))}
            </Select>
          </label>
          <Button type="submit" variant="secondary" className="col-span-2 sm:col-span-1">
            {t("recognitionWall.filters.apply")}
          </Button>
        </Form>
        <dl className="grid grid-cols-2 gap-2 md:w-72">
          <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
            <dt className="text-xs text-slate-500">{t("recognitionWall.statRecognitions")}</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="wall-count">
              {formatNumber(page.stats.recognitions, locale)}
            </dd>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
            <dt className="text-xs text-slate-500">{t("recognitionWall.statPeople")}</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900">{formatNumber(page.stats.people, locale)}</dd>
          </div>
        </dl>
      </div>

      {page.cards.length === 0 ? (
        <EmptyState icon={<MedalIcon className="h-6 w-6" />} title={t("recognitionWall.emptyTitle")}>
          {filtered ? t("recognitionWall.emptyFiltered") : t("recognitionWall.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="wall">
          {page.cards.map((card) => (
            <RecognitionCard key={card.id} card={card} accent={accentFor(card.type.id, order)} />
          ))}
        </ul>
      )}
      {page.next || paged ? (
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          {paged ? (
            <Link to={`?${firstParams.toString()}`} className={buttonClasses("ghost")}>
              {t("recognitionWall.newest")}
            </Link>
          ) : null}
          {page.next ? (
            <Link to={`?${nextParams.toString()}`} className={buttonClasses("secondary")} data-testid="wall-more">
              {t("recognitionWall.more")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
