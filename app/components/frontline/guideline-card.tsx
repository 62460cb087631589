/**
 * One behaviour guideline as everyone reads it — the quality standard it serves as a chip, the
 * behaviour, "do ✓" and "don't ✗" lists — made for a 390 px phone first. A flagged guideline
 * shows what changed in its standard (before → after). Editors also get edit, move up/down,
 * archive / restore and "mark reviewed".
 */
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { changedMiddle, SNAPSHOT_FIELDS, type GuidelineFlag, type StandardSnapshot } from "~/models/guidelines";
import { formatDate } from "~/utils/format";
import { useLocale } from "~/utils/root-data";
import { Badge, Button, Card } from "../ui";
import { AlertIcon, ChevronDownIcon } from "../ui/icons";
import { GuidelineDialog, type StandardOption } from "./guideline-form";

export interface GuidelineCardData {
  id: string;
  title: string;
  body: string;
  doExamples: string[];
  dontExamples: string[];
  standardKey: string;
  standardVersion: number;
  cited: StandardSnapshot;
  current: StandardSnapshot | null;
  flag: GuidelineFlag;
  reviewedBy: { id: string; name: string } | null;
  reviewedAt: string | null;
  archivedAt: string | null;
}

export function StandardChip({ title, flagged }: { title: string; flagged?: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={
        flagged
          ? "inline-flex max-w-full items-center gap-1.5 rounded-full bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200"
          : "inline-flex max-w-full items-center gap-1.5 rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-800 ring-1 ring-inset ring-brand-200"
      }
      data-testid="standard-chip"
    >
      <span className="sr-only">{t("guidelines.serves")}</span>
      <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.6} aria-hidden>
        <circle cx="8" cy="8" r="6.2" />
        <circle cx="8" cy="8" r="3.2" />
        <circle cx="8" cy="8" r="0.6" fill="currentColor" />
      </svg>
      <span className="truncate">{title}</span>
    </span>
  );
}

function ExampleColumn({ kind, items }: { kind: "do" | "dont"; items: string[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const isDo = kind === "do";
  return (
    <div className={isDo ? "rounded-md bg-emerald-50/70 px-3 py-2.5" : "rounded-md bg-red-50/70 px-3 py-2.5"} data-testid={`guideline-${kind}`}>
      <h4 className={isDo ? "text-xs font-semibold uppercase tracking-wide text-emerald-800" : "text-xs font-semibold uppercase tracking-wide text-red-800"}>
        {isDo ? t("guidelines.fields.do") : t("guidelines.fields.dont")}
      </h4>
      <ul className="mt-1.5 space-y-1.5">
        {items.map((x, i) => (
          <li key={i} className="flex gap-2 text-sm leading-6 text-slate-800">
            <span className={isDo ? "mt-px shrink-0 font-bold text-emerald-700" : "mt-px shrink-0 font-bold text-red-700"} aria-hidden>
              {isDo ? "✓" : "✗"}
            </span>
            <span className="min-w-0 break-words">{x}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Before → after of one field of the standard, the changed part highlighted. */
function WordingChange({ before, after, version }: { before: string; after: string; version: number | null }) {
  const { t } = useTranslation();
  const d = changedMiddle(before, after);
  return (
    <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-1 text-sm leading-6">
      <span className="text-xs leading-6 text-amber-800">{t("guidelines.flag.asCited")}</span>
      <span className="break-words text-slate-600">
        {before ? (
          <>
            {d.prefix}
            {d.before ? <del className="rounded bg-red-100 px-0.5 text-red-900 decoration-red-700/60">{d.before}</del> : null}
            {d.suffix}
          </>
        ) : (
          t("guidelines.flag.empty")
        )}
      </span>
      <span className="text-xs leading-6 text-amber-800">{t("guidelines.flag.now", { version: version ?? "" })}</span>
      <span className="break-words text-slate-900">
        {after ? (
          <>
            {d.prefix}
            {d.after ? <ins className="rounded bg-emerald-100 px-0.5 font-medium text-emerald-900 no-underline">{d.after}</ins> : null}
            {d.suffix}
          </>
        ) : (
          t("guidelines.flag.empty")
        )}
      </span>
    </div>
  );
}

function FlagNotice({ g, canEdit, latestVersion, editButton }: { g: GuidelineCardData; canEdit: boolean; latestVersion: number | null; editButton: React.ReactNode }) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  if (g.flag.state === "none") return null;
  const changed = g.flag.state === "changed" ? g.flag.fields : [];
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-3 text-sm text-amber-950" role="note" data-testid="guideline-flag">
      <p className="flex items-start gap-2 font-medium">
        <AlertIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-700" />
        {g.flag.state === "removed"
          ? t("guidelines.flag.removed", { title: g.cited.title, version: latestVersion ?? "" })
          : t("guidelines.flag.changed", { version: latestVersion ?? "" })}
      </p>
      {g.flag.state === "changed" && g.current ? (
        <dl className="mt-2 space-y-2.5">
          {SNAPSHOT_FIELDS.filter((f) => changed.includes(f)).map((f) => (
            <div key={f}>
              <dt className="text-xs font-semibold text-amber-900">{t(`guidelines.standardFields.${f}`)}</dt>
              <dd className="mt-1">
                <WordingChange before={g.cited[f]} after={g.current![f]} version={latestVersion} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {canEdit ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {g.flag.state === "changed" ? (
            <fetcher.Form method="post">
              <input type="hidden" name="intent" value="review" />
              <input type="hidden" name="id" value={g.id} />
              <Button type="submit" size="sm" busy={fetcher.state !== "idle"} data-testid="mark-reviewed">
                {t("guidelines.flag.markReviewed")}
              </Button>
            </fetcher.Form>
          ) : null}
          {editButton}
        </div>
      ) : null}
    </div>
  );
}

function ActionButton({ intent, id, label, children, disabled, extra }: { intent: string; id: string; label: string; children: React.ReactNode; disabled?: boolean; extra?: Record<string, string> }) {
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" variant="ghost" size="sm" className="px-2" aria-label={label} title={label} disabled={disabled} busy={fetcher.state !== "idle"}>
        {children}
      </Button>
    </fetcher.Form>
  );
}

export function GuidelineCard({
  g,
  canEdit,
  standards,
  latestVersion,
  first,
  last,
}: {
  g: GuidelineCardData;
  canEdit: boolean;
  standards: StandardOption[];
  latestVersion: number | null;
  first?: boolean;
  last?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const flagged = g.flag.state !== "none";
  const archived = g.archivedAt !== null;
  const standardTitle = g.current?.title ?? g.cited.title;
  const edit = (label: string, variant: "secondary" | "ghost" = "ghost") =>
    canEdit && !archived ? (
      <GuidelineDialog
        mode="update"
        standards={standards}
        values={{
          id: g.id,
          title: g.title,
          body: g.body,
          standardKey: g.standardKey,
          doExamples: g.doExamples,
          dontExamples: g.dontExamples,
          removedStandard: g.current ? undefined : { key: g.standardKey, ...g.cited },
        }}
        trigger={
          <Button variant={variant} size="sm" data-testid="edit-guideline">
            {label}
          </Button>
        }
      />
    ) : null;
  return (
    <Card id={`guideline-${g.id}`} className={flagged ? "scroll-mt-24 border-amber-300" : "scroll-mt-24"} data-testid="guideline-card">
      <article className="space-y-3 px-4 py-4 sm:px-5">
        <div className="flex flex-wrap items-center gap-2">
          <StandardChip title={standardTitle} flagged={flagged} />
          {flagged ? <Badge tone="warning">{t("guidelines.flag.badge")}</Badge> : null}
          {archived ? <Badge tone="neutral">{t("guidelines.archivedBadge")}</Badge> : null}
        </div>
        <h3 className="text-base font-semibold leading-6 text-slate-900">{g.title}</h3>
        {!archived ? <FlagNotice g={g} canEdit={canEdit} latestVersion={latestVersion} editButton={edit(t("guidelines.flag.editToCite"), "secondary")} /> : null}
        {g.body ? <p className="whitespace-pre-line break-words text-sm leading-6 text-slate-700">{g.body}</p> : null}
        {g.doExamples.length || g.dontExamples.length ? (
          <div className="grid grid-cols-1 gap-2.5">
            <ExampleColumn kind="do" items={g.doExamples} />
            <ExampleColumn kind="dont" items={g.dontExamples} />
          </div>
        ) : null}
        {g.reviewedAt && g.reviewedBy ? (
          <p className="text-xs text-slate-500">{t("guidelines.reviewedBy", { name: g.reviewedBy.name, date: formatDate(g.reviewedAt, locale), version: g.standardVersion })}</p>
        ) : null}
        {canEdit ? (
          <div className="-mx-2 flex flex-wrap items-center gap-1 border-t border-slate-100 pt-2" data-testid="guideline-actions">
            {archived ? (
              <ActionButton intent="restore" id={g.id} label={t("guidelines.actions.restore")}>
                {t("guidelines.actions.restore")}
              </ActionButton>
            ) : (
              <>
                {edit(t("guidelines.actions.edit"))}
                <ActionButton intent="move" id={g.id} extra={{ direction: "up" }} label={t("guidelines.actions.moveUp", { title: g.title })} disabled={first}>
                  <ChevronDownIcon className="h-4 w-4 rotate-180" />
                </ActionButton>
                <ActionButton intent="move" id={g.id} extra={{ direction: "down" }} label={t("guidelines.actions.moveDown", { title: g.title })} disabled={last}>
                  <ChevronDownIcon className="h-4 w-4" />
                </ActionButton>
                <span className="flex-1" />
                <ActionButton intent="archive" id={g.id} label={t("guidelines.actions.archive")}>
                  <span className="text-slate-600">{t("guidelines.actions.archive")}</span>
                </ActionButton>
              </>
            )}
          </div>
        ) : null}
      </article>
    </Card>
  );
}
