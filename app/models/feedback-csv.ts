/**
 * Feedback CSV import, the pure part (shared by server and browser): decoding bytes (UTF-8 with or
 * without BOM; GB18030/GBK — what Chinese Excel writes — when the bytes are not valid UTF-8), an
 * RFC 4180 parser that remembers the line each record starts on, header auto-mapping with English
 * and Chinese synonyms, score-scale guessing, and row validation that reports every bad row with
 * its line number, field and reason (reasons are i18n keys under `feedback.rowErrors.*`).
 */

export const FEEDBACK_FIELDS = ["date", "channel", "segment", "reason", "score", "text", "customerId"] as const;
export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];
/** Columns a file must have (customer id is optional). */
export const REQUIRED_COLUMNS: FeedbackField[] = ["date", "channel", "segment", "reason", "score", "text"];
/** Values a row must have (score and text may be empty in a row). */
export const REQUIRED_VALUES: FeedbackField[] = ["date", "channel", "segment", "reason"];

export const SCORE_SCALES = ["1-5", "0-10", "1-10", "0-100"] as const;
export type ScoreScale = (typeof SCORE_SCALES)[number];
export function scaleBounds(scale: ScoreScale): { min: number; max: number } {
  const [min, max] = scale.split("-").map(Number);
  return { min, max };
}

export const MAX_TEXT_CHARS = 5000;
export const MAX_LABEL_CHARS = 200;
export const MAX_CUSTOMER_ID_CHARS = 100;
export const MAX_STORED_ERRORS = 5000;

export type Encoding = "utf-8" | "gb18030";

export class FeedbackCsvError extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, unknown> = {},
  ) {
    super(key);
    this.name = "FeedbackCsvError";
  }
}

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), otherwise GB18030 (a superset of GBK). */
export function decodeFeedbackBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  let text: string;
  let encoding: Encoding = "utf-8";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
      encoding = "gb18030";
    } catch {
      throw new FeedbackCsvError("feedback.errors.encoding");
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\u0000")) throw new FeedbackCsvError("feedback.errors.encoding");
  return { text, encoding };
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

/** Guesses the delimiter from the first line: comma, semicolon or tab. */
function guessDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const counts: [string, number][] = [",", ";", "\t"].map((d) => [d, first.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ",";
}

/**
 * Parses CSV text into records with their starting line. Quoted fields may hold delimiters, quotes
 * ("") and line breaks; CRLF, LF and CR line ends; fully empty lines are skipped.
 */
export function parseCsvRecords(text: string, opts: { delimiter?: string; maxRecords?: number } = {}): CsvRecord[] {
  const delimiter = opts.delimiter ?? guessDelimiter(text);
  const max = opts.maxRecords ?? Number.POSITIVE_INFINITY;
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  const D = delimiter.charCodeAt(0);
  while (i < n && out.length < max) {
    const startLine = line;
    const cells: string[] = [];
    // One record.
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        // Quoted field.
        let value = "";
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new FeedbackCsvError("feedback.errors.unclosedQuote", { line: startLine });
          const chunk = text.slice(j, q);
          value += chunk;
          for (let k = 0; k < chunk.length; k++) {
            const c = chunk.charCodeAt(k);
            if (c === 10 || (c === 13 && chunk.charCodeAt(k + 1) !== 10)) line++;
          }
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything up to the next delimiter/line end after the closing quote is kept verbatim.
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === D || c === 10 || c === 13) break;
          k++;
        }
        if (k > i) value += text.slice(i, k);
        i = k;
        cells.push(value);
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === D || c === 10 || c === 13) break;
          k++;
        }
        cells.push(text.slice(i, k));
        i = k;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === D) {
        i++;
        if (i >= n) {
          cells.push("");
          break;
        }
        continue;
      }
      // Line end.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === "")) out.push({ line: startLine, cells });
  }
  return out;
}

/** Lower-cased header text without spaces, underscores, hyphens, dots and brackets' content markers. */
export function normaliseHeader(h: string): string {
  return h
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-./:：()（）\[\]【】*]/g, "");
}

const SYNONYMS: Record<FeedbackField, string[]> = {
  date: ["date", "day", "occurredon", "occurred", "contactdate", "createdat", "created", "time", "datetime", "timestamp", "日期", "时间", "联系日期", "来电日期", "反馈日期", "发生日期", "创建时间", "日期时间"],
  channel: ["channel", "source", "medium", "contactchannel", "渠道", "来源渠道", "联系渠道", "接触渠道", "来源", "途径"],
  segment: ["segment", "customersegment", "customergroup", "group", "tier", "persona", "客户群", "客群", "细分", "客户细分", "客户分群", "客户类型", "分群", "客户等级"],
  reason: ["contactreason", "reason", "calldriver", "driver", "category", "topic", "issue", "intent", "联系原因", "来电原因", "原因", "咨询类型", "问题类型", "诉求", "诉求类型", "类别", "主题", "业务类型"],
  score: ["score", "rating", "csat", "nps", "satisfaction", "satisfactionscore", "评分", "满意度", "得分", "分数", "打分", "满意度评分"],
  text: ["text", "feedback", "comment", "comments", "verbatim", "content", "message", "note", "notes", "description", "内容", "反馈", "反馈内容", "评论", "意见", "留言", "客户原话", "备注", "描述"],
  customerId: ["customerid", "customer", "custid", "clientid", "customerno", "customernumber", "userid", "accountid", "客户编号", "客户id", "客户号", "客户代码", "用户id", "用户编号", "账号", "客户"],
};
const SYNONYM_INDEX = new Map<string, FeedbackField>();
for (const f of FEEDBACK_FIELDS) for (const s of SYNONYMS[f]) if (!SYNONYM_INDEX.has(s)) SYNONYM_INDEX.set(s, f);

/** Field → column index (−1 or absent: not mapped). */
export type ColumnMapping = Partial<Record<FeedbackField, number>>;

/** Maps header columns to our fields by exact synonym first, then by a synonym contained in the header. */
export function guessMapping(header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  const norm = header.map(normaliseHeader);
  norm.forEach((h, i) => {
    const f = SYNONYM_INDEX.get(h);
    if (f && mapping[f] === undefined) {
      mapping[f] = i;
      taken.add(i);
    }
  });
  for (const f of FEEDBACK_FIELDS) {
    if (mapping[f] !== undefined) continue;
    const i = norm.findIndex((h, idx) => !taken.has(idx) && h.length > 0 && SYNONYMS[f].some((s) => s.length >= 2 && h.includes(s)));
    if (i >= 0) {
      mapping[f] = i;
      taken.add(i);
    }
  }
  return mapping;
}

/** Required columns the mapping leaves out (or maps outside the header, or maps twice). */
export function missingColumns(mapping: ColumnMapping, columnCount: number): FeedbackField[] {
  return REQUIRED_COLUMNS.filter((f) => {
    const i = mapping[f];
    return i === undefined || i === null || !Number.isInteger(i) || i < 0 || i >= columnCount;
  });
}

/** Field pairs mapped to the same column. */
export function duplicateColumns(mapping: ColumnMapping): FeedbackField[] {
  const seen = new Map<number, FeedbackField>();
  const dup: FeedbackField[] = [];
  for (const f of FEEDBACK_FIELDS) {
    const i = mapping[f];
    if (i === undefined || i < 0) continue;
    if (seen.has(i)) dup.push(f);
    else seen.set(i, f);
  }
  return dup;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseScore(raw: string): number | null {
  const s = raw.trim().replace(/,/g, ".").replace(/分$/, "");
  return NUMBER.test(s) ? Number(s) : null;
}

/** The narrowest usual scale that holds every numeric score in the sample (1–5, 0–10 / 1–10, else 0–100). */
export function guessScale(values: string[]): ScoreScale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    const n = parseScore(v);
    if (n === null) continue;
    if (n < min) min = n;
    if (n > max) max = n;
  }
  if (max === -Infinity) return "1-5";
  if (max <= 5 && min >= 1) return "1-5";
  if (max <= 10) return min >= 1 ? "1-10" : "0-10";
  return "0-100";
}

const DATE_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;

/** A calendar date in 1990–2100 as YYYY-MM-DD, from 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日, 20240305 (a time part is ignored). */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  const m = DATE_RE.exec(s) ?? COMPACT_DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const CHANNEL_SYNONYMS: Record<string, string[]> = {
  phone: ["phone", "call", "telephone", "tel", "voice", "hotline", "callcenter", "ivr", "电话", "来电", "热线", "呼叫中心", "客服热线", "语音", "电话银行"],
  web: ["web", "website", "online", "internet", "pc", "网站", "官网", "网页", "网上银行", "网银", "pc端"],
  app: ["app", "mobile", "mobileapp", "手机银行", "手机app", "移动端", "客户端", "应用"],
  branch: ["branch", "store", "office", "counter", "inperson", "网点", "柜台", "营业厅", "门店", "支行", "线下"],
  sms: ["sms", "text", "textmessage", "短信"],
  chat: ["chat", "livechat", "im", "wechat", "在线客服", "在线", "聊天", "微信", "企业微信", "小程序"],
  email: ["email", "e-mail", "mail", "邮件", "电子邮件", "邮箱"],
  social: ["social", "socialmedia", "weibo", "douyin", "社交媒体", "微博", "抖音", "小红书", "社交"],
  other: ["other", "others", "其他", "其它"],
};
const CHANNEL_INDEX = new Map<string, string>();
for (const [c, list] of Object.entries(CHANNEL_SYNONYMS)) for (const s of list) CHANNEL_INDEX.set(normaliseHeader(s), c);

/** Our channel key (phone, web, app, …) for a known name in either language; otherwise the trimmed value as given. */
export function normaliseChannel(raw: string): string {
  const v = raw.trim();
  return CHANNEL_INDEX.get(normaliseHeader(v)) ?? v;
}

export interface FeedbackRow {
  occurredOn: string;
  channel: string;
  segment: string;
  contactReason: string;
  score: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  text: string;
  customerId: string | null;
}

export type RowErrorCode = "required" | "date" | "score" | "tooLong" | "columns";
export interface RowError {
  line: number;
  field: FeedbackField | "row";
  code: RowErrorCode;
  value: string;
  vars?: Record<string, string | number>;
}

export interface ValidationResult {
  total: number;
  valid: FeedbackRow[];
  /** Lines of the valid rows, in the same order. */
  errorRows: number;
  errors: RowError[];
  /** More errors than MAX_STORED_ERRORS were found; only the first are listed. */
  truncated: boolean;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** Validates the data records (header excluded) with a complete mapping; never throws for bad rows. */
export function validateRecords(records: CsvRecord[], mapping: ColumnMapping, scale: ScoreScale, headerLength: number): ValidationResult {
  const { min, max } = scaleBounds(scale);
  const valid: FeedbackRow[] = [];
  const errors: RowError[] = [];
  let errorRows = 0;
  let errorCount = 0;
  const col = (f: FeedbackField) => (mapping[f] === undefined || mapping[f]! < 0 ? -1 : mapping[f]!);
  const cDate = col("date");
  const cChannel = col("channel");
  const cSegment = col("segment");
  const cReason = col("reason");
  const cScore = col("score");
  const cText = col("text");
  const cCustomer = col("customerId");
  for (const r of records) {
    const rowErrors: RowError[] = [];
    const cell = (c: number) => (c < 0 ? "" : (r.cells[c] ?? "").trim());
    if (r.cells.length !== headerLength && !(r.cells.length > headerLength && r.cells.slice(headerLength).every((x) => x.trim() === ""))) {
      rowErrors.push({ line: r.line, field: "row", code: "columns", value: "", vars: { found: r.cells.length, expected: headerLength } });
    }
    const dateRaw = cell(cDate);
    const channel = cell(cChannel);
    const segment = cell(cSegment);
    const reason = cell(cReason);
    const scoreRaw = cell(cScore);
    const text = cell(cText);
    const customer = cell(cCustomer);
    let occurredOn: string | null = null;
    if (!dateRaw) rowErrors.push({ line: r.line, field: "date", code: "required", value: "" });
    else {
      occurredOn = parseDate(dateRaw);
      if (!occurredOn) rowErrors.push({ line: r.line, field: "date", code: "date", value: clip(dateRaw) });
    }
    const labels: [FeedbackField, string][] = [
      ["channel", channel],
      ["segment", segment],
      ["reason", reason],
    ];
    for (const [f, v] of labels) {
      if (!v) rowErrors.push({ line: r.line, field: f, code: "required", value: "" });
      else if (v.length > MAX_LABEL_CHARS) rowErrors.push({ line: r.line, field: f, code: "tooLong", value: clip(v), vars: { max: MAX_LABEL_CHARS } });
    }
    let score: number | null = null;
    if (scoreRaw) {
      const n = parseScore(scoreRaw);
      if (n === null || n < min || n > max) rowErrors.push({ line: r.line, field: "score", code: "score", value: clip(scoreRaw), vars: { min, max } });
      else score = n;
    }
    if (text.length > MAX_TEXT_CHARS) rowErrors.push({ line: r.line, field: "text", code: "tooLong", value: clip(text), vars: { max: MAX_TEXT_CHARS } });
    if (customer.length > MAX_CUSTOMER_ID_CHARS) {
      rowErrors.push({ line: r.line, field: "customerId", code: "tooLong", value: clip(customer), vars: { max: MAX_CUSTOMER_ID_CHARS } });
    }
    if (rowErrors.length) {
      errorRows++;
      for (const e of rowErrors) {
        if (errorCount < MAX_STORED_ERRORS) errors.push(e);
        errorCount++;
      }
      continue;
    }
    valid.push({
      occurredOn: occurredOn!,
      channel: normaliseChannel(channel),
      segment,
      contactReason: reason,
      score,
      scoreMin: score === null ? null : min,
      scoreMax: score === null ? null : max,
      text,
      customerId: customer || null,
    });
  }
  return { total: records.length, valid, errorRows, errors, truncated: errorCount > MAX_STORED_ERRORS };
}

/** A CSV cell, quoted when needed (and a leading =, +, -, @ neutralised so spreadsheets do not run it). */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
