/**
 * Behaviour guidelines of a program (step 5): create, edit, move up/down (within the standard
 * they serve), archive and restore (never deleted), and "mark reviewed". Each guideline cites a
 * quality standard of the LATEST published vision (refused with 409 while nothing is published,
 * 422 for a standard that is not in it) and stores the standard's wording as cited; listing
 * compares that wording with the latest version and flags what changed or was removed.
 * Editing needs `guideline.edit` (owner, leadership, project team); every member reads.
 * Every change is audited in its transaction (entity type `guideline`).
 */
import type { Kysely } from "kysely";
import type { Database, Guideline } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import {
  guidelineFlag,
  GuidelineInputSchema,
  isFlagged,
  MOVE_DIRECTIONS,
  parseExamples,
  parseSnapshot,
  type GuidelineFlag,
  type MoveDirection,
  type StandardSnapshot,
} from "./guidelines";
import { can } from "./permissions";

type Q = Kysely<Database>;

export interface PublishedStandard extends StandardSnapshot {
  key: string;
}

export interface LatestVision {
  version: number;
  publishedAt: string;
  standards: PublishedStandard[];
}

export interface GuidelineView {
  id: string;
  programId: string;
  title: string;
  body: string;
  doExamples: string[];
  dontExamples: string[];
  standardKey: string;
  /** The published version it was written or last reviewed against. */
  standardVersion: number;
  /** The standard's wording as cited. */
  cited: StandardSnapshot;
  /** The standard in the latest published version (null when that version no longer has it). */
  current: StandardSnapshot | null;
  flag: GuidelineFlag;
  position: number;
  reviewedBy: { id: string; name: string } | null;
  reviewedAt: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

function notFound(): DomainError {
  return new DomainError(404, "guidelines.errors.notFound");
}

/** The latest published version with its standards in order, or null when nothing is published. */
export async function latestVision(q: Q, programId: string): Promise<LatestVision | null> {
  const version = await q
    .selectFrom("vision_versions")
    .select(["id", "version", "published_at"])
    .where("program_id", "=", programId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!version) return null;
  const standards = await q
    .selectFrom("vision_standards")
    .select(["standard_key", "title", "description", "measurable_hint"])
    .where("version_id", "=", version.id)
    .orderBy("position")
    .execute();
  return {
    version: version.version,
    publishedAt: version.published_at,
    standards: standards.map((s) => ({ key: s.standard_key, title: s.title, description: s.description, measurableHint: s.measurable_hint })),
  };
}

async function requireRow(q: Q, programId: string, id: unknown): Promise<Guideline> {
  if (typeof id !== "string" || !id || id.length > 100) throw notFound();
  const row = await q.selectFrom("guidelines").selectAll().where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The published vision to cite, or 409 while none is published. */
async function requireVision(q: Q, programId: string): Promise<LatestVision> {
  const vision = await latestVision(q, programId);
  if (!vision || vision.standards.length === 0) throw new DomainError(409, "guidelines.errors.noVision");
  return vision;
}

function citedStandard(vision: LatestVision, key: string): PublishedStandard {
  const standard = vision.standards.find((s) => s.key === key);
  if (!standard) throw new DomainError(422, "errors.invalid_input", { standardKey: "guidelines.errors.standardUnknown" });
  return standard;
}

const snapshotJson = (s: StandardSnapshot) => JSON.stringify({ title: s.title, description: s.description, measurableHint: s.measurableHint });

/** What the audit log keeps of a guideline (names, not keys, so the activity page reads well). */
function summary(row: Pick<Guideline, "title" | "body" | "do_examples" | "dont_examples" | "standard_snapshot" | "standard_version">) {
  return {
    title: row.title,
    standard: parseSnapshot(row.standard_snapshot).title,
    standardVersion: row.standard_version,
    body: row.body,
    doExamples: parseExamples(row.do_examples),
    dontExamples: parseExamples(row.dont_examples),
  };
}

async function nextPosition(q: Q, programId: string): Promise<number> {
  const row = await q
    .selectFrom("guidelines")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("program_id", "=", programId)
    .executeTakeFirst();
  const max = row?.max;
  return max === null || max === undefined ? 1 : Number(max) + 1;
}

/** Creates a guideline citing a standard of the latest published vision (`guideline.edit`). */
export async function createGuideline(actor: Actor, input: unknown): Promise<GuidelineView> {
  requireCan(actor, "guideline.edit");
  const id = newId();
  await db()
    .transaction()
    .execute(async (tx) => {
      const vision = await requireVision(tx, actor.program.id);
      const data = parseInput(GuidelineInputSchema, input);
      const standard = citedStandard(vision, data.standardKey);
      const now = nowIso();
      const row = {
        id,
        program_id: actor.program.id,
        title: data.title,
        body: data.body,
        do_examples: JSON.stringify(data.doExamples),
        dont_examples: JSON.stringify(data.dontExamples),
        standard_key: standard.key,
        standard_version: vision.version,
        standard_snapshot: snapshotJson(standard),
        position: await nextPosition(tx, actor.program.id),
        reviewed_by: null,
        reviewed_at: null,
        created_by: actor.user.id,
        created_at: now,
        updated_at: now,
        archived_at: null,
      };
      await tx.insertInto("guidelines").values(row).execute();
      await auditAs(tx, actor, { entityType: "guideline", entityId: id, action: "create", after: summary(row) });
    });
  return getGuideline(actor.program.id, id);
}

/**
 * Edits a guideline. Keeping the cited standard keeps its snapshot (a flag stays until someone
 * marks the guideline reviewed); citing another standard cites it as the latest version words it.
 */
export async function updateGuideline(actor: Actor, id: unknown, input: unknown): Promise<GuidelineView> {
  requireCan(actor, "guideline.edit");
  const data = parseInput(GuidelineInputSchema, input);
  const guidelineId = await db()
    .transaction()
    .execute(async (tx) => {
      const before = await requireRow(tx, actor.program.id, id);
      if (before.archived_at) throw new DomainError(409, "guidelines.errors.archived");
      const next = {
        title: data.title,
        body: data.body,
        do_examples: JSON.stringify(data.doExamples),
        dont_examples: JSON.stringify(data.dontExamples),
        standard_key: before.standard_key,
        standard_version: before.standard_version,
        standard_snapshot: before.standard_snapshot,
        position: before.position,
      };
      if (data.standardKey !== before.standard_key) {
        const vision = await requireVision(tx, actor.program.id);
        const standard = citedStandard(vision, data.standardKey);
        next.standard_key = standard.key;
        next.standard_version = vision.version;
        next.standard_snapshot = snapshotJson(standard);
        // It joins the end of its new standard's group.
        next.position = await nextPosition(tx, actor.program.id);
      }
      await tx
        .updateTable("guidelines")
        .set({ ...next, updated_at: nowIso() })
        .where("id", "=", before.id)
        .execute();
      await auditAs(tx, actor, { entityType: "guideline", entityId: before.id, action: "update", before: summary(before), after: summary(next) });
      return before.id;
    });
  return getGuideline(actor.program.id, guidelineId);
}

/**
 * Marks a guideline reviewed against the latest published vision: it now cites the standard as
 * that version words it (clearing the flag), with who reviewed it and when. A guideline whose
 * standard was removed cannot be reviewed (409): edit it to cite another standard.
 */
export async function reviewGuideline(actor: Actor, id: unknown): Promise<GuidelineView> {
  requireCan(actor, "guideline.edit");
  const guidelineId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireRow(tx, actor.program.id, id);
      if (row.archived_at) throw new DomainError(409, "guidelines.errors.archived");
      const vision = await requireVision(tx, actor.program.id);
      const standard = vision.standards.find((s) => s.key === row.standard_key);
      if (!standard) throw new DomainError(409, "guidelines.errors.standardRemoved");
      const now = nowIso();
      const snapshot = snapshotJson(standard);
      await tx
        .updateTable("guidelines")
        .set({ standard_version: vision.version, standard_snapshot: snapshot, reviewed_by: actor.user.id, reviewed_at: now, updated_at: now })
        .where("id", "=", row.id)
        .execute();
      const cited = parseSnapshot(row.standard_snapshot);
      await auditAs(tx, actor, {
        entityType: "guideline",
        entityId: row.id,
        action: "review",
        before: { title: row.title, standardVersion: row.standard_version, standardTitle: cited.title, standardDescription: cited.description, standardHint: cited.measurableHint },
        after: { title: row.title, standardVersion: vision.version, standardTitle: standard.title, standardDescription: standard.description, standardHint: standard.measurableHint },
      });
      return row.id;
    });
  return getGuideline(actor.program.id, guidelineId);
}

/** Moves an active guideline one place up or down among the active guidelines serving the same standard. */
export async function moveGuideline(actor: Actor, id: unknown, direction: unknown): Promise<void> {
  requireCan(actor, "guideline.edit");
  if (!(MOVE_DIRECTIONS as readonly unknown[]).includes(direction)) {
    throw new DomainError(422, "errors.invalid_input", { direction: "validation.invalid" });
  }
  const dir = direction as MoveDirection;
  await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireRow(tx, actor.program.id, id);
      if (row.archived_at) throw new DomainError(409, "guidelines.errors.archived");
      const siblings = await tx
        .selectFrom("guidelines")
        .select(["id", "position"])
        .where("program_id", "=", actor.program.id)
        .where("standard_key", "=", row.standard_key)
        .where("archived_at", "is", null)
        .orderBy("position")
        .orderBy("id")
        .execute();
      const at = siblings.findIndex((s) => s.id === row.id);
      const other = siblings[dir === "up" ? at - 1 : at + 1];
      if (!other) return;
      const mine = Number(row.position);
      let theirs = Number(other.position);
      // Equal positions (never written by this code, but possible in old data) still swap.
      if (theirs === mine) theirs = dir === "up" ? mine - 0.5 : mine + 0.5;
      await tx.updateTable("guidelines").set({ position: theirs }).where("id", "=", row.id).execute();
      await tx.updateTable("guidelines").set({ position: mine }).where("id", "=", other.id).execute();
      await auditAs(tx, actor, { entityType: "guideline", entityId: row.id, action: "reorder", before: { title: row.title }, after: { title: row.title } });
    });
}

/** Archives or restores a guideline (never deleted; the catalogue keeps pointing at it). */
export async function setGuidelineArchived(actor: Actor, id: unknown, archived: boolean): Promise<GuidelineView> {
  requireCan(actor, "guideline.edit");
  const guidelineId = await db()
    .transaction()
    .execute(async (tx) => {
      const row = await requireRow(tx, actor.program.id, id);
      if (Boolean(row.archived_at) === archived) return row.id;
      const now = nowIso();
      const position = archived ? Number(row.position) : await nextPosition(tx, actor.program.id);
      await tx
        .updateTable("guidelines")
        .set({ archived_at: archived ? now : null, updated_at: now, position })
        .where("id", "=", row.id)
        .execute();
      await auditAs(tx, actor, {
        entityType: "guideline",
        entityId: row.id,
        action: archived ? "archive" : "restore",
        before: { title: row.title },
        after: { title: row.title },
      });
      return row.id;
    });
  return getGuideline(actor.program.id, guidelineId);
}

async function toViews(rows: Guideline[], vision: LatestVision | null): Promise<GuidelineView[]> {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => [r.reviewed_by, r.created_by]).filter((x): x is string => !!x))];
  const users = userIds.length ? await db().selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute() : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const current = new Map((vision?.standards ?? []).map((s) => [s.key, s]));
  return rows.map((r) => {
    const cited = parseSnapshot(r.standard_snapshot);
    const latest = current.get(r.standard_key);
    return {
      id: r.id,
      programId: r.program_id,
      title: r.title,
      body: r.body,
      doExamples: parseExamples(r.do_examples),
      dontExamples: parseExamples(r.dont_examples),
      standardKey: r.standard_key,
      standardVersion: r.standard_version,
      cited,
      current: latest ? { title: latest.title, description: latest.description, measurableHint: latest.measurableHint } : null,
      // Without any published vision nothing can be compared (and nothing could have been cited).
      flag: vision ? guidelineFlag(cited, latest) : { state: "none" },
      position: Number(r.position),
      reviewedBy: r.reviewed_by ? (byId.get(r.reviewed_by) ?? null) : null,
      reviewedAt: r.reviewed_at,
      createdBy: r.created_by ? (byId.get(r.created_by) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      archivedAt: r.archived_at,
    };
  });
}

/** The program's guidelines in order, each with its flag against the latest published vision (archived only when asked). */
export async function listGuidelines(programId: string, opts: { includeArchived?: boolean } = {}): Promise<GuidelineView[]> {
  let q = db().selectFrom("guidelines").selectAll().where("program_id", "=", programId);
  if (!opts.includeArchived) q = q.where("archived_at", "is", null);
  const [rows, vision] = await Promise.all([q.orderBy("position").orderBy("created_at").orderBy("id").execute(), latestVision(db(), programId)]);
  return toViews(rows, vision);
}

export async function getGuideline(programId: string, id: unknown): Promise<GuidelineView> {
  const row = await requireRow(db(), programId, id);
  return (await toViews([row], await latestVision(db(), programId)))[0];
}

export interface GuidelineOverview {
  vision: LatestVision | null;
  guidelines: GuidelineView[];
  archived: GuidelineView[];
  /** Active guidelines whose standard changed or was removed since they cited it. */
  flagged: number;
}

/** What the guidelines page shows: the latest vision's standards, the active and archived guidelines, the flag count. */
export async function guidelineOverview(programId: string): Promise<GuidelineOverview> {
  const [rows, vision] = await Promise.all([
    db().selectFrom("guidelines").selectAll().where("program_id", "=", programId).orderBy("position").orderBy("created_at").orderBy("id").execute(),
    latestVision(db(), programId),
  ]);
  const views = await toViews(rows, vision);
  const guidelines = views.filter((g) => !g.archivedAt);
  return {
    vision,
    guidelines,
    archived: views.filter((g) => g.archivedAt).sort((a, b) => (b.archivedAt ?? "").localeCompare(a.archivedAt ?? "")),
    flagged: guidelines.filter((g) => isFlagged(g.flag)).length,
  };
}

/** What the viewer may do with guidelines and the catalogue (the UI hides what the server would refuse). */
export function guidelineAbilities(actor: Pick<Actor, "access">) {
  return { canEdit: can(actor.access, "guideline.edit") };
}
