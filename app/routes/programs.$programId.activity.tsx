/** The program's activity: its audit log, filterable by person, artefact type and date range, newest first. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { PageContainer } from "~/components/app-shell";
import { RouteError } from "~/components/route-error";
import { Avatar, Button, ButtonLink, Card, EmptyState, Field, Input, PageHeader, Select } from "~/components/ui";
import { ActivityIcon } from "~/components/ui/icons";
import { tFor } from "~/i18n/config";
import { requireProgram } from "~/models/access.server";
import { listAudit, listAuditFacets } from "~/models/audit.server";
import { listProgramMembers } from "~/models/membership.server";
import { localName } from "~/models/org.server";
import { isProgramRole } from "~/models/permissions";
import { DISPLAY_TIME_ZONE_OFFSET, formatDateTime } from "~/utils/format";
import { pageTitle, useLocale } from "~/utils/root-data";
import { fieldErrors } from "~/utils/zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activity.title");

const PAGE_SIZE = 25;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00${DISPLAY_TIME_ZONE_OFFSET}`)), "validation.date");

const FilterSchema = z
  .object({
    actor: z.string().max(100).optional(),
    type: z.string().max(60).regex(/^[a-z_]+$/, "validation.invalid").optional(),
    from: Day.optional(),
    to: Day.optional(),
    before: z.iso.datetime("validation.invalid").optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "validation.dateOrder" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, locale } = await requireProgram(request, params.programId, "activity.view");
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = FilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : fieldErrors(parsed.error, tFor(locale));

  const [rows, facets, members] = await Promise.all([
    listAudit({
      programId: program.id,
      actorId: filter.actor,
      entityType: filter.type,
      since: filter.from ? new Date(`${filter.from}T00:00:00${DISPLAY_TIME_ZONE_OFFSET}`).toISOString() : undefined,
      until: filter.to ? new Date(`${filter.to}T23:59:59.999${DISPLAY_TIME_ZONE_OFFSET}`).toISOString() : undefined,
      before: filter.before,
      limit: PAGE_SIZE + 1,
    }),
    listAuditFacets(program.id),
    listProgramMembers(program.id),
  ]);
  const names: Record<string, string> = {};
  for (const a of facets.actors) names[a.id] = a.name;
  for (const m of members) names[m.user_id] = m.name;

  const page = rows.slice(0, PAGE_SIZE);
  return json({
    filter: { actor: raw.actor ?? "", type: raw.type ?? "", from: raw.from ?? "", to: raw.to ?? "", before: filter.before ?? "" },
    errors,
    facets,
    names,
    programName: localName(program, locale),
    entries: page.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      before: r.before_summary,
      after: r.after_summary,
      createdAt: r.created_at,
    })),
    olderThan: rows.length > PAGE_SIZE ? page[page.length - 1].created_at : null,
  });
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

function parseSummary(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: text };
  }
}

function useValueText() {
  const { t } = useTranslation();
  return (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("activity.empty");
    if (key === "role" && typeof value === "string") {
      if (isProgramRole(value)) return t(`roles.program.${value}`);
      if (value === "admin" || value === "cx_office" || value === "member") return t(`roles.org.${value}`);
    }
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  };
}

function Changes({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation();
  const valueText = useValueText();
  const before = parseSummary(entry.before);
  const after = parseSummary(entry.after);
  if (!before && !after) return null;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = keys.filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
  if (changed.length === 0) return null;
  return (
    <dl className="mt-2 space-y-1 rounded-md bg-slate-50 px-3 py-2 text-xs leading-5 text-slate-700">
      {changed.map((k) => (
        <div key={k} className="flex flex-wrap gap-x-1.5">
          <dt className="font-medium text-slate-600">{i18n.exists(`activity.fields.${k}`) ? t(`activity.fields.${k}`) : k}:</dt>
          <dd className="min-w-0 break-words">
            {before && k in before ? (
              <>
                <span className="text-slate-500 line-through decoration-slate-400">{valueText(k, before[k])}</span>
                <span className="mx-1 text-slate-400" aria-label={t("activity.changedTo")}>
                  →
                </span>
              </>
            ) : null}
            <span className="text-slate-900">{after && k in after ? valueText(k, after[k]) : t("activity.empty")}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function subjectOf(entry: Entry, names: Record<string, string>, programName: string, t: (k: string) => string): string {
  if (entry.entityType === "member" || entry.entityType === "org_member") return names[entry.entityId] ?? t("activity.formerMember");
  if (entry.entityType === "program") return programName;
  if (entry.entityType === "invite") {
    const summary = parseSummary(entry.after) ?? parseSummary(entry.before);
    return typeof summary?.email === "string" ? summary.email : t("activity.anInvite");
  }
  const summary = parseSummary(entry.after) ?? parseSummary(entry.before);
  const named = summary?.name ?? summary?.title;
  return typeof named === "string" ? named : "";
}

function Sentence({ entry, names, programName }: { entry: Entry; names: Record<string, string>; programName: string }) {
  const { t, i18n } = useTranslation();
  const subject = subjectOf(entry, names, programName, (k) => String(t(k)));
  const key = `activity.actions.${entry.entityType}.${entry.action}`;
  const entity = i18n.exists(`activity.entities.${entry.entityType}`) ? t(`activity.entities.${entry.entityType}`) : entry.entityType;
  const verb = `activity.verbs.${entry.action}`;
  const noun = `activity.nouns.${entry.entityType}`;
  let text: string;
  if (i18n.exists(key)) text = String(t(key, { subject }));
  else if (i18n.exists(verb) && i18n.exists(noun)) {
    const quoted = subject ? String(t("activity.quoted", { name: subject })) : "";
    text = String(t("activity.sentence", { verb: t(verb), noun: t(noun), subject: quoted }));
  } else text = String(t("activity.generic", { action: entry.action, entity }));
  return <span>{text}</span>;
}

export default function ActivityPage() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { filter, errors, facets, names, entries, olderThan, programName } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  const filtered = Boolean(filter.actor || filter.type || filter.from || filter.to);

  const olderParams = new URLSearchParams(location.search);
  if (olderThan) olderParams.set("before", olderThan);
  const newestParams = new URLSearchParams(location.search);
  newestParams.delete("before");

  return (
    <PageContainer>
      <PageHeader title={t("activity.title")} description={t("activity.description")} />
      <Card className="mb-6 p-4">
        <Form method="get" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_10rem_auto] lg:items-start" data-testid="activity-filters">
          <Field label={t("activity.filters.person")} error={errors.actor}>
            <Select name="actor" defaultValue={filter.actor}>
              <option value="">{t("activity.filters.anyone")}</option>
              {facets.actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("activity.filters.type")} error={errors.type}>
            <Select name="type" defaultValue={filter.type}>
              <option value="">{t("activity.filters.anything")}</option>
              {facets.entityTypes.map((type) => (
                <option key={type} value={type}>
                  {i18n.exists(`activity.entities.${type}`) ? t(`activity.entities.${type}`) : type}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("activity.filters.from")} error={errors.from}>
            <Input type="date" name="from" defaultValue={filter.from} />
          </Field>
          <Field label={t("activity.filters.to")} error={errors.to}>
            <Input type="date" name="to" defaultValue={filter.to} />
          </Field>
          <div className="flex gap-2 lg:mt-[1.625rem]">
            <Button type="submit" variant="secondary" busy={navigation.state === "loading" && navigation.location.pathname === location.pathname}>
              {t("activity.filters.apply")}
            </Button>
            {filtered ? (
              <ButtonLink to={location.pathname} variant="ghost">
                {t("activity.filters.clear")}
              </ButtonLink>
            ) : null}
          </div>
        </Form>
        <p className="mt-3 text-xs text-slate-500">{t("activity.timeZoneNote")}</p>
      </Card>

      {entries.length === 0 ? (
        <EmptyState icon={<ActivityIcon className="h-5 w-5" />} title={filtered ? t("activity.noMatchesTitle") : t("activity.emptyTitle")}>
          {filtered ? t("activity.noMatches") : t("activity.emptyBody")}
        </EmptyState>
      ) : (
        <Card>
          <ol className="divide-y divide-slate-100" data-testid="activity-list">
            {entries.map((e) => (
              <li key={e.id} className="flex gap-3 px-4 py-3.5 sm:px-5">
                {e.actorName ? <Avatar name={e.actorName} seed={e.actorId ?? e.actorName} size="sm" /> : <Avatar name="⚙" size="sm" />}
                <div className="min-w-0 flex-1">
                  <div className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                    <p className="text-sm text-slate-800">
                      <span className="font-medium text-slate-900">{e.actorName ?? t("activity.system")}</span>{" "}
                      <Sentence entry={e} names={names} programName={programName} />
                    </p>
                    <time dateTime={e.createdAt} className="shrink-0 text-xs tabular-nums text-slate-500">
                      {formatDateTime(e.createdAt, locale)}
                    </time>
                  </div>
                  <Changes entry={e} />
                </div>
              </li>
            ))}
          </ol>
          <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3">
            {filter.before ? (
              <Link to={`${location.pathname}?${newestParams.toString()}`} className="text-sm font-medium text-brand-700 hover:underline">
                {t("activity.newest")}
              </Link>
            ) : (
              <span />
            )}
            {olderThan ? (
              <Link to={`${location.pathname}?${olderParams.toString()}`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="older">
                {t("activity.older")}
              </Link>
            ) : (
              <span className="text-xs text-slate-500">{t("activity.end")}</span>
            )}
          </div>
        </Card>
      )}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
