/**
 * Fan-out between instances: what one instance's room accepted (and already appended to the shared
 * update log) or heard as awareness is published for the other instances serving the same doc.
 *
 * The wire format of one message (a binary Redis payload): version (1 byte, 1), type (1 byte),
 * the sender's instance id (16 bytes), then the payload. Types:
 *   - update:    a Yjs update already in the log (receivers apply it, never log it again);
 *   - awareness: a y-protocols awareness update (receivers apply and forward it);
 *   - resync:    no payload; "I may have missed publishing: re-read this doc from the database".
 *
 * With no fan-out configured (no REDIS_URL, or SQLite) the rooms get `null` and nothing changes.
 */
import { INSTANCE_ID_BYTES } from "./instance-id";

export type FanoutKind = "update" | "awareness" | "resync";

export interface FanoutMessage {
  kind: FanoutKind;
  /** The instance that published it. */
  from: Uint8Array;
  payload: Uint8Array;
}

/** What a room hears from the other instances. */
export interface FanoutListener {
  update(update: Uint8Array): void;
  awareness(update: Uint8Array): void;
  /** Another instance asks for a resync, or this instance's link to the others came back. */
  resync(): void;
}

export interface Fanout {
  /**
   * Listens to a doc's channel; resolves once the subscription is in force (messages published
   * after that reach the listener), so a room subscribes BEFORE it reads the database.
   * One listener per doc name; the returned function stops listening.
   */
  subscribe(docName: string, listener: FanoutListener): Promise<() => void>;
  /** Publishes to the other instances; never throws (a failure is logged and ends in a resync). */
  publish(docName: string, kind: FanoutKind, payload?: Uint8Array): void;
  /** Waits for publishes in flight, then disconnects. */
  close(): Promise<void>;
}

const VERSION = 1;
const KINDS: FanoutKind[] = ["update", "awareness", "resync"];
const HEADER_BYTES = 2 + INSTANCE_ID_BYTES;

export function encodeFanoutMessage(kind: FanoutKind, from: Uint8Array, payload: Uint8Array = new Uint8Array(0)): Buffer {
  if (from.byteLength !== INSTANCE_ID_BYTES) throw new Error("instance id must be 16 bytes");
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
  out[0] = VERSION;
  out[1] = KINDS.indexOf(kind);
  out.set(from, 2);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** Decodes a message; null for anything malformed or of an unknown version (logged by the caller). */
export function decodeFanoutMessage(data: Uint8Array): FanoutMessage | null {
  if (data.byteLength < HEADER_BYTES || data[0] !== VERSION) return null;
  const kind = KINDS[data[1]];
  if (!kind) return null;
  return { kind, from: data.subarray(2, HEADER_BYTES), payload: data.subarray(HEADER_BYTES) };
}

export function sameInstance(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
