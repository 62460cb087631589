/**
 * What the canvas nodes may ask the canvas to do. One stable object per canvas (its functions read
 * the latest state through refs), handed down through context so node data stays small and the
 * 500 card nodes do not re-render when something unrelated changes.
 */
import { createContext, useContext } from "react";
import type { JourneyLane, TouchpointChannel } from "~/models/journey-doc";

export interface CanvasApi {
  canEdit: boolean;
  /** Opens the draft of a new card in a cell (after `afterId` when given, else at the end). */
  addCard(stageId: string, lane: JourneyLane, afterId?: string | null): void;
  commitDraft(text: string): string | null;
  cancelDraft(): void;
  startEdit(cardId: string): void;
  /** Returns an i18n key of a validation error, or null when saved. */
  commitEdit(cardId: string, text: string): string | null;
  cancelEdit(): void;
  deleteCards(ids: string[]): void;
  setChannel(cardId: string, channel: TouchpointChannel): void;
  /** Opens the drawer of a touchpoint: its pain points (one of them, or a new one) and evidence. */
  openTouchpoint(touchpointId: string, painPointId?: string | "new" | null): void;
  selectCell(stageId: string, lane: JourneyLane): void;
  renameStage(stageId: string, name: string): string | null;
  moveStage(stageId: string, direction: -1 | 1): void;
  requestDeleteStage(stageId: string): void;
  addStage(): void;
  setEmotion(personaId: string, stageId: string, value: number): void;
  setActivePersona(personaId: string): void;
  openPersonas(): void;
  /** Converts a screen point to flow coordinates (emotion dragging). */
  toFlow(point: { x: number; y: number }): { x: number; y: number };
}

export const CanvasApiContext = createContext<CanvasApi | null>(null);

export function useCanvasApi(): CanvasApi {
  const api = useContext(CanvasApiContext);
  if (!api) throw new Error("useCanvasApi outside the journey canvas");
  return api;
}

/** True when a key press belongs to a text field (shortcuts must not fire while typing). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color"].includes(type);
  }
  return !!target.closest("[role=dialog], [role=menu]");
}
