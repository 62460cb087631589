/**
 * Members of a program. Owners (members.manage) invite by email (the invite yields a link to copy),
 * revoke pending invites, change roles and remove members; everyone else sees the list read-only.
 * The action checks the permission on the server, so a direct POST from a viewer answers 403.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { PageContainer } from "~/components/app-shell";
import { ProgramExportButton } from "~/components/program-export/export-button";
import { useProgram } from "~/components/program/use-program";
import { ProgramRoleBadge } from "~/components/role-badge";
import { RouteError } from "~/components/route-error";
import {
  Alert,
  Avatar,
  Button,
  Card,
  CardBody,
  CardHeader,
  CopyButton,
  Dialog,
  DialogClose,
  DialogContent,
  DialogFooter,
  DialogTrigger,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Select,
} from "~/components/ui";
import { LinkIcon, LockIcon, TrashIcon } from "~/components/ui/icons";
import { tFor } from "~/i18n/config";
import { assertCan, requireProgram } from "~/models/access.server";
import { createInvite, listPendingInvites, revokeInvite } from "~/models/invite.server";
import { changeMemberRole, listProgramMembers, removeMember } from "~/models/membership.server";
import { can, PROGRAM_ROLES, type ProgramRole } from "~/models/permissions";
import { formatDate } from "~/utils/format";
import { pageTitle, useLocale } from "~/utils/root-data";
import { EmailSchema, IdSchema, ProgramRoleSchema } from "~/utils/validation";
import { fieldErrors, formToObject } from "~/utils/zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

const MemberActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: EmailSchema, role: ProgramRoleSchema }),
  z.object({ intent: z.literal("revoke"), inviteId: IdSchema }),
  z.object({ intent: z.literal("changeRole"), userId: IdSchema, role: ProgramRoleSchema }),
  z.object({ intent: z.literal("remove"), userId: IdSchema }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, access } = await requireProgram(request, params.programId);
  const canManage = can(access, "members.manage");
  const canExport = can(access, "program.export");
  const [members, invites] = await Promise.all([
    listProgramMembers(program.id),
    canManage ? listPendingInvites(program.id) : Promise.resolve([]),
  ]);
  return json({
    canManage,
    canExport,
    programId: program.id,
    members,
    invites: invites.map((i) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.created_at, expiresAt: i.expires_at })),
  });
}

export type MembersActionData =
  | { intent: "invite"; ok: true; link: string; email: string; role: ProgramRole }
  | { intent: string; ok: true; userId?: string; inviteId?: string }
  | { intent: string; ok: false; fields?: Record<string, string>; error?: string; userId?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  assertCan(ctx, "members.manage");
  const t = tFor(ctx.locale);
  const raw = formToObject(await request.formData());
  const parsed = MemberActionSchema.safeParse(raw);
  if (!parsed.success) {
    return json<MembersActionData>(
      { intent: raw.intent ?? "", ok: false, fields: fieldErrors(parsed.error, t), userId: raw.userId, values: raw },
      { status: 400 },
    );
  }
  const input = parsed.data;
  const { user, program } = ctx;
  switch (input.intent) {
    case "invite": {
      const result = await createInvite(user.id, program, { email: input.email, role: input.role });
      if (!result.ok) {
        return json<MembersActionData>(
          { intent: "invite", ok: false, fields: { email: String(t("members.invite.alreadyMember")) }, values: raw },
          { status: 409 },
        );
      }
      const link = `${new URL(request.url).origin}/invite/${result.token}`;
      return json<MembersActionData>({ intent: "invite", ok: true, link, email: result.invite.email, role: result.invite.role });
    }
    case "revoke": {
      const revoked = await revokeInvite(user.id, program, input.inviteId);
      return revoked
        ? json<MembersActionData>({ intent: "revoke", ok: true, inviteId: input.inviteId })
        : json<MembersActionData>({ intent: "revoke", ok: false, error: String(t("members.invite.revokeGone")) }, { status: 409 });
    }
    case "changeRole":
    case "remove": {
      const result =
        input.intent === "changeRole"
          ? await changeMemberRole(user.id, program, input.userId, input.role)
          : await removeMember(user.id, program, input.userId);
      if (result === "ok") return json<MembersActionData>({ intent: input.intent, ok: true, userId: input.userId });
      const key = result === "last_owner" ? (input.intent === "remove" ? "members.lastOwnerRemove" : "members.lastOwnerDemote") : "members.notMember";
      return json<MembersActionData>(
        { intent: input.intent, ok: false, userId: input.userId, error: String(t(key)) },
        { status: result === "last_owner" ? 409 : 404 },
      );
    }
  }
}

function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {PROGRAM_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`roles.program.${r}`)}
        </option>
      ))}
    </>
  );
}

function InviteCard() {
  const { t } = useTranslation();
  const fetcher = useFetcher<MembersActionData>({ key: "invite" });
  const formRef = useRef<HTMLFormElement>(null);
  const data = fetcher.data;
  const busy = fetcher.state !== "idle";
  const success = data && data.ok && "link" in data ? data : null;
  const failure = data && !data.ok ? data : null;
  useEffect(() => {
    if (success && fetcher.state === "idle") formRef.current?.reset();
  }, [success, fetcher.state]);
  return (
    <Card>
      <CardHeader title={t("members.invite.title")} description={t("members.invite.description")} />
      <CardBody className="space-y-4">
        <fetcher.Form ref={formRef} method="post" className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("members.invite.email")} error={failure?.fields?.email}>
            <Input name="email" type="email" autoComplete="off" placeholder="name@company.com" required defaultValue={failure?.values?.email} />
          </Field>
          <Field label={t("members.invite.role")} error={failure?.fields?.role}>
            <Select name="role" defaultValue={failure?.values?.role ?? "project_team"}>
              <RoleOptions />
            </Select>
          </Field>
          <Button type="submit" busy={busy} className="sm:mt-[1.625rem]">
            <LinkIcon className="h-4 w-4" />
            {t("members.invite.submit")}
          </Button>
        </fetcher.Form>
        {success ? (
          <Alert tone="success" title={t("members.invite.created", { email: success.email })}>
            <p>{t("members.invite.shareHint")}</p>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row">
              <label htmlFor="invite-link" className="sr-only">
                {t("members.invite.linkLabel")}
              </label>
              <Input
                id="invite-link"
                readOnly
                value={success.link}
                onFocus={(e) => e.currentTarget.select()}
                className="font-mono text-xs"
                data-testid="invite-link"
              />
              <CopyButton value={success.link} fallbackInputId="invite-link" className="shrink-0" data-testid="copy-invite-link" />
            </div>
          </Alert>
        ) : null}
      </CardBody>
    </Card>
  );
}

function RoleForm({ member }: { member: { user_id: string; name: string; role: ProgramRole } }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<MembersActionData>({ key: `role-${member.user_id}` });
  const busy = fetcher.state !== "idle";
  const data = fetcher.data;
  return (
    <fetcher.Form method="post" className="flex items-center gap-2">
      <input type="hidden" name="intent" value="changeRole" />
      <input type="hidden" name="userId" value={member.user_id} />
      <Field label={t("members.roleFor", { name: member.name })} hideLabel>
        <Select name="role" defaultValue={member.role} key={member.role} className="w-44" data-testid={`role-select-${member.user_id}`}>
          <RoleOptions />
        </Select>
      </Field>
      <Button type="submit" variant="secondary" busy={busy} data-testid={`role-save-${member.user_id}`}>
        {t("ui.save")}
      </Button>
      <span className="sr-only" role="status">
        {data?.ok && !busy ? t("members.roleSaved") : ""}
      </span>
    </fetcher.Form>
  );
}

function RemoveMember({ member, onError }: { member: { user_id: string; name: string }; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const fetcher = useFetcher<MembersActionData>({ key: `remove-${member.user_id}` });
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    setOpen(false);
    onError(fetcher.data.ok ? null : (fetcher.data.error ?? null));
  }, [fetcher.state, fetcher.data, onError]);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="md" aria-label={t("members.removeLabel", { name: member.name })} className="px-2.5 text-slate-500 hover:text-red-700">
          <TrashIcon className="h-4 w-4" />
        </Button>
      </DialogTrigger>
      <DialogContent title={t("members.removeTitle", { name: member.name })} description={t("members.removeBody")}>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="userId" value={member.user_id} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">{t("ui.cancel")}</Button>
            </DialogClose>
            <Button type="submit" variant="danger" busy={busy}>
              {t("members.removeConfirm")}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  );
}

function ManagedMemberRow({ member, isMe }: { member: { user_id: string; name: string; email: string; role: ProgramRole; created_at: string }; isMe: boolean }) {
  const { t } = useTranslation();
  const roleFetcher = useFetcher<MembersActionData>({ key: `role-${member.user_id}` });
  const [removeError, setRemoveError] = useState<string | null>(null);
  const roleError = roleFetcher.data && !roleFetcher.data.ok ? (roleFetcher.data.error ?? Object.values(roleFetcher.data.fields ?? {})[0]) : null;
  const error = roleError ?? removeError;
  return (
    <li className="px-5 py-3.5" data-testid={`member-${member.email}`}>
      <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
        <MemberIdentity member={member} isMe={isMe} />
        <div className="flex items-center gap-1.5">
          <RoleForm member={member} />
          <RemoveMember member={member} onError={setRemoveError} />
        </div>
      </div>
      {error ? (
        <Alert tone="danger" className="mt-3">
          {error}
        </Alert>
      ) : null}
    </li>
  );
}

function MemberIdentity({ member, isMe }: { member: { user_id: string; name: string; email: string; created_at: string }; isMe: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar name={member.name} seed={member.user_id} />
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-900">
          {member.name}
          {isMe ? <span className="ml-1.5 text-xs font-normal text-slate-500">{t("ui.you")}</span> : null}
        </p>
        <p className="truncate text-xs text-slate-600">
          {member.email} · {t("members.joined", { date: formatDate(member.created_at, locale) })}
        </p>
      </div>
    </div>
  );
}

function PendingInvites({ invites }: { invites: { id: string; email: string; role: ProgramRole; createdAt: string; expiresAt: string }[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card>
      <CardHeader title={t("members.pending.title", { count: invites.length })} description={t("members.pending.description")} />
      {invites.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">{t("members.pending.empty")}</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="pending-invites">
          {invites.map((inv) => (
            <PendingInviteRow key={inv.id} invite={inv} locale={locale} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function PendingInviteRow({
  invite,
  locale,
}: {
  invite: { id: string; email: string; role: ProgramRole; createdAt: string; expiresAt: string };
  locale: ReturnType<typeof useLocale>;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<MembersActionData>({ key: `revoke-${invite.id}` });
  return (
    <li className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-900">{invite.email}</p>
        <p className="text-xs text-slate-600">
          {t("members.pending.dates", { created: formatDate(invite.createdAt, locale), expires: formatDate(invite.expiresAt, locale) })}
        </p>
        {fetcher.data && !fetcher.data.ok ? <p className="text-sm text-red-700">{fetcher.data.error}</p> : null}
      </div>
      <div className="flex items-center gap-2">
        <ProgramRoleBadge role={invite.role} />
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="inviteId" value={invite.id} />
          <Button type="submit" variant="ghost" size="sm" busy={fetcher.state !== "idle"} aria-label={t("members.pending.revokeLabel", { email: invite.email })}>
            {t("members.pending.revoke")}
          </Button>
        </fetcher.Form>
      </div>
    </li>
  );
}

export default function MembersPage() {
  const { t } = useTranslation();
  const { canManage, canExport, programId, members, invites } = useLoaderData<typeof loader>();
  const { userId } = useProgram();
  return (
    <PageContainer>
      <PageHeader
        title={t("members.title")}
        description={canManage ? t("members.descriptionManage") : t("members.descriptionRead")}
        actions={canExport ? <ProgramExportButton programId={programId} /> : null}
      />
      <div className="space-y-6">
        {canManage ? <InviteCard /> : null}
        {!canManage ? (
          <Alert tone="info">
            <span className="inline-flex items-center gap-1.5">
              <LockIcon className="h-4 w-4" />
              {t("members.readOnlyNotice")}
            </span>
          </Alert>
        ) : null}
        <Card>
          <CardHeader title={t("members.listTitle", { count: members.length })} />
          {members.length === 0 ? (
            <div className="p-5">
              <EmptyState title={t("members.empty")} />
            </div>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="member-list">
              {members.map((m) =>
                canManage ? (
                  <ManagedMemberRow key={m.user_id} member={m} isMe={m.user_id === userId} />
                ) : (
                  <li key={m.user_id} className="flex items-center justify-between gap-3 px-5 py-3.5" data-testid={`member-${m.email}`}>
                    <MemberIdentity member={m} isMe={m.user_id === userId} />
                    <ProgramRoleBadge role={m.role} />
                  </li>
                ),
              )}
            </ul>
          )}
        </Card>
        {canManage ? <PendingInvites invites={invites} /> : null}
      </div>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
