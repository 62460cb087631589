/**
 * Accepting an invite: shows the organisation, program, role and inviter. Signed in as the invited
 * email → Accept. Signed in as someone else → explain and offer to sign out. Signed out → sign up
 * with the invited email (or sign in), and the invite is accepted in the same step.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { AuthLayout } from "~/components/auth-layout";
import { ProgramRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import { Alert, Button, ButtonLink, Field, Input } from "~/components/ui";
import { tFor } from "~/i18n/config";
import { localeFor } from "~/i18n/locale.server";
import { acceptInvite, getInviteByToken, type InviteStatus } from "~/models/invite.server";
import { localName } from "~/models/org.server";
import { createSession, getUser, requireUser, sessionCookieHeader } from "~/models/session.server";
import { createUser, EmailTakenError, findUserByEmail } from "~/models/user.server";
import type { RouteHandle } from "~/root";
import { formatDate } from "~/utils/format";
import { pageTitle, useLocale } from "~/utils/root-data";
import { PasswordSchema, PersonNameSchema } from "~/utils/validation";
import { fieldErrors, formToObject } from "~/utils/zod";

export const handle: RouteHandle = { layout: "bare" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

const TokenSchema = z.string().min(10).max(200);

const InviteActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept") }),
  z.object({ intent: z.literal("signup"), name: PersonNameSchema, password: PasswordSchema }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await localeFor(request, user);
  const token = TokenSchema.safeParse(params.token);
  const details = token.success ? await getInviteByToken(token.data) : null;
  if (!details) return json({ found: false as const });
  const path = new URL(request.url).pathname;
  const { invite } = details;
  const hasAccount = !user && details.status === "valid" ? Boolean(await findUserByEmail(invite.email)) : false;
  return json({
    found: true as const,
    status: details.status,
    email: invite.email,
    role: invite.role,
    expiresAt: invite.expires_at,
    programId: invite.program_id,
    programName: localName({ name: details.programName, name_en: details.programNameEn }, locale),
    orgName: localName({ name: details.orgName, name_en: details.orgNameEn }, locale),
    inviterName: details.inviterName,
    user: user ? { name: user.name, email: user.email } : null,
    isInvitee: user ? user.email === invite.email : false,
    hasAccount,
    path,
  });
}

type ActionData = { fields?: Record<string, string>; error?: string; values?: Record<string, string> };

function reasonKey(reason: InviteStatus | "wrong_user" | "not_found"): string {
  return `invite.reasons.${reason}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = TokenSchema.safeParse(params.token);
  const raw = formToObject(await request.formData());
  const parsed = InviteActionSchema.safeParse(raw);
  const current = await getUser(request);
  const locale = await localeFor(request, current);
  const t = tFor(locale);
  if (!token.success) return json<ActionData>({ error: String(t(reasonKey("not_found"))) }, { status: 404 });
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error, t), values: raw }, { status: 400 });

  if (parsed.data.intent === "accept") {
    const user = await requireUser(request);
    const result = await acceptInvite(token.data, user);
    if (!result.ok) return json<ActionData>({ error: String(t(reasonKey(result.reason))) }, { status: 409 });
    return redirect(`/programs/${result.programId}`);
  }

  // Sign up with the invited email, then accept in the same step.
  const details = await getInviteByToken(token.data);
  if (!details) return json<ActionData>({ error: String(t(reasonKey("not_found"))) }, { status: 404 });
  if (details.status !== "valid") return json<ActionData>({ error: String(t(reasonKey(details.status))) }, { status: 409 });
  let user;
  try {
    user = await createUser({ email: details.invite.email, name: parsed.data.name, password: parsed.data.password, locale });
  } catch (err) {
    if (err instanceof EmailTakenError) {
      return json<ActionData>({ error: String(t("invite.accountExists")), values: raw }, { status: 409 });
    }
    throw err;
  }
  const sessionToken = await createSession(user.id, request.headers.get("user-agent"));
  const headers = { "Set-Cookie": await sessionCookieHeader(sessionToken) };
  const result = await acceptInvite(token.data, user);
  if (!result.ok) return redirect("/programs", { headers });
  return redirect(`/programs/${result.programId}`, { headers });
}

export default function InvitePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";

  if (!data.found) {
    return (
      <AuthLayout wide>
        <InviteCard title={t("invite.notFoundTitle")}>
          <p className="text-sm leading-6 text-slate-600">{t("invite.reasons.not_found")}</p>
          <ButtonLink to="/programs" variant="secondary" className="mt-5">
            {t("errorPage.back")}
          </ButtonLink>
        </InviteCard>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout wide>
      <InviteCard title={t("invite.heading", { program: data.programName })}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md bg-slate-50 px-4 py-3 text-sm" data-testid="invite-details">
          <dt className="text-slate-500">{t("invite.org")}</dt>
          <dd className="font-medium text-slate-900">{data.orgName}</dd>
          <dt className="text-slate-500">{t("invite.program")}</dt>
          <dd className="font-medium text-slate-900">{data.programName}</dd>
          <dt className="text-slate-500">{t("invite.role")}</dt>
          <dd>
            <ProgramRoleBadge role={data.role} />
          </dd>
          <dt className="text-slate-500">{t("invite.invitedBy")}</dt>
          <dd className="text-slate-900">{data.inviterName}</dd>
          <dt className="text-slate-500">{t("invite.for")}</dt>
          <dd className="break-all text-slate-900">{data.email}</dd>
        </dl>
        <p className="mt-3 text-sm leading-6 text-slate-600">{t(`roles.programDescription.${data.role}`)}</p>

        <div className="mt-6">
          {actionData?.error ? (
            <Alert tone="danger" className="mb-4">
              {actionData.error}
            </Alert>
          ) : null}
          {data.status !== "valid" ? (
            <Alert
              tone="warning"
              title={t(`invite.statusTitle.${data.status}`)}
              actions={
                <ButtonLink to={data.user ? "/programs" : signInHref(`/programs/${data.programId}`, data.email)} variant="secondary" size="sm">
                  {data.user ? t("errorPage.back") : t("auth.login.submit")}
                </ButtonLink>
              }
            >
              {t(reasonKey(data.status))}
            </Alert>
          ) : data.user && data.isInvitee ? (
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="accept" />
              <p className="text-sm text-slate-600">{t("invite.signedInAs", { name: data.user.name, email: data.user.email })}</p>
              <Button type="submit" className="w-full" busy={busy} data-testid="accept-invite">
                {t("invite.accept")}
              </Button>
              <p className="text-center text-xs text-slate-500">{t("invite.expires", { date: formatDate(data.expiresAt, locale) })}</p>
            </Form>
          ) : data.user ? (
            <Alert
              tone="warning"
              title={t("invite.wrongUserTitle")}
              actions={
                <Form method="post" action="/logout">
                  <input type="hidden" name="redirectTo" value={signInHref(data.path, data.email)} />
                  <Button type="submit" variant="secondary" size="sm">
                    {t("invite.signOutAndSwitch")}
                  </Button>
                </Form>
              }
            >
              {t("invite.wrongUser", { current: data.user.email, invited: data.email })}
            </Alert>
          ) : data.hasAccount ? (
            <div className="space-y-3">
              <p className="text-sm leading-6 text-slate-600">{t("invite.hasAccount")}</p>
              <SignInLink path={data.path} email={data.email} primary />
            </div>
          ) : (
            <Form method="post" className="space-y-4" noValidate>
              <input type="hidden" name="intent" value="signup" />
              <p className="text-sm leading-6 text-slate-600">{t("invite.signupIntro")}</p>
              <Field label={t("auth.fields.email")} hint={t("invite.emailFixed")}>
                <Input value={data.email} readOnly type="email" name="email_display" />
              </Field>
              <Field label={t("auth.fields.name")} error={actionData?.fields?.name}>
                <Input name="name" autoComplete="name" required defaultValue={actionData?.values?.name} />
              </Field>
              <Field label={t("auth.fields.password")} hint={t("auth.fields.passwordHint")} error={actionData?.fields?.password}>
                <Input name="password" type="password" autoComplete="new-password" required minLength={8} />
              </Field>
              <Button type="submit" className="w-full" busy={busy} data-testid="signup-accept">
                {t("invite.signupAndAccept")}
              </Button>
              <div className="text-center text-sm text-slate-600">
                {t("invite.alreadyHaveAccount")} <SignInLink path={data.path} email={data.email} />
              </div>
            </Form>
          )}
        </div>
      </InviteCard>
    </AuthLayout>
  );
}

/** Sign-in that comes back to this invite, with the invited email filled in. */
function signInHref(path: string, email: string): string {
  return `/login?redirectTo=${encodeURIComponent(path)}&email=${encodeURIComponent(email)}`;
}

function SignInLink({ path, email, primary = false }: { path: string; email: string; primary?: boolean }) {
  const { t } = useTranslation();
  const href = signInHref(path, email);
  return primary ? (
    <ButtonLink to={href} className="w-full">
      {t("invite.signInToAccept")}
    </ButtonLink>
  ) : (
    <Link to={href} className="font-medium text-brand-700 hover:underline">
      {t("invite.signInInstead")}
    </Link>
  );
}

function InviteCard({ title, children }: { title: React.ReactNode; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{t("invite.eyebrow")}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">{title}</h1>
      <div className="mt-5">{children}</div>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <AuthLayout>
      <RouteError compact />
    </AuthLayout>
  );
}
