/**
 * /settings/tokens: the signed-in user's personal access tokens for the REST API. Create one (name,
 * scope, lifetime) and see it exactly once, list them with when they were last used, revoke one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { PageContainer } from "~/components/app-shell";
import { RouteError } from "~/components/route-error";
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  CopyButton,
  Dialog,
  DialogClose,
  DialogContent,
  DialogFooter,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Select,
} from "~/components/ui";
import { tFor } from "~/i18n/config";
import { localeFor } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import { API_TOKEN_EXPIRY_DAYS, API_TOKEN_NAME_MAX, API_TOKEN_SCOPES, type ApiTokenView } from "~/models/api-tokens";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-tokens.server";
import { DomainError } from "~/models/domain.server";
import { requireUser } from "~/models/session.server";
import { formatDateTime } from "~/utils/format";
import { pageTitle, useLocale } from "~/utils/root-data";
import { formToObject } from "~/utils/zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tokens.title");

const DEFAULT_EXPIRY = "90";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ tokens: await listApiTokens(user.id) }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionData =
  | { intent: "create"; ok: true; token: string; apiToken: ApiTokenView }
  | { intent: "create"; ok: false; error: string; fields: Record<string, string> }
  | { intent: "revoke"; ok: true; id: string }
  | { intent: "revoke"; ok: false; error: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await localeFor(request, user);
  const t = tFor(locale);
  const form = formToObject(await request.formData());
  const translate = (error: DomainError) => ({
    error: String(t(error.key, error.vars ?? {})),
    fields: Object.fromEntries(Object.entries(error.fields ?? {}).map(([k, key]) => [k, String(t(key, error.vars ?? {}))])),
  });
  // The raw token is in this answer only: never cache it.
  const headers = { "Cache-Control": "no-store" };
  if (form.intent === "revoke") {
    try {
      await revokeApiToken(user.id, form.tokenId);
      return json<ActionData>({ intent: "revoke", ok: true, id: form.tokenId }, { headers });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return json<ActionData>({ intent: "revoke", ok: false, error: translate(error).error }, { status: error.status, headers });
    }
  }
  if (form.intent === "create") {
    try {
      const { token, apiToken } = await createApiToken(user.id, { name: form.name, scope: form.scope, expiresInDays: form.expiresInDays });
      return json<ActionData>({ intent: "create", ok: true, token, apiToken }, { status: 201, headers });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return json<ActionData>({ intent: "create", ok: false, ...translate(error) }, { status: error.status, headers });
    }
  }
  return json({ error: String(t("errors.bad_request")) }, { status: 400, headers });
}

function StatusBadge({ token }: { token: ApiTokenView }) {
  const { t } = useTranslation();
  if (token.status === "revoked") return <Badge tone="danger">{t("tokens.status.revoked")}</Badge>;
  if (token.status === "expired") return <Badge tone="warning">{t("tokens.status.expired")}</Badge>;
  return <Badge tone="success">{t("tokens.status.active")}</Badge>;
}

function RevokeButton({ token }: { token: ApiTokenView }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ActionData>();
  const [open, setOpen] = useState(false);
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state === "idle" && result?.intent === "revoke" && result.ok) setOpen(false);
  }, [fetcher.state, result]);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid={`revoke-${token.id}`}>
        {t("tokens.revoke")}
      </Button>
      <DialogContent title={t("tokens.revokeTitle", { name: token.name })} description={t("tokens.revokeDescription")}>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="tokenId" value={token.id} />
          {result?.intent === "revoke" && !result.ok ? (
            <p className="text-sm text-red-700" role="alert">
              {result.error}
            </p>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t("ui.cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="danger" busy={busy} data-testid="confirm-revoke">
              {t("tokens.revokeConfirm")}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  );
}

function NewToken({ token, apiToken }: { token: string; apiToken: ApiTokenView }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [token]);
  return (
    <div ref={ref} tabIndex={-1} className="focus:outline-none">
      <Alert tone="warning" title={t("tokens.created.title", { name: apiToken.name })}>
        <p>{t("tokens.created.warning")}</p>
        <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
          <Field label={t("tokens.created.label")} hideLabel className="min-w-0 flex-1">
            <Input
              id="new-token"
              readOnly
              value={token}
              className="font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="new-token"
            />
          </Field>
          <CopyButton value={token} label={t("tokens.created.copy")} fallbackInputId="new-token" className="shrink-0" />
        </div>
        <p className="mt-3 text-xs text-amber-900">{t("tokens.created.usage")}</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-white/70 px-3 py-2 font-mono text-xs text-slate-800">
          {`curl -H "Authorization: Bearer ${apiToken.prefix}…" /api/v1/programs`}
        </pre>
      </Alert>
    </div>
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const navigation = useNavigation();
  const creating = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  const created = actionData?.intent === "create" && actionData.ok ? actionData : null;
  const createError = actionData?.intent === "create" && !actionData.ok ? actionData : null;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (created) formRef.current?.reset();
  }, [created]);
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, locale) : none);

  return (
    <PageContainer>
      <PageHeader eyebrow={t("tokens.eyebrow")} title={t("tokens.title")} description={t("tokens.description")} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {created ? <NewToken token={created.token} apiToken={created.apiToken} /> : null}
          <Card>
            <CardHeader title={t("tokens.list.title", { count: tokens.length })} />
            {tokens.length === 0 ? (
              <div className="p-5">
                <EmptyState title={t("tokens.list.empty")} />
              </div>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="token-list">
                {tokens.map((tok) => (
                  <li key={tok.id} className="flex flex-col gap-3 px-5 py-3.5 sm:flex-row sm:items-center sm:justify-between" data-testid="token-row">
                    <div className="min-w-0 space-y-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="truncate text-sm font-medium text-slate-900">{tok.name}</span>
                        <Badge tone={tok.scope === "write" ? "violet" : "brand"}>{t(`tokens.scopes.${tok.scope}`)}</Badge>
                        <StatusBadge token={tok} />
                      </div>
                      <p className="font-mono text-xs text-slate-600">{tok.prefix}…</p>
                      <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
                        <div className="flex gap-1">
                          <dt>{t("tokens.list.created")}</dt>
                          <dd>{formatDateTime(tok.createdAt, locale)}</dd>
                        </div>
                        <div className="flex gap-1">
                          <dt>{t("tokens.list.lastUsed")}</dt>
                          <dd>{when(tok.lastUsedAt, t("tokens.list.neverUsed"))}</dd>
                        </div>
                        <div className="flex gap-1">
                          <dt>{tok.status === "revoked" ? t("tokens.list.revoked") : t("tokens.list.expires")}</dt>
                          <dd>{tok.status === "revoked" ? when(tok.revokedAt, "") : when(tok.expiresAt, t("tokens.list.noExpiry"))}</dd>
                        </div>
                      </dl>
                    </div>
                    {tok.status === "revoked" ? null : <RevokeButton token={tok} />}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title={t("tokens.create.title")} description={t("tokens.create.description")} />
            <CardBody>
              <Form method="post" ref={formRef} className="space-y-4" noValidate>
                <input type="hidden" name="intent" value="create" />
                <Field label={t("tokens.create.name")} hint={t("tokens.create.nameHint")} error={createError?.fields.name}>
                  <Input name="name" required maxLength={API_TOKEN_NAME_MAX} autoComplete="off" data-testid="token-name" />
                </Field>
                <Field label={t("tokens.create.scope")} hint={t("tokens.create.scopeHint")} error={createError?.fields.scope}>
                  <Select name="scope" defaultValue="read" data-testid="token-scope">
                    {API_TOKEN_SCOPES.map((s) => (
                      <option key={s} value={s}>
                        {t(`tokens.scopeOptions.${s}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t("tokens.create.expiry")} error={createError?.fields.expiresInDays}>
                  <Select name="expiresInDays" defaultValue={DEFAULT_EXPIRY} data-testid="token-expiry">
                    {API_TOKEN_EXPIRY_DAYS.map((d) => (
                      <option key={d} value={String(d)}>
                        {t("tokens.create.days", { count: d })}
                      </option>
                    ))}
                    <option value="never">{t("tokens.create.never")}</option>
                  </Select>
                </Field>
                {createError && Object.keys(createError.fields).length === 0 ? (
                  <p className="text-sm text-red-700" role="alert">
                    {createError.error}
                  </p>
                ) : null}
                <Button type="submit" busy={creating} data-testid="create-token">
                  {t("tokens.create.submit")}
                </Button>
              </Form>
            </CardBody>
          </Card>
          <Alert tone="info" title={t("tokens.help.title")}>
            <p>{t("tokens.help.body")}</p>
            <p className="mt-2">
              <a href="/api/v1/openapi.json" className="font-medium text-brand-800 underline underline-offset-2" target="_blank" rel="noreferrer">
                {t("tokens.help.openapi")}
              </a>
            </p>
          </Alert>
        </div>
      </div>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
