/**
 * Fan-out over Redis pub/sub (ioredis): one channel per doc (`cx:collab:<docName>`), two
 * connections — a publisher and a subscriber (a subscribed connection can do nothing else) —
 * binary payloads both ways (`messageBuffer`).
 *
 * Redis is a courier, not a store: every update is in the database log before it is published.
 * So when the link breaks, the instance goes on serving its own clients (publishes are dropped,
 * not queued), reconnects with backoff, and once Redis answers again:
 *   - the subscriber subscribes every doc's channel again and then resyncs every loaded room from
 *     the database (what it missed meanwhile);
 *   - the publisher asks the other instances to resync those docs (what they missed from us).
 * A room subscribing while Redis is down loads from the database anyway; the resync on return
 * covers the gap.
 */
import { Redis } from "ioredis";
import { decodeFanoutMessage, encodeFanoutMessage, sameInstance, type Fanout, type FanoutKind, type FanoutListener } from "./fanout";
import { instanceId, instanceIdHex } from "./instance-id";

export const CHANNEL_PREFIX = "cx:collab:";
/** Longest wait for a SUBSCRIBE reply before a room loads anyway (a resync follows when it lands). */
const SUBSCRIBE_WAIT_MS = 2000;

/** Reconnect backoff: 100 ms, 200 ms, 400 ms … capped at 2 s, forever. */
export function reconnectDelay(attempt: number): number {
  return Math.min(2000, 100 * 2 ** Math.max(0, attempt - 1));
}

export class RedisFanout implements Fanout {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Map<string, FanoutListener>();
  private readonly self = instanceId();
  private readonly inflight = new Set<Promise<unknown>>();
  private pubReadyOnce = false;
  /** A publish was dropped (or the publisher was down): the others must resync when it returns. */
  private pubMissed = false;
  private down = false;
  private closed = false;

  constructor(url: string, private readonly prefix = CHANNEL_PREFIX) {
    const common = {
      retryStrategy: reconnectDelay,
      // A command never waits for a reconnect: the database is the source of truth, Redis only speeds things up.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResubscribe: false,
      connectTimeout: 5000,
    };
    this.pub = new Redis(url, { ...common, connectionName: `cx-pub-${instanceIdHex().slice(0, 8)}` });
    this.sub = new Redis(url, { ...common, connectionName: `cx-sub-${instanceIdHex().slice(0, 8)}` });
    for (const [role, conn] of [["publisher", this.pub], ["subscriber", this.sub]] as const) {
      conn.on("error", (err: Error) => this.linkLost(role, err.message));
      conn.on("close", () => this.linkLost(role, "connection closed"));
    }
    this.sub.on("ready", () => void this.subscriberReady());
    this.pub.on("ready", () => this.publisherReady());
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) => this.onMessage(channel, message));
  }

  private channel(docName: string): string {
    return this.prefix + docName;
  }

  private linkLost(role: string, why: string): void {
    if (this.closed) return;
    if (role === "publisher") this.pubMissed = this.pubMissed || this.listeners.size > 0;
    if (this.down) return;
    this.down = true;
    console.warn(`[fanout] Redis ${role} link lost (${why}): serving local clients only, reconnecting; rooms resync from the database when it returns`);
  }

  private async subscriberReady(): Promise<void> {
    if (this.closed) return;
    const docs = [...this.listeners.keys()];
    if (docs.length > 0) {
      try {
        await this.sub.subscribe(...docs.map((d) => this.channel(d)));
      } catch (err) {
        console.warn(`[fanout] re-subscribing failed (${(err as Error).message}); retrying on the next reconnect`);
        return;
      }
    }
    if (this.down) console.log(`[fanout] Redis is back: resyncing ${docs.length} document(s) from the database`);
    this.down = false;
    // Whatever was published while we were not subscribed is in the database: catch up from there.
    for (const doc of docs) this.listeners.get(doc)?.resync();
  }

  private publisherReady(): void {
    if (this.closed) return;
    const wasReady = this.pubReadyOnce;
    this.pubReadyOnce = true;
    if (!wasReady && !this.pubMissed) return;
    this.pubMissed = false;
    // The others may have missed what we published (or dropped) meanwhile: ask them to resync.
    for (const doc of this.listeners.keys()) this.publish(doc, "resync");
  }

  private onMessage(channel: Buffer, data: Buffer): void {
    const name = channel.toString("utf8");
    if (!name.startsWith(this.prefix)) return;
    const listener = this.listeners.get(name.slice(this.prefix.length));
    if (!listener) return;
    const message = decodeFanoutMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (!message) {
      console.warn(`[fanout] malformed message on ${name}: ignored`);
      return;
    }
    if (sameInstance(message.from, this.self)) return;
    try {
      if (message.kind === "update") listener.update(message.payload);
      else if (message.kind === "awareness") listener.awareness(message.payload);
      else listener.resync();
    } catch (err) {
      console.error(`[fanout] handling a ${message.kind} message on ${name} failed:`, err);
    }
  }

  async subscribe(docName: string, listener: FanoutListener): Promise<() => void> {
    this.listeners.set(docName, listener);
    const unsubscribe = () => {
      if (this.listeners.get(docName) !== listener) return;
      this.listeners.delete(docName);
      if (this.sub.status === "ready" && !this.closed) this.sub.unsubscribe(this.channel(docName)).catch(() => undefined);
    };
    // Down: the room loads from the database now; subscriberReady() subscribes and resyncs it later.
    if (this.sub.status !== "ready") return unsubscribe;
    const subscribed = this.sub.subscribe(this.channel(docName)).then(
      () => true,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      subscribed,
      new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), SUBSCRIBE_WAIT_MS))),
    ]);
    clearTimeout(timer);
    // Late or failed: load anyway; resync once the subscription is in force (or at the next reconnect).
    if (inTime === "late") void subscribed.then((ok) => ok && this.listeners.get(docName) === listener && listener.resync());
    return unsubscribe;
  }

  publish(docName: string, kind: FanoutKind, payload?: Uint8Array): void {
    if (this.closed) return;
    if (this.pub.status !== "ready") {
      this.pubMissed = true;
      return;
    }
    const sent = this.pub.publish(this.channel(docName), encodeFanoutMessage(kind, this.self, payload)).then(
      () => undefined,
      (err: Error) => {
        this.pubMissed = true;
        this.linkLost("publisher", err.message);
      },
    );
    this.inflight.add(sent);
    void sent.finally(() => this.inflight.delete(sent));
  }

  async close(): Promise<void> {
    await Promise.race([Promise.all([...this.inflight]), new Promise((r) => setTimeout(r, 2000))]);
    this.closed = true;
    this.listeners.clear();
    for (const conn of [this.pub, this.sub]) {
      if (conn.status === "ready") await Promise.race([conn.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      conn.disconnect();
    }
  }
}
