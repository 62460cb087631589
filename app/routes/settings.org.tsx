/** POST /settings/org: switches the organisation the user works in (only to one they belong to). */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { localeFor } from "~/i18n/locale.server";
import { orgRoleOf } from "~/models/org.server";
import { requireUser, safeRedirectTo } from "~/models/session.server";
import { setActiveOrg } from "~/models/user.server";
import { httpError } from "~/utils/http.server";
import { IdSchema } from "~/utils/validation";
import { formToObject } from "~/utils/zod";

const SwitchSchema = z.object({ orgId: IdSchema, redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/programs");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await localeFor(request, user);
  const parsed = SwitchSchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success) throw httpError(locale, 400);
  if (!(await orgRoleOf(user.id, parsed.data.orgId))) throw httpError(locale, 404);
  await setActiveOrg(user.id, parsed.data.orgId);
  return redirect(safeRedirectTo(parsed.data.redirectTo));
}
