/**
 * `npm run bench:import`: the feedback CSV import of issue 6 (target: 100,000 rows in < 10 s end to end).
 *
 * Set-up: the real server (`startServer`: fresh SQLite, demo seeded), signed in as team@demo.test.
 * A CSV of BENCH_ROWS (100,000) generated rows (UTF-8 with Chinese text and customer ids; a GBK copy
 * when BENCH_GBK=1) goes through the same HTTP API the import page uses:
 *   1. upload (multipart)            POST /api/v1/programs/:id/feedback-imports
 *   2. map + validate every row       POST …/feedback-imports/:importId
 *   3. commit (one transaction, streamed progress)  POST …/:importId/commit
 * End to end = 1 + 2 + 3 as the user waits for them. Then the rows in the server's database are counted.
 *
 * Baseline, same run, same rows: a bare better-sqlite3 prepared single-row INSERT in one
 * transaction into a fresh migrated database; and our insertFeedbackRecords (multi-row batches)
 * in-process on another fresh database, to separate the insert itself from HTTP, parsing and validation.
 *
 * Prints a markdown table and writes it to tests/bench/results/feedback-import.md.
 * Exit code 1 when the imported count is wrong.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setDbHandle } from "../../app/db.server";
import type { FeedbackRow } from "../../app/models/feedback-csv";
import { insertFeedbackRecords } from "../../app/models/feedback-records.server";
import { openDatabase } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";
import { encodeGbk } from "../helpers/gbk";
import { tmpSqlitePath } from "../helpers/db";
import { signIn, startServer } from "../helpers/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const GBK = process.env.BENCH_GBK === "1";
const TARGET_MS = 10_000;

const CHANNELS = ["电话", "网站", "App", "网点", "短信", "在线客服", "邮件"];
const SEGMENTS = ["大众客户", "白领", "小微企业主", "私人银行", "学生"];
const REASONS = ["申请进度", "额度调整", "账单疑问", "挂失补卡", "积分兑换", "投诉", "激活", "还款"];
const TEXTS = ["等了二十分钟才接通", "官网查不到申请进度", "App 里一直显示审核中", "柜员很耐心, 一次就办好了", "短信通知太晚", "转了三次人工还是没解决"];

function makeCsv(n: number): string {
  const out: string[] = ["日期,渠道,客户群,来电原因,满意度,反馈内容,客户编号"];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2024, 0, 1) + (i % 366) * 86_400_000).toISOString().slice(0, 10);
    out.push(`${d},${CHANNELS[i % 7]},${SEGMENTS[i % 5]},${REASONS[(i * 7) % 8]},${(i % 5) + 1},"${TEXTS[i % 6]} #${i}",C${i % 20_000}`);
  }
  return out.join("\r\n") + "\r\n";
}

function rowsFor(n: number): FeedbackRow[] {
  const rows: FeedbackRow[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      occurredOn: new Date(Date.UTC(2024, 0, 1) + (i % 366) * 86_400_000).toISOString().slice(0, 10),
      channel: CHANNELS[i % 7],
      segment: SEGMENTS[i % 5],
      contactReason: REASONS[(i * 7) % 8],
      score: (i % 5) + 1,
      scoreMin: 1,
      scoreMax: 5,
      text: `${TEXTS[i % 6]} #${i}`,
      customerId: `C${i % 20_000}`,
    });
  }
  return rows;
}

const ms = (a: number, b: number) => Math.round(b - a);
const rate = (n: number, t: number) => Math.round((n / t) * 1000).toLocaleString("en");

async function main() {
  const csv = makeCsv(ROWS);
  const bytes = GBK ? encodeGbk(csv) : new TextEncoder().encode(csv);
  const server = await startServer();
  let failed = false;
  const lines: string[] = [];
  try {
    const { cookie } = await signIn(server.url, "team@demo.test");
    const headers = { cookie, Origin: server.url };
    const programs = (await (await fetch(`${server.url}/api/v1/programs`, { headers })).json()) as { programs: { id: string }[] };
    const programId = programs.programs[0].id;
    const api = `${server.url}/api/v1/programs/${programId}/feedback-imports`;

    const t0 = performance.now();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)], { type: "text/csv" }), "bench.csv");
    const up = await fetch(api, { method: "POST", headers, body: form });
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const staged = (await up.json()) as { import: { id: string; suggestedMapping: Record<string, number>; suggestedScale: string; totalRows: number; encoding: string } };
    const t1 = performance.now();
    const val = await fetch(`${api}/${staged.import.id}`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ mapping: staged.import.suggestedMapping, scale: staged.import.suggestedScale }),
    });
    const validated = (await val.json()) as { import: { validRows: number; errorRows: number } };
    if (val.status !== 200) throw new Error(`validate: ${val.status} ${JSON.stringify(validated)}`);
    const t2 = performance.now();
    const commit = await fetch(`${api}/${staged.import.id}/commit`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: "{}" });
    const streamed = await commit.text();
    const t3 = performance.now();
    const messages = streamed.trim().split("\n").map((l) => JSON.parse(l) as { progress?: unknown; done?: { importedRows: number }; error?: unknown });
    const done = messages.find((m) => m.done)?.done;
    const progressLines = messages.filter((m) => m.progress).length;
    // The analysis over everything the program now holds (the import plus the demo's records), as a user opens it.
    const a0 = performance.now();
    const analysisPage = await fetch(`${server.url}/programs/${programId}/journeys/analysis?days=7`, { headers });
    await analysisPage.text();
    const a1 = performance.now();
    const drill = await fetch(`${server.url}/api/v1/programs/${programId}/feedback?hop=${encodeURIComponent("phone>web")}&days=7&page=2`, { headers });
    const drillBody = (await drill.json()) as { total: number };
    const a2 = performance.now();
    if (analysisPage.status !== 200 || drill.status !== 200 || !drillBody.total) {
      failed = true;
      console.error("analysis", analysisPage.status, drill.status, drillBody);
    }
    await server.stop();

    const check = openDatabase(server.databaseUrl);
    const counted = Number(((await check.db.selectFrom("feedback_records").select((eb) => eb.fn.countAll<number>().as("n")).where("import_id", "=", staged.import.id).executeTakeFirst())?.n) ?? 0);
    await check.close();
    if (!done || done.importedRows !== ROWS || counted !== ROWS || validated.import.validRows !== ROWS) {
      failed = true;
      console.error("wrong count", { done, counted, validated: validated.import });
    }

    // Baselines on fresh databases, the same rows.
    const rows = rowsFor(ROWS);
    const bareFile = tmpSqlitePath("bench-bare");
    const bare = openDatabase(bareFile);
    await migrateToLatest(bare.db);
    const programRow = { id: "p", org_id: "o" };
    bare.sqlite!.pragma("foreign_keys = OFF");
    const stmt = bare.sqlite!.prepare(
      `insert into feedback_records (id, program_id, import_id, source, occurred_on, channel, segment, contact_reason, score, score_min, score_max, text, customer_id, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const now = new Date().toISOString();
    const b0 = performance.now();
    bare.sqlite!.transaction(() => {
      for (const r of rows) stmt.run(crypto.randomUUID(), programRow.id, null, "import", r.occurredOn, r.channel, r.segment, r.contactReason, r.score, r.scoreMin, r.scoreMax, r.text, r.customerId, null, now);
    })();
    const b1 = performance.now();
    await bare.close();

    const oursFile = tmpSqlitePath("bench-ours");
    const ours = openDatabase(oursFile);
    await migrateToLatest(ours.db);
    ours.sqlite!.pragma("foreign_keys = OFF");
    setDbHandle(ours);
    const o0 = performance.now();
    await ours.db.transaction().execute((tx) => insertFeedbackRecords(tx, "p", rows, { source: "import" }));
    const o1 = performance.now();
    setDbHandle(undefined);
    await ours.close();
    for (const f of [bareFile, oursFile]) fs.rmSync(path.dirname(f), { recursive: true, force: true });

    const total = ms(t0, t3);
    lines.push(
      `# Feedback CSV import (${new Date().toISOString().slice(0, 10)})`,
      "",
      `${ROWS.toLocaleString("en")} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB ${staged.import.encoding} CSV, SQLite, real server over HTTP, ${process.env.BENCH_NOTE ?? "2-core machine"}.`,
      "",
      "| step | ms | rows/s |",
      "|---|---:|---:|",
      `| 1. upload, decode, parse, stage | ${ms(t0, t1)} | ${rate(ROWS, ms(t0, t1))} |`,
      `| 2. map + validate every row (error report) | ${ms(t1, t2)} | ${rate(ROWS, ms(t1, t2))} |`,
      `| 3. commit: one transaction, ${progressLines} progress lines streamed | ${ms(t2, t3)} | ${rate(ROWS, ms(t2, t3))} |`,
      `| **end to end** (target < ${TARGET_MS.toLocaleString("en")}) | **${total}** | **${rate(ROWS, total)}** |`,
      `| baseline: bare better-sqlite3 prepared INSERT per row, one transaction | ${ms(b0, b1)} | ${rate(ROWS, ms(b0, b1))} |`,
      `| insertFeedbackRecords alone (multi-row batches, in-process) | ${ms(o0, o1)} | ${rate(ROWS, ms(o0, o1))} |`,
      `| analysis page (HTML, all records: counts, trend, hops, FCR) | ${ms(a0, a1)} | |`,
      `| hop drill-down (phone → web, ${drillBody.total.toLocaleString("en")} records, page 2) | ${ms(a1, a2)} | |`,
      "",
      `Rows of this import in the database afterwards: ${counted.toLocaleString("en")} (${counted === ROWS ? "correct" : "WRONG"}). ${total < TARGET_MS ? "Within" : "OVER"} the target.`,
      "",
    );
  } finally {
    if (server.proc.exitCode === null) await server.stop();
  }
  const text = lines.join("\n");
  console.log(text);
  fs.mkdirSync(path.join(root, "tests/bench/results"), { recursive: true });
  fs.writeFileSync(path.join(root, "tests/bench/results/feedback-import.md"), text);
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
