/** GET /api/v1/programs/:programId/vision and the evidence download, against the real server. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let handle: DbHandle;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-vision-api-"));

beforeAll(async () => {
  server = await startServer({ env: { DATA_DIR: dataDir } });
  handle = openDatabase(server.databaseUrl);
});
afterAll(async () => {
  await handle?.close();
  await server?.stop();
});

async function get(p: string, cookie: string) {
  return fetch(`${server.url}${p}`, { headers: { cookie, "accept-language": "en" } });
}

describe("GET /api/v1/programs/:programId/vision", () => {
  it("answers the published vision, versions, boards and (to editors) the draft; 404 to others", async () => {
    // The demo program comes with a finished workshop: one board, a published v1 and a draft.
    const lead = await signIn(server.url, "lead@demo.test");
    const programs = (await (await get("/api/v1/programs", lead.cookie)).json()) as {
      programs: { id: string; visionBoard: { id: string; docName: string } | null }[];
    };
    const programId = programs.programs[0].id;
    const board = programs.programs[0].visionBoard;
    expect(board).not.toBeNull();
    expect(board!.docName).toBe(`vision:${board!.id}`);

    const res = await get(`/api/v1/programs/${programId}/vision`, lead.cookie);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.published.version).toBe(1);
    expect(body.published.statement.length).toBeGreaterThan(0);
    expect(body.published.standards).toHaveLength(5);
    for (const s of body.published.standards) {
      expect(Object.keys(s).sort()).toEqual(["description", "id", "measurableHint", "title"]);
    }
    expect(body.published.standards.map((s: { title: string }) => s.title)).toContain("一次解决");
    expect(body.published.publishedBy.name).toBe("周华");
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(body.boards).toHaveLength(1);
    expect(body.boards[0]).toMatchObject({ id: board!.id, docName: board!.docName, controlDocName: `vision-control:${board!.id}` });
    expect(body.draft).not.toBeNull();

    const viewer = await signIn(server.url, "viewer@demo.test");
    const forViewer = await (await get(`/api/v1/programs/${programId}/vision`, viewer.cookie)).json();
    expect(forViewer.published.version).toBe(1);
    expect(forViewer.draft).toBeNull();

    expect((await get("/api/v1/programs/no-such-program/vision", lead.cookie)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/programs/${programId}/vision`)).status).toBe(401);
  });

  it("serves evidence files with our type, nosniff and a safe Content-Disposition, only to people who can see the program", async () => {
    const lead = await signIn(server.url, "lead@demo.test");
    const first = ((await (await get("/api/v1/programs", lead.cookie)).json()) as { programs: { id: string; visionBoard: { id: string } }[] })
      .programs[0];
    const programId = first.id;
    const dir = path.join(dataDir, "uploads", programId);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "ev-1"), "编号,意见\n1,<script>alert(1)</script>\n");
    await handle.db
      .insertInto("vision_evidence")
      .values({
        id: "ev-1",
        board_id: first.visionBoard.id,
        kind: "csv",
        title: "问卷",
        url: null,
        filename: "问卷 结果.csv",
        mime: "text/csv; charset=utf-8",
        size_bytes: 10,
        storage_path: `uploads/${programId}/ev-1`,
        csv_header_json: "[]",
        csv_rows_preview_json: "[]",
        row_count: 1,
        uploaded_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const viewer = await signIn(server.url, "viewer@demo.test");
    const res = await get(`/api/v1/programs/${programId}/vision/evidence/ev-1`, viewer.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="__ __.csv"; filename*=UTF-8''%E9%97%AE%E5%8D%B7%20%E7%BB%93%E6%9E%9C.csv`);
    expect(await res.text()).toContain("<script>");
    expect((await get(`/api/v1/programs/${programId}/vision/evidence/nope`, viewer.cookie)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/programs/${programId}/vision/evidence/ev-1`)).status).toBe(401);
  });
});
