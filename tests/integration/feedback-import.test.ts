/** Feedback CSV import on both databases: stage → validate → commit all-or-nothing, confirm-with-errors, cancel, GBK, permissions, audit. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import {
  cancelFeedbackImport,
  commitFeedbackImport,
  getFeedbackImport,
  importErrorsCsv,
  listFeedbackImports,
  stageFeedbackImport,
  validateFeedbackImport,
} from "../../app/models/feedback-import.server";
import { listFeedbackRecords } from "../../app/models/feedback-records.server";
import { analyseFeedback } from "../../app/models/feedback-analysis.server";
import { dialects } from "../helpers/db";
import { encodeGbk } from "../helpers/gbk";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-feedback-data-"));
process.env.DATA_DIR = dataDir;

const utf8 = (s: string) => new TextEncoder().encode(s);
const MAPPING = { date: 0, channel: 1, segment: 2, reason: 3, score: 4, text: 5, customerId: 6 };

function csv(rows: number, opts: { bad?: number[] } = {}): string {
  const lines = ["日期,渠道,客户群,来电原因,满意度,反馈内容,客户编号"];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const bad = opts.bad?.includes(i);
    lines.push(`2024-03-${bad ? "32" : day},${i % 2 ? "电话" : "web"},大众客户,账单疑问,${(i % 5) + 1},"等待太久, 转了三次 #${i}",C${i % 40}`);
  }
  return lines.join("\r\n") + "\r\n";
}

async function count(programId: string): Promise<number> {
  const r = await db().selectFrom("feedback_records").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", programId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

describe.each(dialects())("feedback import on %s", (dialect) => {
  let env: VisionTestEnv;

  beforeAll(async () => {
    env = await setupVision(dialect);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("stages a UTF-8 file with a BOM, guesses the mapping and scale, and commits it in one go", async () => {
    const team = await env.actor("team");
    const staged = await stageFeedbackImport(team, { filename: "反馈.csv", bytes: utf8(`\uFEFF${csv(30)}`) });
    expect(staged).toMatchObject({ status: "staged", encoding: "utf-8", totalRows: 30, validated: false });
    expect(staged.header[0]).toBe("日期");
    expect(staged.suggestedMapping).toEqual(MAPPING);
    expect(staged.suggestedScale).toBe("1-5");
    expect(staged.sample).toHaveLength(5);
    expect(fs.existsSync(path.join(dataDir, "uploads", env.demo.programId, "imports", `${staged.id}.csv`))).toBe(true);

    const checked = await validateFeedbackImport(team, staged.id, { mapping: staged.suggestedMapping, scale: "1-5" });
    expect(checked).toMatchObject({ validRows: 30, errorRows: 0, validated: true, errors: [] });
    const progress: number[] = [];
    const done = await commitFeedbackImport(team, staged.id, {}, (p) => {
      if (p.phase === "inserting") progress.push(p.done);
    });
    expect(done).toMatchObject({ status: "committed", importedRows: 30 });
    expect(progress).toEqual([30]);
    expect(await count(env.demo.programId)).toBe(30);
    const page = await listFeedbackRecords(env.demo.programId, { importId: staged.id, q: "#7" }, { pageSize: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ channel: "phone", segment: "大众客户", contactReason: "账单疑问", text: "等待太久, 转了三次 #7", customerId: "C7", score: 3, scoreMin: 1, scoreMax: 5 });
    // The staged file is gone; a second commit is refused.
    expect(fs.existsSync(path.join(dataDir, "uploads", env.demo.programId, "imports", `${staged.id}.csv`))).toBe(false);
    expect((await refusal(commitFeedbackImport(team, staged.id, {}))).key).toBe("feedback.errors.alreadyCommitted");
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", staged.id).orderBy("created_at").execute();
    expect(audit.map((a) => a.action)).toEqual(["stage", "validate", "commit"]);
    // The analysis sees them.
    const a = await analyseFeedback(team, { importId: staged.id }, 7);
    expect(a.total).toBe(30);
    expect(a.byChannel.map((c) => [c.key, c.count])).toEqual([
      ["phone", 15],
      ["web", 15],
    ]);
    await db().deleteFrom("feedback_records").execute();
  });

  it("imports a GBK file with Chinese text correctly", async () => {
    const team = await env.actor("team");
    const staged = await stageFeedbackImport(team, { filename: "gbk.csv", bytes: encodeGbk(csv(4)) });
    expect(staged.encoding).toBe("gb18030");
    expect(staged.header).toEqual(["日期", "渠道", "客户群", "来电原因", "满意度", "反馈内容", "客户编号"]);
    await validateFeedbackImport(team, staged.id, { mapping: staged.suggestedMapping, scale: "1-5" });
    await commitFeedbackImport(team, staged.id, {});
    const page = await listFeedbackRecords(env.demo.programId, { importId: staged.id });
    expect(page.items.map((r) => r.text).sort()[0]).toBe("等待太久, 转了三次 #0");
    expect(page.items[0].segment).toBe("大众客户");
    await db().deleteFrom("feedback_records").execute();
  });

  it("names missing columns, reports bad rows with lines, and keeps only good rows once the user confirms", async () => {
    const team = await env.actor("team");
    const staged = await stageFeedbackImport(team, { filename: "bad.csv", bytes: utf8(csv(10, { bad: [2, 5] })) });
    const missing = await refusal(validateFeedbackImport(team, staged.id, { mapping: { date: 0, channel: 1, segment: 2 }, scale: "1-5" }));
    expect(missing.key).toBe("feedback.errors.missingColumns");
    expect(missing.vars).toMatchObject({ fields: "Contact reason, Score, Text", list: ["reason", "score", "text"] });
    const checked = await validateFeedbackImport(team, staged.id, { mapping: MAPPING, scale: "1-5" });
    expect(checked).toMatchObject({ validRows: 8, errorRows: 2 });
    expect(checked.errors!.map((e) => [e.line, e.field, e.code])).toEqual([
      [4, "date", "date"],
      [7, "date", "date"],
    ]);
    const report = await importErrorsCsv(team, staged.id, "zh-CN");
    expect(report.body).toContain("行号");
    expect(report.body).toContain("4,日期,2024-03-32,");
    // Without confirmation nothing is imported.
    const refused = await refusal(commitFeedbackImport(team, staged.id, {}));
    expect(refused.key).toBe("feedback.errors.confirmSkip");
    expect(refused.vars).toEqual({ valid: 8, errors: 2 });
    expect(await count(env.demo.programId)).toBe(0);
    await commitFeedbackImport(team, staged.id, { acceptErrors: true });
    expect(await count(env.demo.programId)).toBe(8);
    expect((await getFeedbackImport(team, staged.id)).importedRows).toBe(8);
    await db().deleteFrom("feedback_records").execute();
  });

  it("imports nothing when the insert fails midway, and the import stays staged for a retry", async () => {
    const team = await env.actor("team");
    const staged = await stageFeedbackImport(team, { filename: "big.csv", bytes: utf8(csv(2500)) });
    await validateFeedbackImport(team, staged.id, { mapping: MAPPING, scale: "1-5" });
    let batches = 0;
    await expect(
      commitFeedbackImport(team, staged.id, {}, (p) => {
        if (p.phase === "inserting" && ++batches === 2) throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(batches).toBe(2);
    expect(await count(env.demo.programId)).toBe(0);
    expect((await getFeedbackImport(team, staged.id)).status).toBe("staged");
    await commitFeedbackImport(team, staged.id, {});
    expect(await count(env.demo.programId)).toBe(2500);
    await db().deleteFrom("feedback_records").execute();
  });

  it("cancels: nothing kept, file removed, audited", async () => {
    const team = await env.actor("team");
    const staged = await stageFeedbackImport(team, { filename: "cancel.csv", bytes: utf8(csv(3)) });
    await cancelFeedbackImport(team, staged.id);
    expect(await count(env.demo.programId)).toBe(0);
    expect((await getFeedbackImport(team, staged.id)).status).toBe("cancelled");
    expect(fs.existsSync(path.join(dataDir, "uploads", env.demo.programId, "imports", `${staged.id}.csv`))).toBe(false);
    expect((await refusal(validateFeedbackImport(team, staged.id, { mapping: MAPPING, scale: "1-5" }))).key).toBe("feedback.errors.cancelled");
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", staged.id).execute();
    expect(audit.map((a) => a.action)).toContain("cancel");
    expect((await listFeedbackImports(team)).some((i) => i.id === staged.id && i.status === "cancelled")).toBe(true);
  });

  it("refuses files that are not CSV text, empty files and files without data rows", async () => {
    const team = await env.actor("team");
    expect((await refusal(stageFeedbackImport(team, { filename: "x.csv", bytes: new Uint8Array() }))).key).toBe("feedback.errors.empty");
    expect((await refusal(stageFeedbackImport(team, { filename: "x.xlsx", bytes: utf8("a,b\n1,2") }))).key).toBe("feedback.errors.fileType");
    expect((await refusal(stageFeedbackImport(team, { filename: "x.csv", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0xff, 0xfe]) }))).key).toBe("feedback.errors.encoding");
    expect((await refusal(stageFeedbackImport(team, { filename: "x.csv", bytes: utf8("date,channel\n") }))).key).toBe("feedback.errors.noRows");
  });

  it("refuses viewers and frontline staff (import needs journey.edit) and other programs' imports", async () => {
    const team = await env.actor("team");
    const staged = await stageFeedbackImport(team, { filename: "perm.csv", bytes: utf8(csv(3)) });
    for (const who of ["viewer", "frontline"] as const) {
      const actor = await env.actor(who);
      expect((await refusal(stageFeedbackImport(actor, { filename: "x.csv", bytes: utf8(csv(2)) }))).status).toBe(403);
      expect((await refusal(validateFeedbackImport(actor, staged.id, { mapping: MAPPING, scale: "1-5" }))).status).toBe(403);
      expect((await refusal(commitFeedbackImport(actor, staged.id, { acceptErrors: true }))).status).toBe(403);
      expect((await refusal(cancelFeedbackImport(actor, staged.id))).status).toBe(403);
    }
    const elsewhere = { ...team, program: { ...team.program, id: "another-program" } };
    expect((await refusal(getFeedbackImport(elsewhere, staged.id))).status).toBe(404);
    await cancelFeedbackImport(team, staged.id);
  });
});
