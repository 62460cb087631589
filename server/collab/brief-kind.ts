/**
 * `brief:<programId>`: the program brief, five Y.Text fields co-edited by owner, leadership and
 * project team, read by everyone who sees the program; projected into program_briefs.
 */
import type * as Y from "yjs";
import { BRIEF_FIELDS, type BriefContent } from "../../app/models/brief";
import { findProgramOwner, saveBriefProjection } from "../../app/models/brief.server";
import { can } from "../../app/models/permissions";
import { replaceText } from "../../app/collab/text-diff";
import { projectionTransaction } from "./projection-lock";
import type { DocKind } from "./registry";

export function briefContent(doc: Y.Doc): BriefContent {
  const out = {} as BriefContent;
  for (const field of BRIEF_FIELDS) out[field] = doc.getText(field).toString();
  return out;
}

export const briefKind: DocKind = {
  kind: "brief",
  resolve: (programId) => findProgramOwner(programId),
  canView: (access) => can(access, "program.view"),
  canEdit: (access) => can(access, "brief.edit"),
  async project(doc, target) {
    const content = briefContent(doc);
    await projectionTransaction(target.docName, (tx) => saveBriefProjection(tx, target.programId, content));
  },
  restore(doc, version) {
    doc.transact(() => {
      for (const field of BRIEF_FIELDS) replaceText(doc.getText(field), version.getText(field).toString());
    });
  },
};
