/**
 * The projection of a live board (`vision:<boardId>`) into the vision_notes and vision_clusters
 * read model: upserts what the document holds and marks what it no longer holds as deleted
 * (never silently forgotten, so links to a note keep pointing somewhere). One transaction,
 * idempotent: projecting the same document twice changes nothing but projected_at.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { nowIso } from "../db.server";
import type { VisionBoardContent } from "./vision-doc";

export async function saveVisionBoardProjection(tx: Kysely<Database>, boardId: string, content: VisionBoardContent): Promise<void> {
  const now = nowIso();
  for (const n of content.notes) {
    const row = {
      prompt_id: n.promptId,
      cluster_id: n.clusterId,
      text: n.text,
      colour: n.colour,
      author_id: n.authorId,
      created_at: n.createdAt,
      projected_at: now,
      deleted_at: null,
    };
    await tx
      .insertInto("vision_notes")
      .values({ board_id: boardId, doc_object_id: n.id, ...row })
      .onConflict((oc) => oc.columns(["board_id", "doc_object_id"]).doUpdateSet(row))
      .execute();
  }
  for (const c of content.clusters) {
    const row = { prompt_id: c.promptId, name: c.name, projected_at: now, deleted_at: null };
    await tx
      .insertInto("vision_clusters")
      .values({ board_id: boardId, doc_object_id: c.id, ...row })
      .onConflict((oc) => oc.columns(["board_id", "doc_object_id"]).doUpdateSet(row))
      .execute();
  }
  const noteIds = content.notes.map((n) => n.id);
  const clusterIds = content.clusters.map((c) => c.id);
  let goneNotes = tx.updateTable("vision_notes").set({ deleted_at: now }).where("board_id", "=", boardId).where("deleted_at", "is", null);
  if (noteIds.length) goneNotes = goneNotes.where("doc_object_id", "not in", noteIds);
  await goneNotes.execute();
  let goneClusters = tx.updateTable("vision_clusters").set({ deleted_at: now }).where("board_id", "=", boardId).where("deleted_at", "is", null);
  if (clusterIds.length) goneClusters = goneClusters.where("doc_object_id", "not in", clusterIds);
  await goneClusters.execute();
}
