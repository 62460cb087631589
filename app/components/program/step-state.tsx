import { useTranslation } from "~/i18n/react";
import type { StepState } from "../../models/steps";
import { Badge } from "../ui/badge";

export function StepStateBadge({ state }: { state: StepState }) {
  const { t } = useTranslation();
  const tone = state === "done" ? "success" : state === "in_progress" ? "brand" : "neutral";
  return <Badge tone={tone}>{t(`steps.state.${state}`)}</Badge>;
}
