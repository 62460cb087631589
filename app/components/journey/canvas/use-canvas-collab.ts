/**
 * The collaboration pieces of the canvas: a per-user undo manager (it only ever undoes this
 * client's own changes) and the other people's presence on the map (cursor and selected cards,
 * published in the awareness fields `cursor` and `selection`).
 */
import { useEffect, useState } from "react";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { journeySharedTypes } from "~/models/journey-doc";
import type { PresenceUser } from "~/collab/presence";

/** The origin of every transaction this canvas makes: what its undo manager tracks. */
export const CANVAS_ORIGIN = Symbol("journey-canvas");

export interface UndoState {
  manager: Y.UndoManager | null;
  canUndo: boolean;
  canRedo: boolean;
}

export function useCanvasUndo(doc: Y.Doc | null): UndoState {
  const [state, setState] = useState<UndoState>({ manager: null, canUndo: false, canRedo: false });
  useEffect(() => {
    if (!doc) return;
    // captureTimeout 0: every action (a card added, a drop, an edit) is its own undo step.
    const manager = new Y.UndoManager(journeySharedTypes(doc), { trackedOrigins: new Set([CANVAS_ORIGIN]), captureTimeout: 0 });
    const update = () => setState({ manager, canUndo: manager.undoStack.length > 0, canRedo: manager.redoStack.length > 0 });
    manager.on("stack-item-added", update);
    manager.on("stack-item-popped", update);
    manager.on("stack-cleared", update);
    update();
    return () => {
      manager.destroy();
      setState({ manager: null, canUndo: false, canRedo: false });
    };
  }, [doc]);
  return state;
}

export interface RemotePeer {
  clientId: number;
  user: PresenceUser;
  cursor: { x: number; y: number } | null;
  selection: string[];
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Everyone else's presence, validated (a hostile client's awareness state cannot break the page). */
export function readRemotePeers(awareness: Awareness): RemotePeer[] {
  const out: RemotePeer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const u = (state as { user?: Partial<PresenceUser> }).user;
    if (!u || typeof u.name !== "string" || typeof u.id !== "string") return;
    const c = (state as { cursor?: { x?: unknown; y?: unknown } | null }).cursor;
    const cursor = c && typeof c.x === "number" && typeof c.y === "number" && Number.isFinite(c.x) && Number.isFinite(c.y) ? { x: c.x, y: c.y } : null;
    const sel = (state as { selection?: unknown }).selection;
    out.push({
      clientId,
      user: { id: u.id, name: u.name.slice(0, 80), color: typeof u.color === "string" && HEX.test(u.color) ? u.color : "#64748b" },
      cursor,
      selection: Array.isArray(sel) ? sel.filter((x): x is string => typeof x === "string").slice(0, 500) : [],
    });
  });
  return out.sort((a, b) => a.clientId - b.clientId);
}

/** Re-reads the peers on every awareness change, keeping the last value when `key` says nothing changed. */
export function useRemotePeers<T>(awareness: Awareness | null, select: (peers: RemotePeer[]) => T, key: (value: T) => string, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    if (!awareness) return;
    let last = "";
    const read = () => {
      const next = select(readRemotePeers(awareness));
      const k = key(next);
      if (k === last) return;
      last = k;
      setValue(next);
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
    // select/key are pure functions given once per caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awareness]);
  return value;
}
