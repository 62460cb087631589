/**
 * A room: one live document in memory, its connections and awareness.
 *
 * Work happens per event-loop turn. Incoming updates of a turn are collected; the flush applies
 * them to the doc as one transaction, appends the transaction's effective update to the log
 * (synchronously on SQLite, awaited on Postgres) and only then sends ONE merged update to every
 * connection. Awareness is batched the same way. Nothing a client sees can be missing from the
 * log, and the doc in memory never runs ahead of the log for anyone who asks for it (sync step 1
 * replies wait for an append in flight).
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
  private readonly projection: ProjectionScheduler | null;

  constructor(
    readonly target: DocTarget,
    readonly def: DocKind,
    private readonly store: UpdateStore,
    private readonly limits: CollabLimits,
    private readonly onEmpty: (room: Room) => void,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) this.effective = update;
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
    const stored = await this.store.load(this.docName);
    // One transaction, one update at a time: far faster than Y.mergeUpdates over a long log.
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, "load");
      for (const update of stored.updates) Y.applyUpdate(this.doc, update, "load");
    }, "load");
    this.lastSeq = stored.lastSeq;
    this.logCount = stored.updates.length;
    this.logBytes = stored.logBytes;
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
  };

  private flushAwareness(): void {
    const batch = this.pendingAwareness;
    this.pendingAwareness = [];
    for (const { conn, update } of batch) {
      if (!this.conns.has(conn)) continue;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    }
    if (this.awarenessChanged.size === 0) return;
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessChanged]));
    this.awarenessChanged.clear();
    this.broadcast(frame);
  }

  private flush(): void {
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

  /** Merges the log into the snapshot (one transaction). The doc equals snapshot + log here. */
  private compact(): void | Promise<void> {
    if (this.logCount === 0) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    const through = this.lastSeq;
    const done = () => {
      this.logCount = 0;
      this.logBytes = 0;
    };
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
      if (this.pendingUpdates.length > 0 && !this.broken) {
        this.flush();
        continue;
      }
      return;
    }
  }

  /** Flushes, projects and compacts; then frees the doc. Called on unload and shutdown. */
  async unload(): Promise<void> {
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
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Force a compaction now (tests and tooling); waits for pending appends first. */
  async compactNow(): Promise<void> {
    await this.settle();
    await this.compact();
  }
}
