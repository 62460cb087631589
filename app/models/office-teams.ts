/**
 * The central CX office's three teams (seed 004 step 6), shared by server and UI: their stable
 * keys in display order, the i18n keys of their names and default descriptions, who may manage
 * them (org admins and the CX office) and the input schemas (messages are i18n keys).
 */
import { z } from "zod";
import type { OfficeTeamKey, OrgRole } from "../../db/schema";

export type { OfficeTeamKey };

/** New customer experience, call center, daily management & analytics — in this order. */
export const OFFICE_TEAM_KEYS = ["new_cx", "call_center", "analytics"] as const satisfies readonly OfficeTeamKey[];

const I18N: Record<OfficeTeamKey, string> = { new_cx: "newCx", call_center: "callCenter", analytics: "analytics" };

/** `office.teams.<x>.name`: the team's name in the user's language. */
export function teamNameKey(key: OfficeTeamKey): string {
  return `office.teams.${I18N[key]}.name`;
}

/** `office.teams.<x>.body`: what the team does, shown while the office has not written its own description. */
export function teamDefaultDescriptionKey(key: OfficeTeamKey): string {
  return `office.teams.${I18N[key]}.body`;
}

export function isOfficeTeamKey(v: unknown): v is OfficeTeamKey {
  return typeof v === "string" && (OFFICE_TEAM_KEYS as readonly string[]).includes(v);
}

/** Org admins and CX office members manage the teams; everyone else in the organisation reads. */
export function canManageOffice(orgRole: OrgRole | null | undefined): boolean {
  return orgRole === "admin" || orgRole === "cx_office";
}

export const TEAM_DESCRIPTION_MAX_CHARS = 1000;

const id = z.string({ error: "validation.required" }).min(1, "validation.required").max(100, "validation.invalid");

export const TeamMemberInputSchema = z.object({ userId: id });

export const TeamLeadInputSchema = z.object({
  /** null (or empty) removes the lead. */
  userId: z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable()),
});

export const TeamDescriptionInputSchema = z.object({
  description: z.preprocess(
    (v) => (v == null ? "" : v),
    z.string({ error: "validation.invalid" }).trim().max(TEAM_DESCRIPTION_MAX_CHARS, "validation.tooLong")
  ),
});
