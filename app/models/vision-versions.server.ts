/**
 * The workshop's output: one working draft per program (statement + quality standards) and
 * immutable numbered versions. Publishing (`vision.publish`: owner and leadership) copies the
 * draft into a new version in one transaction; versions are never updated afterwards, later
 * edits change the draft only. Version numbers are unique per program (a unique index) and
 * consecutive: the number is max + 1 read inside the transaction, and a publish that loses a
 * race on Postgres (unique violation) retries with the next number.
 */
import type { Kysely } from "kysely";
import type { Database, VisionVersion } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { isUniqueViolation, parseInput, requireCan, VisionError, type VisionActor, auditVision } from "./vision-common.server";
import { diffVisions, DraftInputSchema, type VisionContent, type VisionDiff, type VisionStandardContent } from "./vision-output";

export interface VisionDraft extends VisionContent {
  basedOnVersion: number | null;
  updatedAt: string;
  updatedBy: string | null;
  /** True when the draft differs from the latest published version (or nothing is published). */
  changed: boolean;
}

export interface PublishedVision extends VisionContent {
  id: string;
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string | null;
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string | null;
}

type Q = Kysely<Database>;

function normaliseStandards(input: { key?: string; title: string; description: string; measurableHint: string }[]): VisionStandardContent[] {
  const seen = new Set<string>();
  return input.map((s) => {
    const key = s.key && !seen.has(s.key) ? s.key : newId();
    seen.add(key);
    return { key, title: s.title, description: s.description, measurableHint: s.measurableHint };
  });
}

async function readVersion(q: Q, version: VisionVersion): Promise<PublishedVision> {
  const standards = await q.selectFrom("vision_standards").selectAll().where("version_id", "=", version.id).orderBy("position").execute();
  const by = version.published_by
    ? await q.selectFrom("users").select("name").where("id", "=", version.published_by).executeTakeFirst()
    : undefined;
  return {
    id: version.id,
    version: version.version,
    statement: version.statement,
    standards: standards.map((s) => ({ key: s.standard_key, title: s.title, description: s.description, measurableHint: s.measurable_hint })),
    publishedAt: version.published_at,
    publishedBy: version.published_by,
    publishedByName: by?.name ?? null,
  };
}

async function latestVersionRow(q: Q, programId: string): Promise<VisionVersion | undefined> {
  return q.selectFrom("vision_versions").selectAll().where("program_id", "=", programId).orderBy("version", "desc").limit(1).executeTakeFirst();
}

/** The latest published version, or null. */
export async function getPublishedVision(programId: string): Promise<PublishedVision | null> {
  const row = await latestVersionRow(db(), programId);
  return row ? readVersion(db(), row) : null;
}

/** One published version by number, or null. */
export async function getVisionVersion(programId: string, version: number): Promise<PublishedVision | null> {
  const row = await db().selectFrom("vision_versions").selectAll().where("program_id", "=", programId).where("version", "=", version).executeTakeFirst();
  return row ? readVersion(db(), row) : null;
}

export async function listVisionVersions(programId: string): Promise<VersionSummary[]> {
  const rows = await db()
    .selectFrom("vision_versions")
    .leftJoin("users", "users.id", "vision_versions.published_by")
    .select(["vision_versions.version", "vision_versions.published_at", "vision_versions.published_by", "users.name as published_by_name"])
    .where("vision_versions.program_id", "=", programId)
    .orderBy("vision_versions.version", "desc")
    .execute();
  return rows.map((r) => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by, publishedByName: r.published_by_name ?? null }));
}

export async function getVisionDraft(programId: string): Promise<VisionDraft | null> {
  const row = await db().selectFrom("vision_drafts").selectAll().where("program_id", "=", programId).executeTakeFirst();
  if (!row) return null;
  const content: VisionContent = { statement: row.statement, standards: JSON.parse(row.standards_json) as VisionStandardContent[] };
  const latest = await getPublishedVision(programId);
  return {
    ...content,
    basedOnVersion: row.based_on_version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    changed: !latest || !diffVisions(latest, content).same,
  };
}

async function writeDraft(tx: Q, actor: VisionActor, content: VisionContent, basedOnVersion: number | null): Promise<void> {
  const now = nowIso();
  const values = {
    statement: content.statement,
    standards_json: JSON.stringify(content.standards),
    updated_by: actor.user.id,
    updated_at: now,
    based_on_version: basedOnVersion,
  };
  await tx
    .insertInto("vision_drafts")
    .values({ program_id: actor.program.id, ...values })
    .onConflict((oc) => oc.column("program_id").doUpdateSet(values))
    .execute();
}

/** Saves the working draft (`vision.edit`). New standards get a key; existing ones keep theirs. */
export async function saveVisionDraft(actor: VisionActor, input: unknown): Promise<VisionDraft> {
  requireCan(actor, "vision.edit");
  const data = parseInput(DraftInputSchema, input);
  const content: VisionContent = { statement: data.statement, standards: normaliseStandards(data.standards) };
  await db()
    .transaction()
    .execute(async (tx) => {
      const before = await tx.selectFrom("vision_drafts").select(["statement", "standards_json", "based_on_version"]).where("program_id", "=", actor.program.id).executeTakeFirst();
      const latest = await latestVersionRow(tx, actor.program.id);
      await writeDraft(tx, actor, content, before?.based_on_version ?? latest?.version ?? null);
      await auditVision(tx, actor, {
        entityType: "vision_draft",
        entityId: actor.program.id,
        action: "save",
        before: before ? { statement: before.statement, standards: (JSON.parse(before.standards_json) as unknown[]).length } : undefined,
        after: { statement: content.statement, standards: content.standards.map((s) => s.title) },
      });
    });
  return (await getVisionDraft(actor.program.id))!;
}

/**
 * Publishes (`vision.publish`) the given content — saved as the draft in the same transaction —
 * or, without input, the current draft. Refused when the statement is empty, there is no
 * standard, or nothing differs from the latest version. Returns the new version.
 */
export async function publishVision(actor: VisionActor, input?: unknown): Promise<PublishedVision> {
  requireCan(actor, "vision.publish");
  let content: VisionContent | null = null;
  if (input !== undefined) {
    const data = parseInput(DraftInputSchema, input);
    content = { statement: data.statement, standards: normaliseStandards(data.standards) };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const versionId = await db()
        .transaction()
        .execute(async (tx) => {
          let c = content;
          if (!c) {
            const draft = await tx.selectFrom("vision_drafts").selectAll().where("program_id", "=", actor.program.id).executeTakeFirst();
            if (!draft) throw new VisionError(409, "vision.errors.noDraft");
            c = { statement: draft.statement, standards: JSON.parse(draft.standards_json) as VisionStandardContent[] };
          }
          const fields: Record<string, string> = {};
          if (!c.statement.trim()) fields.statement = "vision.errors.statementRequired";
          if (!c.standards.length) fields.standards = "vision.errors.standardsRequired";
          if (Object.keys(fields).length) throw new VisionError(422, "errors.invalid_input", fields);

          const latest = await latestVersionRow(tx, actor.program.id);
          if (latest && diffVisions(await readVersion(tx, latest), c).same) throw new VisionError(409, "vision.errors.nothingToPublish");
          const version = (latest?.version ?? 0) + 1;
          const id = newId();
          const now = nowIso();
          await tx
            .insertInto("vision_versions")
            .values({ id, program_id: actor.program.id, version, statement: c.statement, published_by: actor.user.id, published_at: now })
            .execute();
          if (c.standards.length) {
            await tx
              .insertInto("vision_standards")
              .values(
                c.standards.map((s, position) => ({
                  id: newId(),
                  version_id: id,
                  standard_key: s.key,
                  position,
                  title: s.title,
                  description: s.description,
                  measurable_hint: s.measurableHint,
                })),
              )
              .execute();
          }
          await writeDraft(tx, actor, c, version);
          await auditVision(tx, actor, {
            entityType: "vision_version",
            entityId: id,
            action: "publish",
            after: { version, statement: c.statement, standards: c.standards.map((s) => s.title) },
          });
          return id;
        });
      const row = await db().selectFrom("vision_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow();
      return readVersion(db(), row);
    } catch (error) {
      // Two publishes read the same max at once (Postgres): the loser retries with the next number.
      if (isUniqueViolation(error) && attempt < 10) continue;
      throw error;
    }
  }
}

/** Compares two published versions (`a` before `b`); 404 when either does not exist. */
export async function compareVisionVersions(
  programId: string,
  a: number,
  b: number,
): Promise<{ before: PublishedVision; after: PublishedVision; diff: VisionDiff }> {
  const [before, after] = await Promise.all([getVisionVersion(programId, a), getVisionVersion(programId, b)]);
  if (!before || !after) throw new VisionError(404, "vision.errors.versionNotFound");
  return { before, after, diff: diffVisions(before, after) };
}
