/**
 * Comment threads on any artefact of a program (initiative, KPI, pain point, touchpoint, sticky
 * note): start a thread, reply, edit one's own comment (edited_at), resolve and reopen a thread;
 * never deleted. Everyone who sees the program reads; `comment` (owner, leadership, project team,
 * functional rep, CX office) writes — frontline and viewers are refused. @mentions are tokens in
 * the body; every person mentioned must be able to see the program (else 422 naming them); they
 * are stored in comment_mentions and notified (kind "mention") — on an edit only the newly
 * mentioned, never the author. Every change is audited (`comment`: create, reply, edit, resolve,
 * reopen) in its transaction.
 */
import type { Kysely } from "kysely";
import type { Comment, CommentTargetType, Database, OrgRole, ProgramRole } from "../../db/schema";
import { db, newId } from "../db.server";
import { findCommentTarget, targetNotFound, type CommentTarget } from "./comment-targets.server";
import {
  commentExcerpt,
  CommentTargetSchema,
  COMMENT_TARGET_TYPES,
  CreateCommentSchema,
  EditCommentSchema,
  parseMentionRefs,
  ResolveThreadSchema,
} from "./comments";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { notify } from "./notifications.server";
import { orgRoleSeesAllPrograms } from "./permissions";

export interface CommentPerson {
  id: string;
  name: string;
}

export interface CommentView {
  id: string;
  threadId: string | null;
  author: CommentPerson | null;
  body: string;
  mentions: CommentPerson[];
  createdAt: string;
  editedAt: string | null;
}

export interface ThreadView extends CommentView {
  targetType: CommentTargetType;
  targetId: string;
  targetContext: string | null;
  resolvedAt: string | null;
  resolvedBy: CommentPerson | null;
  replies: CommentView[];
}

export interface MentionablePerson extends CommentPerson {
  email: string;
  /** Their role in the program, or null when they see it through the organisation (CX office, admin). */
  role: ProgramRole | null;
  orgRole: OrgRole;
}

/** Who comes first in the @ list: those who work the program, then the CX office, then frontline and viewers. */
const MENTION_RANK: Record<ProgramRole | "office", number> = {
  owner: 0,
  leadership: 1,
  project_team: 2,
  functional_rep: 3,
  office: 4,
  frontline: 5,
  viewer: 6,
};

// Comments of one thread are ordered by created_at; one process never stamps two alike.
let lastStamp = 0;
function stamp(): string {
  const now = Math.max(Date.now(), lastStamp + 1);
  lastStamp = now;
  return new Date(now).toISOString();
}

function commentNotFound(): DomainError {
  return new DomainError(404, "comments.errors.notFound");
}

/**
 * Everyone who can see the program: its members (still in the organisation) and the organisation's
 * CX office and admins — those who work the program first, then the office, then frontline and
 * viewers; by name within each.
 */
export async function mentionablePeople(program: { id: string; org_id: string }, tx: Kysely<Database> = db()): Promise<MentionablePerson[]> {
  const rows = await tx
    .selectFrom("users as u")
    .innerJoin("org_members as om", (j) => j.onRef("om.user_id", "=", "u.id").on("om.org_id", "=", program.org_id))
    .leftJoin("program_members as pm", (j) => j.onRef("pm.user_id", "=", "u.id").on("pm.program_id", "=", program.id))
    .select(["u.id", "u.name", "u.email", "pm.role as role", "om.role as org_role"])
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
  return rows
    .filter((r) => r.role !== null || orgRoleSeesAllPrograms(r.org_role))
    .map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, orgRole: r.org_role }))
    .sort((a, b) => MENTION_RANK[a.role ?? "office"] - MENTION_RANK[b.role ?? "office"]);
}

/** The mentions of a body, each checked against who can see the program; 422 naming those who cannot. */
async function checkMentions(tx: Kysely<Database>, actor: Actor, body: string): Promise<string[]> {
  const refs = parseMentionRefs(body);
  if (refs.length === 0) return [];
  const allowed = new Set((await mentionablePeople(actor.program, tx)).map((p) => p.id));
  const refused = refs.filter((r) => !allowed.has(r.id));
  if (refused.length > 0) {
    const names = refused.map((r) => r.name).join(", ");
    throw new DomainError(422, "comments.errors.mentionNotAllowed", { body: "comments.errors.mentionNotAllowed" }, { names });
  }
  return refs.map((r) => r.id);
}

async function peopleById(tx: Kysely<Database>, ids: (string | null)[]): Promise<Map<string, CommentPerson>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await tx.selectFrom("users").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function toThreads(tx: Kysely<Database>, rows: Comment[]): Promise<ThreadView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const mentionRows = await tx.selectFrom("comment_mentions").select(["comment_id", "user_id"]).where("comment_id", "in", ids).execute();
  const people = await peopleById(tx, [...rows.flatMap((r) => [r.author_id, r.resolved_by]), ...mentionRows.map((m) => m.user_id)]);
  const mentions = new Map<string, CommentPerson[]>();
  for (const m of mentionRows) {
    const p = people.get(m.user_id);
    if (p) (mentions.get(m.comment_id) ?? mentions.set(m.comment_id, []).get(m.comment_id)!).push(p);
  }
  const view = (r: Comment): CommentView => ({
    id: r.id,
    threadId: r.thread_id,
    author: r.author_id ? (people.get(r.author_id) ?? null) : null,
    body: r.body,
    mentions: mentions.get(r.id) ?? [],
    createdAt: r.created_at,
    editedAt: r.edited_at,
  });
  const threads: ThreadView[] = [];
  const byId = new Map<string, ThreadView>();
  for (const r of rows) {
    if (r.thread_id) continue;
    const thread: ThreadView = {
      ...view(r),
      targetType: r.target_type,
      targetId: r.target_id,
      targetContext: r.target_context,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_by ? (people.get(r.resolved_by) ?? null) : null,
      replies: [],
    };
    threads.push(thread);
    byId.set(r.id, thread);
  }
  for (const r of rows) if (r.thread_id) byId.get(r.thread_id)?.replies.push(view(r));
  return threads;
}

const byTime = <T extends { created_at: string; id: string }>(a: T, b: T) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1);

/** The threads on a target, oldest first, each with its replies (oldest first), authors and mentions. 404 for a target not in the program. */
export async function listComments(actor: Actor, targetType: unknown, targetId: unknown): Promise<ThreadView[]> {
  const target = parseInput(CommentTargetSchema, { targetType, targetId });
  const tx = db();
  await findCommentTarget(tx, actor.program.id, target.targetType, target.targetId);
  const rows = await tx
    .selectFrom("comments")
    .selectAll()
    .where("program_id", "=", actor.program.id)
    .where("target_type", "=", target.targetType)
    .where("target_id", "=", target.targetId)
    .execute();
  return toThreads(tx, rows.sort(byTime));
}

/** One thread (by any of its comments' ids) of the actor's program. */
export async function getThread(actor: Actor, commentId: unknown): Promise<ThreadView> {
  const tx = db();
  const root = await requireThreadRoot(tx, actor, commentId);
  const rows = await tx.selectFrom("comments").selectAll().where((eb) => eb.or([eb("id", "=", root.id), eb("thread_id", "=", root.id)])).execute();
  return (await toThreads(tx, rows.sort(byTime)))[0];
}

/** How many comments (replies included) each target has, for badges; targets without any are absent. */
export async function commentCounts(programId: string, targetType: CommentTargetType, targetIds: string[]): Promise<Record<string, number>> {
  if (!(COMMENT_TARGET_TYPES as readonly string[]).includes(targetType)) return {};
  const ids = [...new Set(targetIds)].filter((x) => x && x.length <= 100);
  const out: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db()
      .selectFrom("comments")
      .select(["target_id", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where("program_id", "=", programId)
      .where("target_type", "=", targetType)
      .where("target_id", "in", ids.slice(i, i + 500))
      .groupBy("target_id")
      .execute();
    for (const r of rows) out[r.target_id] = Number(r.n);
  }
  return out;
}

async function requireComment(tx: Kysely<Database>, actor: Actor, commentId: unknown): Promise<Comment> {
  if (typeof commentId !== "string" || !commentId || commentId.length > 100) throw commentNotFound();
  const row = await tx.selectFrom("comments").selectAll().where("id", "=", commentId).where("program_id", "=", actor.program.id).executeTakeFirst();
  if (!row) throw commentNotFound();
  return row;
}

async function requireThreadRoot(tx: Kysely<Database>, actor: Actor, commentId: unknown): Promise<Comment> {
  const row = await requireComment(tx, actor, commentId);
  if (!row.thread_id) return row;
  return requireComment(tx, actor, row.thread_id);
}

async function notifyMentions(tx: Kysely<Database>, actor: Actor, comment: { id: string; body: string }, target: CommentTarget, userIds: string[]): Promise<void> {
  await notify(tx, {
    userIds,
    orgId: actor.program.org_id,
    programId: actor.program.id,
    kind: "mention",
    entityId: comment.id,
    actorId: actor.user.id,
    url: target.url,
    payload: { excerpt: commentExcerpt(comment.body), targetType: target.type, targetTitle: target.title },
  });
}

async function writeMentions(tx: Kysely<Database>, commentId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insertInto("comment_mentions")
    .values(userIds.map((user_id) => ({ comment_id: commentId, user_id })))
    .execute();
}

/**
 * Starts a thread on a target, or replies to one (`threadId`, any comment of the thread; the
 * target then comes from the thread and, if given, must match). A resolved thread takes no reply
 * until it is reopened (409). Mentions are checked, stored and notified (not the author).
 */
export async function createComment(actor: Actor, input: unknown): Promise<ThreadView> {
  requireCan(actor, "comment");
  const data = parseInput(CreateCommentSchema, input);
  const threadRootId = await db()
    .transaction()
    .execute(async (tx) => {
      let root: Comment | null = null;
      if (data.threadId) {
        root = await requireThreadRoot(tx, actor, data.threadId);
        if (root.target_type !== data.targetType || root.target_id !== data.targetId) throw commentNotFound();
        if (root.resolved_at) throw new DomainError(409, "comments.errors.threadResolved");
      }
      const target = await findCommentTarget(tx, actor.program.id, data.targetType, data.targetId, data.targetContext ?? root?.target_context ?? null);
      if (target.deleted) throw targetNotFound();
      const mentioned = await checkMentions(tx, actor, data.body);
      const row: Comment = {
        id: newId(),
        org_id: actor.program.org_id,
        program_id: actor.program.id,
        target_type: target.type,
        target_id: target.id,
        target_context: target.context,
        thread_id: root?.id ?? null,
        author_id: actor.user.id,
        body: data.body,
        created_at: stamp(),
        edited_at: null,
        resolved_at: null,
        resolved_by: null,
      };
      await tx.insertInto("comments").values(row).execute();
      await writeMentions(tx, row.id, mentioned);
      await notifyMentions(tx, actor, row, target, mentioned);
      await auditAs(tx, actor, {
        entityType: "comment",
        entityId: row.id,
        action: root ? "reply" : "create",
        after: { title: target.title, body: commentExcerpt(row.body, 200) },
      });
      return root?.id ?? row.id;
    });
  return getThread(actor, threadRootId);
}

/** Edits one's own comment (edited_at); the newly mentioned are notified, those no longer mentioned unlisted. */
export async function editComment(actor: Actor, commentId: unknown, input: unknown): Promise<ThreadView> {
  requireCan(actor, "comment");
  const data = parseInput(EditCommentSchema, input);
  const rootId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireComment(tx, actor, commentId);
      if (row.author_id !== actor.user.id) throw new DomainError(403, "comments.errors.notAuthor");
      if (row.body === data.body) return row.thread_id ?? row.id;
      const target = await findCommentTarget(tx, actor.program.id, row.target_type, row.target_id, row.target_context);
      const mentioned = await checkMentions(tx, actor, data.body);
      const before = (await tx.selectFrom("comment_mentions").select("user_id").where("comment_id", "=", row.id).execute()).map((m) => m.user_id);
      const added = mentioned.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !mentioned.includes(id));
      await tx.updateTable("comments").set({ body: data.body, edited_at: stamp() }).where("id", "=", row.id).execute();
      if (removed.length) await tx.deleteFrom("comment_mentions").where("comment_id", "=", row.id).where("user_id", "in", removed).execute();
      await writeMentions(tx, row.id, added);
      await notifyMentions(tx, actor, { id: row.id, body: data.body }, target, added);
      await auditAs(tx, actor, {
        entityType: "comment",
        entityId: row.id,
        action: "edit",
        before: { title: target.title, body: commentExcerpt(row.body, 200) },
        after: { title: target.title, body: commentExcerpt(data.body, 200) },
      });
      return row.thread_id ?? row.id;
    });
  return getThread(actor, rootId);
}

/** Resolves or reopens the thread of a comment (anyone who may comment); the same state again changes nothing. */
export async function setThreadResolved(actor: Actor, commentId: unknown, input: unknown): Promise<ThreadView> {
  requireCan(actor, "comment");
  const { resolved } = parseInput(ResolveThreadSchema, input);
  const rootId = await db()
    .transaction()
    .execute(async (tx) => {
      const root = await requireThreadRoot(tx, actor, commentId);
      if (!!root.resolved_at === resolved) return root.id;
      const target = await findCommentTarget(tx, actor.program.id, root.target_type, root.target_id, root.target_context);
      const resolvedAt = resolved ? stamp() : null;
      await tx
        .updateTable("comments")
        .set({ resolved_at: resolvedAt, resolved_by: resolved ? actor.user.id : null })
        .where("id", "=", root.id)
        .execute();
      await auditAs(tx, actor, {
        entityType: "comment",
        entityId: root.id,
        action: resolved ? "resolve" : "reopen",
        after: { title: target.title },
      });
      return root.id;
    });
  return getThread(actor, rootId);
}

/** The program a comment belongs to (for /api/v1/comments/:commentId), or null. */
export async function findCommentProgram(commentId: unknown): Promise<string | null> {
  if (typeof commentId !== "string" || !commentId || commentId.length > 100) return null;
  const row = await db().selectFrom("comments").select("program_id").where("id", "=", commentId).executeTakeFirst();
  return row?.program_id ?? null;
}
