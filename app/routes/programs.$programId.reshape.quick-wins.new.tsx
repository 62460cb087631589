/** A new quick win: the form with seed 004's guidance beside it; creates it as an idea and opens it. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { InitiativeForm } from "~/components/reshape/initiative-form";
import { QuickWinGuidance } from "~/components/reshape/quick-wins";
import { RouteError } from "~/components/route-error";
import { Alert, Card, CardBody, PageHeader } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { DomainError } from "~/models/domain.server";
import { initiativeInputFromForm } from "~/models/initiative";
import { createInitiative, initiativeOwnerOptions, painPointOptions } from "~/models/initiatives.server";
import { publishedStandardOptions } from "~/models/standard-refs.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { isApiErrorBody } from "~/utils/http";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "initiatives.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId, "initiative.edit");
  const [owners, groups, standards] = await Promise.all([
    initiativeOwnerOptions(ctx.program.id),
    painPointOptions(ctx.program.id),
    publishedStandardOptions(ctx.program.id),
  ]);
  return json({ programId: ctx.program.id, owners, groups, me: ctx.user.id, standards: standards.map((s) => ({ key: s.key, title: s.title })) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  try {
    const created = await createInitiative(ctx, initiativeInputFromForm(form));
    return redirect(`/programs/${ctx.program.id}/reshape/quick-wins/${created.id}`);
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error);
    throw error;
  }
}

export default function NewQuickWin() {
  const { t } = useTranslation();
  const { programId, owners, groups, me, standards } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const fields = isApiErrorBody(data) ? (data.error.fields ?? {}) : {};
  const base = `/programs/${programId}/reshape`;
  return (
    <PageContainer>
      <nav aria-label={t("reshape.breadcrumb")} className="mb-3 flex items-center gap-1 text-sm text-slate-600">
        <Link to={base} className="hover:text-brand-700 hover:underline">
          {t("steps.reshape.name")}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-slate-400" aria-hidden />
        <span className="text-slate-900">{t("initiatives.newTitle")}</span>
      </nav>
      <PageHeader title={t("initiatives.newTitle")} description={t("initiatives.newDescription")} />
      {isApiErrorBody(data) && !data.error.fields ? (
        <Alert tone="danger" className="mb-4">
          {data.error.message}
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardBody className="py-5">
            <InitiativeForm
              intent="create"
              defaults={{
                title: "",
                description: "",
                lever: "",
                leverCustom: "",
                ownerId: owners.some((o) => o.id === me) ? me : "",
                expectedResult: "",
                startDate: "",
                dueDate: "",
                teamSize: "",
                painPoints: [],
                standardKey: "",
              }}
              standards={standards}
              owners={owners}
              painPointGroups={groups}
              fields={fields}
              submitLabel={t("initiatives.create")}
              cancelTo={base}
            />
          </CardBody>
        </Card>
        <div className="space-y-4">
          <QuickWinGuidance compact />
        </div>
      </div>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
