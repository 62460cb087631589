/** POST /logout ends the session; GET just goes home (signing out needs a form post, so links cannot do it). */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookieHeader, destroySession, safeRedirectTo } from "~/models/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  await destroySession(request);
  return redirect(safeRedirectTo(form?.get("redirectTo"), "/login"), {
    headers: { "Set-Cookie": await clearedSessionCookieHeader() },
  });
}
