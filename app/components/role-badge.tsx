import { useTranslation } from "~/i18n/react";
import type { OrgRole, ProgramRole } from "../models/permissions";
import { Badge, type BadgeTone } from "./ui/badge";

const PROGRAM_TONES: Record<ProgramRole, BadgeTone> = {
  owner: "brand",
  leadership: "violet",
  project_team: "success",
  functional_rep: "neutral",
  frontline: "warning",
  viewer: "neutral",
};

export function ProgramRoleBadge({ role }: { role: ProgramRole }) {
  const { t } = useTranslation();
  return <Badge tone={PROGRAM_TONES[role]}>{t(`roles.program.${role}`)}</Badge>;
}

export function OrgRoleBadge({ role }: { role: OrgRole }) {
  const { t } = useTranslation();
  return <Badge tone={role === "admin" ? "brand" : role === "cx_office" ? "violet" : "neutral"}>{t(`roles.org.${role}`)}</Badge>;
}

export function OfficeBadge() {
  const { t } = useTranslation();
  return <Badge tone="violet">{t("roles.viaOffice")}</Badge>;
}
