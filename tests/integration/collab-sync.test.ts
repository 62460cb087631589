/**
 * The collaboration socket against the real server: stock y-websocket clients interoperate and
 * converge, late joiners get the full state, read-only roles cannot change anything, upgrades are
 * authorised, and bad frames close only their own connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { signIn, startServer, type RunningServer } from "../helpers/server";
import { clearBrief, closeCode, connectClient, createOutsiderSession, demoProgramId, openRaw, upgradeStatus, waitFor, type TestClient } from "./collab-client";

let server: RunningServer;
let lead: string;
let team: string;
let viewer: string;
let frontline: string;
let docName: string;
const clients: TestClient[] = [];

function client(cookie: string, name = docName): TestClient {
  const c = connectClient(server.wsUrl, name, cookie);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_MAX_FRAME_BYTES: String(64 * 1024), COLLAB_MAX_MESSAGES_PER_SEC: "50" } });
  [lead, team, viewer, frontline] = (
    await Promise.all(["lead", "team", "viewer", "frontline"].map((u) => signIn(server.url, `${u}@demo.test`)))
  ).map((s) => s.cookie);
  docName = `brief:${await demoProgramId(server.url, lead)}`;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe("sync", () => {
  it("two stock y-websocket clients converge and a late joiner gets the full state", async () => {
    const a = client(lead);
    const b = client(team);
    await Promise.all([a.synced, b.synced]);
    clearBrief(a.doc);
    await waitFor(() => b.doc.getText("constraints").length === 0 && b.doc.getText("ambition").length === 0, "cleared brief");
    a.doc.getText("ambition").insert(0, "Delight every caller. ");
    b.doc.getText("constraints").insert(0, "Budget 2M.");
    b.doc.getText("ambition").insert(0, "[team] ");
    await waitFor(
      () => a.doc.getText("constraints").toString() === "Budget 2M." && b.doc.getText("ambition").length === a.doc.getText("ambition").length && a.doc.getText("ambition").toString().includes("[team]"),
      "convergence",
    );
    expect(a.doc.getText("ambition").toString()).toBe(b.doc.getText("ambition").toString());
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

    const late = client(viewer);
    await late.synced;
    expect(late.doc.getText("ambition").toString()).toBe(a.doc.getText("ambition").toString());
    expect(late.doc.getText("constraints").toString()).toBe("Budget 2M.");
  });

  it("presence (awareness) reaches the other clients, including from read-only users", async () => {
    const a = client(lead);
    const v = client(viewer);
    await Promise.all([a.synced, v.synced]);
    v.provider.awareness.setLocalStateField("user", { name: "Viewer V" });
    await waitFor(() => [...a.provider.awareness.getStates().values()].some((s) => s.user?.name === "Viewer V"), "viewer presence");
  });

  it("drops a viewer's (and a frontline member's) updates: never stored, never broadcast", async () => {
    const editor = client(lead);
    const v = client(viewer);
    const f = client(frontline);
    await Promise.all([editor.synced, v.synced, f.synced]);
    v.doc.getText("team_agreements").insert(0, "VIEWER-WAS-HERE");
    f.doc.getText("team_agreements").insert(0, "FRONTLINE-WAS-HERE");
    // Awareness sent after the update on the same socket: once the editor sees it, the server has
    // handled the update frames that came before it.
    v.provider.awareness.setLocalStateField("marker", "after-viewer-edit");
    f.provider.awareness.setLocalStateField("marker", "after-frontline-edit");
    await waitFor(() => {
      const markers = [...editor.provider.awareness.getStates().values()].map((s) => s.marker);
      return markers.includes("after-viewer-edit") && markers.includes("after-frontline-edit");
    }, "markers");
    const fresh = client(team);
    await fresh.synced;
    for (const c of [editor, fresh]) {
      expect(c.doc.getText("team_agreements").toString()).not.toContain("VIEWER-WAS-HERE");
      expect(c.doc.getText("team_agreements").toString()).not.toContain("FRONTLINE-WAS-HERE");
    }
    // The viewer still receives the editors' changes.
    editor.doc.getText("success_measures").insert(0, "NPS +10");
    await waitFor(() => v.doc.getText("success_measures").toString().includes("NPS +10"), "viewer receives edits");
  });
});

describe("upgrade authorisation", () => {
  const url = () => `${server.wsUrl}/collab/${docName}`;

  it("answers 401 without a session or with an invalid one", async () => {
    expect(await upgradeStatus(url(), {})).toBe(401);
    expect(await upgradeStatus(url(), { cookie: "cx_session=forged" })).toBe(401);
    expect(await upgradeStatus(url(), { authorization: "Bearer not-a-token" })).toBe(401);
  });

  it("answers 403 for a foreign Origin and 101 for the app's own", async () => {
    expect(await upgradeStatus(url(), { cookie: lead, origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(url(), { cookie: lead, origin: server.url })).toBe(101);
  });

  it("answers 404 for an unknown kind, a malformed name or a missing artefact", async () => {
    expect(await upgradeStatus(`${server.wsUrl}/collab/nonsense:abc`, { cookie: lead })).toBe(404);
    expect(await upgradeStatus(`${server.wsUrl}/collab/brief:${crypto.randomUUID()}`, { cookie: lead })).toBe(404);
    expect(await upgradeStatus(`${server.wsUrl}/collab/not a doc`, { cookie: lead })).toBe(404);
    expect(await upgradeStatus(`${server.wsUrl}/elsewhere`, { cookie: lead })).toBe(404);
  });

  it("answers 403 to a signed-in user without access to the program", async () => {
    const outsider = await createOutsiderSession(server.databaseUrl);
    expect(await upgradeStatus(url(), { authorization: `Bearer ${outsider}` })).toBe(403);
  });
});

describe("limits", () => {
  it("closes an oversized frame's connection only (1009); other clients keep syncing", async () => {
    const bystander = client(lead);
    await bystander.synced;
    const big = await openRaw(`${server.wsUrl}/collab/${docName}`, { cookie: team });
    const closed = closeCode(big);
    big.send(new Uint8Array(128 * 1024));
    expect(await closed).toBe(1009);
    const other = client(team);
    await other.synced;
    bystander.doc.getText("ambition").insert(0, "after-oversized ");
    await waitFor(() => other.doc.getText("ambition").toString().startsWith("after-oversized "), "sync after oversized");
  });

  it("closes a malformed frame's connection only (4400)", async () => {
    const bystander = client(lead);
    await bystander.synced;
    for (const garbage of [
      new Uint8Array([0, 2, 5, 1, 2]), // update whose payload is truncated
      new Uint8Array([9, 9, 9]), // unknown message type
      new Uint8Array([1, 3, 1, 7, 7]), // awareness that is not valid
    ]) {
      const ws = await openRaw(`${server.wsUrl}/collab/${docName}`, { cookie: team });
      const closed = closeCode(ws);
      ws.send(garbage);
      expect(await closed).toBe(4400);
    }
    const text = await openRaw(`${server.wsUrl}/collab/${docName}`, { cookie: team });
    const closedText = closeCode(text);
    text.send("hello");
    expect(await closedText).toBe(4400);
    expect(server.output()).toMatch(/malformed frame from conn/);
    const other = client(team);
    await other.synced;
    bystander.doc.getText("ambition").insert(0, "after-malformed ");
    await waitFor(() => other.doc.getText("ambition").toString().startsWith("after-malformed "), "sync after malformed");
  });

  it("closes a connection that exceeds the message-rate cap (4429)", async () => {
    const ws = await openRaw(`${server.wsUrl}/collab/${docName}`, { cookie: team });
    const closed = closeCode(ws);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 3); // query awareness: harmless, but it counts
    const frame = encoding.toUint8Array(e);
    for (let i = 0; i < 500; i++) ws.send(frame);
    expect(await closed).toBe(4429);
  });
});
