/** The demo program's brief (`brief:<programId>`): what the transformation is for, written in the workshop's words. */
import { BRIEF_FIELDS, briefDocName, type BriefContent } from "../../app/models/brief";
import type { DemoIds } from "./demo-foundation";
import type { ChangeDoc } from "./demo-vision";

const CONTENT: BriefContent = {
  ambition:
    "三年内成为客户最愿意推荐的区域零售银行：净推荐值（NPS）从 12 提升到 35，信用卡申请、开户和客服三条旅程做到“一次办成、心中有数”。",
  customers_scope:
    "首批聚焦三类客户：首次申请信用卡的年轻白领、在网点开户的个人客户、打电话求助的存量客户。范围覆盖从看到广告到第一次成功用卡、从预约到开户激活、从来电到问题解决的端到端旅程，包括网点、App、网页和客服中心。",
  success_measures:
    "结果指标：NPS、信用卡申请完成率、客户满意度（CSAT）。过程指标：首次解决率（FCR）≥ 85%，7 天内重复来电 ≤ 10%，信用卡线上申请时长 ≤ 8 分钟，网点叫号预计等候误差 ≤ 5 分钟。每两周复盘一次，每季度向 CEO 汇报。",
  constraints:
    "核心系统年内不更换，改进优先用流程、话术和现有渠道能力实现；涉及风控与合规的改动须经风险管理部评审；试点先在两家网点和信用卡客服组进行。",
  team_agreements:
    "每个改动都要说明它解决哪一个痛点、用哪项指标衡量；一线同事的意见与管理层的判断同样重要；小步快跑，几周内看到效果再推广；所有决定记录在案，可追溯。",
};

export async function seedDemoBrief(ids: DemoIds, changeDoc: ChangeDoc): Promise<void> {
  await changeDoc(briefDocName(ids.programId), (doc) => {
    for (const field of BRIEF_FIELDS) doc.getText(field).insert(0, CONTENT[field]);
  });
}
