/**
 * Counts local changes the server has not confirmed. The server sends every accepted update back
 * to every connection (the sender included) only after logging it, so a local change is confirmed
 * once an update from the server carries this client's clock up to that change's end.
 * A change that only deletes does not move the clock; it counts as confirmed once synced again.
 */
import * as Y from "yjs";

export class UnsyncedTracker {
  private pending: { clock: number; deleteOnly: boolean }[] = [];
  private acked = 0;

  constructor(private readonly doc: Y.Doc) {}

  get count(): number {
    return this.pending.length;
  }

  /** A local transaction ended: remember where this client's clock stands. */
  local(clockBefore: number): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.pending.push({ clock, deleteOnly: clock === clockBefore });
  }

  /** An update arrived from the server. */
  remote(update: Uint8Array): void {
    const mine = Y.parseUpdateMeta(update).to.get(this.doc.clientID);
    if (mine === undefined || mine <= this.acked) return;
    this.acked = mine;
    this.pending = this.pending.filter((p) => p.deleteOnly || p.clock > this.acked);
  }

  /** A full sync with the server completed: everything sent before it has been delivered. */
  synced(): void {
    this.pending = this.pending.filter((p) => !p.deleteOnly && p.clock > this.acked);
  }
}
