/**
 * The organisation an organisation-wide API call (the KPI board, alerts, notifications) is about:
 * `?orgId=` when given (an organisation the caller belongs to; any other answers 404), otherwise
 * the caller's active organisation (their chosen one, else their first). A caller without any
 * organisation gets 404 as well.
 */
import type { Locale } from "../i18n/config";
import { listUserOrgs, pickActiveOrg } from "../models/org.server";
import type { PublicUser } from "../models/user.server";
import { requireApiUser, type ApiAuthOptions } from "./api.server";
import { httpError } from "./http.server";

export async function requireOrgApiViewer(
  request: Request,
  opts: ApiAuthOptions = {},
): Promise<{ user: PublicUser; locale: Locale; orgId: string }> {
  const { user, locale } = await requireApiUser(request, opts);
  const wanted = new URL(request.url).searchParams.get("orgId");
  const orgs = await listUserOrgs(user.id);
  const org = wanted ? orgs.find((o) => o.id === wanted) : pickActiveOrg(orgs, user.active_org_id);
  if (!org) throw httpError(locale, 404, { key: "office.errors.orgNotFound", code: "org_not_found" });
  return { user, locale, orgId: org.id };
}
