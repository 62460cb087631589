/** The signed-in user with the organisation they work in now (or null when they belong to none). */
import type { Locale } from "../i18n/config";
import { localeFor } from "../i18n/locale.server";
import { listUserOrgs, pickActiveOrg, type OrgSummary } from "../models/org.server";
import { requireUser } from "../models/session.server";
import type { PublicUser } from "../models/user.server";

export interface OrgContext {
  user: PublicUser;
  locale: Locale;
  orgs: OrgSummary[];
  activeOrg: OrgSummary | null;
}

export async function requireOrgContext(request: Request): Promise<OrgContext> {
  const user = await requireUser(request);
  const locale = await localeFor(request, user);
  const orgs = await listUserOrgs(user.id);
  return { user, locale, orgs, activeOrg: pickActiveOrg(orgs, user.active_org_id) };
}
