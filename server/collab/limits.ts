/**
 * Limits that keep one connection from hurting the others: frame size (ws maxPayload), message
 * rate (token bucket), slow consumers (bufferedAmount), and the close codes each one uses.
 */
import type { Env } from "../../app/env.server";

export interface CollabLimits {
  maxFrameBytes: number;
  maxMessagesPerSec: number;
  maxBufferedBytes: number;
  idleUnloadMs: number;
  compactUpdates: number;
  compactBytes: number;
  accessRecheckMs: number;
  projectionDebounceMs: number;
}

export function limitsFromEnv(env: Env): CollabLimits {
  return {
    maxFrameBytes: env.COLLAB_MAX_FRAME_BYTES,
    maxMessagesPerSec: env.COLLAB_MAX_MESSAGES_PER_SEC,
    maxBufferedBytes: env.COLLAB_MAX_BUFFERED_BYTES,
    idleUnloadMs: env.COLLAB_IDLE_UNLOAD_MS,
    compactUpdates: env.COLLAB_COMPACT_UPDATES,
    compactBytes: env.COLLAB_COMPACT_BYTES,
    accessRecheckMs: env.COLLAB_ACCESS_RECHECK_MS,
    projectionDebounceMs: env.COLLAB_PROJECTION_DEBOUNCE_MS,
  };
}

/** Close codes sent to a client; 4xxx are ours (the client reconnects and resyncs). */
export const CLOSE = {
  goingAway: 1001,
  /** ws itself closes with 1009 when a frame exceeds maxPayload. */
  tooLarge: 1009,
  internal: 1011,
  malformed: 4400,
  forbidden: 4403,
  /** Outside 4400–4499 on purpose: stock y-websocket clients treat those as permanent; this one should resync. */
  slowConsumer: 4508,
  rateLimited: 4429,
} as const;

/** A token bucket: `ratePerSec` messages a second on average, bursts up to twice that. */
export class MessageRateLimiter {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(private readonly ratePerSec: number, now = Date.now()) {
    this.capacity = ratePerSec * 2;
    this.tokens = this.capacity;
    this.last = now;
  }

  /** Takes one token; false when the connection is over its rate. */
  allow(now = Date.now()): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSec) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
