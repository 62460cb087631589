/**
 * Step 6's demo: the central CX office of "示例集团 / Demo Group", staffed. Three office
 * colleagues join the organisation with the CX office role (office2–4@demo.test, the demo
 * password); the three teams get members and leads (李静 office@demo.test leads daily management
 * & analytics). Three loop initiatives join the demo program's quick wins so the portfolio shows
 * every kind and every colour: a callback-scheduling small loop tracked by the handle-time KPI
 * that crossed its alert line (red), a frontline script card past its due date (red), a monthly
 * voice-of-customer brief due soon but not started (amber), and a large-loop digital complaint
 * workflow (green). Every initiative gets an owning team, and the complaint quick win — red
 * because the complaint rate spiked after a card-system upgrade — carries the office's override
 * to amber with its reason (audited like one set on the page).
 *
 * No second program: the integration tests count the demo programs a user sees.
 */
import type { Kysely } from "kysely";
import { ensureOfficeTeams } from "../../app/models/office-teams.server";
import { hashPassword } from "../../app/models/password.server";
import type { Database, InitiativeKind, InitiativeLever, InitiativeStatus, OfficeTeamKey } from "../schema";
import { insertDemoAudit } from "./demo-audit";
import { DEMO_PASSWORD, type DemoIds } from "./demo-foundation";
import { addDemoPerson } from "./demo-people";

const uuid = () => crypto.randomUUID();
const day = (offset: number, today: Date) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const COLLEAGUES = [
  { key: "sun", email: "office2@demo.test", name: "孙悦" },
  { key: "he", email: "office3@demo.test", name: "何军" },
  { key: "lin", email: "office4@demo.test", name: "林晓" },
] as const;

type Person = (typeof COLLEAGUES)[number]["key"] | keyof DemoIds["users"];

const MEMBERS: Record<OfficeTeamKey, { who: Person; lead?: true }[]> = {
  new_cx: [{ who: "sun", lead: true }, { who: "team" }],
  call_center: [{ who: "he", lead: true }, { who: "frontline" }],
  analytics: [{ who: "office", lead: true }, { who: "lin" }],
};

interface LoopInitiative {
  kind: InitiativeKind;
  title: string;
  description: string;
  lever: InitiativeLever;
  owner: keyof DemoIds["users"];
  expected: string;
  start: number;
  due: number;
  team: number;
  status: InitiativeStatus;
  owningTeam: OfficeTeamKey;
  /** Pain points: those of the quick win whose title contains this. */
  painsLike: string | null;
  /** KPIs (by a part of their name) that track it. */
  kpisLike: string[];
}

const LOOP_INITIATIVES: LoopInitiative[] = [
  {
    kind: "small_loop",
    title: "热线回拨预约排程优化",
    description: "客户可在 App 中预约回拨时段，坐席按预约批量回拨，减少重复来电和占线等待。",
    lever: "waiting_uncertainty",
    owner: "team",
    expected: "回拨一次接通率达到 85%，热线平均处理时长回落到 7 分钟以内。",
    start: -20,
    due: 10,
    team: 4,
    status: "in_progress",
    owningTeam: "call_center",
    painsLike: "投诉受理后",
    kpisLike: ["平均处理时长"],
  },
  {
    kind: "small_loop",
    title: "一线进度答复话术卡",
    description: "为网点和热线一线员工制作“审批进度”统一答复话术卡，说明每一步的含义和预计时间。",
    lever: "progress_feedback",
    owner: "rep",
    expected: "一线对进度问题的一次答复率达到 90%。",
    start: -30,
    due: -3,
    team: 2,
    status: "approved",
    owningTeam: "call_center",
    painsLike: "审批进度主动推送",
    kpisLike: [],
  },
  {
    kind: "small_loop",
    title: "客户之声月度洞察简报",
    description: "每月汇总投诉、热线来电原因和问卷文本，提炼三个新问题，提交 CEO 例会。",
    lever: "custom",
    owner: "team",
    expected: "每月按时发布，新问题在两周内有人认领。",
    start: 2,
    due: 9,
    team: 2,
    status: "idea",
    owningTeam: "analytics",
    painsLike: null,
    kpisLike: [],
  },
  {
    kind: "large_loop",
    title: "投诉全流程数字化工单",
    description: "投诉从受理、分派、回电到结案全流程线上化，客户可在 App 查看处理进度。",
    lever: "progress_feedback",
    owner: "lead",
    expected: "投诉平均结案时间缩短 30%，“处理期间没有消息”类投诉清零。",
    start: 14,
    due: 120,
    team: 12,
    status: "approved",
    owningTeam: "analytics",
    painsLike: "投诉受理后",
    kpisLike: [],
  },
];

/** Owning teams of the step-3 quick wins (by a part of their title). */
const QUICK_WIN_TEAMS: [string, OfficeTeamKey][] = [
  ["审批进度主动推送", "new_cx"],
  ["补件短信改写", "new_cx"],
  ["投诉受理后", "call_center"],
  ["首刷礼", "new_cx"],
];

const OVERRIDE = {
  titleLike: "投诉受理后",
  health: "amber" as const,
  reason: "投诉率上升来自上月信用卡系统升级造成的集中投诉，与本举措无关；运营已确认本月回落。回电举措按计划推进，继续观察两周。",
};

export async function seedDemoOffice(db: Kysely<Database>, ids: DemoIds, today = new Date()): Promise<void> {
  const now = today.toISOString();
  const teams = await ensureOfficeTeams(ids.orgId, db);
  const teamId = (key: OfficeTeamKey) => teams.find((t) => t.key === key)!.id;
  const hash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (tx) => {
    const people: Record<string, string> = { ...ids.users };
    for (const c of COLLEAGUES) {
      people[c.key] = await addDemoPerson(tx, c, { orgId: ids.orgId, orgRole: "cx_office", passwordHash: hash, createdAt: now });
    }
    for (const [key, members] of Object.entries(MEMBERS) as [OfficeTeamKey, (typeof MEMBERS)[OfficeTeamKey]][]) {
      await tx
        .insertInto("office_team_members")
        .values(members.map((m) => ({ team_id: teamId(key), user_id: people[m.who], is_lead: m.lead ? 1 : 0, created_at: now })))
        .execute();
    }

    const existing = await tx.selectFrom("initiatives").select(["id", "title"]).where("program_id", "=", ids.programId).execute();
    const byTitle = (part: string) => existing.find((i) => i.title.includes(part));
    const links = await tx
      .selectFrom("initiative_pain_points")
      .select(["initiative_id", "map_id", "pain_point_id"])
      .where("initiative_id", "in", existing.length ? existing.map((i) => i.id) : [""])
      .execute();
    const kpis = await tx.selectFrom("kpis").select(["id", "name"]).where("program_id", "=", ids.programId).execute();

    for (const [i, w] of LOOP_INITIATIVES.entries()) {
      const id = uuid();
      const at = new Date(today.getTime() - (LOOP_INITIATIVES.length - i) * 600_000).toISOString();
      await tx
        .insertInto("initiatives")
        .values({
          id,
          program_id: ids.programId,
          kind: w.kind,
          title: w.title,
          description: w.description,
          lever: w.lever,
          lever_custom: w.lever === "custom" ? "闭环反馈" : null,
          owner_id: ids.users[w.owner],
          expected_result: w.expected,
          start_date: day(w.start, today),
          due_date: day(w.due, today),
          team_size: w.team,
          status: w.status,
          status_changed_at: at,
          result_notes: "",
          created_by: ids.users.team,
          created_at: at,
          updated_at: at,
          owning_team_id: teamId(w.owningTeam),
        })
        .execute();
      const source = w.painsLike ? byTitle(w.painsLike) : undefined;
      const pains = source ? links.filter((l) => l.initiative_id === source.id) : [];
      if (pains.length) {
        await tx
          .insertInto("initiative_pain_points")
          .values(pains.map((l) => ({ initiative_id: id, map_id: l.map_id, pain_point_id: l.pain_point_id, created_at: at })))
          .execute();
      }
      const tracked = kpis.filter((k) => w.kpisLike.some((part) => k.name.includes(part)));
      if (tracked.length)
        await tx
          .insertInto("kpi_initiatives")
          .values(tracked.map((k) => ({ kpi_id: k.id, initiative_id: id, created_at: at })))
          .execute();
    }

    for (const [part, key] of QUICK_WIN_TEAMS) {
      const w = byTitle(part);
      if (w)
        await tx
          .updateTable("initiatives")
          .set({ owning_team_id: teamId(key) })
          .where("id", "=", w.id)
          .execute();
    }

    const target = byTitle(OVERRIDE.titleLike);
    if (target) {
      const at = new Date(today.getTime() - 2 * 86_400_000).toISOString();
      await tx
        .updateTable("initiatives")
        .set({ health_override: OVERRIDE.health, health_override_reason: OVERRIDE.reason, health_override_by: ids.users.office, health_override_at: at })
        .where("id", "=", target.id)
        .execute();
      await insertDemoAudit(tx, {
        orgId: ids.orgId,
        programId: ids.programId,
        actorId: ids.users.office,
        entityType: "initiative",
        entityId: target.id,
        action: "health_override",
        before: { health: null },
        after: { title: target.title, health: OVERRIDE.health, reason: OVERRIDE.reason },
        createdAt: at,
      });
    }
  });
}
