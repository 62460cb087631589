/**
 * Step 5, behaviour guidelines: derived from the latest published vision, grouped by the quality
 * standard each one serves (a standard without a guideline shows as a gap), with the review flags
 * raised when a republished vision changed or removed a cited standard, the archived guidelines,
 * and the step's purpose and access. Without a published vision: an honest empty state pointing
 * to step 1. Editors (guideline.edit) create, edit, reorder, archive, restore and mark reviewed;
 * everyone else — frontline staff above all, often on a phone — reads.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GuidelineCard, type GuidelineCardData } from "~/components/frontline/guideline-card";
import { GuidelineDialog, type StandardOption } from "~/components/frontline/guideline-form";
import { StepAccess, StepPurpose } from "~/components/program/step-guide";
import { useProgram } from "~/components/program/use-program";
import { Alert, Badge, Button, ButtonLink, EmptyState } from "~/components/ui";
import { CollapsedSection } from "~/components/ui/collapsed-section";
import { DocumentIcon, PlusIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { guidelineInputFromForm } from "~/models/guidelines";
import {
  createGuideline,
  guidelineAbilities,
  guidelineOverview,
  moveGuideline,
  reviewGuideline,
  setGuidelineArchived,
  updateGuideline,
} from "~/models/guidelines.server";
import { formatDate } from "~/utils/format";
import { intentAction } from "~/utils/intent-action.server";
import { useLocale } from "~/utils/root-data";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const overview = await guidelineOverview(ctx.program.id);
  return json({ programId: ctx.program.id, ...overview, ...guidelineAbilities(ctx) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const id = form.get("id");
  return intentAction(ctx.locale, form, {
    create: () => createGuideline(ctx, guidelineInputFromForm(form)),
    update: () => updateGuideline(ctx, id, guidelineInputFromForm(form)),
    review: () => reviewGuideline(ctx, id),
    move: () => moveGuideline(ctx, id, form.get("direction")),
    archive: () => setGuidelineArchived(ctx, id, true),
    restore: () => setGuidelineArchived(ctx, id, false),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function NewGuidelineButton({ standards, standardKey, label, variant = "primary" }: { standards: StandardOption[]; standardKey?: string; label: string; variant?: "primary" | "secondary" }) {
  return (
    <GuidelineDialog
      mode="create"
      standards={standards}
      values={{ title: "", body: "", standardKey: standardKey ?? "", doExamples: [], dontExamples: [] }}
      trigger={
        <Button variant={variant} size={variant === "primary" ? "md" : "sm"} data-testid={standardKey ? `write-for-${standardKey}` : "new-guideline"}>
          <PlusIcon className="h-4 w-4" />
          {label}
        </Button>
      }
    />
  );
}

function StandardGroup({
  index,
  standard,
  guidelines,
  data,
  removed,
}: {
  index: number | null;
  standard: StandardOption;
  guidelines: GuidelineCardData[];
  data: Data;
  removed?: boolean;
}) {
  const { t } = useTranslation();
  const standards = data.vision?.standards ?? [];
  const headingId = `standard-${standard.key}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid="standard-group">
      <div className="flex items-start gap-3">
        <span
          className={
            removed
              ? "flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-amber-100 text-sm font-semibold text-amber-900"
              : "flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-700 text-sm font-semibold text-white"
          }
          aria-hidden
        >
          {index ?? "!"}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h3 id={headingId} className="text-base font-semibold text-slate-900">
              {standard.title}
            </h3>
            {removed ? <Badge tone="warning">{t("guidelines.removedStandard")}</Badge> : null}
            <span className="text-xs text-slate-500">{t("guidelines.groupCount", { count: guidelines.length })}</span>
          </div>
          {standard.description ? <p className="mt-0.5 text-sm leading-6 text-slate-600">{standard.description}</p> : null}
          {standard.measurableHint ? (
            <p className="mt-0.5 text-xs leading-5 text-slate-500">
              {t("guidelines.measuredBy", { hint: standard.measurableHint })}
            </p>
          ) : null}
        </div>
      </div>
      {guidelines.length === 0 ? (
        <div className="flex flex-col gap-3 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 sm:flex-row sm:items-center sm:justify-between" data-testid="standard-gap">
          <p className="text-sm text-slate-600">{t("guidelines.gap", { title: standard.title })}</p>
          {data.canEdit ? <NewGuidelineButton standards={standards} standardKey={standard.key} label={t("guidelines.writeFor")} variant="secondary" /> : null}
        </div>
      ) : (
        <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-2">
          {guidelines.map((g, i) => (
            <GuidelineCard key={g.id} g={g} canEdit={data.canEdit} standards={standards} latestVersion={data.vision?.version ?? null} first={i === 0} last={i === guidelines.length - 1} />
          ))}
        </div>
      )}
    </section>
  );
}

function NoVision({ programId }: { programId: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<DocumentIcon className="h-5 w-5" />}
      title={t("guidelines.noVisionTitle")}
      actions={
        <ButtonLink to={`/programs/${programId}/vision`} variant="secondary" data-testid="go-to-vision">
          {t("guidelines.goToVision")}
        </ButtonLink>
      }
    >
      {t("guidelines.noVisionBody")}
    </EmptyState>
  );
}

export default function GuidelinesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const { access } = useProgram();
  const vision = data.vision;
  const standards = vision?.standards ?? [];
  const known = new Set(standards.map((s) => s.key));
  const orphans = data.guidelines.filter((g) => !known.has(g.standardKey));
  const orphanKeys = [...new Set(orphans.map((g) => g.standardKey))];
  const gaps = standards.filter((s) => !data.guidelines.some((g) => g.standardKey === s.key)).length;
  return (
    <div className="space-y-8">
      {vision ? (
        <>
          <section aria-labelledby="guidelines-heading" className="space-y-6">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
              <div className="min-w-0">
                <h2 id="guidelines-heading" className="text-lg font-semibold text-slate-900">
                  {t("guidelines.title")}
                </h2>
                <p className="mt-1 max-w-3xl text-sm leading-6 text-slate-600">
                  {t("guidelines.intro", { version: vision.version, date: formatDate(vision.publishedAt, locale) })}
                </p>
              </div>
              {data.canEdit ? <NewGuidelineButton standards={standards} label={t("guidelines.new")} /> : null}
            </div>
            <ul className="flex flex-wrap gap-2" data-testid="guideline-stats">
              <li>
                <Badge tone="brand">{t("guidelines.stats.guidelines", { count: data.guidelines.length })}</Badge>
              </li>
              <li>
                <Badge tone="neutral">{t("guidelines.stats.served", { served: standards.length - gaps, total: standards.length })}</Badge>
              </li>
              {data.flagged > 0 ? (
                <li>
                  <Badge tone="warning" data-testid="flag-count">
                    {t("guidelines.stats.flagged", { count: data.flagged })}
                  </Badge>
                </li>
              ) : null}
            </ul>
            {data.flagged > 0 ? (
              <Alert tone="warning" title={t("guidelines.flaggedTitle", { count: data.flagged })}>
                {data.canEdit ? t("guidelines.flaggedBodyEditor") : t("guidelines.flaggedBodyReader")}
              </Alert>
            ) : null}
            {data.guidelines.length === 0 && !data.canEdit ? <p className="text-sm text-slate-600">{t("guidelines.noneYetReader")}</p> : null}
            {standards.map((s, i) => (
              <StandardGroup key={s.key} index={i + 1} standard={s} guidelines={data.guidelines.filter((g) => g.standardKey === s.key)} data={data} />
            ))}
            {orphanKeys.map((key) => {
              const group = orphans.filter((g) => g.standardKey === key);
              return <StandardGroup key={key} index={null} standard={{ key, ...group[0].cited }} guidelines={group} data={data} removed />;
            })}
          </section>
          {data.archived.length > 0 ? (
            <CollapsedSection
              summary={t("guidelines.archivedHeading", { count: data.archived.length })}
              testId="archived-guidelines"
              gridClassName="grid grid-cols-1 items-start gap-4 lg:grid-cols-2"
            >
              {data.archived.map((g) => (
                <GuidelineCard key={g.id} g={g} canEdit={data.canEdit} standards={standards} latestVersion={vision.version} />
              ))}
            </CollapsedSection>
          ) : null}
        </>
      ) : (
        <NoVision programId={data.programId} />
      )}
      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
        <StepPurpose step="frontline" />
        <StepAccess step="frontline" access={access} />
      </div>
    </div>
  );
}
