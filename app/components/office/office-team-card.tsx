/**
 * One CX office team on the office page: name, lead, description (the office's words or the
 * standard text), what it owns in the portfolio (open initiatives, red, amber — each a link into
 * the filtered portfolio) and its members. Org admins and CX office members edit the description,
 * add and remove members and choose the lead (posts to /office: intent=addMember | removeMember
 * | setLead | updateDescription); everyone else reads.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { teamDefaultDescriptionKey, teamNameKey, TEAM_DESCRIPTION_MAX_CHARS } from "~/models/office-teams";
import type { OfficeTeamView } from "~/models/office-teams.server";
import type { TeamPortfolioStats } from "~/models/portfolio.server";
import { isApiErrorBody } from "~/utils/http";
import { OrgRoleBadge } from "../role-badge";
import { Avatar, Badge, Button, cn, Field, Select, Textarea } from "../ui";
import { TrashIcon, UsersIcon } from "../ui/icons";

export interface Candidate {
  id: string;
  name: string;
  email: string;
}

function ErrorText({ data }: { data: unknown }) {
  if (!isApiErrorBody(data)) return null;
  const message = data.error.fields ? Object.values(data.error.fields)[0] : data.error.message;
  return (
    <p className="text-sm text-red-700" role="alert">
      {message}
    </p>
  );
}

function Description({ team, canManage }: { team: OfficeTeamView; canManage: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<unknown>();
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && !isApiErrorBody(fetcher.data)) setEditing(false);
  }, [fetcher.state, fetcher.data]);
  const text = team.description || t(teamDefaultDescriptionKey(team.key));
  if (!editing) {
    return (
      <div className="mt-2">
        <p className="whitespace-pre-line text-sm leading-6 text-slate-600" data-testid="team-description">
          {text}
        </p>
        {canManage ? (
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="mt-1 text-xs font-medium text-brand-700 hover:underline"
            data-testid="edit-description"
          >
            {t("officeTeams.editDescription")}
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <fetcher.Form method="post" action="/office?index" className="mt-2 space-y-2">
      <input type="hidden" name="intent" value="updateDescription" />
      <input type="hidden" name="teamId" value={team.id} />
      <Field label={t("officeTeams.description")} hint={t("officeTeams.descriptionHint")} hideLabel>
        <Textarea name="description" rows={4} defaultValue={team.description || text} maxLength={TEAM_DESCRIPTION_MAX_CHARS} autoFocus />
      </Field>
      <ErrorText data={fetcher.data} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
          {t("ui.cancel")}
        </Button>
        <Button type="submit" size="sm" busy={fetcher.state !== "idle"}>
          {t("officeTeams.saveDescription")}
        </Button>
      </div>
    </fetcher.Form>
  );
}

function MemberRow({ team, member, canManage }: { team: OfficeTeamView; member: OfficeTeamView["members"][number]; canManage: boolean }) {
  const { t } = useTranslation();
  const lead = useFetcher<unknown>();
  const remove = useFetcher<unknown>();
  return (
    <li className="flex items-center gap-3 py-2" data-testid="team-member">
      <Avatar name={member.name} seed={member.userId} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium text-slate-900">
          <span className="truncate">{member.name}</span>
          {member.isLead ? (
            <Badge tone="brand" data-testid="team-lead">
              {t("officeTeams.lead")}
            </Badge>
          ) : null}
        </p>
        <p className="truncate text-xs text-slate-500">{member.email}</p>
        <ErrorText data={lead.data ?? remove.data} />
      </div>
      {canManage ? (
        <div className="flex shrink-0 items-center gap-1">
          {!member.isLead ? (
            <lead.Form method="post" action="/office?index">
              <input type="hidden" name="intent" value="setLead" />
              <input type="hidden" name="teamId" value={team.id} />
              <input type="hidden" name="userId" value={member.userId} />
              <Button type="submit" variant="ghost" size="sm" busy={lead.state !== "idle"} aria-label={t("officeTeams.makeLeadFor", { name: member.name })}>
                {t("officeTeams.makeLead")}
              </Button>
            </lead.Form>
          ) : null}
          <remove.Form method="post" action="/office?index">
            <input type="hidden" name="intent" value="removeMember" />
            <input type="hidden" name="teamId" value={team.id} />
            <input type="hidden" name="userId" value={member.userId} />
            <Button
              type="submit"
              variant="ghost"
              size="sm"
              busy={remove.state !== "idle"}
              aria-label={t("officeTeams.removeFor", { name: member.name })}
              title={t("officeTeams.remove")}
            >
              <TrashIcon className="h-4 w-4" />
            </Button>
          </remove.Form>
        </div>
      ) : (
        <OrgRoleBadge role={member.orgRole} />
      )}
    </li>
  );
}

function AddMember({ team, candidates }: { team: OfficeTeamView; candidates: Candidate[] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<unknown>();
  const inTeam = new Set(team.members.map((m) => m.userId));
  const options = candidates.filter((c) => !inTeam.has(c.id));
  if (options.length === 0) return null;
  return (
    <fetcher.Form method="post" action="/office?index" className="mt-2 border-t border-slate-100 pt-3" data-testid="add-member">
      <input type="hidden" name="intent" value="addMember" />
      <input type="hidden" name="teamId" value={team.id} />
      <div className="flex items-end gap-2">
        <Field label={t("officeTeams.addMember")} className="min-w-0 flex-1">
          <Select name="userId" defaultValue="" required>
            <option value="" disabled>
              {t("officeTeams.choosePerson")}
            </option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.email}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary" busy={fetcher.state !== "idle"}>
          {t("officeTeams.add")}
        </Button>
      </div>
      <div className="mt-1.5">
        <ErrorText data={fetcher.data} />
      </div>
    </fetcher.Form>
  );
}

export function OfficeTeamCard({
  team,
  stats,
  canManage,
  candidates,
}: {
  team: OfficeTeamView;
  stats: TeamPortfolioStats;
  canManage: boolean;
  candidates: Candidate[];
}) {
  const { t } = useTranslation();
  const base = `/office/portfolio?team=${encodeURIComponent(team.id)}`;
  const stat = (to: string, value: number, label: string, tone: string, testId: string) => (
    <Link
      to={to}
      className="rounded-md px-2 py-1.5 text-center hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      data-testid={testId}
    >
      <span className={cn("block text-xl font-semibold tabular-nums", tone)}>{value}</span>
      <span className="block text-xs text-slate-600">{label}</span>
    </Link>
  );
  return (
    <li className="flex flex-col rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="office-team" data-team={team.key}>
      <div className="p-4">
        <div className="flex items-start gap-2.5">
          <span className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-md bg-violet-50 text-violet-700">
            <UsersIcon className="h-4 w-4" />
          </span>
          <div className="min-w-0">
            <h3 className="font-semibold text-slate-900">{t(teamNameKey(team.key))}</h3>
            <p className="text-xs text-slate-600">{team.lead ? t("officeTeams.ledBy", { name: team.lead.name }) : t("officeTeams.noLead")}</p>
          </div>
        </div>
        <Description team={team} canManage={canManage} />
      </div>
      <div className="grid grid-cols-3 gap-1 border-y border-slate-100 bg-slate-50/50 px-2 py-2">
        {stat(base, stats.owned, t("officeTeams.stats.owned"), "text-slate-900", "team-owned")}
        {stat(`${base}&health=red`, stats.red, t("officeTeams.stats.red"), stats.red ? "text-red-700" : "text-slate-400", "team-red")}
        {stat(`${base}&health=amber`, stats.amber, t("officeTeams.stats.amber"), stats.amber ? "text-amber-700" : "text-slate-400", "team-amber")}
      </div>
      <div className="flex-1 px-4 pb-4 pt-2">
        <h4 className="sr-only">{t("officeTeams.members")}</h4>
        {team.members.length === 0 ? (
          <p className="py-2 text-sm text-slate-500">{t("officeTeams.noMembers")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {team.members.map((m) => (
              <MemberRow key={m.userId} team={team} member={m} canManage={canManage} />
            ))}
          </ul>
        )}
        {canManage ? <AddMember team={team} candidates={candidates} /> : null}
      </div>
    </li>
  );
}
