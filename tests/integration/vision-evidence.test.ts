/** Evidence on a vision board, on both databases: uploads with size/type/content checks, CSV preview, links, access. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVisionBoard } from "../../app/models/vision-boards.server";
import {
  addVisionEvidenceFile,
  addVisionEvidenceLink,
  deleteVisionEvidence,
  getVisionEvidence,
  listVisionEvidence,
  MAX_UPLOAD_BYTES,
  readVisionEvidenceFile,
} from "../../app/models/vision-evidence.server";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

// Uploads go to a temporary data directory (read by env() on first use).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-vision-data-"));
process.env.DATA_DIR = dataDir;

const utf8 = (s: string) => new TextEncoder().encode(s);
const SURVEY = "\uFEFF编号,渠道,评分,意见\r\n1,网点,2,\"排队太久, 叫号不准\"\r\n2,App,4,\"进度\"\"一目了然\"\"\"\r\n3,电话,1,\"转了三次\n还没解决\"\r\n";

describe.each(dialects())("vision evidence on %s", (dialect) => {
  let env: VisionTestEnv;
  let boardId: string;

  beforeAll(async () => {
    env = await setupVision(dialect);
    boardId = (await createVisionBoard(await env.actor("lead"), { title: "证据" })).id;
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("parses a survey CSV (BOM, quotes, line breaks) into a preview and stores the file", async () => {
    const exec = await env.actor("exec");
    const e = await addVisionEvidenceFile(exec, boardId, { filename: "../问卷结果.csv", mime: "application/vnd.ms-excel", bytes: utf8(SURVEY) });
    expect(e.kind).toBe("csv");
    expect(e.filename).toBe("问卷结果.csv");
    expect(e.mime).toBe("text/csv; charset=utf-8");
    expect(e.csvHeader).toEqual(["编号", "渠道", "评分", "意见"]);
    expect(e.rowCount).toBe(3);
    expect(e.csvPreview).toEqual([
      ["1", "网点", "2", "排队太久, 叫号不准"],
      ["2", "App", "4", '进度"一目了然"'],
      ["3", "电话", "1", "转了三次\n还没解决"],
    ]);
    const onDisk = path.join(dataDir, "uploads", env.demo.programId, e.id);
    expect(fs.readFileSync(onDisk, "utf8")).toBe(SURVEY);
    // Anyone who can view the program reads it back; the viewer included.
    const viewer = await env.actor("viewer");
    expect((await getVisionEvidence(viewer, e.id)).csvPreview).toHaveLength(3);
    const file = await readVisionEvidenceFile(viewer, e.id);
    expect(file.body.toString("utf8")).toBe(SURVEY);
    expect(file.inline).toBe(false);
    // Not from another program.
    const elsewhere = { ...viewer, program: { id: "other", org_id: env.demo.orgId } };
    expect((await refusal(readVisionEvidenceFile(elsewhere, e.id))).status).toBe(404);
  });

  it("accepts a PDF by its magic bytes and refuses mismatches, disallowed types, empty and oversized files", async () => {
    const exec = await env.actor("exec");
    const pdf = await addVisionEvidenceFile(exec, boardId, { title: "焦点小组纪要", filename: "focus.pdf", mime: "application/pdf", bytes: utf8("%PDF-1.7\n...") });
    expect([pdf.kind, pdf.title, pdf.mime]).toEqual(["file", "焦点小组纪要", "application/pdf"]);
    const fake = await refusal(addVisionEvidenceFile(exec, boardId, { filename: "notes.pdf", mime: "application/pdf", bytes: utf8("<html><script>alert(1)</script>") }));
    expect(fake.fields).toEqual({ file: "vision.errors.fileMismatch" });
    const declared = await refusal(addVisionEvidenceFile(exec, boardId, { filename: "a.png", mime: "text/html", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }));
    expect(declared.fields).toEqual({ file: "vision.errors.fileMismatch" });
    const exe = await refusal(addVisionEvidenceFile(exec, boardId, { filename: "setup.exe", bytes: utf8("MZ...") }));
    expect(exe.fields).toEqual({ file: "vision.errors.fileType" });
    const html = await refusal(addVisionEvidenceFile(exec, boardId, { filename: "page.html", bytes: utf8("<html>") }));
    expect(html.fields).toEqual({ file: "vision.errors.fileType" });
    expect((await refusal(addVisionEvidenceFile(exec, boardId, { filename: "a.txt", bytes: new Uint8Array() }))).fields).toEqual({ file: "vision.errors.fileEmpty" });
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(utf8("%PDF-"));
    expect((await refusal(addVisionEvidenceFile(exec, boardId, { filename: "big.pdf", bytes: big }))).status).toBe(413);
    const gbk = await refusal(addVisionEvidenceFile(exec, boardId, { filename: "gbk.csv", bytes: new Uint8Array([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0x31, 0x0a]) }));
    expect(gbk.fields).toEqual({ file: "vision.errors.csvEncoding" });
    const ragged = await refusal(addVisionEvidenceFile(exec, boardId, { filename: "bad.csv", bytes: utf8("a,b\n1,2\n3\n") }));
    expect([ragged.fields, ragged.vars]).toEqual([{ file: "vision.errors.csvRow" }, { line: 3 }]);
    // Refused uploads leave nothing on disk.
    const stored = fs.readdirSync(path.join(dataDir, "uploads", env.demo.programId));
    expect(stored.filter((f) => f.endsWith(".part"))).toEqual([]);
    expect(stored).toHaveLength((await listVisionEvidence(exec, boardId)).filter((e) => e.kind !== "link").length);
  });

  it("links need http(s); viewers and frontline cannot attach; only the uploader or the facilitator removes", async () => {
    const exec = await env.actor("exec");
    const lead = await env.actor("lead");
    const link = await addVisionEvidenceLink(exec, boardId, { title: "满意度调查报告", url: "https://survey.example.com/r/42" });
    expect(link.kind).toBe("link");
    expect((await refusal(addVisionEvidenceLink(exec, boardId, { title: "x", url: "javascript:alert(1)" }))).fields).toEqual({ url: "vision.errors.url" });
    const viewer = await env.actor("viewer");
    expect((await refusal(addVisionEvidenceLink(viewer, boardId, { title: "x", url: "https://a.example" }))).status).toBe(403);
    expect((await refusal(addVisionEvidenceFile(await env.actor("frontline"), boardId, { filename: "a.txt", bytes: utf8("hi") }))).status).toBe(403);
    const mine = await addVisionEvidenceFile(lead, boardId, { filename: "a.txt", bytes: utf8("主持人的文件") });
    expect((await refusal(deleteVisionEvidence(exec, mine.id))).status).toBe(403);
    await deleteVisionEvidence(exec, link.id);
    await deleteVisionEvidence(lead, mine.id);
    expect(fs.existsSync(path.join(dataDir, "uploads", env.demo.programId, mine.id))).toBe(false);
    expect((await listVisionEvidence(exec, boardId)).map((e) => e.id)).not.toContain(mine.id);
  });
});
