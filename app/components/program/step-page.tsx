/** The page of one step inside a program: header, honest empty state, purpose, plans and access. */
import { useTranslation } from "~/i18n/react";
import { STEPS, type StepKey, type StepState } from "../../models/steps";
import { PageContainer } from "../app-shell";
import { PageHeader } from "../ui";
import { StepAccess, StepEmpty, StepFeatures, StepPurpose } from "./step-guide";
import { useProgram } from "./use-program";

export function StepPage({ step, state }: { step: StepKey; state: StepState }) {
  const { t } = useTranslation();
  const { access } = useProgram();
  const number = STEPS.find((s) => s.key === step)?.number ?? 0;
  return (
    <PageContainer>
      <PageHeader
        eyebrow={t("stepPage.eyebrow", { number, total: STEPS.length })}
        title={t(`steps.${step}.name`)}
        description={t(`steps.${step}.short`)}
      />
      <div className="space-y-6">
        <StepEmpty step={step} state={state} />
        <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
          <StepPurpose step={step} />
          <StepFeatures step={step} />
        </div>
        <StepAccess step={step} access={access} />
      </div>
    </PageContainer>
  );
}
