/**
 * Test clients for the collaboration socket: the stock y-websocket WebsocketProvider in Node,
 * with `ws` as its WebSocket and the session cookie passed as a header.
 */
import { BRIEF_FIELDS } from "../../app/models/brief";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

export function webSocketWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

export function connectClient(wsUrl: string, docName: string, cookie: string, headers: Record<string, string> = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, docName, doc, {
    WebSocketPolyfill: webSocketWithHeaders({ cookie, ...headers }) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` holds (the test's own timeout bounds the wait; no timing is asserted). */
export async function waitFor(check: () => boolean | Promise<boolean>, what = "condition"): Promise<void> {
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (i > 2000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens a raw socket; resolves with the HTTP status of a refused upgrade, or 101 when it opened. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

/** Opens a raw socket and resolves when it is open. */
export function openRaw(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => resolve(ws));
    ws.on("error", reject);
  });
}

export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
    ws.on("close", (code) => resolve(code));
  });
}

export async function demoProgramId(baseUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/programs`, { headers: { cookie } });
  const body = (await res.json()) as { programs: { id: string }[] };
  if (!body.programs[0]) throw new Error("no demo program");
  return body.programs[0].id;
}

/** A user in no organisation with a live session, written straight into the server's database. */
export async function createOutsiderSession(databaseUrl: string): Promise<string> {
  const { createHash, randomBytes } = await import("node:crypto");
  const { openDatabase } = await import("../../db/dialect");
  const handle = openDatabase(databaseUrl);
  try {
    const id = crypto.randomUUID();
    const token = randomBytes(32).toString("base64url");
    const now = new Date();
    await handle.db
      .insertInto("users")
      .values({ id, email: `outsider-${id}@example.test`, name: "Outsider", password_hash: "x", locale: null, active_org_id: null, created_at: now.toISOString() })
      .execute();
    await handle.db
      .insertInto("sessions")
      .values({
        id: createHash("sha256").update(token).digest("hex"),
        user_id: id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 3600_000).toISOString(),
        user_agent: null,
      })
      .execute();
    return token;
  } finally {
    await handle.close();
  }
}

/** Empties every field of a program brief (the demo seeds it with content) from this client. */
export function clearBrief(doc: Y.Doc): void {
  doc.transact(() => {
    for (const field of BRIEF_FIELDS) {
      const text = doc.getText(field);
      if (text.length > 0) text.delete(0, text.length);
    }
  });
}
