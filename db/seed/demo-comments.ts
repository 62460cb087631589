/**
 * Demo discussions (step 6, collaboration): six threads in Chinese on a pain point, a
 * touchpoint-level pain point of the complaint map, a quick win, two KPIs and a workshop sticky
 * note, with replies and @mentions (王芳 mentions 陈明 and 李静, …); one thread is resolved. The
 * mention notifications are written through `notify`, as the app does, and every comment is in
 * the activity log. Targets in live documents are read from the documents themselves (their read
 * models may not be projected yet while the seed runs).
 */
import type { Kysely } from "kysely";
import { commentExcerpt, commentTargetUrl, mentionToken, parseMentions, type CommentTargetType } from "../../app/models/comments";
import { journeyDocName, readJourneyContent } from "../../app/models/journey-doc";
import { readDoc } from "../../app/models/live-docs.server";
import { notify } from "../../app/models/notifications.server";
import { readBoardContent, visionBoardDocName } from "../../app/models/vision-doc";
import type { Database } from "../schema";
import { insertDemoAudit } from "./demo-audit";
import type { DemoIds } from "./demo-foundation";

type Who = keyof DemoIds["users"];

interface Target {
  type: CommentTargetType;
  id: string;
  context: string | null;
  title: string;
  touchpointId?: string | null;
}

interface SeedComment {
  by: Who;
  /** Written with {lead}, {team}, … standing for a mention of that person. */
  text: string;
  hoursAgo: number;
}

interface SeedThread {
  target: Target | null;
  comments: SeedComment[];
  resolvedBy?: Who;
}

export async function seedDemoComments(db: Kysely<Database>, ids: DemoIds): Promise<void> {
  const names: Record<string, string> = {};
  for (const u of await db.selectFrom("users").select(["id", "name"]).where("id", "in", Object.values(ids.users)).execute()) names[u.id] = u.name;
  const body = (text: string) => text.replace(/\{(\w+)\}/g, (_all, key: Who) => mentionToken({ id: ids.users[key], name: names[ids.users[key]] }));

  const maps = await db.selectFrom("journey_maps").select(["id", "name"]).where("program_id", "=", ids.programId).where("state", "=", "current").execute();
  const painOn = async (mapName: string, title: string): Promise<Target | null> => {
    const map = maps.find((m) => m.name === mapName);
    if (!map) return null;
    const content = await readDoc(journeyDocName(map.id), readJourneyContent);
    const p = content.painPoints.find((x) => x.title === title);
    return p ? { type: "pain_point", id: p.id, context: map.id, title: p.title, touchpointId: p.touchpointId } : null;
  };
  const initiative = async (title: string): Promise<Target | null> => {
    const row = await db.selectFrom("initiatives").select(["id", "title"]).where("program_id", "=", ids.programId).where("title", "=", title).executeTakeFirst();
    return row ? { type: "initiative", id: row.id, context: null, title: row.title } : null;
  };
  const kpi = async (name: string): Promise<Target | null> => {
    const row = await db.selectFrom("kpis").select(["id", "name"]).where("program_id", "=", ids.programId).where("name", "=", name).executeTakeFirst();
    return row ? { type: "kpi", id: row.id, context: null, title: row.name } : null;
  };
  const sticky = async (contains: string): Promise<Target | null> => {
    const board = await db.selectFrom("vision_boards").select("id").where("program_id", "=", ids.programId).orderBy("created_at").executeTakeFirst();
    if (!board) return null;
    const content = await readDoc(visionBoardDocName(board.id), readBoardContent);
    const note = content.notes.find((n) => n.text.includes(contains)) ?? content.notes[0];
    return note ? { type: "sticky", id: note.id, context: board.id, title: commentExcerpt(note.text, 120) } : null;
  };

  const threads: SeedThread[] = [
    {
      target: await painOn("信用卡申请", "审批进度不透明"),
      comments: [
        { by: "team", hoursAgo: 50, text: "{lead} {office} 这个痛点的证据很扎实：近三个月“申请进度查询”来电占热线总量的 18%，和我们的底层评分完全一致。建议列为第一批速赢。" },
        { by: "lead", hoursAgo: 47, text: "同意列为速赢。{team} 请在周五前给出主动推送方案的初稿，重点说明推送节点和文案。" },
        { by: "office", hoursAgo: 30, text: "中心办公室可以提供进度查询来电的周度数据，方便上线后对比效果。" },
      ],
    },
    {
      target: await painOn("投诉处理", "重复说明问题"),
      comments: [
        { by: "rep", hoursAgo: 26, text: "{team} 工单系统目前不能把历史通话摘要带给下一位专员，要彻底解决需要 IT 排期。" },
        { by: "team", hoursAgo: 22, text: "收到，我先和 IT 约时间评估工作量，下周例会同步。" },
      ],
    },
    {
      target: await initiative("审批进度主动推送"),
      comments: [
        { by: "lead", hoursAgo: 20, text: "{team} 上线前请确认短信模板已经过合规审核，尤其是“预计完成时间”的表述。" },
        { by: "team", hoursAgo: 18, text: "已提交合规部，预计下周三反馈。{rep} 请同步一下网点和热线的统一话术。" },
        { by: "rep", hoursAgo: 6, text: "话术初稿已放在共享盘，热线组长们正在试用。" },
      ],
    },
    {
      target: await kpi("信用卡客户净推荐值（NPS）"),
      comments: [
        { by: "office", hoursAgo: 12, text: "{lead} 本月 NPS 较上月下降 4 分，贬损者主要来自投诉处理旅程。建议在下次大循环复盘时专门讨论。" },
        { by: "exec", hoursAgo: 9, text: "同意，放进季度复盘议程。{office} 请准备按旅程拆分的贬损者原因。" },
      ],
    },
    {
      target: await kpi("申请进度重复来电率"),
      resolvedBy: "team",
      comments: [
        { by: "team", hoursAgo: 72, text: "数据口径确认：重复来电按 7 天内还是 30 天内计算？" },
        { by: "office", hoursAgo: 70, text: "按 7 天内同一客户、同一原因计算，已更新到 KPI 说明里。" },
        { by: "team", hoursAgo: 69, text: "好的，谢谢！" },
      ],
    },
    {
      target: await sticky("进度"),
      comments: [
        { by: "exec", hoursAgo: 140, text: "{lead} 这条很关键——“随时知道进度”应该写进愿景的质量标准里。" },
        { by: "lead", hoursAgo: 138, text: "同意，已纳入第二条质量标准，发布前请大家再看一遍。" },
      ],
    },
  ];

  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
  await db.transaction().execute(async (tx) => {
    for (const thread of threads) {
      const target = thread.target;
      if (!target) continue;
      let rootId: string | null = null;
      for (const c of thread.comments) {
        const id = crypto.randomUUID();
        const text = body(c.text);
        const authorId = ids.users[c.by];
        const createdAt = at(c.hoursAgo);
        const last = thread.comments[thread.comments.length - 1];
        const resolved = rootId === null && thread.resolvedBy ? { resolved_at: at(last.hoursAgo - 1), resolved_by: ids.users[thread.resolvedBy] } : { resolved_at: null, resolved_by: null };
        await tx
          .insertInto("comments")
          .values({
            id,
            org_id: ids.orgId,
            program_id: ids.programId,
            target_type: target.type,
            target_id: target.id,
            target_context: target.context,
            thread_id: rootId,
            author_id: authorId,
            body: text,
            created_at: createdAt,
            edited_at: null,
            ...resolved,
          })
          .execute();
        const mentioned = parseMentions(text);
        if (mentioned.length) await tx.insertInto("comment_mentions").values(mentioned.map((user_id) => ({ comment_id: id, user_id }))).execute();
        await notify(tx, {
          userIds: mentioned,
          orgId: ids.orgId,
          programId: ids.programId,
          kind: "mention",
          entityId: id,
          actorId: authorId,
          url: commentTargetUrl(ids.programId, target),
          payload: { excerpt: commentExcerpt(text), targetType: target.type, targetTitle: target.title },
        });
        await tx
          .updateTable("notifications")
          .set({ created_at: createdAt, read_at: c.hoursAgo > 96 ? at(c.hoursAgo - 2) : null })
          .where("entity_id", "=", id)
          .execute();
        await insertDemoAudit(tx, {
          orgId: ids.orgId,
          programId: ids.programId,
          actorId: authorId,
          entityType: "comment",
          entityId: id,
          action: rootId ? "reply" : "create",
          after: { title: target.title, body: commentExcerpt(text, 200) },
          createdAt,
        });
        rootId ??= id;
      }
      if (thread.resolvedBy && rootId) {
        const last = thread.comments[thread.comments.length - 1];
        await insertDemoAudit(tx, {
          orgId: ids.orgId,
          programId: ids.programId,
          actorId: ids.users[thread.resolvedBy],
          entityType: "comment",
          entityId: rootId,
          action: "resolve",
          after: { title: target.title },
          createdAt: at(last.hoursAgo - 1),
        });
      }
    }
  });
}
