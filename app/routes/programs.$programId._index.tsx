/** Program home: the six steps with their state and outputs, the program's purpose, the user's role and the team. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { actionKey } from "~/components/program/step-guide";
import { StepStateBadge } from "~/components/program/step-state";
import { useProgram } from "~/components/program/use-program";
import { OfficeBadge, ProgramRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import { Avatar, Badge, Card, CardBody, CardHeader, PageHeader } from "~/components/ui";
import { ChevronRightIcon } from "~/components/ui/icons";
import { requireProgram } from "~/models/access.server";
import { listProgramMembers } from "~/models/membership.server";
import { STEPS, stepHref } from "~/models/steps";
import { programStepStatuses } from "~/models/steps.server";
import { formatDate, formatNumber } from "~/utils/format";
import { pageTitle, useLocale } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "program.home.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program } = await requireProgram(request, params.programId);
  const [statuses, members] = await Promise.all([programStepStatuses(program), listProgramMembers(program.id)]);
  return json({ statuses, members });
}

/** The actions worth listing on the home page, most telling first (viewing is implied). */
const HIGHLIGHTS = [
  "members.manage",
  "vision.facilitate",
  "vision.edit",
  "journey.edit",
  "initiative.edit",
  "initiative.status",
  "kpi.edit",
  "feedback.triage",
  "nomination.review",
  "approve",
  "report.view",
  "feedback.submit",
  "idea.submit",
  "nomination.submit",
  "comment",
] as const;

export default function ProgramHome() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { statuses, members } = useLoaderData<typeof loader>();
  const { program, access, allowed } = useProgram();
  const done = statuses.filter((s) => s.state === "done").length;
  const allowedSet = new Set<string>(allowed);
  const highlights = HIGHLIGHTS.filter((a) => allowedSet.has(a));

  return (
    <PageContainer>
      <PageHeader eyebrow={t("program.home.title")} title={program.name} description={t("program.home.intro")} />

      <section aria-labelledby="steps-heading" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="steps-heading" className="text-base font-semibold text-slate-900">
            {t("program.home.stepsTitle")}
          </h2>
          <p className="text-sm text-slate-600">
            {t("program.home.progress", { done: formatNumber(done, locale), total: formatNumber(STEPS.length, locale) })}
          </p>
        </div>
        <ol className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="stepper">
          {STEPS.map((step) => {
            const status = statuses.find((s) => s.key === step.key);
            const state = status?.state ?? "not_started";
            const outputs = status?.outputs ?? [];
            return (
              <li key={step.key} data-testid={`step-${step.key}`}>
                <Link
                  to={stepHref(program.id, step)}
                  className="group flex h-full flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-300 hover:shadow focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                >
                  <div className="flex items-center gap-3">
                    <span
                      className={
                        state === "done"
                          ? "inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-sm font-semibold text-white"
                          : state === "in_progress"
                            ? "inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-700 text-sm font-semibold text-white"
                            : "inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 border-slate-300 bg-white text-sm font-semibold text-slate-600"
                      }
                      aria-hidden
                    >
                      {step.number}
                    </span>
                    <div className="min-w-0 flex-1">
                      <h3 className="font-semibold leading-snug text-slate-900 group-hover:text-brand-800">{t(`steps.${step.key}.name`)}</h3>
                    </div>
                    <StepStateBadge state={state} />
                  </div>
                  <p className="mt-3 flex-1 text-sm leading-6 text-slate-600">{t(`steps.${step.key}.short`)}</p>
                  <div className="mt-3 border-t border-slate-100 pt-3 text-sm">
                    <p className="text-xs font-medium text-slate-500">{t("program.home.produced")}</p>
                    {outputs.length > 0 ? (
                      <ul className="mt-1 flex flex-wrap gap-1.5">
                        {outputs.map((o) => (
                          <li key={o.labelKey}>
                            <Badge tone="brand">{t(o.labelKey, { count: o.count })}</Badge>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="mt-1 text-slate-500">{t("program.home.nothingYet")}</p>
                    )}
                  </div>
                </Link>
              </li>
            );
          })}
        </ol>
      </section>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("program.home.aboutTitle")} />
          <CardBody>
            {program.description ? (
              <p className="whitespace-pre-line text-sm leading-7 text-slate-700">{program.description}</p>
            ) : (
              <p className="text-sm text-slate-500">{t("program.home.noDescription")}</p>
            )}
            <p className="mt-4 text-xs text-slate-500">{t("program.home.createdOn", { date: formatDate(program.createdAt, locale) })}</p>
          </CardBody>
        </Card>

        <Card data-testid="your-role">
          <CardHeader title={t("program.home.yourRole")} />
          <CardBody className="space-y-3">
            <div className="flex flex-wrap gap-1.5">
              {access.role ? <ProgramRoleBadge role={access.role} /> : null}
              {access.office ? <OfficeBadge /> : null}
            </div>
            <p className="text-sm leading-6 text-slate-600">
              {access.role ? t(`roles.programDescription.${access.role}`) : t("roles.officeDescription")}
            </p>
            {highlights.length > 0 ? (
              <ul className="flex flex-wrap gap-1.5">
                {highlights.map((a) => (
                  <li key={a}>
                    <Badge>{t(actionKey(a))}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">{t("stepPage.readOnly")}</p>
            )}
          </CardBody>
        </Card>

        <Card className="lg:col-span-3" data-testid="team">
          <CardHeader
            title={t("program.home.teamTitle", { count: members.length })}
            actions={
              <Link to={`/programs/${program.id}/members`} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
                {t("program.home.allMembers")}
                <ChevronRightIcon className="h-4 w-4" />
              </Link>
            }
          />
          <ul className="grid grid-cols-1 gap-x-6 gap-y-1 p-3 sm:grid-cols-2 lg:grid-cols-3">
            {members.map((m) => (
              <li key={m.user_id} className="flex items-center gap-3 rounded-md px-2 py-2">
                <Avatar name={m.name} seed={m.user_id} />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">{m.name}</p>
                  <p className="truncate text-xs text-slate-500">{m.email}</p>
                </div>
                <ProgramRoleBadge role={m.role} />
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
