/**
 * Step 5's demo ideas: ten ideas from the frontline colleagues (branch tellers, lobby managers and
 * call-centre agents; staff1…6@demo.test when the frontline seed added them, else 张伟) in every
 * state — new, triaged into the demo's small cycles of their time (closed since) or the open large
 * cycle, linked to demo initiatives (one of them done, so that idea is done), one dismissed with a
 * reason — a few on a journey map's touchpoint, two with a photo drawn in code and stored through
 * the upload store. Each is a feedback record (source idea, origin frontline) plus its idea row.
 */
import type { Kysely } from "kysely";
import type * as Y from "yjs";
import { ideaRecordText } from "../../app/models/ideas";
import { journeyDocName, readJourneyContent } from "../../app/models/journey-doc";
import { storeUpload } from "../../app/models/upload-store.server";
import type { Database, InitiativeStatus } from "../schema";
import { insertDemoAudit } from "./demo-audit";
import type { DemoIds } from "./demo-foundation";
import type { DemoJourneyIds } from "./demo-journeys";
import { encodePng, type Rgb } from "./demo-png";
import type { ChangeDoc } from "./demo-vision";

const uuid = () => crypto.randomUUID();
const DAY = 86_400_000;

type Box = [x0: number, y0: number, x1: number, y1: number, colour: Rgb];

/** A picture made of boxes, later ones drawn over earlier ones. */
function picture(width: number, height: number, background: Rgb, boxes: Box[]): Uint8Array {
  return encodePng(width, height, (x, y) => {
    for (let i = boxes.length - 1; i >= 0; i--) {
      const [x0, y0, x1, y1, c] = boxes[i];
      if (x >= x0 && x < x1 && y >= y0 && y < y1) return c;
    }
    return background;
  });
}

/** A lobby self-service kiosk with a slip coming out of it. */
function kioskPhoto(): Uint8Array {
  return picture(240, 180, [226, 232, 240], [
    [0, 130, 240, 180, [203, 213, 225]],
    [90, 30, 150, 150, [30, 64, 175]],
    [98, 40, 142, 90, [191, 219, 254]],
    [104, 48, 136, 54, [37, 99, 235]],
    [104, 60, 128, 64, [96, 165, 250]],
    [104, 70, 132, 74, [96, 165, 250]],
    [110, 104, 130, 108, [15, 23, 42]],
    [112, 106, 128, 128, [255, 255, 255]],
    [114, 112, 126, 113, [148, 163, 184]],
    [114, 117, 124, 118, [148, 163, 184]],
    [20, 20, 70, 60, [254, 243, 199]],
    [26, 28, 64, 32, [217, 119, 6]],
  ]);
}

/** A waiting area: a row of seats and a poster on the wall. */
function waitingAreaPhoto(): Uint8Array {
  const qr: Box[] = [];
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if ((i * 7 + j * 3) % 4 < 2) qr.push([168 + i * 6, 40 + j * 6, 174 + i * 6, 46 + j * 6, [15, 23, 42]]);
  return picture(240, 180, [241, 245, 249], [
    [0, 135, 240, 180, [214, 211, 209]],
    [160, 30, 212, 84, [255, 255, 255]],
    ...qr,
    [160, 88, 212, 96, [220, 38, 38]],
    ...[0, 1, 2, 3].map((k): Box => [14 + k * 34, 100, 42 + k * 34, 128, [13, 148, 136]]),
    ...[0, 1, 2, 3].map((k): Box => [16 + k * 34, 128, 20 + k * 34, 140, [71, 85, 105]]),
  ]);
}

type Fate =
  | { kind: "new" }
  | { kind: "triaged"; cycle: "small1" | "small2" | "large1"; afterDays: number }
  | { kind: "dismissed"; reason: string; afterDays: number }
  | { kind: "initiative"; status: InitiativeStatus; cycle?: "small1" | "small2"; afterDays: number };

interface DemoIdea {
  author: number;
  daysAgo: number;
  title: string;
  text: string;
  map?: "card" | "complaint";
  touchpoint?: string;
  photo?: () => Uint8Array;
  fate: Fate;
}

/** author: 0 is 张伟 (frontline@demo.test), 1…6 are staff1…6@demo.test. */
const IDEAS: DemoIdea[] = [
  {
    author: 0,
    daysAgo: 66,
    title: "大堂自助机一键打印审批进度",
    text: "老年客户不会用手机银行查信用卡审批进度，每次都要排队到柜台问。建议在大堂自助机上加“刷身份证打印申请进度”，打印条上写清当前环节和预计完成日期。",
    map: "card",
    touchpoint: "进度查询页",
    photo: kioskPhoto,
    fate: { kind: "initiative", status: "done", cycle: "small1", afterDays: 3 },
  },
  {
    author: 1,
    daysAgo: 52,
    title: "补件短信附上缺件清单和就近网点",
    text: "客户收到“请补充材料”的短信后打电话来问到底缺什么。短信里直接列出缺的每一份材料，再附上就近网点地址和营业时间，能少跑一趟。",
    map: "card",
    touchpoint: "补件通知短信",
    fate: { kind: "initiative", status: "in_progress", cycle: "small2", afterDays: 2 },
  },
  {
    author: 2,
    daysAgo: 47,
    title: "热线语音菜单增加“查询申请进度”快捷键",
    text: "热线来电里三成是问审批进度的，客户要听完四层菜单才能转人工。建议在第一层菜单加一个按键，输入身份证后四位直接播报进度。",
    map: "card",
    touchpoint: "客服热线 95xxx",
    fate: { kind: "triaged", cycle: "small2", afterDays: 4 },
  },
  {
    author: 3,
    daysAgo: 26,
    title: "投诉回电时给客户一个专属回访号码",
    text: "客户投诉后接到的回电号码每次都不一样，常被当成骚扰电话挂掉。建议投诉专员用固定的专属号码回电，并在受理短信里提前告知。",
    map: "complaint",
    touchpoint: "专员回电",
    fate: { kind: "initiative", status: "approved", afterDays: 5 },
  },
  {
    author: 4,
    daysAgo: 21,
    title: "等候区摆放“常见问题”二维码立牌",
    text: "等候区的客户经常问同样的问题（额度、年费、还款日）。放一个扫码看常见问题的立牌，客户等候时就能自己找到答案。",
    photo: waitingAreaPhoto,
    fate: { kind: "dismissed", reason: "网点物料需按总行统一的品牌规范制作，已转交品牌部评估，不在本轮迭代范围内。", afterDays: 4 },
  },
  {
    author: 5,
    daysAgo: 12,
    title: "夜间不推送进度消息，改到次日早上 9 点",
    text: "新的进度推送很受欢迎，但有客户反映半夜 12 点收到推送被吵醒。建议 22 点到次日 8 点之间的推送延后到早上 9 点发送。",
    map: "card",
    touchpoint: "App 在线申请",
    fate: { kind: "triaged", cycle: "large1", afterDays: 2 },
  },
  {
    author: 2,
    daysAgo: 9,
    title: "App 申请页自动保存草稿",
    text: "在地铁里填申请表，信号一断前面填的都没了，客户只好打热线改为电话申请。申请页每填完一项就自动保存草稿，下次打开接着填。",
    map: "card",
    touchpoint: "App 在线申请",
    fate: { kind: "triaged", cycle: "large1", afterDays: 3 },
  },
  {
    author: 6,
    daysAgo: 4,
    title: "老年客户窗口配老花镜和放大镜",
    text: "很多老年客户签字时看不清合同上的小字，只能让我们一条条念。建议在爱心窗口常备老花镜和台式放大镜。",
    fate: { kind: "new" },
  },
  {
    author: 0,
    daysAgo: 2,
    title: "激活短信写上客户经理姓名和电话",
    text: "客户收到卡后有问题不知道找谁。激活成功短信里写上办卡网点客户经理的姓名和电话，客户愿意直接找熟悉的人。",
    map: "card",
    touchpoint: "激活成功短信",
    fate: { kind: "new" },
  },
  {
    author: 1,
    daysAgo: 1,
    title: "外呼先问一句“现在方便接听吗”",
    text: "外呼回访时客户常在开车或开会，匆忙挂断后满意度很低。话术开头先确认是否方便，不方便就约一个时间再打。",
    map: "complaint",
    touchpoint: "满意度回访电话",
    fate: { kind: "new" },
  },
];

/** The demo's touchpoints by text, per map, read from the live documents (the projection may lag). */
async function touchpointIds(journeys: DemoJourneyIds | null, changeDoc: ChangeDoc | undefined): Promise<Record<"card" | "complaint", Map<string, string>>> {
  const out = { card: new Map<string, string>(), complaint: new Map<string, string>() };
  if (!journeys || !changeDoc) return out;
  for (const [key, mapId] of [
    ["card", journeys.cardMapId],
    ["complaint", journeys.complaintMapId],
  ] as const) {
    await changeDoc(journeyDocName(mapId), (doc: Y.Doc) => {
      for (const c of readJourneyContent(doc).cards) if (c.lane === "touchpoints") out[key].set(c.text, c.id);
    });
  }
  return out;
}

export async function seedDemoIdeas(db: Kysely<Database>, ids: DemoIds, journeys: DemoJourneyIds | null = null, changeDoc?: ChangeDoc): Promise<void> {
  const programId = ids.programId;
  const now = Date.now();
  const at = (daysAgo: number, hour: number) => {
    const d = new Date(now - daysAgo * DAY);
    d.setUTCHours(hour, 17, 0, 0);
    return new Date(Math.min(d.getTime(), now - 60_000)).toISOString();
  };
  const staff = await db
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "in", [1, 2, 3, 4, 5, 6].map((n) => `staff${n}@demo.test`))
    .execute();
  const authorOf = (n: number) => (n === 0 ? ids.users.frontline : staff.find((s) => s.email === `staff${n}@demo.test`)?.id ?? ids.users.frontline);

  const cycles = await db.selectFrom("loop_cycles").select(["id", "kind", "number", "starts_on", "ends_on"]).where("program_id", "=", programId).execute();
  const cycleOf = (key: "small1" | "small2" | "large1") => cycles.find((c) => `${c.kind}${c.number}` === key)?.id ?? null;
  /** The small cycle that was open on a day (what the idea was addressed to then). */
  const smallOn = (day: string) => cycles.find((c) => c.kind === "small" && c.starts_on <= day && day <= c.ends_on)?.id ?? null;
  const initiatives = await db.selectFrom("initiatives").select(["id", "status"]).where("program_id", "=", programId).orderBy("created_at").execute();
  const initiativeWith = (status: InitiativeStatus) => initiatives.find((i) => i.status === status)?.id ?? null;
  const maps = { card: journeys?.cardMapId ?? null, complaint: journeys?.complaintMapId ?? null };
  const touchpoints = await touchpointIds(journeys, changeDoc);
  const mapNames = new Map((await db.selectFrom("journey_maps").select(["id", "name"]).where("program_id", "=", programId).execute()).map((m) => [m.id, m.name]));
  const team = ids.users.team;

  for (const idea of IDEAS) {
    const id = uuid();
    const createdAt = at(idea.daysAgo, 2 + (idea.author % 6));
    const day = createdAt.slice(0, 10);
    const author = authorOf(idea.author);
    const mapId = idea.map ? maps[idea.map] : null;
    const touchpointId = mapId && idea.map && idea.touchpoint ? touchpoints[idea.map].get(idea.touchpoint) ?? null : null;
    const photo = idea.photo?.() ?? null;
    const stored = photo ? await storeUpload(programId, id, photo) : null;
    const fate = idea.fate;
    const decidedAt = fate.kind === "new" ? null : at(Math.max(0, idea.daysAgo - fate.afterDays), 3);
    const triageCycle = fate.kind === "triaged" ? cycleOf(fate.cycle) : fate.kind === "initiative" && fate.cycle ? cycleOf(fate.cycle) : null;
    const initiativeId = fate.kind === "initiative" ? initiativeWith(fate.status) : null;
    const linkedAt = fate.kind === "initiative" ? at(Math.max(0, idea.daysAgo - fate.afterDays - 1), 6) : null;

    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("feedback_records")
        .values({
          id,
          program_id: programId,
          import_id: null,
          source: "idea",
          occurred_on: day,
          channel: "frontline",
          segment: "",
          contact_reason: idea.touchpoint && touchpointId ? idea.touchpoint : "",
          score: null,
          score_min: null,
          score_max: null,
          text: ideaRecordText(idea.title, idea.text),
          customer_id: null,
          created_by: author,
          created_at: createdAt,
          origin: "frontline",
        })
        .execute();
      await tx
        .insertInto("ideas")
        .values({
          record_id: id,
          program_id: programId,
          author_id: author,
          title: idea.title,
          map_id: mapId,
          touchpoint_id: mapId ? touchpointId : null,
          cycle_id: smallOn(day),
          photo_path: stored,
          photo_type: stored ? "image/png" : null,
          photo_size: photo ? photo.byteLength : null,
          created_at: createdAt,
        })
        .execute();
      if (triageCycle && decidedAt) {
        await tx
          .insertInto("feedback_triage")
          .values({ record_id: id, program_id: programId, status: "triaged", cycle_id: triageCycle, reason: null, triaged_by: team, triaged_at: decidedAt })
          .execute();
        const closed = fate.kind !== "triaged" || fate.cycle !== "large1";
        await tx
          .insertInto("cycle_items")
          .values({
            id: uuid(),
            cycle_id: triageCycle,
            step: 1,
            item_type: "feedback",
            ref_id: id,
            text: "",
            status: closed ? "done" : "open",
            carried_from_id: null,
            created_by: team,
            created_at: decidedAt,
            updated_at: decidedAt,
          })
          .execute();
      }
      if (fate.kind === "dismissed" && decidedAt) {
        await tx
          .insertInto("feedback_triage")
          .values({ record_id: id, program_id: programId, status: "dismissed", cycle_id: null, reason: fate.reason, triaged_by: team, triaged_at: decidedAt })
          .execute();
      }
      if (initiativeId && linkedAt) {
        await tx
          .insertInto("feedback_links")
          .values({
            id: uuid(),
            record_id: id,
            program_id: programId,
            target_type: "initiative",
            map_id: null,
            target_id: initiativeId,
            created_by: team,
            created_at: linkedAt,
          })
          .execute();
      }
      await insertDemoAudit(tx, {
        orgId: ids.orgId,
        programId,
        actorId: author,
        entityType: "idea",
        entityId: id,
        action: "submit",
        after: {
          title: idea.title,
          ...(mapId ? { map: mapNames.get(mapId) } : {}),
          ...(touchpointId ? { touchpoint: idea.touchpoint } : {}),
          ...(stored ? { photo: "image/png" } : {}),
        },
        createdAt,
      });
    });
  }
}
