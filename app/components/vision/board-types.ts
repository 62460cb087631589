/** What every piece of the live board receives from the page. */
import type * as Y from "yjs";
import type { VisionBoardContent, VisionControlState, VisionPrompt } from "~/models/vision-doc";

export interface BoardProps {
  doc: Y.Doc | null;
  board: VisionBoardContent;
  control: VisionControlState;
  me: { id: string; name: string };
  canEdit: boolean;
  /** The facilitator may also delete other people's notes. */
  facilitate?: boolean;
  programId: string;
  ballot: { roundId: string; remaining: number; votes: Record<string, number> } | null;
  revealed: Map<string, number> | null;
}

export function promptTitle(t: (k: string) => string, p: VisionPrompt): string {
  return p.title || t(`vision.prompts.${p.kind}`);
}

export const NOTE_DRAG_TYPE = "text/x-vision-note";
