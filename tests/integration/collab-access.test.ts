/**
 * Access is re-checked while connected: a member downgraded to viewer stops being able to change
 * the doc, and a member removed from the program is disconnected (4403).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";
import { connectClient, demoProgramId, waitFor, type TestClient } from "./collab-client";

let server: RunningServer;
let handle: DbHandle;
let programId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startServer({ env: { COLLAB_ACCESS_RECHECK_MS: "200" } });
  handle = openDatabase(server.databaseUrl);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await handle?.close();
  await server?.stop();
});

async function userId(email: string): Promise<string> {
  return (await handle.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

it("a downgraded member becomes read-only and a removed member is disconnected, while connected", async () => {
  const lead = (await signIn(server.url, "lead@demo.test")).cookie;
  const team = (await signIn(server.url, "team@demo.test")).cookie;
  programId = await demoProgramId(server.url, lead);
  const docName = `brief:${programId}`;
  const observer = connectClient(server.wsUrl, docName, lead);
  const member = connectClient(server.wsUrl, docName, team);
  clients.push(observer, member);
  await Promise.all([observer.synced, member.synced]);

  member.doc.getText("ambition").insert(0, "before-downgrade ");
  await waitFor(() => observer.doc.getText("ambition").toString().includes("before-downgrade"), "edit before downgrade");

  const teamId = await userId("team@demo.test");
  await handle.db.updateTable("program_members").set({ role: "viewer" }).where("program_id", "=", programId).where("user_id", "=", teamId).execute();
  await waitFor(() => server.output().includes("is now read-only"), "downgrade noticed");
  member.doc.getText("ambition").insert(0, "after-downgrade ");
  member.provider.awareness.setLocalStateField("marker", "sent-after-downgrade");
  await waitFor(() => [...observer.provider.awareness.getStates().values()].some((s) => s.marker === "sent-after-downgrade"), "marker");
  const fresh = connectClient(server.wsUrl, docName, lead);
  clients.push(fresh);
  await fresh.synced;
  expect(fresh.doc.getText("ambition").toString()).toContain("before-downgrade");
  expect(fresh.doc.getText("ambition").toString()).not.toContain("after-downgrade");

  const closed = new Promise<number>((resolve) => member.provider.on("connection-close", (e: CloseEvent | null) => resolve(e?.code ?? -1)));
  await handle.db.deleteFrom("program_members").where("program_id", "=", programId).where("user_id", "=", teamId).execute();
  expect(await closed).toBe(4403);
});
