/**
 * What the log promises, against the real server: a kill -9 while clients stream edits loses
 * nothing any client had received from another; compaction and unload/reload keep the state
 * byte-for-byte; the projection writes the read model; named versions are created, listed,
 * read and restored through the room (and audited).
 */
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";
import { clearBrief, connectClient, demoProgramId, waitFor, type TestClient } from "./collab-client";

const running: RunningServer[] = [];
const clients: TestClient[] = [];

async function boot(databaseUrl?: string, env: Record<string, string> = {}) {
  const s = await startServer({ databaseUrl, env });
  running.push(s);
  const lead = (await signIn(s.url, "lead@demo.test")).cookie;
  const team = (await signIn(s.url, "team@demo.test")).cookie;
  const docName = `brief:${await demoProgramId(s.url, lead)}`;
  return { s, lead, team, docName };
}

function client(s: RunningServer, docName: string, cookie: string): TestClient {
  const c = connectClient(s.wsUrl, docName, cookie);
  clients.push(c);
  return c;
}

/** The canonical bytes of a state: applied to a fresh doc, encoded again. */
function canonical(state: Uint8Array): Uint8Array {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return Y.encodeStateAsUpdate(d);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of running.splice(0)) await s.stop();
});

describe("durability", () => {
  it("kill -9 while two clients stream updates: every update either had received from the other survives", async () => {
    const { s, lead, team, docName } = await boot();
    const a = client(s, docName, lead);
    const b = client(s, docName, team);
    await Promise.all([a.synced, b.synced]);
    let n = 0;
    const stream = setInterval(() => {
      n++;
      a.doc.getArray<string>("kill-a").push([`a${n}`]);
      b.doc.getArray<string>("kill-b").push([`b${n}`]);
    }, 2);
    await waitFor(() => b.doc.getArray("kill-a").length >= 200 && a.doc.getArray("kill-b").length >= 200, "streaming");
    await s.kill();
    clearInterval(stream);
    // What each client had received from the other when the server died.
    const bSawFromA = b.doc.getArray<string>("kill-a").toArray();
    const aSawFromB = a.doc.getArray<string>("kill-b").toArray();
    a.destroy();
    b.destroy(); // they must not re-upload their state into the restarted server

    const again = await boot(s.databaseUrl);
    const fresh = client(again.s, docName, again.lead);
    await fresh.synced;
    const afterA = fresh.doc.getArray<string>("kill-a").toArray();
    const afterB = fresh.doc.getArray<string>("kill-b").toArray();
    expect(bSawFromA.length).toBeGreaterThanOrEqual(200);
    expect(afterA.slice(0, bSawFromA.length)).toEqual(bSawFromA);
    expect(afterB.slice(0, aSawFromB.length)).toEqual(aSawFromB);
  });

  it("compaction and unload/reload keep the state byte-for-byte equal", async () => {
    const { s, lead, docName } = await boot(undefined, { COLLAB_COMPACT_UPDATES: "7", COLLAB_IDLE_UNLOAD_MS: "0" });
    const a = client(s, docName, lead);
    await a.synced;
    for (let i = 0; i < 40; i++) {
      a.doc.getText("ambition").insert(a.doc.getText("ambition").length, `w${i} `);
      if (i % 5 === 0) a.doc.getText("ambition").delete(0, 2);
      a.doc.getMap("meta").set(`k${i % 3}`, i);
      await new Promise((r) => setImmediate(r));
    }
    const observer = client(s, docName, lead);
    await waitFor(() => observer.doc.getText("ambition").toString() === a.doc.getText("ambition").toString(), "observer caught up");
    await observer.synced;
    const expected = canonical(Y.encodeStateAsUpdate(a.doc));
    observer.destroy();
    a.destroy();

    const handle = openDatabase(s.databaseUrl);
    try {
      // Unload after idle compacts everything into the snapshot.
      await waitFor(async () => {
        const left = await handle.db.selectFrom("doc_updates").select("seq").where("doc_name", "=", docName).execute();
        const snap = await handle.db.selectFrom("doc_snapshots").select("doc_name").where("doc_name", "=", docName).executeTakeFirst();
        return left.length === 0 && !!snap;
      }, "compaction on unload");
    } finally {
      await handle.close();
    }
    const reloaded = client(s, docName, lead);
    await reloaded.synced;
    expect(canonical(Y.encodeStateAsUpdate(reloaded.doc))).toEqual(expected);

    // And after a restart (the room loads from the snapshot alone).
    const again = await boot(s.databaseUrl);
    const afterRestart = client(again.s, docName, again.lead);
    await afterRestart.synced;
    expect(canonical(Y.encodeStateAsUpdate(afterRestart.doc))).toEqual(expected);
  });
});

describe("projection and history", () => {
  it("projects the brief into program_briefs", async () => {
    const { s, lead, docName } = await boot();
    const a = client(s, docName, lead);
    await a.synced;
    clearBrief(a.doc);
    a.doc.transact(() => {
      a.doc.getText("ambition").insert(0, "Be the easiest bank to call");
      a.doc.getText("customers_scope").insert(0, "Retail customers, all channels");
    });
    const handle = openDatabase(s.databaseUrl);
    try {
      const programId = docName.slice("brief:".length);
      await waitFor(async () => {
        const row = await handle.db.selectFrom("program_briefs").selectAll().where("program_id", "=", programId).executeTakeFirst();
        return row?.ambition === "Be the easiest bank to call" && row.customers_scope === "Retail customers, all channels";
      }, "projection row");
    } finally {
      await handle.close();
    }
  });

  it("creates, lists, reads and restores named versions; viewers may list but not create", async () => {
    const { s, lead, docName } = await boot();
    const viewer = (await signIn(s.url, "viewer@demo.test")).cookie;
    const a = client(s, docName, lead);
    const watcher = client(s, docName, viewer);
    await Promise.all([a.synced, watcher.synced]);
    clearBrief(a.doc);
    a.doc.getText("ambition").insert(0, "Workshop outcome v1");
    await waitFor(() => watcher.doc.getText("ambition").toString() === "Workshop outcome v1", "edit reached viewer");

    const api = `${s.url}/api/v1/docs/${encodeURIComponent(docName)}/versions`;
    const post = (cookie: string, body: unknown) =>
      fetch(api, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post(viewer, { name: "nope" })).status).toBe(403);
    expect((await post(lead, { name: "" })).status).toBe(422);
    const created = await post(lead, { name: "After workshop 1" });
    expect(created.status).toBe(201);
    const { version } = (await created.json()) as { version: { id: string; name: string } };

    a.doc.getText("ambition").delete(0, a.doc.getText("ambition").length);
    a.doc.getText("ambition").insert(0, "Something else entirely");
    await waitFor(() => watcher.doc.getText("ambition").toString() === "Something else entirely", "second edit");

    const list = (await (await fetch(api, { headers: { cookie: viewer } })).json()) as { versions: { id: string; name: string }[] };
    expect(list.versions.map((v) => v.name)).toEqual(["After workshop 1"]);
    const read = (await (await fetch(`${api}/${version.id}`, { headers: { cookie: viewer } })).json()) as { state: string };
    const old = new Y.Doc();
    Y.applyUpdate(old, Buffer.from(read.state, "base64"));
    expect(old.getText("ambition").toString()).toBe("Workshop outcome v1");

    expect((await fetch(`${api}/${version.id}/restore`, { method: "POST", headers: { cookie: viewer } })).status).toBe(403);
    expect((await fetch(`${api}/${crypto.randomUUID()}/restore`, { method: "POST", headers: { cookie: lead } })).status).toBe(404);
    const restored = await fetch(`${api}/${version.id}/restore`, { method: "POST", headers: { cookie: lead } });
    expect(restored.status).toBe(200);
    // The restore reaches live clients as a new change.
    await waitFor(() => watcher.doc.getText("ambition").toString() === "Workshop outcome v1", "restore broadcast");
    await waitFor(() => a.doc.getText("ambition").toString() === "Workshop outcome v1", "restore reached editor");

    const handle = openDatabase(s.databaseUrl);
    try {
      const audits = await handle.db.selectFrom("audit_log").select(["action", "entity_type"]).where("entity_type", "=", "doc_version").execute();
      expect(audits.map((r) => r.action).sort()).toEqual(["create", "restore"]);
    } finally {
      await handle.close();
    }
  });
});
