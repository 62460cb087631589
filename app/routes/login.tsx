/** Sign in. Errors appear next to the fields in the user's language; repeated failures answer 429 with the wait. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { AuthCard, AuthLayout } from "~/components/auth-layout";
import { RouteError } from "~/components/route-error";
import { Alert, Button, Field, Input } from "~/components/ui";
import { tFor } from "~/i18n/config";
import { localeFor } from "~/i18n/locale.server";
import { signIn } from "~/models/auth.server";
import { getUser, safeRedirectTo, sessionCookieHeader } from "~/models/session.server";
import type { RouteHandle } from "~/root";
import { pageTitle } from "~/utils/root-data";
import { fieldErrors, formToObject } from "~/utils/zod";

export const handle: RouteHandle = { layout: "bare" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.login.title");

const LoginSchema = z.object({
  email: z.string().trim().min(1, "validation.required").max(254, "validation.tooLong").email("validation.email"),
  password: z.string().min(1, "validation.required").max(200, "validation.tooLong"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectTo(url.searchParams.get("redirectTo"));
  if (await getUser(request)) throw redirect(redirectTo);
  return json({ redirectTo, email: url.searchParams.get("email") ?? "" });
}

type ActionData = { fields?: Record<string, string>; formError?: string; retryAfter?: number; email?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = await localeFor(request);
  const t = tFor(locale);
  const raw = formToObject(await request.formData());
  const parsed = LoginSchema.safeParse(raw);
  if (!parsed.success) {
    return json<ActionData>({ fields: fieldErrors(parsed.error, t), email: raw.email }, { status: 400 });
  }
  const { email, password } = parsed.data;
  const result = await signIn({ email, password, ip: context.clientIp, userAgent: request.headers.get("user-agent") });
  if (!result.ok) {
    if (result.reason === "throttled") {
      return json<ActionData>(
        { formError: String(t("errors.too_many_requests", { seconds: result.retryAfter })), retryAfter: result.retryAfter, email },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
      );
    }
    return json<ActionData>({ formError: String(t("errors.badCredentials")), email }, { status: 401 });
  }
  return redirect(safeRedirectTo(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await sessionCookieHeader(result.token) },
  });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { redirectTo, email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting";
  const signupHref = `/signup${params.toString() ? `?${params.toString()}` : ""}`;
  return (
    <AuthLayout>
      <AuthCard title={t("auth.login.title")} subtitle={t("auth.login.subtitle")}>
        {params.get("redirectTo") && !data ? (
          <Alert tone="info" className="mb-5">
            {t("auth.login.signInToContinue")}
          </Alert>
        ) : null}
        {data?.formError ? (
          <Alert tone={data.retryAfter ? "warning" : "danger"} className="mb-5">
            <span data-testid="login-error">{data.formError}</span>
          </Alert>
        ) : null}
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field label={t("auth.fields.email")} error={data?.fields?.email}>
            <Input name="email" type="email" autoComplete="email" required defaultValue={data?.email ?? email} autoFocus />
          </Field>
          <Field label={t("auth.fields.password")} error={data?.fields?.password}>
            <Input name="password" type="password" autoComplete="current-password" required />
          </Field>
          <Button type="submit" className="w-full" busy={busy}>
            {t("auth.login.submit")}
          </Button>
        </Form>
        <p className="mt-6 text-center text-sm text-slate-600">
          {t("auth.login.noAccount")}{" "}
          <Link to={signupHref} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("auth.login.signupLink")}
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
