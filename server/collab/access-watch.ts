/**
 * Re-checks the access of every open connection every few seconds, so a member who is removed
 * (or whose session ends) is disconnected, and one who is downgraded becomes read-only, within
 * seconds. One check per (session, doc) pair, however many sockets share it.
 */
import { recheckAccess } from "./auth";
import type { CollabConnection } from "./connection";
import type { RoomHub } from "./hub";
import { CLOSE } from "./limits";
import { docKind } from "./registry";

export class AccessWatch {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly hub: RoomHub, private readonly intervalMs: number) {}

  start(): void {
    this.timer = setInterval(() => void this.checkAll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async checkAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const groups = new Map<string, CollabConnection[]>();
      for (const conn of this.hub.connections()) {
        const key = `${conn.identity.token}\u0000${conn.identity.target.docName}`;
        const list = groups.get(key);
        if (list) list.push(conn);
        else groups.set(key, [conn]);
      }
      for (const conns of groups.values()) {
        const { token, target } = conns[0].identity;
        const def = docKind(target.kind);
        const access = def ? await recheckAccess(token, target, def).catch(() => undefined) : null;
        if (access === undefined) continue; // database hiccup: keep the current rights, try again next round
        for (const conn of conns) {
          if (!access) {
            console.log(`[collab] conn ${conn.id} (user ${conn.identity.userId}) lost access to ${target.docName}: closing`);
            conn.close(CLOSE.forbidden, "access revoked");
          } else if (conn.readOnly === access.canEdit) {
            conn.readOnly = !access.canEdit;
            console.log(`[collab] conn ${conn.id} on ${target.docName} is now ${conn.readOnly ? "read-only" : "editable"}`);
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
