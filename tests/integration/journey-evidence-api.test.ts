/** The evidence and feedback-import HTTP API against the real server: multipart uploads, downloads' headers, the streamed commit, refusals. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGbk } from "../helpers/gbk";
import { signIn, startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let programId: string;
let mapId: string;
let team: string;
let viewer: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-jevidence-api-"));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

beforeAll(async () => {
  server = await startServer({ env: { DATA_DIR: dataDir } });
  team = (await signIn(server.url, "team@demo.test")).cookie;
  viewer = (await signIn(server.url, "viewer@demo.test")).cookie;
  const programs = (await (await call("GET", "/api/v1/programs", team)).json()) as { programs: { id: string; journeyMaps: { id: string }[] }[] };
  programId = programs.programs[0].id;
  mapId = programs.programs[0].journeyMaps[0]?.id;
});
afterAll(async () => {
  await server?.stop();
});

function call(method: string, p: string, cookie: string, body?: BodyInit, type?: string) {
  const headers: Record<string, string> = { cookie, "accept-language": "en", origin: server.url };
  if (type) headers["content-type"] = type;
  return fetch(`${server.url}${p}`, { method, headers, body });
}

describe("journey evidence API", () => {
  it("uploads a file, downloads it as an attachment with our type and nosniff, deletes it; viewers are refused", async () => {
    const form = new FormData();
    form.append("file", new Blob([PNG], { type: "image/png" }), "网点 照片.png");
    const up = await call("POST", `/api/v1/programs/${programId}/journey-evidence`, team, form);
    expect(up.status).toBe(201);
    const { evidence } = (await up.json()) as { evidence: { id: string } };
    const down = await call("GET", `/api/v1/programs/${programId}/journey-evidence/${evidence.id}`, viewer);
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("image/png");
    expect(down.headers.get("content-disposition")).toMatch(/^attachment; filename="__ __.png"; filename\*=UTF-8''%E7%BD%91%E7%82%B9%20%E7%85%A7%E7%89%87.png$/);
    expect(down.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(PNG);
    const refused = new FormData();
    refused.append("file", new Blob([PNG]), "x.png");
    expect((await call("POST", `/api/v1/programs/${programId}/journey-evidence`, viewer, refused)).status).toBe(403);
    expect((await call("DELETE", `/api/v1/programs/${programId}/journey-evidence/${evidence.id}`, viewer)).status).toBe(403);
    expect((await call("DELETE", `/api/v1/programs/${programId}/journey-evidence/${evidence.id}`, team)).status).toBe(204);
    expect((await call("GET", `/api/v1/programs/${programId}/journey-evidence/${evidence.id}`, team)).status).toBe(404);
  });

  it("links and unlinks through /api/v1/journey-maps/:mapId/links; unknown targets 404; viewers 403", async () => {
    expect(mapId).toBeTruthy();
    const link = await call("POST", `/api/v1/programs/${programId}/journey-evidence`, team, JSON.stringify({ title: "调研报告", url: "https://example.com/r" }), "application/json");
    const { evidence } = (await link.json()) as { evidence: { id: string } };
    const body = (targetId: string) => JSON.stringify({ targetType: "question", targetId, evidenceType: "link", evidenceIds: [evidence.id] });
    const created = await call("POST", `/api/v1/journey-maps/${mapId}/links`, team, body("d"), "application/json");
    expect(created.status).toBe(201);
    const list = (await (await call("GET", `/api/v1/journey-maps/${mapId}/links?targetType=question&targetId=d`, viewer)).json()) as { links: { id: string; evidence: { title: string } }[] };
    const mine = list.links.find((l) => l.evidence?.title === "调研报告")!;
    expect(mine).toBeTruthy();
    const unknown = await call("POST", `/api/v1/journey-maps/${mapId}/links`, team, body("q"), "application/json");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe("That touchpoint, pain point or question is not on this map.");
    expect((await call("POST", `/api/v1/journey-maps/${mapId}/links`, viewer, body("e"), "application/json")).status).toBe(403);
    expect((await call("DELETE", `/api/v1/journey-maps/${mapId}/links?linkId=${mine.id}`, viewer)).status).toBe(403);
    expect((await call("DELETE", `/api/v1/journey-maps/${mapId}/links?linkId=${mine.id}`, team)).status).toBe(204);
  });
});

describe("feedback import API", () => {
  it("stages a GBK upload, validates, refuses an unconfirmed commit, then streams the commit's progress", async () => {
    const lines = ["日期,渠道,客户群,来电原因,满意度,反馈内容"];
    for (let i = 0; i < 2500; i++) lines.push(`2024-06-${String((i % 28) + 1).padStart(2, "0")},电话,API客群,账单疑问,${(i % 5) + 1},第${i}条`);
    lines.push("2024-06-31,电话,API客群,账单疑问,3,坏日期");
    const form = new FormData();
    form.append("file", new Blob([encodeGbk(lines.join("\n"))]), "api.csv");
    expect((await call("POST", `/api/v1/programs/${programId}/feedback-imports`, viewer, form)).status).toBe(403);
    const form2 = new FormData();
    form2.append("file", new Blob([encodeGbk(lines.join("\n"))]), "api.csv");
    const up = await call("POST", `/api/v1/programs/${programId}/feedback-imports`, team, form2);
    expect(up.status).toBe(201);
    const staged = ((await up.json()) as { import: { id: string; encoding: string; suggestedMapping: Record<string, number> } }).import;
    expect(staged.encoding).toBe("gb18030");
    const missing = await call("POST", `/api/v1/programs/${programId}/feedback-imports/${staged.id}`, team, JSON.stringify({ mapping: { date: 0 }, scale: "1-5" }), "application/json");
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe("Required columns are not mapped: Channel, Segment, Contact reason, Score, Text.");
    const v = await call("POST", `/api/v1/programs/${programId}/feedback-imports/${staged.id}`, team, JSON.stringify({ mapping: staged.suggestedMapping, scale: "1-5" }), "application/json");
    expect(((await v.json()) as { import: { validRows: number; errorRows: number } }).import).toMatchObject({ validRows: 2500, errorRows: 1 });
    const errors = await call("GET", `/api/v1/programs/${programId}/feedback-imports/${staged.id}/errors`, team);
    expect(errors.headers.get("content-disposition")).toContain("attachment");
    expect(await errors.text()).toContain("2502,Date,2024-06-31,Not a valid date");
    const unconfirmed = await call("POST", `/api/v1/programs/${programId}/feedback-imports/${staged.id}/commit`, team, "{}", "application/json");
    expect(unconfirmed.status).toBe(409);
    expect((await call("POST", `/api/v1/programs/${programId}/feedback-imports/${staged.id}/commit`, viewer, JSON.stringify({ acceptErrors: true }), "application/json")).status).toBe(403);
    const commit = await call("POST", `/api/v1/programs/${programId}/feedback-imports/${staged.id}/commit`, team, JSON.stringify({ acceptErrors: true }), "application/json");
    expect(commit.status).toBe(200);
    expect(commit.headers.get("content-type")).toContain("application/x-ndjson");
    const messages = (await commit.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(messages.filter((m) => m.progress?.phase === "inserting").map((m) => m.progress.done)).toEqual([1000, 2000, 2500]);
    expect(messages.at(-1).done).toMatchObject({ status: "committed", importedRows: 2500, errorRows: 1 });
    const page = (await (await call("GET", `/api/v1/programs/${programId}/feedback?segment=${encodeURIComponent("API客群")}&q=${encodeURIComponent("第7条")}`, viewer)).json()) as { total: number; items: { text: string; channel: string }[] };
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ text: "第7条", channel: "phone" });
  });
});
