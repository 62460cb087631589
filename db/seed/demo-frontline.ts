/**
 * Step 5's demo content, part one: six more frontline colleagues in the demo organisation and
 * program (staff1…staff6@demo.test, password `demo-password`: the people others nominate), six
 * behaviour guidelines citing the published vision's quality standards — one drafted in the
 * workshop against the earlier wording of "透明等待" (the waiting-time tolerance was tightened
 * from 10 to 5 minutes before publication), so it is flagged for review, and "全渠道一致" left
 * without a guideline (a gap) — and a recognition catalogue of five behaviour types agreed by
 * leadership and frontline staff. Nominations, the wall and ideas are seeded by their own files.
 */
import type { Kysely } from "kysely";
import { latestVision } from "../../app/models/guidelines.server";
import { hashPassword } from "../../app/models/password.server";
import { dayInDisplayZone } from "../../app/utils/format";
import type { Database, ProgramRole, RewardKind } from "../schema";
import { insertDemoAudit } from "./demo-audit";
import { DEMO_PASSWORD, type DemoIds } from "./demo-foundation";
import { addDemoPerson } from "./demo-people";

export interface DemoFrontlineIds {
  /** staff1…staff6, in order. */
  staff: string[];
  guidelines: string[];
  recognitionTypes: string[];
}

const uuid = () => crypto.randomUUID();
const MINUTE = 60_000;
const DAY = 86_400_000;

export const DEMO_STAFF: { email: string; name: string }[] = [
  { email: "staff1@demo.test", name: "孙丽" },
  { email: "staff2@demo.test", name: "吴强" },
  { email: "staff3@demo.test", name: "郑婷" },
  { email: "staff4@demo.test", name: "何俊" },
  { email: "staff5@demo.test", name: "林悦" },
  { email: "staff6@demo.test", name: "高飞" },
];

interface DemoGuideline {
  key: string;
  standard: string;
  title: string;
  body: string;
  do: string[];
  dont: string[];
  /** The wording it was written against, when it differs from the published one. */
  earlierWording?: { measurableHint: string };
}

const GUIDELINES: DemoGuideline[] = [
  {
    key: "own-it",
    standard: "first-contact-resolution",
    title: "首问负责，一次办结",
    body: "客户找到谁，谁就负责到底。能当场解决的当场解决；需要其他部门配合的，由首问人跟进并回电告知结果，不让客户再跑一趟、再说一遍。",
    do: ["接待时先完整复述客户诉求，确认理解无误", "需要转办时，由自己联系对口同事，并把客户信息一次交接清楚", "承诺回电的，在约定时间内回电，哪怕只是告知进展"],
    dont: ["让客户“再打一次热线”或“去别的网点问问”", "转接电话前不说明原因、不交接信息", "以“系统就是这样”结束对话"],
  },
  {
    key: "confirm-solved",
    standard: "first-contact-resolution",
    title: "挂机前确认问题已解决",
    body: "客服中心坐席在结束通话前，与客户确认诉求是否已经解决、还有没有其他问题；需要后续处理的，告知具体时限和联系人。",
    do: ["结束前询问“您的问题都解决了吗？还有其他需要帮忙的吗？”", "需要后续处理时，给出工单号和预计完成时间", "把处理结果写入客户记录，方便下一位同事接续"],
    dont: ["为了压缩通话时长匆忙挂机", "只说“我们会尽快处理”，不给时限", "把客户转回语音菜单重新排队"],
  },
  {
    key: "tell-the-wait",
    standard: "transparent-waiting",
    title: "主动告知等候时间和办理进度",
    body: "客户取号或提交申请后，主动告诉他们大约要等多久、现在进行到哪一步；情况有变化时，先开口说明。",
    do: ["大堂经理在客户取号时告知前面人数和预计等候时间", "信用卡申请受理后，告诉客户会在哪些节点收到短信或 App 推送", "等候超过预计时间时，主动上前说明原因并致歉"],
    dont: ["让客户自己盯着叫号屏猜", "对“进度到哪了”只回答“在审核中”", "在客户催问之前对延误只字不提"],
    earlierWording: { measurableHint: "信用卡申请每一步主动推送进度；网点叫号预计等候误差 ≤ 10 分钟" },
  },
  {
    key: "never-ask-twice",
    standard: "simple-to-do",
    title: "已有的信息，不让客户再提供一遍",
    body: "办理业务前先查系统里已有的客户资料和材料，只请客户补充真正缺少的部分，并一次说清楚。",
    do: ["办理前先调阅客户档案和历史材料", "需要补充材料时，一次性列出清单交给客户", "能线上提交的材料，引导客户通过 App 上传，省得再跑网点"],
    dont: ["让客户重复填写系统里已有的信息", "分几次通知客户补材料", "要求客户提供行内可以自行查询的证明"],
  },
  {
    key: "fees-first",
    standard: "proactive-information",
    title: "费用和审批结果，先说清楚再办理",
    body: "涉及年费、分期手续费、额度调整等与客户利益相关的事项，在办理前主动说明；审批结果不理想时，说明原因以及下一步可以怎么做。",
    do: ["办卡时明确告知年费标准和免年费条件", "额度调整被拒时，告诉客户可以改进的方向", "政策变化前，通过短信或电话提前通知受影响的客户"],
    dont: ["用“这是系统规定”代替解释", "等客户投诉后才说明收费", "在客户不知情的情况下开通收费服务"],
  },
  {
    key: "close-the-loop",
    standard: "proactive-information",
    title: "投诉处理完毕，主动回访告知结果",
    body: "客户的投诉或建议处理完毕后，由受理人主动回电或发消息告知结果，并询问是否满意；没能满足的诉求，说明原因。",
    do: ["在承诺时限内回访，告知处理结果", "询问客户对处理结果是否满意，并记录在案", "客户不满意时，升级给主管，并告诉客户下一步安排"],
    dont: ["处理完就关闭工单，不告诉客户", "回访只念标准话术，不回应客户的具体问题"],
  },
];

interface DemoType {
  name: string;
  description: string;
  guideline: string | null;
  kind: RewardKind;
  text: string;
  value: number;
  note: string;
  /** "lead" | "exec" | "frontline" | "staff<n>" */
  agreedBy: string[];
}

const TYPES: DemoType[] = [
  {
    name: "首问负责、一次解决",
    description: "客户的问题在第一次接触时就解决，或由首问人跟进到底，客户没有被转来转去。",
    guideline: "own-it",
    kind: "points",
    text: "200 积分，可兑换培训课程或半天调休",
    value: 200,
    note: "网点与客服中心联合研讨会：积分每季度兑换一次。",
    agreedBy: ["lead", "frontline", "staff1"],
  },
  {
    name: "主动告知进度",
    description: "在客户开口询问之前，就告诉客户等多久、办到哪一步，延误时先说明原因。",
    guideline: "tell-the-wait",
    kind: "certificate",
    text: "“透明服务之星”荣誉证书，在网点月度例会上颁发",
    value: 0,
    note: "一线员工提议：证书比积分更有面子，在例会上当众颁发。",
    agreedBy: ["exec", "frontline", "staff3"],
  },
  {
    name: "资料不让客户跑第二趟",
    description: "办理前主动调阅已有资料，一次列清缺少的材料，客户一趟办成。",
    guideline: "never-ask-twice",
    kind: "points",
    text: "100 积分",
    value: 100,
    note: "",
    agreedBy: ["lead", "frontline", "staff2"],
  },
  {
    name: "化解投诉、赢回客户",
    description: "把一次投诉处理成客户的好评：及时回访、给出结果，客户最终表示满意或继续使用我行服务。",
    guideline: "close-the-loop",
    kind: "bonus",
    text: "500 元奖金，随当月绩效发放",
    value: 500,
    note: "需附客户回访记录；每人每月最多奖励两次。",
    agreedBy: ["exec", "lead", "frontline", "staff4"],
  },
  {
    name: "服务改进金点子",
    description: "提出的改进创意被小循环采纳并落地，让客户少等、少跑、少问。",
    guideline: null,
    kind: "other",
    text: "与分行行长共进午餐，并在全行分享会上介绍经验",
    value: 0,
    note: "创意来自创意箱，由项目团队确认已落地后提名。",
    agreedBy: ["exec", "frontline", "staff5", "staff6"],
  },
];

export async function seedDemoFrontline(db: Kysely<Database>, ids: DemoIds): Promise<DemoFrontlineIds> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const vision = await latestVision(db, ids.programId);
  const published = vision
    ? await db.selectFrom("vision_versions").select("published_at").where("program_id", "=", ids.programId).where("version", "=", vision.version).executeTakeFirstOrThrow()
    : null;
  const base = published ? Date.parse(published.published_at) : Date.now() - 7 * DAY;
  const at = (ms: number) => new Date(Math.min(base + ms, Date.now() - MINUTE)).toISOString();
  const staff: string[] = [];
  const guidelineIds: Record<string, string> = {};
  const typeIds: string[] = [];

  await db.transaction().execute(async (tx) => {
    const audit = (actor: string, entityType: string, entityId: string, action: string, createdAt: string, after: unknown) =>
      insertDemoAudit(tx, { orgId: ids.orgId, programId: ids.programId, actorId: actor, entityType, entityId, action, after, createdAt });

    // The colleagues: members of the organisation and frontline staff of the program.
    const joined = at(-2 * DAY);
    for (const s of DEMO_STAFF) {
      const id = await addDemoPerson(tx, s, { orgId: ids.orgId, orgRole: "member", program: { id: ids.programId, role: "frontline" }, passwordHash: hash, createdAt: joined });
      staff.push(id);
      await audit(ids.users.lead, "member", id, "add", joined, { role: "frontline" });
    }
    if (!vision) return;

    // The guidelines, written by the project team after the vision was published — except the
    // one drafted in the workshop against the earlier wording, just before publication.
    let position = 1;
    for (const [i, g] of GUIDELINES.entries()) {
      const standard = vision.standards.find((s) => s.key === g.standard);
      if (!standard) continue;
      const id = uuid();
      guidelineIds[g.key] = id;
      const snapshot = { title: standard.title, description: standard.description, measurableHint: standard.measurableHint, ...g.earlierWording };
      const createdAt = g.earlierWording ? at(-10 * MINUTE) : at(DAY + i * 2 * 60 * MINUTE);
      const author = i % 3 === 2 ? ids.users.lead : ids.users.team;
      await tx
        .insertInto("guidelines")
        .values({
          id,
          program_id: ids.programId,
          title: g.title,
          body: g.body,
          do_examples: JSON.stringify(g.do),
          dont_examples: JSON.stringify(g.dont),
          standard_key: standard.key,
          standard_version: vision.version,
          standard_snapshot: JSON.stringify(snapshot),
          position: position++,
          reviewed_by: null,
          reviewed_at: null,
          created_by: author,
          created_at: createdAt,
          updated_at: createdAt,
          archived_at: null,
        })
        .execute();
      await audit(author, "guideline", id, "create", createdAt, {
        title: g.title,
        standard: snapshot.title,
        standardVersion: vision.version,
        body: g.body,
        doExamples: g.do,
        dontExamples: g.dont,
      });
    }

    // The catalogue, agreed in the leadership + frontline workshop three days after publication.
    const workshop = at(3 * DAY);
    const agreedOn = dayInDisplayZone(workshop);
    const roles = new Map(
      (await tx.selectFrom("program_members").select(["user_id", "role"]).where("program_id", "=", ids.programId).execute()).map((m) => [m.user_id, m.role as ProgramRole]),
    );
    const names = new Map((await tx.selectFrom("users").select(["id", "name"]).execute()).map((u) => [u.id, u.name]));
    const person = (who: string) => (who.startsWith("staff") ? staff[Number(who.slice(5)) - 1] : ids.users[who as keyof DemoIds["users"]]);
    for (const [i, r] of TYPES.entries()) {
      const id = uuid();
      typeIds.push(id);
      const createdAt = at(3 * DAY + (i + 1) * 5 * MINUTE);
      const guidelineId = r.guideline ? (guidelineIds[r.guideline] ?? null) : null;
      const agreedBy = r.agreedBy.map(person);
      await tx
        .insertInto("recognition_types")
        .values({
          id,
          program_id: ids.programId,
          name: r.name,
          description: r.description,
          guideline_id: guidelineId,
          reward_kind: r.kind,
          reward_text: r.text,
          reward_value: r.value,
          agreed_on: agreedOn,
          agreed_note: r.note,
          created_by: ids.users.team,
          created_at: createdAt,
          updated_at: createdAt,
          archived_at: null,
        })
        .execute();
      await tx
        .insertInto("recognition_agreements")
        .values(agreedBy.map((userId) => ({ type_id: id, user_id: userId, role: roles.get(userId) ?? "frontline", created_at: createdAt })))
        .execute();
      await audit(ids.users.team, "recognition_type", id, "create", createdAt, {
        name: r.name,
        description: r.description,
        guideline: r.guideline ? (GUIDELINES.find((g) => g.key === r.guideline)?.title ?? null) : null,
        rewardKind: r.kind,
        rewardText: r.text,
        rewardValue: r.value,
        agreedOn,
        agreedNote: r.note,
        agreedBy: agreedBy.map((u) => names.get(u) ?? u),
      });
    }
  });
  return { staff, guidelines: Object.values(guidelineIds), recognitionTypes: typeIds };
}
