/** Create an account. A new user with no organisation lands on /programs, which guides them to create one or ask for an invite. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { AuthCard, AuthLayout } from "~/components/auth-layout";
import { RouteError } from "~/components/route-error";
import { Button, Field, Input } from "~/components/ui";
import { tFor } from "~/i18n/config";
import { localeFor } from "~/i18n/locale.server";
import { createSession, getUser, safeRedirectTo, sessionCookieHeader } from "~/models/session.server";
import { createUser, EmailTakenError } from "~/models/user.server";
import type { RouteHandle } from "~/root";
import { pageTitle } from "~/utils/root-data";
import { EmailSchema, PasswordSchema, PersonNameSchema } from "~/utils/validation";
import { fieldErrors, formToObject } from "~/utils/zod";

export const handle: RouteHandle = { layout: "bare" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.signup.title");

const SignupSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get("redirectTo"));
  if (await getUser(request)) throw redirect(redirectTo);
  return json({ redirectTo });
}

type ActionData = { fields: Record<string, string>; values: { name?: string; email?: string } };

export async function action({ request }: ActionFunctionArgs) {
  const locale = await localeFor(request);
  const t = tFor(locale);
  const raw = formToObject(await request.formData());
  const values = { name: raw.name, email: raw.email };
  const parsed = SignupSchema.safeParse(raw);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error, t), values }, { status: 400 });
  try {
    const user = await createUser({ name: parsed.data.name, email: parsed.data.email, password: parsed.data.password, locale });
    const token = await createSession(user.id, request.headers.get("user-agent"));
    return redirect(safeRedirectTo(parsed.data.redirectTo), { headers: { "Set-Cookie": await sessionCookieHeader(token) } });
  } catch (err) {
    if (err instanceof EmailTakenError) {
      return json<ActionData>({ fields: { email: String(t("validation.emailTaken")) }, values }, { status: 409 });
    }
    throw err;
  }
}

export default function SignupPage() {
  const { t } = useTranslation();
  const { redirectTo } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const loginHref = `/login${redirectTo !== "/programs" ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
  return (
    <AuthLayout>
      <AuthCard title={t("auth.signup.title")} subtitle={t("auth.signup.subtitle")}>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field label={t("auth.fields.name")} hint={t("auth.fields.nameHint")} error={data?.fields.name}>
            <Input name="name" autoComplete="name" required defaultValue={data?.values.name} autoFocus />
          </Field>
          <Field label={t("auth.fields.email")} hint={t("auth.fields.workEmailHint")} error={data?.fields.email}>
            <Input name="email" type="email" autoComplete="email" required defaultValue={data?.values.email} />
          </Field>
          <Field label={t("auth.fields.password")} hint={t("auth.fields.passwordHint")} error={data?.fields.password}>
            <Input name="password" type="password" autoComplete="new-password" required minLength={8} />
          </Field>
          <Button type="submit" className="w-full" busy={busy}>
            {t("auth.signup.submit")}
          </Button>
        </Form>
        <p className="mt-6 text-center text-sm text-slate-600">
          {t("auth.signup.haveAccount")}{" "}
          <Link to={loginHref} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("auth.signup.loginLink")}
          </Link>
        </p>
      </AuthCard>
    </AuthLayout>
  );
}

export function ErrorBoundary() {
  return (
    <AuthLayout>
      <RouteError compact />
    </AuthLayout>
  );
}
