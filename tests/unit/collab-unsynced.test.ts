/** The "N unsynced changes" count: a change counts until the server's echo confirms it. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { UnsyncedTracker } from "../../app/collab/unsynced-tracker";

/** A client doc with a tracker, and a server doc that echoes what it applied (as the room does). */
function setup() {
  const client = new Y.Doc();
  const server = new Y.Doc();
  const tracker = new UnsyncedTracker(client);
  const sent: Uint8Array[] = [];
  client.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin === "server") return;
    sent.push(u);
  });
  const change = (fn: () => void) => {
    const before = Y.getState(client.store, client.clientID);
    const n = sent.length;
    client.transact(fn);
    for (const u of sent.slice(n)) tracker.local(before, u);
  };
  /** The server applies everything sent so far and echoes the effective update. */
  const serverEcho = (): Uint8Array | null => {
    let echo: Uint8Array | null = null;
    server.once("update", (u: Uint8Array) => (echo = u));
    server.transact(() => {
      for (const u of sent.splice(0)) Y.applyUpdate(server, u);
    });
    if (echo) Y.applyUpdate(client, echo, "server");
    return echo;
  };
  return { client, server, tracker, change, serverEcho };
}

describe("unsynced changes", () => {
  it("counts an insert until the server echoes it", () => {
    const { client, tracker, change, serverEcho } = setup();
    change(() => client.getText("t").insert(0, "hello"));
    change(() => client.getText("t").insert(5, " world"));
    expect(tracker.count).toBe(2);
    tracker.remote(serverEcho()!);
    expect(tracker.count).toBe(0);
  });

  it("counts a change that only deletes until the server's echo deletes the same", () => {
    const { client, tracker, change, serverEcho } = setup();
    change(() => client.getText("t").insert(0, "hello world"));
    tracker.remote(serverEcho()!);
    change(() => client.getText("t").delete(0, 6));
    expect(tracker.count).toBe(1);
    // An unrelated update from someone else does not confirm it.
    const other = new Y.Doc();
    other.getText("x").insert(0, "elsewhere");
    tracker.remote(Y.encodeStateAsUpdate(other));
    expect(tracker.count).toBe(1);
    tracker.remote(serverEcho()!);
    expect(tracker.count).toBe(0);
  });

  it("a full sync confirms what no echo did", () => {
    const { client, tracker, change } = setup();
    change(() => client.getText("t").insert(0, "x"));
    expect(tracker.count).toBe(1);
    tracker.remote(Y.encodeStateAsUpdate(client));
    tracker.synced();
    expect(tracker.count).toBe(0);
  });
});
