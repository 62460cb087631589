/**
 * Step 2's demo content: two current-state journey maps of the retail-banking program —
 * 信用卡申请 (credit-card application) and 投诉处理 (complaint handling) — with 40 touchpoints,
 * the other lanes filled in, emotion curves for three personas, 15 pain points (some flagged by
 * triangulation), every key question answered; 2,000 feedback records over the last six months
 * (with customer ids, so cross-channel hops and first-contact resolution show), linked as
 * evidence to the pain points they back; and two links in the evidence library.
 *
 * Relational rows go through `db`; the live documents (`journey:<mapId>`) through the
 * `changeDoc` passed in, i.e. through the collaboration rooms, which project them into tables.
 * Everything is generated from a fixed seed: the same demo on every machine (dates are relative
 * to the day it is seeded).
 */
import type { Insertable, Kysely } from "kysely";
import type * as Y from "yjs";
import {
  journeyDocName,
  putCard,
  putPainPoint,
  putPersona,
  putStage,
  questionText,
  setEmotion,
  type JourneyLane,
  type KeyQuestion,
  type PainPointSource,
  type PainPointStatus,
  type TouchpointChannel,
} from "../../app/models/journey-doc";
import type { Database, FeedbackRecordsTable } from "../schema";
import type { DemoIds } from "./demo-foundation";
import type { ChangeDoc } from "./demo-vision";

const uuid = () => crypto.randomUUID();

/** A small deterministic generator (mulberry32), so the demo is the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Cell = [lane: JourneyLane, text: string, channel?: TouchpointChannel];

interface DemoPain {
  key: string;
  /** Text of the touchpoint it is pinned on. */
  on: string;
  title: string;
  description: string;
  severity: number;
  reach: number;
  impact: number;
  effort: number;
  source: PainPointSource;
  status: PainPointStatus;
  /** The contact reason whose feedback records back it. */
  reason: string;
}

interface DemoMap {
  name: string;
  persona: string;
  description: string;
  stages: { name: string; cells: Cell[] }[];
  personas: { name: string; colour: string; curve: number[] }[];
  pains: DemoPain[];
  answers: Record<KeyQuestion, string>;
}

const CARD_MAP: DemoMap = {
  name: "信用卡申请",
  persona: "首次申请信用卡的年轻白领",
  description: "从看到广告到激活首刷的端到端旅程。范围：线上（App、网站）与网点申请，不含商务卡。",
  stages: [
    {
      name: "了解产品",
      cells: [
        ["actions", "在朋友圈看到新卡广告"],
        ["actions", "比较几家银行的权益"],
        ["touchpoints", "社交媒体广告", "social"],
        ["touchpoints", "官网产品页", "web"],
        ["touchpoints", "App 卡片频道", "app"],
        ["touchpoints", "网点宣传折页", "branch"],
        ["frontstage", "网点大堂经理介绍"],
        ["backstage", "市场部投放与素材审核"],
        ["systems", "内容管理系统"],
      ],
    },
    {
      name: "提交申请",
      cells: [
        ["actions", "填写申请表、上传证件"],
        ["touchpoints", "App 在线申请", "app"],
        ["touchpoints", "网站申请表", "web"],
        ["touchpoints", "网点纸质申请", "branch"],
        ["touchpoints", "申请受理短信", "sms"],
        ["frontstage", "网点柜员协助填表"],
        ["backstage", "资料预审"],
        ["systems", "进件系统"],
        ["systems", "OCR 证件识别"],
      ],
    },
    {
      name: "审批等待",
      cells: [
        ["actions", "反复查询审批进度"],
        ["touchpoints", "进度查询页", "web"],
        ["touchpoints", "客服热线 95xxx", "phone"],
        ["touchpoints", "在线客服", "chat"],
        ["touchpoints", "补件通知短信", "sms"],
        ["frontstage", "热线坐席解释进度"],
        ["backstage", "征信查询与人工审批"],
        ["systems", "审批工作流"],
        ["systems", "征信接口"],
      ],
    },
    {
      name: "收卡激活",
      cells: [
        ["actions", "签收卡片、设置密码"],
        ["touchpoints", "快递签收", "other"],
        ["touchpoints", "App 激活", "app"],
        ["touchpoints", "激活语音热线", "phone"],
        ["touchpoints", "激活成功短信", "sms"],
        ["frontstage", "网点激活面签"],
        ["backstage", "制卡与寄送"],
        ["systems", "制卡系统"],
      ],
    },
    {
      name: "用卡与服务",
      cells: [
        ["actions", "首刷、查看账单、咨询年费"],
        ["touchpoints", "电子账单邮件", "email"],
        ["touchpoints", "App 账单页", "app"],
        ["touchpoints", "年费咨询热线", "phone"],
        ["touchpoints", "微信公众号账单提醒", "social"],
        ["touchpoints", "积分商城", "app"],
        ["frontstage", "坐席处理年费争议"],
        ["backstage", "账务与积分"],
        ["systems", "核心账务系统"],
      ],
    },
  ],
  personas: [
    { name: "年轻白领", colour: "#e11d48", curve: [1, 0.5, -2, -1, 0.5] },
    { name: "自雇人士", colour: "#2563eb", curve: [0.5, -1, -1.5, -0.5, 0] },
  ],
  pains: [
    { key: "progress", on: "进度查询页", title: "审批进度不透明", description: "进度页只显示“审核中”，客户不知道卡在哪一步、还要等多久，只好反复打电话。", severity: 5, reach: 5, impact: 5, effort: 2, source: "bottom_up", status: "confirmed", reason: "申请进度查询" },
    { key: "slow", on: "客服热线 95xxx", title: "审批时间过长", description: "从提交到结果平均 9 个工作日，竞品 3 天。", severity: 4, reach: 4, impact: 5, effort: 4, source: "top_down", status: "confirmed", reason: "审批时间太长" },
    { key: "docs", on: "补件通知短信", title: "补件要求说不清", description: "短信只说“请补充材料”，没有说补什么、在哪里补。", severity: 2, reach: 3, impact: 4, effort: 1, source: "top_down", status: "open", reason: "补件说明不清" },
    { key: "ocr", on: "App 在线申请", title: "证件识别失败后只能重来", description: "OCR 识别失败时已填内容全部清空。", severity: 3, reach: 3, impact: 3, effort: 2, source: "bottom_up", status: "open", reason: "申请填写困难" },
    { key: "activate", on: "App 激活", title: "App 激活经常失败", description: "激活需要的短信验证码延迟，失败后被引导去打热线。", severity: 2, reach: 4, impact: 4, effort: 3, source: "bottom_up", status: "open", reason: "激活失败" },
    { key: "fee", on: "年费咨询热线", title: "年费规则看不懂", description: "首年免年费的条件写在 12 页条款里，客户第一次扣费时才发现。", severity: 5, reach: 3, impact: 3, effort: 1, source: "top_down", status: "open", reason: "年费争议" },
    { key: "bill", on: "电子账单邮件", title: "账单看不懂", description: "分期、最低还款与积分混在一起。", severity: 2, reach: 2, impact: 2, effort: 2, source: "top_down", status: "open", reason: "账单看不懂" },
    { key: "branch", on: "网点纸质申请", title: "网点申请要跑两次", description: "资料不全要再来一次，且无法线上补件。", severity: 3, reach: 2, impact: 3, effort: 3, source: "top_down", status: "dismissed", reason: "网点排队久" },
  ],
  answers: {
    a: "审批进度透明度和审批时效是申请阶段满意度的两大驱动因素：进度查询相关来电占该旅程来电的 31%。",
    b: "是。调研显示审批 3 天内出结果的客户首年活跃率高 18 个百分点，激活率高 12 个百分点。",
    c: "客户最关心“什么时候能拿到卡”。我们将主动推送每一步进度，并给出预计完成时间。",
    d: "进度透明、一次讲清补件要求、激活一次成功、年费规则清楚。",
    e: "竞品平均 3 天出审批结果并全程推送；我们的差异化可以是网点与线上一致的补件体验。",
    f: "先做两个速赢：进度推送和补件短信改写；同时启动审批流程精简（大环）。",
  },
};

const COMPLAINT_MAP: DemoMap = {
  name: "投诉处理",
  persona: "对服务不满、来电投诉的零售客户",
  description: "客户从遇到问题、提出投诉到得到解决与回访的旅程，覆盖热线、网点、App 与社交媒体渠道。",
  stages: [
    {
      name: "遇到问题",
      cells: [
        ["actions", "发现扣费异常或服务失误"],
        ["touchpoints", "App 交易提醒", "app"],
        ["touchpoints", "网点柜台", "branch"],
        ["touchpoints", "微博 / 小红书吐槽", "social"],
        ["touchpoints", "网点意见簿", "branch"],
        ["frontstage", "柜员当场解释"],
        ["systems", "交易监控"],
      ],
    },
    {
      name: "提出投诉",
      cells: [
        ["actions", "打电话或留言投诉"],
        ["touchpoints", "投诉热线", "phone"],
        ["touchpoints", "App 在线投诉", "app"],
        ["touchpoints", "在线客服转人工", "chat"],
        ["touchpoints", "投诉邮箱", "email"],
        ["touchpoints", "监管转办投诉", "other"],
        ["frontstage", "坐席记录投诉"],
        ["backstage", "工单分派"],
        ["systems", "工单系统"],
      ],
    },
    {
      name: "处理与跟进",
      cells: [
        ["actions", "等待回复、重复说明情况"],
        ["touchpoints", "处理进度短信", "sms"],
        ["touchpoints", "专员回电", "phone"],
        ["touchpoints", "网点约见", "branch"],
        ["touchpoints", "App 投诉进度页", "app"],
        ["touchpoints", "专员企业微信沟通", "chat"],
        ["frontstage", "投诉专员沟通方案"],
        ["backstage", "业务部门核查"],
        ["backstage", "审批补偿"],
        ["systems", "客户视图（不完整）"],
      ],
    },
    {
      name: "解决与回访",
      cells: [
        ["actions", "接受方案或升级投诉"],
        ["touchpoints", "结果通知短信", "sms"],
        ["touchpoints", "满意度回访电话", "phone"],
        ["touchpoints", "App 评价", "app"],
        ["touchpoints", "回访短信问卷", "sms"],
        ["touchpoints", "结案邮件", "email"],
        ["frontstage", "回访专员"],
        ["backstage", "根因分析"],
        ["systems", "满意度调研平台"],
      ],
    },
  ],
  personas: [{ name: "零售投诉客户", colour: "#d97706", curve: [-1, -1.5, -2, 0.5] }],
  pains: [
    { key: "repeat", on: "专员回电", title: "重复说明问题", description: "每换一个人就要从头讲一遍，工单里没有完整记录。", severity: 5, reach: 4, impact: 5, effort: 3, source: "bottom_up", status: "confirmed", reason: "重复说明问题" },
    { key: "silent", on: "处理进度短信", title: "处理期间没有任何消息", description: "受理后平均 5 天无任何进度更新。", severity: 4, reach: 4, impact: 4, effort: 1, source: "bottom_up", status: "confirmed", reason: "投诉处理慢" },
    { key: "transfer", on: "在线客服转人工", title: "在线客服转人工要排长队", description: "高峰期转人工等待超过 15 分钟，客户改打热线。", severity: 2, reach: 4, impact: 4, effort: 3, source: "bottom_up", status: "open", reason: "转人工等待久" },
    { key: "hotline", on: "投诉热线", title: "热线菜单层级太深", description: "投诉入口在第四层菜单。", severity: 3, reach: 3, impact: 3, effort: 1, source: "top_down", status: "open", reason: "热线难打通" },
    { key: "social", on: "微博 / 小红书吐槽", title: "社交媒体投诉无人响应", description: "没有统一的社媒监测与响应机制。", severity: 3, reach: 2, impact: 3, effort: 2, source: "top_down", status: "open", reason: "社媒投诉" },
    { key: "comp", on: "网点约见", title: "补偿审批要层层签字", description: "小额补偿也需要三级审批，一线没有授权。", severity: 4, reach: 2, impact: 4, effort: 4, source: "top_down", status: "open", reason: "补偿不满意" },
    { key: "survey", on: "满意度回访电话", title: "回访只问打分不问原因", description: "回访问卷只有一个评分题，无法找到根因。", severity: 2, reach: 3, impact: 2, effort: 1, source: "top_down", status: "addressed", reason: "回访打扰" },
  ],
  answers: {
    a: "“一次解决”和“不用重复说明”是投诉旅程满意度的决定因素（回归分析解释了 62% 的差异）。",
    b: "是。一次解决的投诉客户流失率为 4%，多次接触后解决的为 19%。",
    c: "客户最关心有人负责到底、知道处理到哪一步。方案：一个投诉一个责任人，全程进度推送。",
    d: "一次解决率、处理时长、专业礼貌的坐席、给一线小额补偿授权。",
    e: "行业领先者 24 小时内首次回复、72 小时内结案；我们目前平均 7 天。",
    f: "小环：进度推送与统一工单记录（速赢）；大环：投诉根因分析机制与一线授权制度。",
  },
};

const CHANNELS: { channel: string; weight: number }[] = [
  { channel: "phone", weight: 34 },
  { channel: "app", weight: 22 },
  { channel: "web", weight: 14 },
  { channel: "chat", weight: 12 },
  { channel: "branch", weight: 9 },
  { channel: "sms", weight: 3 },
  { channel: "email", weight: 3 },
  { channel: "social", weight: 3 },
];

const SEGMENTS = ["大众客户", "年轻白领", "自雇人士", "私人银行客户", "小微企业主"];

/** Contact reasons with their share of the volume and how unhappy such contacts are (mean CSAT 1–5). */
const REASONS: { reason: string; weight: number; meanScore: number }[] = [
  { reason: "申请进度查询", weight: 16, meanScore: 2.1 },
  { reason: "审批时间太长", weight: 9, meanScore: 1.8 },
  { reason: "补件说明不清", weight: 3, meanScore: 2.6 },
  { reason: "申请填写困难", weight: 5, meanScore: 2.8 },
  { reason: "激活失败", weight: 11, meanScore: 1.7 },
  { reason: "年费争议", weight: 3, meanScore: 3.4 },
  { reason: "账单看不懂", weight: 4, meanScore: 3.2 },
  { reason: "网点排队久", weight: 3, meanScore: 3 },
  { reason: "重复说明问题", weight: 10, meanScore: 1.5 },
  { reason: "投诉处理慢", weight: 9, meanScore: 1.9 },
  { reason: "转人工等待久", weight: 10, meanScore: 1.9 },
  { reason: "热线难打通", weight: 5, meanScore: 2.5 },
  { reason: "社媒投诉", weight: 2, meanScore: 2.4 },
  { reason: "补偿不满意", weight: 2, meanScore: 2.2 },
  { reason: "回访打扰", weight: 2, meanScore: 3.6 },
  { reason: "积分兑换", weight: 6, meanScore: 4.1 },
];

const TEXTS: Record<string, string[]> = {
  申请进度查询: ["提交申请一周了，进度页一直显示审核中。", "想知道审批到哪一步了，打了三次电话。", "能不能告诉我大概还要几天？"],
  审批时间太长: ["别的银行三天就批了，你们要两周。", "等审批等得都不想要这张卡了。"],
  补件说明不清: ["短信让我补材料，但没说补什么。", "补件要求来回说了三次。"],
  申请填写困难: ["身份证拍了五次都识别失败，之前填的全没了。", "申请表太长，中途退出又要重填。"],
  激活失败: ["App 激活一直收不到验证码。", "激活失败后让我打热线，热线又排队。", "激活到一半报错。"],
  年费争议: ["说好免年费，结果扣了 300 元。", "免年费条件太复杂了。"],
  账单看不懂: ["账单里分期和最低还款看不明白。", "积分怎么算的看不懂。"],
  网点排队久: ["网点排队一个小时才办上。", "资料不全又跑了一趟网点。"],
  重复说明问题: ["每个客服都让我从头再讲一遍。", "已经说了三次了，还是没人知道我的情况。", "换了个专员又要重新解释。"],
  投诉处理慢: ["投诉五天了没有任何回复。", "到底有没有人在处理？"],
  转人工等待久: ["在线客服转人工等了二十分钟。", "机器人答非所问，转人工又要排队。"],
  热线难打通: ["按了四层菜单才找到投诉入口。", "热线一直占线。"],
  社媒投诉: ["在微博上发了帖子也没人理。", "小红书上好多人遇到同样的问题。"],
  补偿不满意: ["补偿方案要等领导签字，拖了两周。", "补偿金额太少了。"],
  回访打扰: ["回访电话只让打分，不问原因。", "一天打了两次回访电话。"],
  积分兑换: ["积分兑换很方便，点赞。", "积分商城的东西挺好。"],
};

function pick<T extends { weight: number }>(items: T[], r: number): T {
  const total = items.reduce((n, i) => n + i.weight, 0);
  let x = r * total;
  for (const i of items) {
    x -= i.weight;
    if (x < 0) return i;
  }
  return items[items.length - 1];
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * 2,000 feedback records over the last 180 days. Some customers contact again within a few
 * days through another channel (web or app first, then the phone: the hops seed 002 describes),
 * so repeat contacts lower first-contact resolution where it hurts most.
 */
export function demoFeedbackRecords(programId: string, count = 2000, today = new Date()): Insertable<FeedbackRecordsTable>[] {
  const rnd = random(20261123);
  const out: Insertable<FeedbackRecordsTable>[] = [];
  const createdAt = today.toISOString();
  const dayMs = 86_400_000;
  const start = today.getTime() - 180 * dayMs;
  const record = (date: Date, channel: string, reason: (typeof REASONS)[number], customer: string | null, segment: string) => {
    const noise = (rnd() - 0.5) * 2.4;
    const score = Math.min(5, Math.max(1, Math.round(reason.meanScore + noise)));
    const texts = TEXTS[reason.reason];
    out.push({
      id: uuid(),
      program_id: programId,
      import_id: null,
      source: "import",
      occurred_on: isoDay(date),
      channel,
      segment,
      contact_reason: reason.reason,
      score,
      score_min: 1,
      score_max: 5,
      text: texts[Math.floor(rnd() * texts.length)],
      customer_id: customer,
      created_by: null,
      created_at: createdAt,
    });
  };
  while (out.length < count) {
    // Volume grows a little towards today (the trend chart is not flat).
    const t = start + Math.sqrt(rnd()) * 180 * dayMs;
    const date = new Date(t);
    const reason = pick(REASONS, rnd());
    const channel = pick(CHANNELS, rnd()).channel;
    const segment = SEGMENTS[Math.floor(rnd() * SEGMENTS.length)];
    const customer = rnd() < 0.85 ? `C${String(1 + Math.floor(rnd() * 900)).padStart(5, "0")}` : null;
    record(date, channel, reason, customer, segment);
    // A failed digital contact followed by a call (or a chat) within 1–4 days.
    if (customer && (channel === "web" || channel === "app" || channel === "chat") && reason.meanScore < 3 && rnd() < 0.45 && out.length < count) {
      const later = new Date(Math.min(today.getTime(), t + (1 + Math.floor(rnd() * 4)) * dayMs));
      record(later, rnd() < 0.8 ? "phone" : "branch", reason, customer, segment);
    }
  }
  return out.slice(0, count);
}

async function seedMap(db: Kysely<Database>, ids: DemoIds, changeDoc: ChangeDoc, spec: DemoMap, createdAt: string): Promise<{ mapId: string; pains: Map<string, DemoPain> }> {
  const mapId = uuid();
  await db
    .insertInto("journey_maps")
    .values({
      id: mapId,
      program_id: ids.programId,
      name: spec.name,
      persona: spec.persona,
      description: spec.description,
      created_by: ids.users.team,
      created_at: createdAt,
      updated_at: createdAt,
      archived_at: null,
    })
    .execute();
  const painIds = new Map<string, DemoPain>();
  await changeDoc(journeyDocName(mapId), (doc: Y.Doc) => {
    const touchpointIds = new Map<string, string>();
    const stageIds: string[] = [];
    spec.stages.forEach((stage, si) => {
      const stageId = uuid();
      stageIds.push(stageId);
      putStage(doc, { id: stageId, name: stage.name, position: si + 1 });
      const perLane = new Map<JourneyLane, number>();
      for (const [lane, text, channel] of stage.cells) {
        const position = (perLane.get(lane) ?? 0) + 1;
        perLane.set(lane, position);
        const id = uuid();
        if (lane === "touchpoints") touchpointIds.set(text, id);
        putCard(doc, { id, lane, stageId, text, channel: channel ?? null, position, createdBy: ids.users.team, createdAt });
      }
    });
    spec.personas.forEach((p, pi) => {
      const personaId = uuid();
      putPersona(doc, { id: personaId, name: p.name, colour: p.colour, position: pi + 1 });
      p.curve.forEach((v, si) => setEmotion(doc, personaId, stageIds[si], v));
    });
    for (const p of spec.pains) {
      const id = uuid();
      painIds.set(id, p);
      const touchpointId = touchpointIds.get(p.on);
      if (!touchpointId) throw new Error(`demo pain point ${p.key} is pinned on an unknown touchpoint ${p.on}`);
      putPainPoint(doc, {
        id,
        touchpointId,
        title: p.title,
        description: p.description,
        severity: p.severity,
        reach: p.reach,
        impact: p.impact,
        effort: p.effort,
        source: p.source,
        status: p.status,
        createdBy: p.source === "top_down" ? ids.users.exec : ids.users.team,
        createdAt,
      });
    }
    for (const [key, answer] of Object.entries(spec.answers) as [KeyQuestion, string][]) questionText(doc, key).insert(0, answer);
  });
  return { mapId, pains: painIds };
}

export interface DemoJourneyIds {
  /** The credit-card application map and the complaint-handling map. */
  cardMapId: string;
  complaintMapId: string;
  /** Per map id: the demo key of each pain point (e.g. "progress", "repeat") → its doc object id. */
  painPoints: Record<string, Record<string, string>>;
}

export async function seedDemoJourneys(db: Kysely<Database>, ids: DemoIds, changeDoc: ChangeDoc): Promise<DemoJourneyIds> {
  const now = new Date();
  const createdAt = now.toISOString();
  const records = demoFeedbackRecords(ids.programId, 2000, now);
  for (let i = 0; i < records.length; i += 200) await db.insertInto("feedback_records").values(records.slice(i, i + 200)).execute();

  const byReason = new Map<string, string[]>();
  for (const r of records) (byReason.get(r.contact_reason) ?? byReason.set(r.contact_reason, []).get(r.contact_reason)!).push(r.id);

  const mapIds: string[] = [];
  const painPoints: DemoJourneyIds["painPoints"] = {};
  for (const spec of [CARD_MAP, COMPLAINT_MAP]) {
    const { mapId, pains } = await seedMap(db, ids, changeDoc, spec, createdAt);
    mapIds.push(mapId);
    painPoints[mapId] = Object.fromEntries([...pains].map(([id, p]) => [p.key, id]));
    const links = [...pains].flatMap(([painId, p]) =>
      (byReason.get(p.reason) ?? []).map((recordId) => ({
        id: uuid(),
        map_id: mapId,
        target_type: "pain_point" as const,
        target_id: painId,
        evidence_type: "feedback" as const,
        evidence_id: recordId,
        created_by: ids.users.team,
        created_at: createdAt,
      })),
    );
    for (let i = 0; i < links.length; i += 200) await db.insertInto("journey_evidence_links").values(links.slice(i, i + 200)).execute();
  }

  const link = (title: string, url: string) => ({
    id: uuid(),
    program_id: ids.programId,
    kind: "link" as const,
    title,
    url,
    filename: null,
    mime: null,
    size_bytes: null,
    storage_path: null,
    uploaded_by: ids.users.team,
    created_at: createdAt,
  });
  await db
    .insertInto("journey_evidence")
    .values([
      link("2026 年第三季度信用卡客户满意度调研报告", "https://intranet.demo.test/cx/2026q3-card-survey"),
      link("投诉热线通话录音抽样（10 月）", "https://intranet.demo.test/callcenter/recordings/2026-10-sample"),
    ])
    .execute();
  await db
    .insertInto("pain_point_settings")
    .values({ program_id: ids.programId, triangulation_margin: 1.5, updated_by: ids.users.lead, updated_at: createdAt })
    .execute();
  return { cardMapId: mapIds[0], complaintMapId: mapIds[1], painPoints };
}
