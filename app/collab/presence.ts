/**
 * Presence on a live doc: each client's awareness state says who they are (name, colour), which
 * field they are in and their selection there (as Yjs relative positions, so it survives edits).
 */
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface PresenceState {
  user: PresenceUser;
  field: string | null;
  anchor: unknown;
  head: unknown;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  field: string | null;
  /** Absolute selection in `field`, if known. */
  selection: { anchor: number; head: number } | null;
}

const COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#4f46e5"];

export function colorFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return COLORS[h % COLORS.length];
}

function isPresenceState(value: unknown): value is PresenceState {
  const v = value as PresenceState | null;
  return !!v && typeof v === "object" && !!v.user && typeof v.user.name === "string" && typeof v.user.color === "string";
}

/** Publishes where this client is: field and selection (or nowhere). */
export function setLocalPresence(awareness: Awareness, doc: Y.Doc, field: string | null, selection: { anchor: number; head: number } | null): void {
  const text = field ? doc.getText(field) : null;
  awareness.setLocalStateField("field", field);
  awareness.setLocalStateField(
    "anchor",
    text && selection ? Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, selection.anchor)) : null,
  );
  awareness.setLocalStateField(
    "head",
    text && selection ? Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, selection.head)) : null,
  );
}

function absolute(doc: Y.Doc, json: unknown): number | null {
  if (!json) return null;
  try {
    const pos = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
    return pos ? pos.index : null;
  } catch {
    return null;
  }
}

/** Everyone else connected to the doc, with selections resolved against the current text. */
export function readPeers(awareness: Awareness, doc: Y.Doc): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID || !isPresenceState(state)) return;
    const anchor = absolute(doc, state.anchor);
    const head = absolute(doc, state.head);
    peers.push({
      clientId,
      user: state.user,
      field: typeof state.field === "string" ? state.field : null,
      selection: anchor !== null && head !== null ? { anchor, head } : null,
    });
  });
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}
