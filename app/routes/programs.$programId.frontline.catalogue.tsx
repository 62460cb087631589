/**
 * Step 5, the recognition catalogue: the behaviours worth recognising that leadership and
 * frontline staff agreed on in a workshop, the reward for each and the guideline reviewers
 * evaluate against; archived entries below. Editors (guideline.edit) add, edit, archive and
 * restore; every member reads.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { RecognitionTypeCard } from "~/components/frontline/recognition-type-card";
import { RecognitionTypeDialog } from "~/components/frontline/recognition-type-form";
import { Badge, Button, EmptyState } from "~/components/ui";
import { CollapsedSection } from "~/components/ui/collapsed-section";
import { PlusIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { guidelineAbilities } from "~/models/guidelines.server";
import { recognitionTypeInputFromForm, todayInDisplayZone } from "~/models/recognition-catalogue";
import {
  catalogueFormOptions,
  createRecognitionType,
  listRecognitionTypes,
  setRecognitionTypeArchived,
  updateRecognitionType,
} from "~/models/recognition-catalogue.server";
import { intentAction } from "~/utils/intent-action.server";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "frontline.nav.catalogue");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const abilities = guidelineAbilities(ctx);
  const [types, options] = await Promise.all([
    listRecognitionTypes(ctx.program.id, { includeArchived: true }),
    abilities.canEdit ? catalogueFormOptions(ctx.program.id) : Promise.resolve({ guidelines: [], members: [] }),
  ]);
  return json({
    programId: ctx.program.id,
    active: types.filter((r) => !r.archivedAt),
    archived: types.filter((r) => r.archivedAt),
    options,
    today: todayInDisplayZone(),
    me: ctx.user.id,
    ...abilities,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const id = form.get("id");
  return intentAction(ctx.locale, form, {
    create: () => createRecognitionType(ctx, recognitionTypeInputFromForm(form)),
    update: () => updateRecognitionType(ctx, id, recognitionTypeInputFromForm(form)),
    archive: () => setRecognitionTypeArchived(ctx, id, true),
    restore: () => setRecognitionTypeArchived(ctx, id, false),
  });
}

export default function CataloguePage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const newButton = data.canEdit ? (
    <RecognitionTypeDialog
      mode="create"
      options={data.options}
      today={data.today}
      values={{
        name: "",
        description: "",
        guidelineId: "",
        rewardKind: "",
        rewardText: "",
        rewardValue: "",
        agreedOn: data.today,
        agreedNote: "",
        agreedBy: data.options.members.some((m) => m.id === data.me && (m.role === "owner" || m.role === "leadership")) ? [data.me] : [],
      }}
      trigger={
        <Button data-testid="new-recognition-type">
          <PlusIcon className="h-4 w-4" />
          {t("catalogue.new")}
        </Button>
      }
    />
  ) : null;
  return (
    <div className="space-y-8">
      <section aria-labelledby="catalogue-heading" className="space-y-5">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <div className="min-w-0">
            <h2 id="catalogue-heading" className="text-lg font-semibold text-slate-900">
              {t("catalogue.title")}
            </h2>
            <p className="mt-1 max-w-3xl text-sm leading-6 text-slate-600">{t("catalogue.intro")}</p>
          </div>
          {newButton}
        </div>
        {data.active.length > 0 ? (
          <p>
            <Badge tone="brand">{t("catalogue.count", { count: data.active.length })}</Badge>
          </p>
        ) : null}
        {data.active.length === 0 ? (
          <EmptyState title={t("catalogue.emptyTitle")}>
            <p>{data.canEdit ? t("catalogue.emptyBodyEditor") : t("catalogue.emptyBodyReader")}</p>
            <p className="mt-2">
              <Link to={`/programs/${data.programId}/frontline`} className="font-medium text-brand-700 hover:underline">
                {t("catalogue.seeGuidelines")}
              </Link>
            </p>
          </EmptyState>
        ) : (
          <div className="grid grid-cols-1 items-stretch gap-4 md:grid-cols-2" data-testid="catalogue">
            {data.active.map((r) => (
              <RecognitionTypeCard key={r.id} r={r} canEdit={data.canEdit} options={data.options} today={data.today} />
            ))}
          </div>
        )}
      </section>
      {data.archived.length > 0 ? (
        <CollapsedSection
          summary={t("catalogue.archivedHeading", { count: data.archived.length })}
          testId="archived-types"
          gridClassName="grid grid-cols-1 items-stretch gap-4 md:grid-cols-2"
        >
          {data.archived.map((r) => (
            <RecognitionTypeCard key={r.id} r={r} canEdit={data.canEdit} options={data.options} today={data.today} />
          ))}
        </CollapsedSection>
      ) : null}
    </div>
  );
}
