/**
 * `vision:<boardId>` (a workshop board, edited by participants; while locked only by the
 * facilitator) and `vision-control:<boardId>` (its facilitation state, written only by the
 * server from the relational rows: read-only for every client).
 */
import * as Y from "yjs";
import { can } from "../../app/models/permissions";
import { findVisionBoardOwner, visionBoardEditPolicy } from "../../app/models/vision-boards.server";
import { readBoardContent } from "../../app/models/vision-doc";
import { saveVisionBoardProjection } from "../../app/models/vision-projection.server";
import { projectionTransaction } from "./projection-lock";
import type { DocKind } from "./registry";

const BOARD_MAPS = ["prompts", "notes", "clusters"] as const;

function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const m = new Y.Map<unknown>();
    value.forEach((v, k) => m.set(k, copyValue(v)));
    return m;
  }
  return value;
}

export const visionKind: DocKind = {
  kind: "vision",
  resolve: (boardId) => findVisionBoardOwner(boardId),
  canView: (access) => can(access, "program.view"),
  canEdit: (access, target) => visionBoardEditPolicy(target.id, access),
  async project(doc, target) {
    const content = readBoardContent(doc);
    await projectionTransaction(target.docName, (tx) => saveVisionBoardProjection(tx, target.id, content));
  },
  restore(doc, version) {
    doc.transact(() => {
      for (const name of BOARD_MAPS) {
        const live = doc.getMap<unknown>(name);
        const past = version.getMap<unknown>(name);
        for (const key of [...live.keys()]) if (!past.has(key)) live.delete(key);
        past.forEach((v, k) => live.set(k, copyValue(v)));
      }
    });
  },
};

export const visionControlKind: DocKind = {
  kind: "vision-control",
  resolve: (boardId) => findVisionBoardOwner(boardId),
  canView: (access) => can(access, "program.view"),
  // Written only by the server (changeDoc), from the relational facilitation state.
  canEdit: () => false,
  // Its content mirrors rows; restoring an old copy would contradict them. The next sync heals it.
  restore() {},
};
