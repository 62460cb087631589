/**
 * Import customer feedback from CSV: upload → map columns → check rows → import (see
 * components/journey/import/import-wizard.tsx; the work is done by the feedback-imports API).
 * `?id=<importId>` resumes a staged import. Needs journey.edit to import; others see the history.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { JourneySubnav } from "~/components/journey/analysis/shared";
import { ImportHistory, ImportWizard } from "~/components/journey/import/import-wizard";
import { RouteError } from "~/components/route-error";
import { Alert, Card, CardHeader, PageHeader } from "~/components/ui";
import { requireProgram } from "~/models/access.server";
import { getFeedbackImport, listFeedbackImports, MAX_IMPORT_BYTES, type ImportDetail } from "~/models/feedback-import.server";
import { can } from "~/models/permissions";
import { useTranslation } from "~/i18n/react";
import { pageTitle } from "~/utils/root-data";
import { DomainError } from "~/models/domain.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback.import.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const actor = { program: ctx.program, access: ctx.access, user: ctx.user };
  const id = new URL(request.url).searchParams.get("id");
  let current: ImportDetail | null = null;
  if (id) {
    try {
      const found = await getFeedbackImport(actor, id);
      if (found.status === "staged") current = found;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return json({
    programId: ctx.program.id,
    canEdit: can(ctx.access, "journey.edit"),
    current,
    imports: await listFeedbackImports(actor, { limit: 20 }),
    maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
  });
}

export default function ImportFeedbackRoute() {
  const { programId, canEdit, current, imports, maxMb } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8">
      <PageHeader eyebrow={t("steps.painPoints.name")} title={t("feedback.import.title")} description={t("feedback.import.description")} />
      <JourneySubnav programId={programId} />
      {canEdit ? (
        <ImportWizard key={current?.id ?? "new"} programId={programId} initial={current as ImportDetail | null} maxMb={maxMb} />
      ) : (
        <Alert tone="info">{t("feedback.import.forbidden")}</Alert>
      )}
      <Card className="mt-8">
        <CardHeader title={t("feedback.import.history")} as="h2" />
        <ImportHistory programId={programId} imports={imports} />
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
