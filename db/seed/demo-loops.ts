/**
 * Step 4's demo loops: two completed small cycles (closed, their before/after computed from the
 * demo KPI measurements of their periods — seeded before this by demo-kpis) and one large cycle in
 * progress with items in its steps; about 30 demo feedback records triaged into the cycles' step ①,
 * a few dismissed with reasons, some linked to demo pain points; and six items typed in by the
 * frontline. Without KPIs the cycles simply track none.
 */
import type { Kysely } from "kysely";
import { computeCycleResult } from "../../app/models/loop-close.server";
import { defaultEndsOn } from "../../app/models/loops";
import { insertFeedbackRecords } from "../../app/models/feedback-records.server";
import type { CycleItemType, Database, LoopKind } from "../schema";
import type { DemoIds } from "./demo-foundation";
import type { DemoJourneyIds } from "./demo-journeys";

const uuid = () => crypto.randomUUID();
const DAY = 86_400_000;
const day = (offset: number, today = Date.now()) => new Date(today + offset * DAY).toISOString().slice(0, 10);

const FRONTLINE_ITEMS: { text: string; channel: string; offset: number }[] = [
  {
    text: "柜台客户常问信用卡审批到哪一步了，我们自己也查不到，只能让客户打热线。",
    channel: "网点",
    offset: -20,
  },
  {
    text: "补件短信里没说缺哪份材料，客户来网点时往往还是带不齐。",
    channel: "网点",
    offset: -17,
  },
  {
    text: "热线坐席建议：审批进度页加上预计完成日期，能少一半催办来电。",
    channel: "电话",
    offset: -12,
  },
  {
    text: "老年客户不会用手机银行查进度，希望网点有一键打印进度的功能。",
    channel: "网点",
    offset: -9,
  },
  {
    text: "投诉回访时客户说同一个问题被转了三次，希望首问负责到底。",
    channel: "电话",
    offset: -6,
  },
  {
    text: "新的进度推送上线后，客户反馈很好，但推送时间有时在深夜。",
    channel: "App",
    offset: -3,
  },
];

export async function seedDemoLoops(db: Kysely<Database>, ids: DemoIds, journeys: DemoJourneyIds | null): Promise<{ cycles: string[] }> {
  const now = new Date().toISOString();
  const programId = ids.programId;
  const team = ids.users.team;
  const kpis = await db.selectFrom("kpis").select("id").where("program_id", "=", programId).where("archived_at", "is", null).execute();
  const records = await db
    .selectFrom("feedback_records")
    .select("id")
    .where("program_id", "=", programId)
    .orderBy("occurred_on", "desc")
    .orderBy("id")
    .limit(40)
    .execute();
  // The demo maps' pain points (from the journey seed: the projection may not have run yet).
  const pains = journeys
    ? Object.entries(journeys.painPoints)
        .flatMap(([mapId, byKey]) => Object.values(byKey).map((docId) => ({ map_id: mapId, doc_object_id: docId })))
        .slice(0, 6)
    : [];

  // Frontline observations typed into the inbox.
  const frontlineIds = FRONTLINE_ITEMS.map(() => uuid());
  await db.transaction().execute((tx) =>
    insertFeedbackRecords(
      tx,
      programId,
      FRONTLINE_ITEMS.map((f) => ({
        occurredOn: day(f.offset),
        channel: f.channel,
        segment: "",
        contactReason: "",
        score: null,
        scoreMin: null,
        scoreMax: null,
        text: f.text,
        customerId: null,
      })),
      {
        source: "manual",
        origin: "frontline",
        ids: frontlineIds,
        createdBy: ids.users.frontline,
      },
    ),
  );

  // The loops execute the program's existing initiatives (the demo quick wins), by status.
  const initiatives = await db
    .selectFrom("initiatives")
    .select(["id", "status"])
    .where("program_id", "=", programId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const byStatus = (status: string) => initiatives.find((i) => i.status === status)?.id;

  type Item = {
    step: number;
    type: CycleItemType;
    ref?: string;
    text?: string;
    done: boolean;
  };
  const cycleIds: string[] = [];
  const makeCycle = async (
    kind: LoopKind,
    number: number,
    title: string,
    goal: string,
    startOffset: number,
    previous: string | null,
    items: Item[],
    feedback: string[],
    close: boolean,
  ) => {
    const id = uuid();
    const startsOn = day(startOffset);
    const endsOn = defaultEndsOn(kind, startsOn);
    await db
      .insertInto("loop_cycles")
      .values({
        id,
        program_id: programId,
        kind,
        number,
        title,
        goal,
        starts_on: startsOn,
        ends_on: endsOn,
        status: "open",
        previous_cycle_id: previous,
        result_json: null,
        closed_by: null,
        closed_at: null,
        created_by: team,
        created_at: now,
      })
      .execute();
    // A closed cycle tracks the KPIs measured in its period (the close rule); an open one all of them.
    let tracked = kpis.map((k) => k.id);
    if (close && tracked.length) {
      const measured = await db
        .selectFrom("kpi_measurements")
        .select("kpi_id")
        .distinct()
        .where("kpi_id", "in", tracked)
        .where("measured_on", ">=", startsOn)
        .where("measured_on", "<=", endsOn)
        .execute();
      tracked = measured.map((m) => m.kpi_id);
    }
    if (tracked.length)
      await db
        .insertInto("cycle_kpis")
        .values(tracked.map((k) => ({ cycle_id: id, kpi_id: k })))
        .execute();
    const all: Item[] = [
      ...feedback.map((ref, i) => ({
        step: 1,
        type: "feedback" as const,
        ref,
        done: close || i % 3 === 0,
      })),
      ...items,
    ];
    if (all.length) {
      await db
        .insertInto("cycle_items")
        .values(
          all.map((it) => ({
            id: uuid(),
            cycle_id: id,
            step: it.step,
            item_type: it.type,
            ref_id: it.ref ?? null,
            text: it.text ?? "",
            status: it.done ? ("done" as const) : ("open" as const),
            carried_from_id: null,
            created_by: team,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    if (feedback.length) {
      await db
        .insertInto("feedback_triage")
        .values(
          feedback.map((r) => ({
            record_id: r,
            program_id: programId,
            status: "triaged" as const,
            cycle_id: id,
            reason: null,
            triaged_by: team,
            triaged_at: now,
          })),
        )
        .execute();
    }
    if (close) {
      const { result } = await computeCycleResult(db, {
        id,
        starts_on: startsOn,
        ends_on: endsOn,
      });
      await db
        .updateTable("loop_cycles")
        .set({
          status: "closed",
          result_json: JSON.stringify(result),
          closed_by: ids.users.lead,
          closed_at: new Date(Date.parse(`${endsOn}T10:00:00Z`)).toISOString(),
        })
        .where("id", "=", id)
        .execute();
    }
    cycleIds.push(id);
    return id;
  };

  const r = records.map((x) => x.id);
  const initiativeItem = (step: number, ref: string | undefined, done: boolean): Item[] => (ref ? [{ step, type: "initiative", ref, done }] : []);
  const first = await makeCycle(
    "small",
    1,
    "审批进度透明",
    "减少“审批到哪一步了”的催办来电。",
    -70,
    null,
    [
      ...initiativeItem(2, byStatus("done"), true),
      {
        step: 3,
        type: "note",
        text: "热线催办来电每周统计，推送上线后第一周下降 18%。",
        done: true,
      },
      { step: 4, type: "note", text: "NPS 月度问卷结果已回收。", done: true },
    ],
    r.slice(0, 10),
    true,
  );
  await makeCycle(
    "small",
    2,
    "补件一次办结",
    "客户补件一次带齐，减少往返网点。",
    -56,
    first,
    [
      { step: 2, type: "note", text: "补件清单一次说清：短信列出缺少的每一份材料。", done: true },
      ...initiativeItem(2, byStatus("in_progress"), false),
      {
        step: 3,
        type: "note",
        text: "跟踪补件退回率：从 31% 降到 19%。",
        done: true,
      },
      {
        step: 4,
        type: "note",
        text: "下一轮继续跟踪预计完成日期的效果。",
        done: false,
      },
    ],
    r.slice(10, 20),
    true,
  );

  await makeCycle(
    "large",
    1,
    "信用卡申请体验重塑",
    "用一套线上化新方案，把申请到开卡的平均时长从 9 天缩短到 5 天。",
    -30,
    null,
    [
      {
        step: 2,
        type: "note",
        text: "新方案：线上提交、电子签名、进度实时可查；网点只负责面签例外。",
        done: true,
      },
      {
        step: 3,
        type: "note",
        text: "在两家试点网点推行，每周与一线开 30 分钟沟通会收集执行问题。",
        done: false,
      },
      {
        step: 3,
        type: "note",
        text: "试点效果测试：对比试点与非试点网点的 NPS 与申请时长。",
        done: false,
      },
      ...initiativeItem(4, byStatus("approved"), false),
      {
        step: 5,
        type: "note",
        text: "过程 KPI 每周看板；结果 KPI 每月复盘。",
        done: false,
      },
    ],
    [...r.slice(20, 28), frontlineIds[0], frontlineIds[2]],
    false,
  );

  // Dismissed with reasons; nothing is deleted.
  const reasons = ["与信用卡申请无关，已转交理财团队", "重复反馈（同一客户同日两次来电）", "内容无法识别", "已在上一轮处理"];
  const dismissed = r.slice(28, 32);
  if (dismissed.length) {
    await db
      .insertInto("feedback_triage")
      .values(
        dismissed.map((id, i) => ({
          record_id: id,
          program_id: programId,
          status: "dismissed" as const,
          cycle_id: null,
          reason: reasons[i % reasons.length],
          triaged_by: team,
          triaged_at: now,
        })),
      )
      .execute();
  }
  // Links to the demo's most severe pain points.
  const linked = [...r.slice(0, 4), frontlineIds[0], frontlineIds[1]];
  if (pains.length) {
    await db
      .insertInto("feedback_links")
      .values(
        linked.map((recordId, i) => ({
          id: uuid(),
          record_id: recordId,
          program_id: programId,
          target_type: "pain_point" as const,
          map_id: pains[i % pains.length].map_id,
          target_id: pains[i % pains.length].doc_object_id,
          created_by: team,
          created_at: now,
        })),
      )
      .execute();
  }
  return { cycles: cycleIds };
}
