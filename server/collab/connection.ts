/**
 * One client socket in a room: who it is, whether it may edit, its message-rate budget, the
 * awareness client ids it controls, and a send that disconnects slow consumers.
 * Frames that arrive before the room has loaded are buffered and replayed in order.
 */
import WebSocket from "ws";
import type { CollabLimits } from "./limits";
import { CLOSE, MessageRateLimiter } from "./limits";
import type { DocTarget } from "./registry";

export interface ConnectionIdentity {
  userId: string;
  userName: string;
  /** The session token the socket was opened with; re-checked periodically. */
  token: string;
  target: DocTarget;
}

let nextId = 1;

export class CollabConnection {
  readonly id = nextId++;
  readonly awarenessClients = new Set<number>();
  readOnly: boolean;
  private readonly limiter: MessageRateLimiter;
  private handler: ((data: Uint8Array) => void) | null = null;
  private buffered: Uint8Array[] = [];

  constructor(
    readonly ws: WebSocket,
    readonly identity: ConnectionIdentity,
    canEdit: boolean,
    private readonly limits: CollabLimits,
  ) {
    this.readOnly = !canEdit;
    this.limiter = new MessageRateLimiter(limits.maxMessagesPerSec);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Called for every frame; before attach() frames wait in a buffer. */
  receive(data: Uint8Array): void {
    if (this.handler) this.handler(data);
    else this.buffered.push(data);
  }

  attach(handler: (data: Uint8Array) => void): void {
    this.handler = handler;
    const pending = this.buffered;
    this.buffered = [];
    for (const data of pending) {
      if (!this.isOpen) break;
      handler(data);
    }
  }

  allowMessage(): boolean {
    return this.limiter.allow();
  }

  /** Sends a frame; a connection that cannot keep up is dropped so it resyncs on reconnect. */
  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      console.warn(`[collab] slow consumer on ${this.identity.target.docName} (conn ${this.id}, ${this.ws.bufferedAmount} bytes buffered): disconnecting`);
      this.ws.close(CLOSE.slowConsumer, "slow consumer");
      this.ws.terminate();
      return;
    }
    this.ws.send(frame, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }
}
