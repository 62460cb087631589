/**
 * The activity feed of the audit log, shared by the program's activity page and the CX office's
 * organisation-wide one: the filter form (program, person, artefact type, date range), each entry
 * as a sentence in the reader's language ("陈明 updated the journey map “信用卡申请”") with what
 * changed, and the newest / older pager (a cursor, so long logs page cheaply).
 */
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Avatar, Button, ButtonLink, Card, EmptyState, Field, Input, Select } from "~/components/ui";
import { ActivityIcon } from "~/components/ui/icons";
import { isProgramRole } from "~/models/permissions";
import { formatDateTime } from "~/utils/format";
import { useLocale } from "~/utils/root-data";

export interface ActivityEntry {
  id: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: string | null;
  after: string | null;
  createdAt: string;
  /** In the organisation's feed: the program it happened in (null: the organisation itself). */
  program?: { id: string; name: string } | null;
}

export interface ActivityFilterValues {
  program?: string;
  actor: string;
  type: string;
  from: string;
  to: string;
  before: string;
}

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

/** The fields an entry changed: before → after. */
export function ActivityChanges({ entry }: { entry: ActivityEntry }) {
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

function subjectOf(entry: ActivityEntry, names: Record<string, string>, programName: string, t: (k: string) => string): string {
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

/** What the entry's actor did, as a sentence without the actor's name. */
export function ActivitySentence({ entry, names, programName }: { entry: ActivityEntry; names: Record<string, string>; programName: string }) {
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

/** Filters: program (organisation feed only), person, artefact type, date range. GET, so a filtered view is a link. */
export function ActivityFilters({
  filter,
  errors,
  actors,
  entityTypes,
  programs,
  orgWide,
}: {
  filter: ActivityFilterValues;
  errors: Record<string, string>;
  actors: { id: string; name: string }[];
  entityTypes: string[];
  /** Shown when given: the programs to choose from. */
  programs?: { id: string; name: string }[];
  /** Offer "the organisation itself" among the programs. */
  orgWide?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const filtered = Boolean(filter.program || filter.actor || filter.type || filter.from || filter.to);
  // Phones: the choices full width, the two dates side by side.
  const layout = programs
    ? "grid grid-cols-2 gap-x-3 gap-y-4 sm:gap-4 lg:grid-cols-3 xl:grid-cols-[1fr_1fr_1fr_9.5rem_9.5rem_auto] xl:items-start"
    : "grid grid-cols-2 gap-x-3 gap-y-4 sm:gap-4 lg:grid-cols-[1fr_1fr_10rem_10rem_auto] lg:items-start";
  const wide = "col-span-2 sm:col-span-1";
  // The fields are uncontrolled: a new key per filter resets them when the filter changes by a
  // link (Clear, back), so they always show the filter the list was made with.
  const formKey = [filter.program, filter.actor, filter.type, filter.from, filter.to].join("|");
  return (
    <Card className="mb-6 p-4">
      <Form key={formKey} method="get" className={layout} data-testid="activity-filters">
        {programs ? (
          <Field label={t("activity.filters.program")} error={errors.program} className={wide}>
            <Select name="program" defaultValue={filter.program}>
              <option value="">{t("activity.filters.anyProgram")}</option>
              {orgWide ? <option value="org">{t("activity.filters.orgWide")}</option> : null}
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label={t("activity.filters.person")} error={errors.actor} className={wide}>
          <Select name="actor" defaultValue={filter.actor}>
            <option value="">{t("activity.filters.anyone")}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("activity.filters.type")} error={errors.type} className={wide}>
          <Select name="type" defaultValue={filter.type}>
            <option value="">{t("activity.filters.anything")}</option>
            {entityTypes.map((type) => (
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
        <div
          className={
            programs ? "col-span-2 flex gap-2 sm:col-span-1 lg:col-span-1 xl:mt-[1.625rem]" : "col-span-2 flex gap-2 sm:col-span-1 lg:mt-[1.625rem]"
          }
        >
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
  );
}

/** The entries, newest first, with the pager; an empty state when there are none. */
export function ActivityFeed({
  entries,
  names,
  programName,
  filtered,
  before,
  olderCursor,
  emptyBody,
  programHref,
}: {
  entries: ActivityEntry[];
  names: Record<string, string>;
  /** The program's name, for entries about the program itself (the program feed). */
  programName?: string;
  filtered: boolean;
  /** The cursor of the page shown (empty on the newest page). */
  before: string;
  /** The cursor of the next older page, or null at the end. */
  olderCursor: string | null;
  emptyBody?: string;
  /** Where an entry's program chip links (organisation feed). */
  programHref?: (programId: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  if (entries.length === 0) {
    return (
      <EmptyState icon={<ActivityIcon className="h-5 w-5" />} title={filtered ? t("activity.noMatchesTitle") : t("activity.emptyTitle")}>
        {filtered ? t("activity.noMatches") : emptyBody ?? t("activity.emptyBody")}
      </EmptyState>
    );
  }
  const olderParams = new URLSearchParams(location.search);
  if (olderCursor) olderParams.set("before", olderCursor);
  const newestParams = new URLSearchParams(location.search);
  newestParams.delete("before");
  return (
    <Card>
      <ol className="divide-y divide-slate-100" data-testid="activity-list">
        {entries.map((e) => (
          <li key={e.id} className="flex gap-3 px-4 py-3.5 sm:px-5">
            {e.actorName ? <Avatar name={e.actorName} seed={e.actorId ?? e.actorName} size="sm" /> : <Avatar name="⚙" size="sm" />}
            <div className="min-w-0 flex-1">
              <div className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                <p className="min-w-0 break-words text-sm text-slate-800">
                  <span className="font-medium text-slate-900">{e.actorName ?? t("activity.system")}</span>{" "}
                  <ActivitySentence entry={e} names={names} programName={e.program?.name ?? programName ?? ""} />
                </p>
                <time dateTime={e.createdAt} className="shrink-0 text-xs tabular-nums text-slate-500">
                  {formatDateTime(e.createdAt, locale)}
                </time>
              </div>
              {e.program !== undefined ? (
                <p className="mt-1 text-xs text-slate-500" data-testid="activity-program">
                  {e.program ? (
                    programHref ? (
                      <Link to={programHref(e.program.id)} className="font-medium text-brand-700 hover:underline">
                        {e.program.name}
                      </Link>
                    ) : (
                      e.program.name
                    )
                  ) : (
                    t("activity.orgWideEntry")
                  )}
                </p>
              ) : null}
              <ActivityChanges entry={e} />
            </div>
          </li>
        ))}
      </ol>
      <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3">
        {before ? (
          <Link to={`${location.pathname}?${newestParams.toString()}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("activity.newest")}
          </Link>
        ) : (
          <span />
        )}
        {olderCursor ? (
          <Link
            to={`${location.pathname}?${olderParams.toString()}`}
            className="text-sm font-medium text-brand-700 hover:underline"
            data-testid="older"
          >
            {t("activity.older")}
          </Link>
        ) : (
          <span className="text-xs text-slate-500">{t("activity.end")}</span>
        )}
      </div>
    </Card>
  );
}
