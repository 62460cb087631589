/** Organisation settings for the active organisation: members and their org roles, and its programs. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { PageContainer } from "~/components/app-shell";
import { ProgramLinkList } from "~/components/program/program-link-list";
import { ProgramImportPanel } from "~/components/program-export/import-panel";
import { OrgRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import { Alert, Avatar, Button, Card, CardHeader, EmptyState, Field, PageHeader, Select, ButtonLink } from "~/components/ui";
import { PlusIcon } from "~/components/ui/icons";
import { tFor } from "~/i18n/config";
import { listOrgMembers, localName, setOrgRole } from "~/models/org.server";
import { ORG_ROLES, type OrgRole } from "~/models/permissions";
import { listVisiblePrograms } from "~/models/program.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle, useLocale } from "~/utils/root-data";
import { IdSchema, OrgRoleSchema } from "~/utils/validation";
import { fieldErrors, formToObject } from "~/utils/zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "orgs.settings.title");

const ChangeRoleSchema = z.object({ intent: z.literal("changeRole"), userId: IdSchema, role: OrgRoleSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) throw redirect("/orgs/new");
  const [members, programs] = await Promise.all([listOrgMembers(activeOrg.id), listVisiblePrograms(user.id, activeOrg.id)]);
  return json({
    org: { id: activeOrg.id, name: localName(activeOrg, locale), role: activeOrg.role },
    isAdmin: activeOrg.role === "admin",
    me: user.id,
    members,
    programs: programs.map((p) => ({ id: p.id, name: localName(p, locale), role: p.role, office: p.office })),
  });
}

type ActionData = { ok: true; userId: string } | { ok: false; userId?: string; error: string };

export async function action({ request }: ActionFunctionArgs) {
  const { locale, activeOrg, user } = await requireOrgContext(request);
  if (!activeOrg) throw httpError(locale, 404);
  if (activeOrg.role !== "admin") throw httpError(locale, 403);
  const t = tFor(locale);
  const parsed = ChangeRoleSchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, t);
    return json<ActionData>({ ok: false, error: Object.values(errors)[0] ?? String(t("validation.invalid")) }, { status: 400 });
  }
  const result = await setOrgRole(user.id, activeOrg.id, parsed.data.userId, parsed.data.role);
  if (result === "last_admin") {
    return json<ActionData>({ ok: false, userId: parsed.data.userId, error: String(t("orgs.settings.lastAdmin")) }, { status: 409 });
  }
  if (result === "not_member") {
    return json<ActionData>({ ok: false, userId: parsed.data.userId, error: String(t("orgs.settings.notMember")) }, { status: 404 });
  }
  return json<ActionData>({ ok: true, userId: parsed.data.userId });
}

function OrgRoleForm({ member }: { member: { user_id: string; name: string; role: OrgRole } }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ActionData>();
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  return (
    <fetcher.Form method="post" className="flex flex-col items-stretch gap-1.5 sm:items-end">
      <input type="hidden" name="intent" value="changeRole" />
      <input type="hidden" name="userId" value={member.user_id} />
      <div className="flex items-center gap-2">
        <Field label={t("orgs.settings.roleFor", { name: member.name })} hideLabel>
          <Select name="role" defaultValue={member.role} className="w-40" key={member.role}>
            {ORG_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.org.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary" busy={busy}>
          {t("ui.save")}
        </Button>
      </div>
      {result && !result.ok ? (
        <p className="text-sm text-red-700" role="alert">
          {result.error}
        </p>
      ) : result?.ok && !busy ? (
        <p className="text-sm text-emerald-700" role="status">
          {t("orgs.settings.saved")}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

export default function OrgSettingsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { org, isAdmin, me, members, programs } = useLoaderData<typeof loader>();
  return (
    <PageContainer>
      <PageHeader
        eyebrow={t("orgs.settings.eyebrow")}
        title={org.name}
        description={isAdmin ? t("orgs.settings.adminDescription") : t("orgs.settings.readOnlyDescription")}
        actions={<OrgRoleBadge role={org.role} />}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("orgs.settings.members", { count: members.length })} description={t("orgs.settings.rolesExplained")} />
          <ul className="divide-y divide-slate-100" data-testid="org-members">
            {members.map((m) => (
              <li key={m.user_id} className="flex flex-col gap-3 px-5 py-3.5 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 items-center gap-3">
                  <Avatar name={m.name} seed={m.user_id} />
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-slate-900">
                      {m.name}
                      {m.user_id === me ? <span className="ml-1.5 text-xs font-normal text-slate-500">{t("ui.you")}</span> : null}
                    </p>
                    <p className="truncate text-xs text-slate-600">
                      {m.email} · {t("orgs.settings.since", { date: formatDate(m.created_at, locale) })}
                    </p>
                  </div>
                </div>
                {isAdmin ? <OrgRoleForm member={m} /> : <OrgRoleBadge role={m.role} />}
              </li>
            ))}
          </ul>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader
              title={t("orgs.settings.programs")}
              actions={
                isAdmin ? (
                  <ButtonLink to="/programs/new" size="sm" variant="secondary">
                    <PlusIcon className="h-4 w-4" />
                    {t("programs.new.short")}
                  </ButtonLink>
                ) : null
              }
            />
            {programs.length === 0 ? (
              <div className="p-5">
                <EmptyState title={t("orgs.settings.noPrograms")} />
              </div>
            ) : (
              <ProgramLinkList programs={programs} />
            )}
          </Card>
          <Alert tone="info" title={t("orgs.settings.rolesTitle")}>
            <ul className="mt-1 space-y-1">
              {ORG_ROLES.map((r) => (
                <li key={r}>
                  <span className="font-medium">{t(`roles.org.${r}`)}</span>
                  {t("ui.colon")}
                  {t(`roles.orgDescription.${r}`)}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      </div>
      {isAdmin ? (
        <div className="mt-6">
          <ProgramImportPanel orgId={org.id} />
        </div>
      ) : null}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
