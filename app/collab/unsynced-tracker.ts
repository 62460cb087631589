/**
 * Counts local changes the server has not confirmed. The server sends every accepted update back
 * to every connection (the sender included) only after logging it, so a local change is confirmed
 * once an update from the server carries this client's clock up to that change's end. A change
 * that only deletes does not move the clock: it is confirmed once an update from the server
 * deletes everything it deleted (or, failing that, at the next full sync).
 */
import * as Y from "yjs";

/** Deleted ranges: client id → [start, end) clock intervals. */
type Ranges = Map<number, [number, number][]>;

interface Pending {
  clock: number;
  deletes: Ranges | null;
}

function deleteRanges(update: Uint8Array): Ranges {
  const out: Ranges = new Map();
  for (const [client, items] of Y.decodeUpdate(update).ds.clients) {
    out.set(
      client,
      items.map((i) => [i.clock, i.clock + i.len]),
    );
  }
  return out;
}

/** Whether every range in `needed` lies inside the union of `have`. */
function covered(needed: Ranges, have: Ranges): boolean {
  for (const [client, ranges] of needed) {
    const got = (have.get(client) ?? []).slice().sort((a, b) => a[0] - b[0]);
    for (const [start, end] of ranges) {
      let at = start;
      for (const [s, e] of got) {
        if (s > at) break;
        if (e > at) at = e;
        if (at >= end) break;
      }
      if (at < end) return false;
    }
  }
  return true;
}

export class UnsyncedTracker {
  private pending: Pending[] = [];
  private acked = 0;

  constructor(private readonly doc: Y.Doc) {}

  get count(): number {
    return this.pending.length;
  }

  /** A local transaction ended with `update`: remember what the server must confirm. */
  local(clockBefore: number, update: Uint8Array): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.pending.push({ clock, deletes: clock === clockBefore ? deleteRanges(update) : null });
  }

  /** An update arrived from the server. */
  remote(update: Uint8Array): void {
    if (this.pending.length === 0) return;
    const mine = Y.parseUpdateMeta(update).to.get(this.doc.clientID);
    if (mine !== undefined && mine > this.acked) this.acked = mine;
    const deleted = this.pending.some((p) => p.deletes) ? deleteRanges(update) : null;
    this.pending = this.pending.filter((p) => (p.deletes ? !covered(p.deletes, deleted!) : p.clock > this.acked));
  }

  /** A full sync with the server completed: everything sent before it has been delivered. */
  synced(): void {
    this.pending = this.pending.filter((p) => !p.deletes && p.clock > this.acked);
  }
}
