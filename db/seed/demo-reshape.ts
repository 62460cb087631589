/**
 * Step 3's demo content: the future state of the credit-card application journey (a copy of the
 * current map, then redesigned: proactive progress push and a document-checklist SMS added, the
 * paper application at the branch removed, the hotline moved to service, the progress page
 * rewritten, the emotion curve raised at 审批等待), the team's marks of which future touchpoints
 * resolve which pain points, and four quick wins in different states (idea, approved, in progress,
 * done with its result), linked to the pain points they address.
 *
 * The live document goes through the `changeDoc` passed in (the collaboration rooms project it);
 * its projection is also written at once so the diff is there before the room's debounce.
 */
import type { Kysely } from "kysely";
import * as Y from "yjs";
import {
  cardsMap,
  journeyDocName,
  painPointsMap,
  patchCard,
  putCard,
  readJourneyContent,
  removeCard,
  replaceJourneyContent,
  setEmotion,
} from "../../app/models/journey-doc";
import { saveJourneyProjection } from "../../app/models/journey-projection.server";
import type { Database, InitiativeLever, InitiativeStatus } from "../schema";
import type { DemoIds } from "./demo-foundation";
import type { DemoJourneyIds } from "./demo-journeys";
import type { ChangeDoc } from "./demo-vision";

const uuid = () => crypto.randomUUID();

export interface DemoReshapeIds {
  futureMapId: string;
  initiatives: Record<InitiativeStatus, string | undefined>;
}

/** YYYY-MM-DD `days` from today. */
function day(days: number, today = new Date()): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedDemoReshape(db: Kysely<Database>, ids: DemoIds, journeys: DemoJourneyIds, changeDoc: ChangeDoc): Promise<DemoReshapeIds> {
  const now = new Date();
  const createdAt = now.toISOString();
  const current = await db.selectFrom("journey_maps").selectAll().where("id", "=", journeys.cardMapId).executeTakeFirstOrThrow();

  // The current doc as it is (a change that changes nothing writes nothing).
  let state: Uint8Array | null = null;
  await changeDoc(journeyDocName(current.id), (doc) => {
    state = Y.encodeStateAsUpdate(doc);
  });
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state!);
  const before = readJourneyContent(copy);
  const stage = (name: string) => before.stages.find((s) => s.name === name)!.id;
  const card = (text: string) => before.cards.find((c) => c.text === text)!.id;
  const touchpointIds = {
    push: uuid(),
    checklist: uuid(),
    progressPage: card("进度查询页"),
    hotline: card("客服热线 95xxx"),
    branchForm: card("网点纸质申请"),
  };
  const wait = stage("审批等待");
  const apply = stage("提交申请");
  const service = stage("用卡与服务");

  // The redesign, applied to the copy (pain points stay on the current map).
  copy.transact(() => {
    for (const key of [...painPointsMap(copy).keys()]) painPointsMap(copy).delete(key);
    putCard(copy, {
      id: touchpointIds.push,
      lane: "touchpoints",
      stageId: wait,
      text: "审批进度主动推送",
      channel: "app",
      position: 0.5,
      createdBy: ids.users.team,
      createdAt,
    });
    putCard(copy, {
      id: touchpointIds.checklist,
      lane: "touchpoints",
      stageId: apply,
      text: "补件清单短信",
      channel: "sms",
      position: 10,
      createdBy: ids.users.team,
      createdAt,
    });
    removeCard(copy, touchpointIds.branchForm);
    patchCard(copy, touchpointIds.hotline, { stageId: service, position: 0.5 });
    patchCard(copy, touchpointIds.progressPage, { text: "进度查询页（显示当前环节与预计完成时间）" });
    for (const p of before.personas) {
      const curve = before.emotions[p.id] ?? {};
      if (curve[wait] !== undefined) setEmotion(copy, p.id, wait, Math.min(2, curve[wait] + 2.5));
      if (curve[apply] !== undefined) setEmotion(copy, p.id, apply, Math.min(2, curve[apply] + 1));
    }
  });
  if (!cardsMap(copy).has(touchpointIds.push)) throw new Error("demo future state: the new touchpoint was not written");

  const futureMapId = uuid();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("journey_maps")
      .values({
        id: futureMapId,
        program_id: ids.programId,
        name: `${current.name} · 未来旅程`,
        persona: current.persona,
        description: "审批进度全程主动推送、补件一次讲清、网点与线上一致的申请体验。",
        created_by: ids.users.team,
        created_at: createdAt,
        updated_at: createdAt,
        archived_at: null,
        state: "future",
        current_map_id: current.id,
      })
      .execute();
    await saveJourneyProjection(tx, futureMapId, ids.programId, readJourneyContent(copy));
  });
  await changeDoc(journeyDocName(futureMapId), (doc) => replaceJourneyContent(doc, copy));
  copy.destroy();

  const pains = journeys.painPoints[journeys.cardMapId];
  const complaints = journeys.painPoints[journeys.complaintMapId];
  const resolution = (painKey: string, touchpointId: string) => ({
    future_map_id: futureMapId,
    future_touchpoint_id: touchpointId,
    current_map_id: current.id,
    pain_point_id: pains[painKey],
    created_by: ids.users.team,
    created_at: createdAt,
  });
  await db
    .insertInto("pain_point_resolutions")
    .values([
      resolution("progress", touchpointIds.push),
      resolution("progress", touchpointIds.progressPage),
      resolution("docs", touchpointIds.checklist),
      resolution("branch", touchpointIds.checklist),
    ])
    .execute();

  const wins: {
    title: string;
    description: string;
    lever: InitiativeLever;
    owner: keyof DemoIds["users"];
    expected: string;
    start: number;
    due: number;
    team: number;
    status: InitiativeStatus;
    result: string;
    links: [mapId: string, painPointId: string][];
  }[] = [
    {
      title: "审批进度主动推送",
      description: "在 App 和短信中主动推送审批的每一步（已受理、征信查询中、人工审批中、已寄出），并给出预计完成时间。",
      lever: "progress_feedback",
      owner: "team",
      expected: "4 周内进度查询来电下降 30%，申请阶段满意度提升 0.3 分。",
      start: -42,
      due: -14,
      team: 4,
      status: "done",
      result: "上线 4 周：进度查询来电下降 41%（日均 620 → 366），申请阶段 CSAT 由 3.1 升至 3.6。已推广到借记卡申请。",
      links: [[journeys.cardMapId, pains.progress]],
    },
    {
      title: "补件短信改写：一次讲清补什么、在哪补",
      description: "把“请补充材料”改为逐项清单，并附上 App 补件入口的链接。",
      lever: "choice_simplification",
      owner: "rep",
      expected: "补件后二次补件率从 35% 降到 15% 以下。",
      start: -10,
      due: 18,
      team: 3,
      status: "in_progress",
      result: "",
      links: [[journeys.cardMapId, pains.docs]],
    },
    {
      title: "投诉受理后 24 小时内首次回电",
      description: "每个投诉指定一名责任人，24 小时内回电并告知处理计划，此后每 48 小时同步一次进度。",
      lever: "waiting_uncertainty",
      owner: "lead",
      expected: "“处理期间没有任何消息”类投诉减少一半。",
      start: 7,
      due: 49,
      team: 5,
      status: "approved",
      result: "",
      links: [
        [journeys.complaintMapId, complaints.silent],
        [journeys.complaintMapId, complaints.repeat],
      ],
    },
    {
      title: "激活成功后的“首刷礼”惊喜",
      description: "在激活流程的结尾送出首刷立减券，把旅程的结尾变成高点。",
      lever: "peak_end",
      owner: "exec",
      expected: "激活后 30 天内首刷率提升 10 个百分点。",
      start: 21,
      due: 84,
      team: 8,
      status: "idea",
      result: "",
      links: [[journeys.cardMapId, pains.activate]],
    },
  ];
  const initiatives = {} as DemoReshapeIds["initiatives"];
  for (const [i, w] of wins.entries()) {
    const id = uuid();
    initiatives[w.status] = id;
    const at = new Date(now.getTime() - (wins.length - i) * 3_600_000).toISOString();
    await db
      .insertInto("initiatives")
      .values({
        id,
        program_id: ids.programId,
        kind: "quick_win",
        title: w.title,
        description: w.description,
        lever: w.lever,
        lever_custom: null,
        owner_id: ids.users[w.owner],
        expected_result: w.expected,
        start_date: day(w.start, now),
        due_date: day(w.due, now),
        team_size: w.team,
        status: w.status,
        status_changed_at: at,
        result_notes: w.result,
        created_by: ids.users.team,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("initiative_pain_points")
      .values(w.links.map(([mapId, painPointId]) => ({ initiative_id: id, map_id: mapId, pain_point_id: painPointId, created_at: at })))
      .execute();
  }
  return { futureMapId, initiatives };
}
