/**
 * Step 1's demo content: a finished vision workshop of the retail-banking program — 40 sticky
 * notes over the four prompts (in Chinese), eight clusters, an agenda run to its end, a revealed
 * dot-voting round, a published vision v1 with five quality standards, and a draft that already
 * moves on from it (a sixth standard under discussion).
 *
 * Relational rows go through `db`; the live documents (`vision:<boardId>` and
 * `vision-control:<boardId>`) through the `changeDoc` passed in, i.e. through the collaboration
 * rooms, so they are logged and broadcast like any update.
 */
import type { Kysely } from "kysely";
import type * as Y from "yjs";
import { loadControlState } from "../../app/models/vision-control.server";
import {
  DEFAULT_PROMPTS,
  putCluster,
  putNote,
  putPrompt,
  visionBoardDocName,
  visionControlDocName,
  writeControlState,
  type NoteColour,
  type PromptKind,
} from "../../app/models/vision-doc";
import type { VisionStandardContent } from "../../app/models/vision-output";
import type { Database } from "../schema";
import { insertDemoAudit } from "./demo-audit";
import type { DemoIds } from "./demo-foundation";

export type ChangeDoc = (docName: string, change: (doc: Y.Doc) => void) => Promise<void>;

export interface DemoVisionIds {
  boardId: string;
  roundId: string;
  versionId: string;
}

const uuid = () => crypto.randomUUID();

interface DemoCluster {
  key: string;
  prompt: PromptKind;
  name: string;
}

const CLUSTERS: DemoCluster[] = [
  { key: "wait", prompt: "customer", name: "进度与等待不透明" },
  { key: "repeat", prompt: "customer", name: "反复跑、反复说" },
  { key: "silo", prompt: "frontline", name: "系统割裂、信息不通" },
  { key: "empower", prompt: "frontline", name: "一线缺少授权与支持" },
  { key: "fcr", prompt: "leadership", name: "一次解决" },
  { key: "data", prompt: "leadership", name: "数据驱动与考核" },
  { key: "e2e", prompt: "scope", name: "端到端旅程视角" },
  { key: "handoff", prompt: "scope", name: "跨渠道衔接" },
];

/** [prompt, text, cluster key or null, colour] — ten per prompt. */
const NOTES: [PromptKind, string, string | null, NoteColour][] = [
  ["customer", "信用卡申请提交后不知道进度，只能反复打客服电话问", "wait", "yellow"],
  ["customer", "网点排队一个小时，只为了改一个预留手机号", "repeat", "yellow"],
  ["customer", "客服电话转了三次人工，每次都要把问题重新说一遍", "repeat", "pink"],
  ["customer", "App 上申请到一半，突然要求去网点面签，白跑一趟", "repeat", "yellow"],
  ["customer", "年费怎么收的，从来没有人提前告诉我", "wait", "orange"],
  ["customer", "额度调整被拒，没有任何原因说明", "wait", "yellow"],
  ["customer", "希望下班后也能办业务，网点五点就关门了", null, "blue"],
  ["customer", "同一个问题，App 和客服给的答案不一样", "repeat", "pink"],
  ["customer", "销户流程太复杂，被反复挽留", null, "yellow"],
  ["customer", "等候区的叫号屏不准，不知道还要等多久", "wait", "orange"],
  ["frontline", "系统之间信息不通，客户资料要录三遍", "silo", "green"],
  ["frontline", "柜面没有权限处理信用卡问题，只能让客户自己打电话", "empower", "green"],
  ["frontline", "客服考核只看通话时长，逼着我们快点挂电话", "empower", "pink"],
  ["frontline", "审批退件的原因我们也看不到，没法给客户解释", "silo", "green"],
  ["frontline", "高峰期窗口只开一半，排班和客流对不上", null, "blue"],
  ["frontline", "新产品培训太少，客户问的我们自己也不清楚", "empower", "green"],
  ["frontline", "投诉处理要层层审批，小问题也要等一周", "empower", "orange"],
  ["frontline", "希望给一线一定的补偿授权，能当场解决问题", "empower", "green"],
  ["frontline", "知识库太旧，和实际政策对不上", "silo", "blue"],
  ["frontline", "客户在 App 上操作失败的记录，柜面和客服都看不到", "silo", "green"],
  ["leadership", "成为客户最愿意推荐的零售银行（NPS 进入行业前三）", null, "purple"],
  ["leadership", "信用卡申请全程线上，当天出结果", "fcr", "purple"],
  ["leadership", "任何渠道的问题一次解决，不让客户跑第二趟", "fcr", "purple"],
  ["leadership", "用数据提前发现问题，而不是等客户投诉", "data", "blue"],
  ["leadership", "让一线员工有权限、有工具为客户做决定", "fcr", "purple"],
  ["leadership", "三年内网点平均等候时间减半", null, "purple"],
  ["leadership", "把客户体验指标纳入各条线的考核", "data", "blue"],
  ["leadership", "服务要有温度，不只是追求效率", null, "pink"],
  ["leadership", "数字渠道和网点体验一致、无缝衔接", "fcr", "purple"],
  ["leadership", "减少重复来电，同时降低服务成本", "data", "blue"],
  ["scope", "从看到信用卡广告到第一次刷卡的完整旅程", "e2e", "yellow"],
  ["scope", "开户：线上预约 → 到店 → 审核 → 激活", "e2e", "yellow"],
  ["scope", "求助路径：App 自助 → 在线客服 → 电话 → 网点", "handoff", "orange"],
  ["scope", "账单与还款：出账提醒、分期、逾期提醒", null, "yellow"],
  ["scope", "投诉从受理到回访的完整闭环", "e2e", "orange"],
  ["scope", "跨渠道交接时，客户信息要跟着客户走", "handoff", "orange"],
  ["scope", "不只看单个触点的满意度，要看整条旅程", "e2e", "yellow"],
  ["scope", "后台审批和风控也是客户体验的一部分", null, "blue"],
  ["scope", "合作商户与第三方渠道的体验也要纳入", null, "yellow"],
  ["scope", "销户与挽留环节同样是旅程的一部分", null, "yellow"],
];

const AGENDA: [string, number][] = [
  ["开场：为什么要转型", 10],
  ["客户心声", 15],
  ["一线心声", 15],
  ["领导层愿景", 15],
  ["端到端范围", 15],
  ["分组与投票", 20],
  ["起草愿景与质量标准", 20],
];

/** Dots (budget 5 each): [voter, target ("cluster:<key>" or "note:<index>"), count]. */
const VOTES: ["lead" | "exec", string, number][] = [
  ["lead", "cluster:wait", 2],
  ["lead", "cluster:empower", 1],
  ["lead", "note:2", 1],
  ["lead", "cluster:handoff", 1],
  ["exec", "cluster:wait", 1],
  ["exec", "cluster:fcr", 2],
  ["exec", "cluster:repeat", 1],
  ["exec", "note:10", 1],
];

const STATEMENT_V1 =
  "让每一位客户在任何渠道都能一次办成、心中有数：从申请信用卡、网点办理到客服求助，我们以端到端旅程而不是单个触点来设计服务，主动告知进度，让一线员工有权当场解决问题。";

export const DEMO_STANDARDS: VisionStandardContent[] = [
  {
    key: "first-contact-resolution",
    title: "一次解决",
    description: "客户的诉求在第一次接触时就得到解决，无论通过哪个渠道，都不被转来转去，也不需要再跑一趟。",
    measurableHint: "首次解决率（FCR）≥ 85%；7 天内重复来电 ≤ 10%",
  },
  {
    key: "transparent-waiting",
    title: "透明等待",
    description: "客户随时知道自己的申请或排队进展到哪一步、还需要多久。",
    measurableHint: "信用卡申请每一步主动推送进度；网点叫号预计等候误差 ≤ 5 分钟",
  },
  {
    key: "simple-to-do",
    title: "简单办理",
    description: "用最少的步骤和材料办成事；我们已经掌握的信息，绝不让客户再提供一遍。",
    measurableHint: "线上信用卡申请 ≤ 8 分钟；客户资料零重复录入",
  },
  {
    key: "proactive-information",
    title: "主动告知",
    description: "在客户开口询问之前，就主动告知费用、额度、审批结果和问题，并说明原因。",
    measurableHint: "进度类来电下降 60%；年费相关投诉下降 30%",
  },
  {
    key: "consistent-across-channels",
    title: "全渠道一致",
    description: "在网点、App 和客服中心，客户得到同样的答复，看到同一份记录。",
    measurableHint: "网页/App 失败后转电话的跨渠道求助下降 25%；各渠道满意度差距 ≤ 5 分",
  },
];

const DRAFT_EXTRA: VisionStandardContent = {
  key: "service-with-warmth",
  title: "有温度的服务",
  description: "一线员工可以自行判断，并动用少量的善意补偿额度，当场把问题解决好。",
  measurableHint: "一线当场补偿授权覆盖 100% 网点；相关表扬占比提升",
};

export async function seedDemoVision(db: Kysely<Database>, ids: DemoIds, changeDoc: ChangeDoc): Promise<DemoVisionIds> {
  const day = 24 * 60 * 60 * 1000;
  const workshop = Date.now() - 120 * day; // four months ago: the vision comes first, the journeys, loops and recognitions follow
  const at = (minutes: number) => new Date(workshop + minutes * 60_000).toISOString();
  const boardId = uuid();
  const roundId = uuid();
  const versionId = uuid();
  const clusterIds = Object.fromEntries(CLUSTERS.map((c) => [c.key, uuid()]));
  const noteIds = NOTES.map(() => uuid());
  const sectionIds = AGENDA.map(() => uuid());
  const authors = [ids.users.lead, ids.users.exec];
  const names: Record<string, string> = {};
  for (const u of await db.selectFrom("users").select(["id", "name"]).where("id", "in", authors).execute()) names[u.id] = u.name;

  const target = (t: string) => {
    const [kind, key] = t.split(":");
    return kind === "cluster" ? clusterIds[key] : noteIds[Number(key)];
  };

  await db.transaction().execute(async (tx) => {
    const audit = (actor: string, entityType: string, entityId: string, action: string, minutes: number, after?: unknown) =>
      insertDemoAudit(tx, { orgId: ids.orgId, programId: ids.programId, actorId: actor, entityType, entityId, action, after, createdAt: at(minutes) });

    await tx
      .insertInto("vision_boards")
      .values({
        id: boardId,
        program_id: ids.programId,
        title: "客户体验愿景工作坊",
        locked: 1,
        anonymous: 0,
        current_section_id: sectionIds[sectionIds.length - 1],
        timer_running: 0,
        timer_ends_at_ms: null,
        timer_remaining_ms: 0,
        created_by: ids.users.lead,
        created_at: at(-60),
      })
      .execute();
    await audit(ids.users.lead, "vision_board", boardId, "create", -60, { title: "客户体验愿景工作坊" });
    await tx
      .insertInto("vision_sections")
      .values(AGENDA.map(([title, minutes], position) => ({ id: sectionIds[position], board_id: boardId, position, title, minutes })))
      .execute();
    await audit(ids.users.lead, "vision_board", boardId, "agenda", -55, AGENDA.map(([title, minutes]) => ({ title, minutes })));
    // Both participants said they were done with every section.
    await tx
      .insertInto("vision_section_done")
      .values(sectionIds.flatMap((sectionId, i) => authors.map((user_id) => ({ section_id: sectionId, user_id, created_at: at(10 + i * 15) }))))
      .execute();

    await tx
      .insertInto("vision_vote_rounds")
      .values({
        id: roundId,
        board_id: boardId,
        budget: 5,
        status: "revealed",
        opened_by: ids.users.lead,
        opened_at: at(85),
        closed_at: at(100),
        revealed_at: at(101),
      })
      .execute();
    await audit(ids.users.lead, "vision_vote_round", roundId, "open", 85, { boardId, budget: 5 });
    const used: Record<string, number> = {};
    for (const [voter, t, count] of VOTES) {
      const userId = ids.users[voter];
      used[userId] = (used[userId] ?? 0) + count;
      await tx.insertInto("vision_votes").values({ round_id: roundId, user_id: userId, target_id: target(t), count }).execute();
    }
    for (const [userId, n] of Object.entries(used)) {
      await tx.insertInto("vision_ballots").values({ round_id: roundId, user_id: userId, used: n }).execute();
      await audit(userId, "vision_vote_round", roundId, "vote", 90, { delta: n });
    }
    await audit(ids.users.lead, "vision_vote_round", roundId, "reveal", 101);

    await tx
      .insertInto("vision_versions")
      .values({ id: versionId, program_id: ids.programId, version: 1, statement: STATEMENT_V1, published_by: ids.users.exec, published_at: at(130) })
      .execute();
    await tx
      .insertInto("vision_standards")
      .values(
        DEMO_STANDARDS.map((s, position) => ({
          id: uuid(),
          version_id: versionId,
          standard_key: s.key,
          position,
          title: s.title,
          description: s.description,
          measurable_hint: s.measurableHint,
        })),
      )
      .execute();
    await audit(ids.users.exec, "vision_version", versionId, "publish", 130, {
      version: 1,
      statement: STATEMENT_V1,
      standards: DEMO_STANDARDS.map((s) => s.title),
    });
    await tx
      .insertInto("vision_drafts")
      .values({
        program_id: ids.programId,
        statement: STATEMENT_V1,
        standards_json: JSON.stringify([...DEMO_STANDARDS, DRAFT_EXTRA]),
        updated_by: ids.users.lead,
        updated_at: new Date(workshop + 2 * day).toISOString(),
        based_on_version: 1,
      })
      .execute();
    await audit(ids.users.lead, "vision_draft", ids.programId, "save", 2 * 24 * 60, { standards: [...DEMO_STANDARDS, DRAFT_EXTRA].map((s) => s.title) });
  });

  await changeDoc(visionBoardDocName(boardId), (doc) => {
    DEFAULT_PROMPTS.forEach((p, position) => putPrompt(doc, { id: p.kind, title: "", kind: p.kind, position }));
    for (const c of CLUSTERS) putCluster(doc, { id: clusterIds[c.key], name: c.name, promptId: c.prompt });
    NOTES.forEach(([prompt, text, cluster, colour], i) => {
      const author = authors[i % authors.length];
      putNote(doc, {
        id: noteIds[i],
        text,
        promptId: prompt,
        colour,
        clusterId: cluster ? clusterIds[cluster] : null,
        authorId: author,
        authorName: names[author] ?? null,
        createdAt: at(10 + Math.floor(i / 10) * 15 + (i % 10)),
      });
    });
  });
  const control = await loadControlState(db, boardId);
  if (control) await changeDoc(visionControlDocName(boardId), (doc) => writeControlState(doc, control));
  return { boardId, roundId, versionId };
}
