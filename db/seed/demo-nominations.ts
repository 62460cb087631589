/**
 * Step 5's demo content, part two: twelve nominations over the last three months in every state —
 * seven rewarded (one with an adjusted reward and its note) so the recognition wall is lively, two
 * approved and waiting for their reward, one rejected with a reason, two waiting for review (one of
 * them sent by the project team, so team@demo.test sees why another reviewer has to decide) — with
 * stories from bank branches and the call centre. Each has its nomination_events and audit entries,
 * at the times they happened. Reads the demo program's recognition types and frontline colleagues
 * (seeded by demo-frontline.ts) from the database and refuses to run without them.
 */
import type { Kysely } from "kysely";
import { storyHash } from "../../app/models/nominations";
import type { Database, NominationStatus } from "../schema";
import { insertDemoAudit } from "./demo-audit";
import type { DemoIds } from "./demo-foundation";

const uuid = () => crypto.randomUUID();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who: a demo user key (lead, exec, team, rep, frontline) or staff1…staff6. */
type Who = "lead" | "exec" | "team" | "rep" | "frontline" | `staff${1 | 2 | 3 | 4 | 5 | 6}`;

interface DemoNomination {
  nominee: Who;
  nominator: Who;
  /** Index into the catalogue as demo-frontline.ts seeds it, and the name it has there. */
  type: { index: number; name: string };
  story: string;
  daysAgo: number;
  status: NominationStatus;
  reviewer?: Who;
  reason?: string;
  rewarder?: Who;
  adjusted?: { text: string; value: number; note: string };
}

const OWN_IT = { index: 0, name: "首问负责、一次解决" };
const TELL_PROGRESS = { index: 1, name: "主动告知进度" };
const ONE_TRIP = { index: 2, name: "资料不让客户跑第二趟" };
const WIN_BACK = { index: 3, name: "化解投诉、赢回客户" };
const GOOD_IDEA = { index: 4, name: "服务改进金点子" };

const NOMINATIONS: DemoNomination[] = [
  {
    nominee: "staff1",
    nominator: "frontline",
    type: OWN_IT,
    story:
      "一位客户来网点咨询信用卡账单分期，发现之前在热线办理的分期没有生效。孙丽没有让客户再打一次热线，而是当场联系信用卡中心核实，二十分钟后帮客户重新办好，第二天又打电话确认分期已经入账。",
    daysAgo: 86,
    status: "rewarded",
    reviewer: "team",
    rewarder: "exec",
  },
  {
    nominee: "staff3",
    nominator: "staff1",
    type: TELL_PROGRESS,
    story:
      "周六网点客流高峰，郑婷在大堂逐一告诉取号的客户前面还有多少人、大约要等多久，并提醒办理简单业务的客户可以使用智能柜台。有位老人等候超过了预计时间，她主动上前说明原因并致歉，客户离开时特意表扬了她。",
    daysAgo: 79,
    status: "rewarded",
    reviewer: "exec",
    rewarder: "team",
  },
  {
    nominee: "frontline",
    nominator: "team",
    type: WIN_BACK,
    story:
      "客户因为信用卡年费被扣款打热线投诉，情绪很激动。张伟耐心听完，查清是免年费的刷卡次数没有达标，向客户解释清楚规则，并为他申请了一次性减免。一周后回访时，客户说以后还会继续用我们的卡。",
    daysAgo: 71,
    status: "rewarded",
    reviewer: "exec",
    rewarder: "lead",
  },
  {
    nominee: "staff2",
    nominator: "staff4",
    type: ONE_TRIP,
    story:
      "一位小微企业主来补办对公账户资料。吴强先调阅了系统里客户上次留存的营业执照和法人证件，只请客户补签一份授权书，十分钟就办完了。客户说以前在别的银行为同样的事跑了三趟。",
    daysAgo: 63,
    status: "rewarded",
    reviewer: "team",
    rewarder: "exec",
  },
  {
    nominee: "staff5",
    nominator: "staff6",
    type: OWN_IT,
    story: "林悦工作一直很认真，每天帮助很多客户，服务态度好，大家都很喜欢她，希望能给她表彰。",
    daysAgo: 56,
    status: "rejected",
    reviewer: "team",
    reason: "事迹比较笼统，看不出是哪一次首问负责的具体经过。欢迎补充具体的客户场景（当时的问题、她怎么跟进、结果如何）后重新提名。",
  },
  {
    nominee: "staff4",
    nominator: "rep",
    type: GOOD_IDEA,
    story:
      "何俊在创意箱里建议：信用卡审批的补件短信直接写明缺少哪一份材料。项目团队在小循环里试行一个月后，补件相关来电减少了近三成，这个做法已经推广到全部分行。",
    daysAgo: 49,
    status: "rewarded",
    reviewer: "exec",
    rewarder: "lead",
  },
  {
    nominee: "staff6",
    nominator: "frontline",
    type: OWN_IT,
    story:
      "客户第三次来电询问房贷提前还款的手续，前两次都被转接到不同部门。高飞接到后没有再转接，自己联系了贷款部门，把需要准备的材料和预约时间一次说清楚，当天下午又回电确认预约成功。",
    daysAgo: 41,
    status: "rewarded",
    reviewer: "team",
    rewarder: "exec",
    adjusted: { text: "300 积分，可兑换培训课程或半天调休", value: 300, note: "同一周内第二次被客户点名表扬，经客服中心主管同意加发 100 积分。" },
  },
  {
    nominee: "staff1",
    nominator: "staff3",
    type: TELL_PROGRESS,
    story:
      "孙丽为申请信用卡的客户逐一说明审批要经过哪几步、每一步大约几天、会收到什么短信。审批因为补充征信授权而延误时，她在客户询问之前就打电话说明了原因和新的预计时间。",
    daysAgo: 31,
    status: "rewarded",
    reviewer: "exec",
    rewarder: "team",
  },
  {
    nominee: "staff2",
    nominator: "frontline",
    type: WIN_BACK,
    story:
      "一位客户因为转账限额的问题在网点大声投诉。吴强把客户请到洽谈室，当场帮他调整了限额，又教会他在手机银行里自己设置。三天后他主动回访，客户说问题已经彻底解决，还给网点写了表扬信。",
    daysAgo: 19,
    status: "approved",
    reviewer: "team",
  },
  {
    nominee: "staff5",
    nominator: "staff2",
    type: ONE_TRIP,
    story: "客户来网点激活社保卡，忘了带身份证复印件。林悦发现系统里已有客户上个月留存的身份证影像，核实后直接完成了激活，客户不用再回家跑一趟。",
    daysAgo: 12,
    status: "approved",
    reviewer: "exec",
  },
  {
    nominee: "staff3",
    nominator: "team",
    type: OWN_IT,
    story:
      "郑婷在热线接到一位留学生家长的来电，孩子的信用卡在国外被盗刷。她当场冻结卡片、提交争议交易，把后续需要提供的材料清单发到客户邮箱，三天后又主动回电告知退款进度。",
    daysAgo: 5,
    status: "submitted",
  },
  {
    nominee: "frontline",
    nominator: "staff4",
    type: TELL_PROGRESS,
    story:
      "张伟在客户提交信用卡申请后，主动告诉客户审批大约需要五个工作日，会在受理、审核、寄卡三个节点收到短信。客户第三天打电话来问时，他已经提前把进度说明发给了客户。",
    daysAgo: 2,
    status: "submitted",
  },
];

export async function seedDemoNominations(db: Kysely<Database>, ids: DemoIds): Promise<{ nominations: string[] }> {
  const types = await db
    .selectFrom("recognition_types")
    .select(["id", "name", "reward_text", "reward_value"])
    .where("program_id", "=", ids.programId)
    .where("archived_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (types.length === 0) {
    throw new Error("seedDemoNominations: the demo program has no recognition types — run seedDemoFrontline (db/seed/demo-frontline.ts) first.");
  }
  const staffRows = await db
    .selectFrom("users")
    .innerJoin("program_members as pm", "pm.user_id", "users.id")
    .select(["users.id", "users.email", "users.name"])
    .where("pm.program_id", "=", ids.programId)
    .where("pm.role", "=", "frontline")
    .execute();
  const byEmail = new Map(staffRows.map((u) => [u.email, u]));
  const person = (who: Who): string => {
    if (!who.startsWith("staff")) return ids.users[who as keyof DemoIds["users"]];
    const u = byEmail.get(`${who}@demo.test`);
    if (!u) throw new Error(`seedDemoNominations: ${who}@demo.test is not a frontline member of the demo program — run seedDemoFrontline first.`);
    return u.id;
  };
  const names = new Map((await db.selectFrom("users").select(["id", "name"]).execute()).map((u) => [u.id, u.name]));
  const typeFor = (t: { index: number; name: string }) => types.find((x) => x.name === t.name) ?? types[t.index % types.length];

  const now = Date.now();
  const created: string[] = [];
  const rows = await Promise.all(NOMINATIONS.map(async (n) => ({ n, hash: await storyHash(n.story) })));

  await db.transaction().execute(async (tx) => {
    const audit = (actor: string, entityId: string, action: string, at: string, before: unknown, after: unknown) =>
      insertDemoAudit(tx, { orgId: ids.orgId, programId: ids.programId, actorId: actor, entityType: "nomination", entityId, action, before, after, createdAt: at });
    const event = (nominationId: string, from: NominationStatus | null, to: NominationStatus, actor: string, note: string, at: string) =>
      tx.insertInto("nomination_events").values({ id: uuid(), nomination_id: nominationId, from_status: from, to_status: to, actor_id: actor, note, created_at: at }).execute();

    for (const [i, { n, hash }] of rows.entries()) {
      const id = uuid();
      created.push(id);
      const type = typeFor(n.type);
      const nominee = person(n.nominee);
      const nominator = person(n.nominator);
      const subject = { name: names.get(nominee) ?? "", behaviour: type.name };
      // Sent at different hours; reviewed one or two days later; rewarded a few days after that (never in the future).
      const sentAt = now - n.daysAgo * DAY + (9 + (i % 7)) * HOUR - DAY;
      const reviewedAt = Math.min(sentAt + (1 + (i % 2)) * DAY + 2 * HOUR, now - HOUR);
      const rewardedAt = Math.min(reviewedAt + (2 + (i % 3)) * DAY + 3 * HOUR, now - 30 * 60_000);
      const iso = (ms: number) => new Date(ms).toISOString();
      const reviewer = n.reviewer ? person(n.reviewer) : null;
      const rewarder = n.rewarder ? person(n.rewarder) : null;
      const reward = n.adjusted ?? { text: type.reward_text, value: Number(type.reward_value), note: "" };
      const rewarded = n.status === "rewarded";
      const updatedAt = rewarded ? rewardedAt : reviewer ? reviewedAt : sentAt;

      await tx
        .insertInto("nominations")
        .values({
          id,
          program_id: ids.programId,
          type_id: type.id,
          nominee_id: nominee,
          nominator_id: nominator,
          story: n.story,
          story_hash: hash,
          status: n.status,
          reviewer_id: reviewer,
          review_reason: n.reason ?? null,
          reviewed_at: reviewer ? iso(reviewedAt) : null,
          reward_text: rewarded ? reward.text : null,
          reward_value: rewarded ? reward.value : null,
          rewarded_by: rewarded ? rewarder : null,
          rewarded_at: rewarded ? iso(rewardedAt) : null,
          created_at: iso(sentAt),
          updated_at: iso(updatedAt),
        })
        .execute();

      await event(id, null, "submitted", nominator, "", iso(sentAt));
      await audit(nominator, id, "submit", iso(sentAt), { name: subject.name }, subject);
      if (reviewer) {
        const to: NominationStatus = n.status === "rejected" ? "rejected" : "approved";
        await event(id, "submitted", to, reviewer, n.reason ?? "", iso(reviewedAt));
        await audit(reviewer, id, to === "rejected" ? "reject" : "approve", iso(reviewedAt), subject, n.reason ? { ...subject, reason: n.reason } : subject);
      }
      if (rewarded && rewarder) {
        await event(id, "approved", "rewarded", rewarder, reward.note, iso(rewardedAt));
        await audit(rewarder, id, "reward", iso(rewardedAt), subject, {
          ...subject,
          reward: reward.value ? `${reward.text} (${reward.value})` : reward.text,
          ...(reward.note ? { note: reward.note } : {}),
        });
      }
    }
  });
  return { nominations: created };
}
