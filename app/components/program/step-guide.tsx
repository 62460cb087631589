/**
 * What a step is for (from the method's source text), what it produces, what will be built there,
 * and who in this program may do what in it: the honest empty state every step page starts with.
 */
import { useTranslation } from "~/i18n/react";
import { can, PROGRAM_ROLES, roleAllows, type Action, type ProgramAccess } from "../../models/permissions";
import type { StepKey, StepState } from "../../models/steps";
import { Badge, Card, CardBody, CardHeader } from "../ui";
import { CheckIcon, LockIcon } from "../ui/icons";
import { StepStateBadge } from "./step-state";

/** The permissions that matter on each step's page, in the order a reader would ask about them. */
export const STEP_ACTIONS: Record<StepKey, Action[]> = {
  vision: ["vision.facilitate", "vision.edit", "comment", "approve"],
  painPoints: ["journey.edit", "comment", "approve"],
  reshape: ["journey.edit", "initiative.edit", "approve"],
  iterate: ["loop.manage", "feedback.submit", "feedback.triage", "initiative.edit", "kpi.edit", "measurement.add", "approve"],
  frontline: ["guideline.edit", "idea.submit", "nomination.submit", "nomination.review"],
  improve: ["initiative.status", "kpi.edit", "report.view"],
};

/** The same actions for the CX office, which reads every program of its organisation. */
const OFFICE_ACCESS: ProgramAccess = { role: null, office: true };

export function actionKey(action: Action): string {
  return `permissions.actions.${action.replace(".", "_")}`;
}

function useList(key: string): string[] {
  const { t } = useTranslation();
  const value = t(key, { returnObjects: true }) as unknown;
  return value && typeof value === "object" ? Object.values(value as Record<string, string>) : [];
}

export function StepPurpose({ step }: { step: StepKey }) {
  const { t } = useTranslation();
  const outputs = useList(`steps.${step}.outputs`);
  return (
    <Card>
      <CardHeader title={t("stepPage.purposeTitle")} />
      <CardBody className="space-y-4">
        <p className="text-sm leading-7 text-slate-700">{t(`steps.${step}.purpose`)}</p>
        <figure className="rounded-md border-l-4 border-brand-300 bg-brand-50/60 px-4 py-3">
          <blockquote className="text-sm leading-7 text-slate-800">
            {t(`steps.${step}.source`)}
          </blockquote>
          <figcaption className="mt-2 text-xs text-slate-600">{t("stepPage.sourceCaption")}</figcaption>
        </figure>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t("stepPage.outputsTitle")}</h3>
          <ul className="mt-2 space-y-1.5">
            {outputs.map((o) => (
              <li key={o} className="flex gap-2 text-sm leading-6 text-slate-700">
                <span className="mt-2.5 h-1.5 w-1.5 shrink-0 rounded-full bg-brand-500" aria-hidden />
                {o}
              </li>
            ))}
          </ul>
        </div>
      </CardBody>
    </Card>
  );
}

export function StepFeatures({ step }: { step: StepKey }) {
  const { t } = useTranslation();
  const features = useList(`steps.${step}.features`);
  return (
    <Card>
      <CardHeader title={t("stepPage.featuresTitle")} description={t("stepPage.featuresDescription")} />
      <ol className="divide-y divide-slate-100">
        {features.map((f, i) => (
          <li key={f} className="flex gap-3 px-5 py-3 text-sm leading-6 text-slate-700">
            <span className="mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded bg-slate-100 text-[11px] font-semibold text-slate-600">
              {i + 1}
            </span>
            <span>{f}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function StepAccess({ step, access }: { step: StepKey; access: ProgramAccess }) {
  const { t } = useTranslation();
  const actions = STEP_ACTIONS[step];
  const mine = actions.filter((a) => can(access, a));
  return (
    <Card>
      <CardHeader title={t("stepPage.accessTitle")} description={t("stepPage.accessDescription")} />
      <CardBody className="space-y-4">
        <div className="rounded-md bg-slate-50 px-4 py-3 text-sm" data-testid="your-access">
          <p className="font-medium text-slate-900">{t("stepPage.yourAccess")}</p>
          {mine.length > 0 ? (
            <ul className="mt-1.5 flex flex-wrap gap-1.5">
              {mine.map((a) => (
                <li key={a}>
                  <Badge tone="success">
                    <CheckIcon className="h-3 w-3" />
                    {t(actionKey(a))}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 flex items-center gap-1.5 text-slate-600">
              <LockIcon className="h-4 w-4" />
              {t("stepPage.readOnly")}
            </p>
          )}
        </div>
        <div className="-mx-5 overflow-x-auto px-5">
          <table className="w-full min-w-[36rem] border-collapse text-sm">
            <caption className="sr-only">{t("stepPage.accessTitle")}</caption>
            <thead>
              <tr className="text-left text-xs text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("stepPage.actionColumn")}
                </th>
                {PROGRAM_ROLES.map((r) => (
                  <th key={r} scope="col" className="px-1.5 py-2 text-center font-medium">
                    {t(`roles.program.${r}`)}
                  </th>
                ))}
                <th scope="col" className="px-1.5 py-2 text-center font-medium">
                  {t("roles.org.cx_office")}
                </th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a} className="border-t border-slate-100">
                  <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-800">
                    {t(actionKey(a))}
                  </th>
                  {PROGRAM_ROLES.map((r) => (
                    <td key={r} className="px-1.5 py-2 text-center">
                      <AllowedMark allowed={roleAllows(r, a)} />
                    </td>
                  ))}
                  <td className="px-1.5 py-2 text-center">
                    <AllowedMark allowed={can(OFFICE_ACCESS, a)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CardBody>
    </Card>
  );
}

function AllowedMark({ allowed }: { allowed: boolean }) {
  const { t } = useTranslation();
  return allowed ? (
    <CheckIcon className="mx-auto h-4 w-4 text-emerald-700" title={t("stepPage.allowed")} />
  ) : (
    <span className="text-slate-300" aria-label={t("stepPage.notAllowed")} role="img">
      —
    </span>
  );
}

export function StepEmpty({ step, state }: { step: StepKey; state: StepState }) {
  const { t } = useTranslation();
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-6" data-testid="step-empty">
      <div className="flex flex-wrap items-center gap-2">
        <StepStateBadge state={state} />
        <h2 className="text-base font-semibold text-slate-900">{t("stepPage.emptyTitle")}</h2>
      </div>
      <p className="mt-2 max-w-3xl text-sm leading-6 text-slate-600">{t(`steps.${step}.emptyBody`)}</p>
    </div>
  );
}
