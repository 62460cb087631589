/**
 * Step 4's demo KPIs: eight KPIs of the retail-banking program — NPS, CSAT of the card
 * application, first-contact resolution, repeat-contact rate, complaint rate, average handle time,
 * approval lead time (custom) and self-service activation — with about six months of weekly or
 * monthly values telling an improvement story since the quick wins started. Two of them crossed
 * their alert threshold in the last weeks (average handle time rose after the new progress push
 * doubled the callbacks; complaints spiked in the last month), for the CX office to notice.
 * Linked to the card-application map (and its progress touchpoint when the projection holds it)
 * and to the demo quick wins; one quick win is left without an outcome KPI, so the registry shows
 * the pairing warning.
 */
import type { Kysely } from "kysely";
import type * as Y from "yjs";
import { journeyDocName, readJourneyContent } from "../../app/models/journey-doc";
import type { Database, KpiCadence, KpiDirection, KpiKind } from "../schema";
import type { DemoIds } from "./demo-foundation";
import type { DemoJourneyIds } from "./demo-journeys";
import type { ChangeDoc } from "./demo-vision";

const uuid = () => crypto.randomUUID();
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A small deterministic wobble, so the lines look measured and every seed looks the same. */
const wobble = (i: number, seed: number) => Math.sin(i * 1.7 + seed) * 0.5 + Math.sin(i * 0.6 + seed * 2) * 0.5;

interface DemoKpi {
  key: string;
  name: string;
  kind: KpiKind;
  template: string | null;
  description: string;
  unit: string;
  direction: KpiDirection;
  cadence: KpiCadence;
  baseline: number;
  target: number;
  alert: number;
  /** Value at step i of n (0 = six months ago). */
  value: (i: number, n: number) => number;
  onCardMap?: boolean;
  touchpoint?: boolean;
  owner: "lead" | "team";
  /** Demo quick-win titles (or parts of them) it tracks. */
  tracks: string[];
}

const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
/** Eases from a to b over the series (slow start, visible improvement once the quick wins land). */
const ease = (a: number, b: number, i: number, n: number) => a + (b - a) * (1 - Math.cos((Math.PI * i) / Math.max(1, n - 1))) / 2;

const KPIS: DemoKpi[] = [
  {
    key: "nps", name: "信用卡客户净推荐值（NPS）", kind: "outcome", template: "nps", unit: "points", direction: "up", cadence: "monthly",
    description: "信用卡新客户开卡 30 天后的短信问卷，0–10 分；推荐者占比 − 贬损者占比。", baseline: -8, target: 20, alert: 0,
    value: (i, n) => round(ease(-8, 14, i, n) + wobble(i, 1) * 2, 0), owner: "lead", tracks: ["审批进度主动推送"],
  },
  {
    key: "csat", name: "信用卡申请满意度（CSAT）", kind: "outcome", template: "csat", unit: "percent", direction: "up", cadence: "weekly",
    description: "申请提交后和审批结果通知后各发一次 1–5 分问卷，4–5 分占比。", baseline: 71, target: 85, alert: 68,
    value: (i, n) => round(ease(71, 83.5, i, n) + wobble(i, 2) * 1.5), onCardMap: true, owner: "team", tracks: ["审批进度主动推送", "补件短信改写"],
  },
  {
    key: "fcr", name: "信用卡热线首次解决率", kind: "process", template: "fcr", unit: "percent", direction: "up", cadence: "weekly",
    description: "信用卡热线来电中，7 天内未因同一原因再次来电的占比。", baseline: 66, target: 80, alert: 62,
    value: (i, n) => round(ease(66, 78.5, i, n) + wobble(i, 3) * 1.5), owner: "team", tracks: ["补件短信改写", "投诉受理后 24 小时内首次回电"],
  },
  {
    key: "repeat", name: "申请进度重复来电率", kind: "process", template: "repeat_contact", unit: "percent", direction: "down", cadence: "weekly",
    description: "7 天内就“申请进度”再次来电的客户占比。", baseline: 19, target: 10, alert: 16,
    value: (i, n) => round(ease(19, 10.8, i, n) + wobble(i, 4) * 0.8), onCardMap: true, touchpoint: true, owner: "team", tracks: ["审批进度主动推送"],
  },
  {
    key: "complaints", name: "信用卡投诉率", kind: "outcome", template: "complaint_rate", unit: "per_thousand", direction: "down", cadence: "monthly",
    description: "每千名信用卡活跃客户的正式投诉量（含监管转办）。", baseline: 2.4, target: 1.5, alert: 2.2,
    // Down for five months, then a spike in the last month (a card-system upgrade): past the alert line.
    value: (i, n) => (i === n - 1 ? 2.45 : round(ease(2.4, 1.7, i, n - 1) + wobble(i, 5) * 0.08, 2)), owner: "lead", tracks: ["投诉受理后 24 小时内首次回电"],
  },
  {
    key: "aht", name: "信用卡热线平均处理时长", kind: "process", template: "aht", unit: "minutes", direction: "down", cadence: "weekly",
    description: "通话 + 保持 + 话后处理时长 ÷ 处理来电量。", baseline: 7.6, target: 6, alert: 8,
    // Improving, then the last two weeks above the alert line: the progress push doubled the callbacks.
    value: (i, n) => (i >= n - 2 ? round(8.3 + (i - (n - 2)) * 0.25, 1) : round(ease(7.6, 6.4, i, n - 2) + wobble(i, 6) * 0.15, 2)), owner: "team", tracks: [],
  },
  {
    key: "leadtime", name: "信用卡审批时长", kind: "process", template: null, unit: "days", direction: "down", cadence: "weekly",
    description: "资料齐全到审批结果通知的自然日中位数（自定义指标，取自审批系统）。", baseline: 7, target: 3, alert: 6,
    value: (i, n) => round(ease(7, 3.6, i, n) + wobble(i, 7) * 0.25), onCardMap: true, owner: "team", tracks: ["审批进度主动推送", "补件短信改写"],
  },
  {
    key: "activation", name: "手机银行自助激活率", kind: "process", template: "self_service", unit: "percent", direction: "up", cadence: "monthly",
    description: "新卡在手机银行自助激活的占比（其余为网点或电话激活）。", baseline: 35, target: 60, alert: 30,
    value: (i, n) => round(ease(35, 52, i, n) + wobble(i, 8)), owner: "lead", tracks: ["激活成功后的“首刷礼”惊喜"],
  },
];

/** The measurement days of the last ~6 months for a cadence, oldest first, none in the future. */
function days(cadence: KpiCadence, today: Date): string[] {
  const t0 = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (cadence === "monthly") {
    const out: string[] = [];
    for (let m = 5; m >= 0; m--) out.push(iso(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - m, 1)));
    return out;
  }
  // Weekly, on Mondays: the last 26 of them.
  const dow = (new Date(t0).getUTCDay() + 6) % 7;
  const lastMonday = t0 - dow * DAY;
  const out: string[] = [];
  for (let w = 25; w >= 0; w--) out.push(iso(lastMonday - w * 7 * DAY));
  return out;
}

export async function seedDemoKpis(
  db: Kysely<Database>,
  ids: DemoIds,
  journeys: DemoJourneyIds | null,
  changeDoc: ChangeDoc,
  today = new Date(),
): Promise<Record<string, string>> {
  const now = today.toISOString();
  const initiatives = await db.selectFrom("initiatives").select(["id", "title"]).where("program_id", "=", ids.programId).execute();
  const cardMapId = journeys?.cardMapId ?? null;
  // The progress touchpoint of the card map, read from its live document (a change that changes
  // nothing writes nothing; the projection may not have caught up yet).
  let progressTouchpoint: string | null = null;
  if (cardMapId) {
    await changeDoc(journeyDocName(cardMapId), (doc: Y.Doc) => {
      const tp = readJourneyContent(doc).cards.find((c) => c.lane === "touchpoints" && c.text.includes("进度"));
      progressTouchpoint = tp?.id ?? null;
    });
  }
  const out: Record<string, string> = {};
  await db.transaction().execute(async (tx) => {
    for (const k of KPIS) {
      const id = uuid();
      out[k.key] = id;
      await tx
        .insertInto("kpis")
        .values({
          id,
          program_id: ids.programId,
          name: k.name,
          kind: k.kind,
          template: k.template,
          description: k.description,
          unit: k.unit,
          direction: k.direction,
          baseline: k.baseline,
          target: k.target,
          alert_threshold: k.alert,
          owner_id: ids.users[k.owner],
          cadence: k.cadence,
          journey_map_id: k.onCardMap ? cardMapId : null,
          touchpoint_id: k.onCardMap && k.touchpoint ? progressTouchpoint : null,
          created_by: ids.users.team,
          created_at: now,
          updated_at: now,
          archived_at: null,
        })
        .execute();
      const ds = days(k.cadence, today);
      await tx
        .insertInto("kpi_measurements")
        .values(
          ds.map((d, i) => ({
            id: uuid(),
            kpi_id: id,
            measured_on: d,
            value: k.value(i, ds.length),
            source: (k.cadence === "monthly" ? "csv" : "api") as "csv" | "api",
            note: "",
            created_by: ids.users.team,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      const linked = initiatives.filter((i) => k.tracks.some((title) => i.title.includes(title)));
      if (linked.length) {
        await tx.insertInto("kpi_initiatives").values(linked.map((i) => ({ kpi_id: id, initiative_id: i.id, created_at: now }))).execute();
      }
    }
  });
  return out;
}
