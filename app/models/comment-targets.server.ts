/**
 * What a comment sits on, checked against the program: an initiative or a KPI (relational rows),
 * or an object of a live document read through its read model — a pain point (`pain_points`), a
 * touchpoint (`journey_cards`, lane touchpoints) or a sticky note (`vision_notes`); for those the
 * map or board is the target's context (looked up when the caller leaves it out). A target of
 * another program, or none at all, is "not found". Gives the title and the app path a mention
 * notification leads to.
 */
import type { Kysely } from "kysely";
import type { CommentTargetType, Database } from "../../db/schema";
import { commentTargetUrl } from "./comments";
import { DomainError } from "./domain.server";

export interface CommentTarget {
  type: CommentTargetType;
  id: string;
  /** The map (pain point, touchpoint) or board (sticky) holding it; null for initiatives and KPIs. */
  context: string | null;
  title: string;
  /** Where it is shown in the app. */
  url: string;
  /** Deleted from its document since (comments stay readable, no new ones). */
  deleted: boolean;
}

export function targetNotFound(): DomainError {
  return new DomainError(404, "comments.errors.targetNotFound");
}

const TITLE_MAX = 120;
const short = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return [...flat].length > TITLE_MAX ? `${[...flat].slice(0, TITLE_MAX - 1).join("")}…` : flat;
};

/** The one row a doc-object lookup found; none (or the id in two documents) is not found. */
function onlyRow<T>(rows: T[]): T {
  if (rows.length !== 1) throw targetNotFound();
  return rows[0];
}

/**
 * The target in the program, or 404. `context` narrows a doc object to one map or board; when it
 * is given it must match. Deleted doc objects are found (with `deleted`), so their comments stay readable.
 */
export async function findCommentTarget(
  tx: Kysely<Database>,
  programId: string,
  type: CommentTargetType,
  id: string,
  context?: string | null,
): Promise<CommentTarget> {
  const url = (context: string | null, touchpointId?: string | null) => commentTargetUrl(programId, { type, id, context, touchpointId });
  const docTarget = (context: string, text: string, deletedAt: string | null, touchpointId?: string | null): CommentTarget => ({
    type,
    id,
    context,
    title: short(text),
    url: url(context, touchpointId),
    deleted: deletedAt !== null,
  });
  switch (type) {
    case "initiative": {
      const row = await tx.selectFrom("initiatives").select(["id", "title"]).where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
      if (!row || context) throw targetNotFound();
      return { type, id, context: null, title: short(row.title), url: url(null), deleted: false };
    }
    case "kpi": {
      const row = await tx.selectFrom("kpis").select(["id", "name"]).where("id", "=", id).where("program_id", "=", programId).executeTakeFirst();
      if (!row || context) throw targetNotFound();
      return { type, id, context: null, title: short(row.name), url: url(null), deleted: false };
    }
    case "pain_point": {
      const row = onlyRow(
        await tx
          .selectFrom("pain_points")
          .innerJoin("journey_maps", "journey_maps.id", "pain_points.map_id")
          .select(["pain_points.map_id", "pain_points.title", "pain_points.touchpoint_id", "pain_points.deleted_at"])
          .where("pain_points.doc_object_id", "=", id)
          .where("journey_maps.program_id", "=", programId)
          .$if(!!context, (q) => q.where("pain_points.map_id", "=", context!))
          .limit(2)
          .execute(),
      );
      return docTarget(row.map_id, row.title, row.deleted_at, row.touchpoint_id);
    }
    case "touchpoint": {
      const row = onlyRow(
        await tx
          .selectFrom("journey_cards")
          .innerJoin("journey_maps", "journey_maps.id", "journey_cards.map_id")
          .select(["journey_cards.map_id", "journey_cards.text", "journey_cards.deleted_at"])
          .where("journey_cards.doc_object_id", "=", id)
          .where("journey_cards.lane", "=", "touchpoints")
          .where("journey_maps.program_id", "=", programId)
          .$if(!!context, (q) => q.where("journey_cards.map_id", "=", context!))
          .limit(2)
          .execute(),
      );
      return docTarget(row.map_id, row.text, row.deleted_at);
    }
    case "sticky": {
      const row = onlyRow(
        await tx
          .selectFrom("vision_notes")
          .innerJoin("vision_boards", "vision_boards.id", "vision_notes.board_id")
          .select(["vision_notes.board_id", "vision_notes.text", "vision_notes.deleted_at"])
          .where("vision_notes.doc_object_id", "=", id)
          .where("vision_boards.program_id", "=", programId)
          .$if(!!context, (q) => q.where("vision_notes.board_id", "=", context!))
          .limit(2)
          .execute(),
      );
      return docTarget(row.board_id, row.text, row.deleted_at);
    }
  }
}
