/**
 * The y-websocket wire protocol (the one every stock client speaks): decoding of incoming frames
 * into typed messages, validated before they reach a room, and the encoders the room sends.
 *
 *   0 sync      → 0 step 1 (state vector) | 1 step 2 (update) | 2 update
 *   1 awareness → an awareness update
 *   2 auth      → (permission denied; we answer at the HTTP upgrade instead)
 *   3 query awareness
 */
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export type IncomingMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

export class MalformedMessage extends Error {}

/** An update with no structs and an empty delete set: nothing to store or send. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((b) => b === 0);
}

function validateUpdate(update: Uint8Array): void {
  // Decoding walks every struct and the delete set: truncated or garbled updates throw here.
  Y.decodeUpdate(update);
}

function validateAwareness(update: Uint8Array): void {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(d); // clientID
    decoding.readVarUint(d); // clock
    JSON.parse(decoding.readVarString(d));
  }
  if (decoding.hasContent(d)) throw new MalformedMessage("trailing bytes after awareness update");
}

/** Decodes and validates one frame; throws MalformedMessage for anything a room must not see. */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (step === SYNC_STEP_1) {
        Y.decodeStateVector(payload);
        return { type: "sync-step-1", stateVector: payload };
      }
      if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
        validateUpdate(payload);
        return { type: "update", update: payload };
      }
      throw new MalformedMessage(`unknown sync step ${step}`);
    }
    if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(d);
      validateAwareness(update);
      return { type: "awareness", update };
    }
    if (type === MESSAGE_QUERY_AWARENESS) return { type: "query-awareness" };
    throw new MalformedMessage(`unknown message type ${type}`);
  } catch (err) {
    if (err instanceof MalformedMessage) throw err;
    throw new MalformedMessage(err instanceof Error ? err.message : String(err));
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP_1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP_2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}
