/** POST /settings/language: stores the language on the user (when signed in) and in the cx_lang cookie, then goes back. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { localeCookie, localeFor } from "~/i18n/locale.server";
import { getUser, safeRedirectTo } from "~/models/session.server";
import { setUserLocale } from "~/models/user.server";
import { httpError } from "~/utils/http.server";
import { formToObject } from "~/utils/zod";

const LanguageSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const parsed = LanguageSchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success) throw httpError(await localeFor(request, user), 400);
  if (user) await setUserLocale(user.id, parsed.data.locale);
  return redirect(safeRedirectTo(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}
