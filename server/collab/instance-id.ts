/**
 * This process's identity among the instances sharing one database and one Redis: 16 random
 * bytes, fixed for the life of the process. Every fan-out message carries it, so an instance
 * recognises (and ignores) its own messages coming back from the channel.
 */
import { randomBytes } from "node:crypto";

export const INSTANCE_ID_BYTES = 16;

const id: Uint8Array = new Uint8Array(randomBytes(INSTANCE_ID_BYTES));

/** The raw id (what goes on the wire). */
export function instanceId(): Uint8Array {
  return id;
}

/** The id as hex, for logs. */
export function instanceIdHex(value: Uint8Array = id): string {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
}
