/**
 * The rooms of this process: one per loaded document, shared by every connection to it
 * (one load per doc name), reference-counted, unloaded (flushed, projected, compacted) after
 * an idle period, and all unloaded on shutdown. With fan-out, each room also listens to (and
 * publishes on) its doc's channel while it is loaded.
 */
import { CollabConnection } from "./connection";
import type { Fanout } from "./fanout";
import type { CollabLimits } from "./limits";
import type { UpdateStore } from "./persistence";
import type { DocKind, DocTarget } from "./registry";
import { Room } from "./room";

export class RoomHub {
  private readonly rooms = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: UpdateStore,
    private readonly limits: CollabLimits,
    private readonly fanout: Fanout | null = null,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  connections(): CollabConnection[] {
    return [...this.rooms.values()].flatMap((r) => [...r.conns]);
  }

  /** The loaded room of a doc, creating (and loading) it if needed. Waits for a previous unload. */
  private async roomFor(target: DocTarget, def: DocKind): Promise<Room> {
    if (this.closed) throw new Error("collaboration server is shutting down");
    for (;;) {
      const pending = this.unloading.get(target.docName);
      if (!pending) break;
      await pending;
    }
    let room = this.rooms.get(target.docName);
    if (!room || room.broken) {
      room = new Room(target, def, this.store, this.limits, (r) => this.onEmpty(r), this.fanout);
      this.rooms.set(target.docName, room);
      room.ready.catch((err) => {
        console.error(`[collab] loading ${target.docName} failed:`, err);
        if (this.rooms.get(target.docName) === room) this.rooms.delete(target.docName);
      });
    }
    this.cancelIdle(target.docName);
    return room;
  }

  /** Puts a connection in its doc's room; frames it sends meanwhile are buffered, not lost. */
  async connect(conn: CollabConnection, def: DocKind): Promise<void> {
    const room = await this.roomFor(conn.identity.target, def);
    room.conns.add(conn); // counts as a reference while loading
    try {
      await room.ready;
    } catch (err) {
      room.conns.delete(conn);
      throw err;
    }
    room.conns.delete(conn);
    if (!conn.isOpen) {
      if (room.refs === 0) this.onEmpty(room);
      return;
    }
    room.join(conn);
    conn.ws.on("close", () => room.leave(conn));
  }

  /** Runs `fn` with the doc's room loaded and held (server-side reads and changes). */
  async withRoom<T>(target: DocTarget, def: DocKind, fn: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.roomFor(target, def);
    room.holds += 1;
    try {
      await room.ready;
      return await fn(room);
    } finally {
      room.holds -= 1;
      if (room.refs === 0) this.onEmpty(room);
    }
  }

  private onEmpty(room: Room): void {
    if (this.closed || this.rooms.get(room.docName) !== room) return;
    this.cancelIdle(room.docName);
    const timer = setTimeout(() => void this.unload(room), this.limits.idleUnloadMs);
    this.idleTimers.set(room.docName, timer);
  }

  private cancelIdle(docName: string): void {
    const timer = this.idleTimers.get(docName);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(docName);
  }

  private async unload(room: Room): Promise<void> {
    this.idleTimers.delete(room.docName);
    if (room.refs > 0 || this.rooms.get(room.docName) !== room) return;
    this.rooms.delete(room.docName);
    const done = room
      .unload()
      .catch((err) => console.error(`[collab] unloading ${room.docName} failed:`, err))
      .finally(() => this.unloading.delete(room.docName));
    this.unloading.set(room.docName, done);
    await done;
  }

  /** The loaded room of a doc name, if any (tests and tooling). */
  loaded(docName: string): Room | undefined {
    return this.rooms.get(docName);
  }

  /** Shutdown: every room flushed, projected, compacted and freed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all([...this.unloading.values(), ...rooms.map((r) => r.unload().catch((err) => console.error(err)))]);
  }
}
