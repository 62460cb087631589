/**
 * A room: one live document in memory, its connections and awareness.
 *
 * Work happens per event-loop turn. Incoming updates of a turn are collected; the flush applies
 * them to the doc as one transaction, appends the transaction's effective update to the log
 * (synchronously on SQLite, awaited on Postgres) and only then sends ONE merged update to every
 * connection. Awareness is batched the same way. Nothing a client sees can be missing from the
 * log, and the doc in memory never runs ahead of the log for anyone who asks for it (sync step 1
 * replies wait for an append in flight).
 *
 * With several instances (fanout.ts), a committed batch is published at the same point it is
 * broadcast: after the append. Updates from other instances are already in the log: they are
 * applied with a remote origin (never logged again) and sent to this room's connections, batched
 * per turn like local ones. Awareness changes made here are published; those heard from others
 * are applied and forwarded. A resync (after a Redis outage, or asked for by another instance)
 * re-reads snapshot + log from the database and broadcasts whatever this room lacked.
 */
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { CollabConnection } from "./connection";
import { CLOSE, type CollabLimits } from "./limits";
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  MalformedMessage,
} from "./protocol";
import type { Fanout, FanoutListener } from "./fanout";
import type { UpdateStore } from "./persistence";
import { ProjectionScheduler } from "./projection";
import type { DocKind, DocTarget } from "./registry";

interface PendingUpdate {
  conn: CollabConnection | null;
  update: Uint8Array;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

/** The origin of changes heard from other instances (already logged by them). */
export const REMOTE_ORIGIN = Symbol("remote instance");

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<CollabConnection>();
  readonly ready: Promise<void>;
  /** Server-side holders (history, restore) besides connections; the room unloads at zero. */
  holds = 0;
  broken = false;

  private pendingUpdates: PendingUpdate[] = [];
  private pendingWaiters: Waiter[] = [];
  private pendingAwareness: { conn: CollabConnection; update: Uint8Array }[] = [];
  private awarenessChanged = new Set<number>();
  private flushScheduled = false;
  private inflight: Promise<void> | null = null;
  private afterInflight: (() => void)[] = [];
  private lastSeq = 0;
  private logCount = 0;
  private logBytes = 0;
  private effective: Uint8Array | null = null;
  private remoteEffective: Uint8Array | null = null;
  private readonly projection: ProjectionScheduler | null;
  private loaded = false;
  private unloaded = false;
  private pendingRemote: Uint8Array[] = [];
  private pendingRemoteAwareness: Uint8Array[] = [];
  /** Awareness clients changed here (not heard from another instance): published at the flush. */
  private awarenessToPublish = new Set<number>();
  private unsubscribe: (() => void) | null = null;
  private resyncing: Promise<void> | null = null;
  private resyncAgain = false;

  constructor(
    readonly target: DocTarget,
    readonly def: DocKind,
    private readonly store: UpdateStore,
    private readonly limits: CollabLimits,
    private readonly onEmpty: (room: Room) => void,
    private readonly fanout: Fanout | null = null,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) this.effective = update;
      else if (origin === REMOTE_ORIGIN) this.remoteEffective = update;
    });
    const project = def.project;
    this.projection = project
      ? new ProjectionScheduler(() => project(this.doc, this.target), limits.projectionDebounceMs, target.docName)
      : null;
    this.ready = this.load();
  }

  get docName(): string {
    return this.target.docName;
  }

  get refs(): number {
    return this.conns.size + this.holds;
  }

  private async load(): Promise<void> {
    // Subscribe before reading the database: an update logged after the read is then heard.
    if (this.fanout) this.unsubscribe = await this.fanout.subscribe(this.docName, this.fanoutListener);
    let stored;
    try {
      stored = await this.store.load(this.docName);
    } catch (err) {
      this.unsubscribe?.();
      this.unsubscribe = null;
      throw err;
    }
    // One transaction, one update at a time: far faster than Y.mergeUpdates over a long log.
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, "load");
      for (const update of stored.updates) Y.applyUpdate(this.doc, update, "load");
    }, "load");
    this.lastSeq = stored.lastSeq;
    this.logCount = stored.updates.length;
    this.logBytes = stored.logBytes;
    this.loaded = true;
    // Heard from other instances while loading: applied now (Yjs ignores what the load brought).
    if (this.pendingRemote.length > 0 || this.pendingRemoteAwareness.length > 0) this.scheduleFlush();
  }

  // ---- other instances ---------------------------------------------------------------------

  private readonly fanoutListener: FanoutListener = {
    update: (update) => {
      if (this.unloaded) return;
      this.pendingRemote.push(update);
      this.scheduleFlush();
    },
    awareness: (update) => {
      if (this.unloaded) return;
      this.pendingRemoteAwareness.push(update);
      this.scheduleFlush();
    },
    resync: () => void this.resync(),
  };

  /** Applies what other instances logged (from Redis) and sends the difference to this room's connections. */
  private flushRemote(): void {
    if (this.pendingRemote.length === 0) return;
    const batch = this.pendingRemote;
    this.pendingRemote = [];
    this.applyRemote(batch);
  }

  private applyRemote(updates: Uint8Array[]): void {
    this.remoteEffective = null;
    try {
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
      }, REMOTE_ORIGIN);
    } catch (err) {
      // Malformed bytes from another instance: the database is the truth, so catch up from it.
      console.error(`[collab] applying a remote update on ${this.docName} failed; resyncing from the database`, err);
      void this.resync();
      return;
    }
    const effective = this.remoteEffective as Uint8Array | null;
    this.remoteEffective = null;
    if (!effective) return;
    this.broadcast(encodeUpdate(effective));
    this.projection?.touch();
  }

  /**
   * Catches up from the database: reads snapshot + log and applies them (Yjs ignores what the doc
   * has), broadcasting the difference. Runs after a Redis outage and when another instance asks;
   * concurrent requests coalesce into one more run.
   */
  resync(): Promise<void> {
    if (this.resyncing) {
      this.resyncAgain = true;
      return this.resyncing;
    }
    this.resyncing = (async () => {
      try {
        await this.ready;
        do {
          this.resyncAgain = false;
          if (this.unloaded || this.broken) return;
          const stored = await this.store.load(this.docName);
          if (this.unloaded || this.broken) return;
          const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
          if (updates.length > 0) this.applyRemote(updates);
        } while (this.resyncAgain);
      } catch (err) {
        console.error(`[collab] resync of ${this.docName} from the database failed:`, err);
      } finally {
        this.resyncing = null;
      }
    })();
    return this.resyncing;
  }

  // ---- connections -------------------------------------------------------------------------

  /** Adds a connection once the doc is loaded; frames it sent meanwhile are replayed in order. */
  join(conn: CollabConnection): void {
    this.conns.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    conn.attach((data) => this.receive(conn, data));
  }

  leave(conn: CollabConnection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
      this.scheduleFlush();
    }
    if (this.refs === 0) this.onEmpty(this);
  }

  receive(conn: CollabConnection, data: Uint8Array): void {
    if (!conn.isOpen) return;
    if (!conn.allowMessage()) {
      console.warn(`[collab] conn ${conn.id} on ${this.docName} exceeded ${this.limits.maxMessagesPerSec} messages/s: closing`);
      conn.close(CLOSE.rateLimited, "message rate exceeded");
      return;
    }
    let message;
    try {
      message = decodeMessage(data);
    } catch (err) {
      const why = err instanceof MalformedMessage ? err.message : String(err);
      console.warn(`[collab] malformed frame from conn ${conn.id} on ${this.docName} (${why}): closing`);
      conn.close(CLOSE.malformed, "malformed message");
      return;
    }
    switch (message.type) {
      case "sync-step-1": {
        const reply = () => conn.send(encodeSyncStep2(this.doc, message.stateVector));
        if (this.inflight) this.afterInflight.push(reply);
        else reply();
        return;
      }
      case "update":
        // Read-only connections still sync and show presence; their changes are dropped here.
        if (conn.readOnly || isEmptyUpdate(message.update)) return;
        this.pendingUpdates.push({ conn, update: message.update });
        this.scheduleFlush();
        return;
      case "awareness":
        this.pendingAwareness.push({ conn, update: message.update });
        this.scheduleFlush();
        return;
      case "query-awareness": {
        const states = this.awareness.getStates();
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
        return;
      }
    }
  }

  /** A change decided on the server (restore, import, seed): logged then broadcast like a client's. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingUpdates.push({ conn: null, update });
      this.pendingWaiters.push({ resolve, reject });
      this.scheduleFlush();
    });
  }

  /** The doc's state, once everything accepted so far is in the log. */
  async durableState(): Promise<Uint8Array> {
    await this.settle();
    return Y.encodeStateAsUpdate(this.doc);
  }

  // ---- the per-turn flush ------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin instanceof CollabConnection) {
      for (const id of added) origin.awarenessClients.add(id);
      for (const id of updated) origin.awarenessClients.add(id);
      for (const id of removed) origin.awarenessClients.delete(id);
    }
    for (const id of added) this.awarenessChanged.add(id);
    for (const id of updated) this.awarenessChanged.add(id);
    for (const id of removed) this.awarenessChanged.add(id);
    // Heard from another instance, or timed out here (every instance times states out itself): not published.
    if (this.fanout && origin !== REMOTE_ORIGIN && origin !== "timeout") {
      for (const id of added) this.awarenessToPublish.add(id);
      for (const id of updated) this.awarenessToPublish.add(id);
      for (const id of removed) this.awarenessToPublish.add(id);
    }
  };

  private flushAwareness(): void {
    const batch = this.pendingAwareness;
    this.pendingAwareness = [];
    for (const { conn, update } of batch) {
      if (!this.conns.has(conn)) continue;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    }
    if (this.loaded && this.pendingRemoteAwareness.length > 0) {
      const remote = this.pendingRemoteAwareness;
      this.pendingRemoteAwareness = [];
      for (const update of remote) {
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
        } catch (err) {
          console.warn(`[collab] malformed remote awareness on ${this.docName} ignored:`, err);
        }
      }
    }
    if (this.awarenessToPublish.size > 0) {
      const ids = [...this.awarenessToPublish];
      this.awarenessToPublish.clear();
      this.fanout?.publish(this.docName, "awareness", awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    }
    if (this.awarenessChanged.size === 0) return;
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessChanged]));
    this.awarenessChanged.clear();
    this.broadcast(frame);
  }

  private flush(): void {
    if (this.unloaded) return;
    if (this.loaded) this.flushRemote();
    this.flushAwareness();
    if (this.inflight || this.broken || this.pendingUpdates.length === 0) return;
    const batch = this.pendingUpdates;
    const waiters = this.pendingWaiters;
    this.pendingUpdates = [];
    this.pendingWaiters = [];

    this.effective = null;
    try {
      this.doc.transact(() => {
        for (const { update } of batch) Y.applyUpdate(this.doc, update, this);
      }, this);
    } catch (err) {
      this.fail(err, waiters);
      return;
    }
    const effective = this.effective as Uint8Array | null;
    this.effective = null;
    if (!effective) {
      // Nothing new (a client re-sent what the room already had).
      for (const w of waiters) w.resolve();
      return;
    }
    let appended: number | Promise<number>;
    try {
      appended = this.store.append(this.docName, effective);
    } catch (err) {
      this.fail(err, waiters);
      return;
    }
    if (typeof appended === "number") {
      this.committed(appended, effective, waiters);
      return;
    }
    this.inflight = appended.then(
      (seq) => this.committed(seq, effective, waiters),
      (err) => this.fail(err, waiters),
    );
    void this.inflight.finally(() => this.inflightDone());
  }

  private inflightDone(): void {
    this.inflight = null;
    const replies = this.afterInflight;
    this.afterInflight = [];
    for (const reply of replies) reply();
    if (this.pendingUpdates.length > 0) this.scheduleFlush();
  }

  private committed(seq: number, effective: Uint8Array, waiters: Waiter[]): void | Promise<void> {
    this.lastSeq = seq;
    this.logCount += 1;
    this.logBytes += effective.byteLength;
    this.broadcast(encodeUpdate(effective));
    // Published at the same point as the local broadcast: it is in the log already.
    this.fanout?.publish(this.docName, "update", effective);
    for (const w of waiters) w.resolve();
    this.projection?.touch();
    if (this.logCount >= this.limits.compactUpdates || this.logBytes >= this.limits.compactBytes) return this.compact();
  }

  /** The append failed: the doc in memory is ahead of the log, so drop it; clients resync. */
  private fail(err: unknown, waiters: Waiter[]): void {
    console.error(`[collab] could not apply or log an update on ${this.docName}: closing the room`, err);
    this.broken = true;
    for (const w of waiters) w.reject(err);
    for (const conn of this.conns) conn.close(CLOSE.internal, "storage failure");
  }

  private broadcast(frame: Uint8Array): void {
    for (const conn of this.conns) conn.send(frame);
  }

  // ---- compaction, settling, unloading -----------------------------------------------------

  /**
   * Merges the log into the snapshot (one transaction). On a store shared by several instances
   * (Postgres) the store merges the snapshot and log it reads under a lock, because this doc may
   * lack updates another instance logged that are still on their way here. Otherwise (SQLite, one
   * instance) the doc equals snapshot + log here and is written as it is.
   */
  private compact(): void | Promise<void> {
    if (this.logCount === 0) return;
    const done = () => {
      this.logCount = 0;
      this.logBytes = 0;
    };
    if (this.store.compactFromLog) return this.store.compactFromLog(this.docName).then(done);
    const state = Y.encodeStateAsUpdate(this.doc);
    const through = this.lastSeq;
    const result = this.store.compact(this.docName, state, through);
    if (result instanceof Promise) return result.then(done);
    done();
  }

  /** Resolves once no update is pending or being appended. */
  async settle(): Promise<void> {
    for (;;) {
      if (this.inflight) {
        await this.inflight.catch(() => undefined);
        continue;
      }
      if (this.pendingUpdates.length > 0 && !this.broken && !this.unloaded) {
        this.flush();
        continue;
      }
      return;
    }
  }

  /** Flushes, projects and compacts; then frees the doc. Called on unload and shutdown. */
  async unload(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.publishAwarenessRemoval();
    await this.settle();
    if (!this.broken) {
      await this.projection?.flush();
      try {
        await this.compact();
      } catch (err) {
        console.error(`[collab] compaction of ${this.docName} failed (the log stays the source of truth):`, err);
      }
    }
    this.projection?.dispose();
    this.unloaded = true;
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Shutdown with connections still open: the other instances drop their presence now, not after 30 s. */
  private publishAwarenessRemoval(): void {
    if (!this.fanout) return;
    const ids = [...this.conns].flatMap((c) => [...c.awarenessClients]).filter((id) => this.awareness.getStates().has(id));
    if (ids.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, "unload");
    this.awarenessToPublish.clear();
    this.fanout.publish(this.docName, "awareness", awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Force a compaction now (tests and tooling); waits for pending appends first. */
  async compactNow(): Promise<void> {
    await this.settle();
    await this.compact();
  }
}
