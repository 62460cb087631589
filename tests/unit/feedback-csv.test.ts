import { describe, expect, it } from "vitest";
import {
  decodeFeedbackBytes,
  duplicateColumns,
  guessMapping,
  guessScale,
  missingColumns,
  normaliseChannel,
  parseCsvRecords,
  parseDate,
  validateRecords,
  csvCell,
  FeedbackCsvError,
} from "../../app/models/feedback-csv";

const gbk = (s: string) => {
  // Build GBK bytes without an encoder: a tiny table for the characters we use.
  const table: Record<string, number[]> = { 日: [0xc8, 0xd5], 期: [0xc6, 0xda], 渠: [0xc7, 0xfe], 道: [0xb5, 0xc0], 电: [0xb5, 0xe7], 话: [0xbb, 0xb0] };
  const out: number[] = [];
  for (const ch of s) out.push(...(table[ch] ?? [ch.charCodeAt(0)]));
  return new Uint8Array(out);
};

describe("decodeFeedbackBytes", () => {
  it("decodes UTF-8 with and without a BOM", () => {
    const plain = new TextEncoder().encode("日期,渠道\n2024-01-02,电话\n");
    expect(decodeFeedbackBytes(plain)).toEqual({ text: "日期,渠道\n2024-01-02,电话\n", encoding: "utf-8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeFeedbackBytes(bom).text.startsWith("日期")).toBe(true);
  });
  it("falls back to GB18030 for GBK bytes", () => {
    const bytes = gbk("日期,渠道\n2024-01-02,电话\n");
    const r = decodeFeedbackBytes(bytes);
    expect(r.encoding).toBe("gb18030");
    expect(r.text).toBe("日期,渠道\n2024-01-02,电话\n");
  });
  it("refuses binary content", () => {
    expect(() => decodeFeedbackBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]))).toThrow(FeedbackCsvError);
  });
});

describe("parseCsvRecords", () => {
  it("keeps the starting line of each record across quoted line breaks and blank lines", () => {
    const recs = parseCsvRecords('a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"", ok"\n3,z');
    expect(recs).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "x\r\ny"] },
      { line: 5, cells: ["2", 'say "hi", ok'] },
      { line: 6, cells: ["3", "z"] },
    ]);
  });
  it("guesses semicolons and tabs", () => {
    expect(parseCsvRecords("a;b\n1;2")[1].cells).toEqual(["1", "2"]);
    expect(parseCsvRecords("a\tb\n1\t2")[1].cells).toEqual(["1", "2"]);
  });
  it("reports an unclosed quote with its line", () => {
    try {
      parseCsvRecords('a,b\n1,2\n3,"open');
      expect.unreachable();
    } catch (e) {
      expect((e as FeedbackCsvError).vars).toEqual({ line: 3 });
    }
  });
  it("keeps a trailing empty cell", () => {
    expect(parseCsvRecords("a,b,\n")[0].cells).toEqual(["a", "b", ""]);
  });
});

describe("guessMapping", () => {
  it("maps English headers", () => {
    const m = guessMapping(["Date", "Channel", "Customer Segment", "Contact reason", "Score", "Feedback text", "Customer ID"]);
    expect(m).toEqual({ date: 0, channel: 1, segment: 2, reason: 3, score: 4, text: 5, customerId: 6 });
  });
  it("maps Chinese headers", () => {
    const m = guessMapping(["日期", "渠道", "客户群", "来电原因", "满意度", "反馈内容", "客户编号"]);
    expect(m).toEqual({ date: 0, channel: 1, segment: 2, reason: 3, score: 4, text: 5, customerId: 6 });
    expect(guessMapping(["细分", "联系原因", "评分", "内容"])).toEqual({ segment: 0, reason: 1, score: 2, text: 3 });
  });
  it("names the required columns a mapping lacks, and duplicates", () => {
    expect(missingColumns({ date: 0, channel: 1, text: 2 }, 3)).toEqual(["segment", "reason", "score"]);
    expect(missingColumns({ date: 0, channel: 1, segment: 2, reason: 3, score: 4, text: 9 }, 5)).toEqual(["text"]);
    expect(duplicateColumns({ date: 0, channel: 0, segment: 1 })).toEqual(["channel"]);
  });
});

describe("values", () => {
  it("parses dates in common formats and refuses impossible ones", () => {
    expect(parseDate("2024-03-05")).toBe("2024-03-05");
    expect(parseDate("2024/3/5")).toBe("2024-03-05");
    expect(parseDate("2024年3月5日")).toBe("2024-03-05");
    expect(parseDate("2024-03-05 14:22:01")).toBe("2024-03-05");
    expect(parseDate("2024-03-05T14:22:01Z")).toBe("2024-03-05");
    expect(parseDate("20240305")).toBe("2024-03-05");
    expect(parseDate("2023-02-29")).toBeNull();
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("05/03/2024")).toBeNull();
    expect(parseDate("yesterday")).toBeNull();
    expect(parseDate("2024-13-01")).toBeNull();
  });
  it("guesses the score scale", () => {
    expect(guessScale(["1", "5", "3", ""])).toBe("1-5");
    expect(guessScale(["0", "9", "10"])).toBe("0-10");
    expect(guessScale(["1", "7", "10"])).toBe("1-10");
    expect(guessScale(["35", "80"])).toBe("0-100");
    expect(guessScale(["x"])).toBe("1-5");
  });
  it("normalises channel names in both languages", () => {
    expect(normaliseChannel("电话")).toBe("phone");
    expect(normaliseChannel("Website")).toBe("web");
    expect(normaliseChannel("手机银行")).toBe("app");
    expect(normaliseChannel("Kiosk")).toBe("Kiosk");
  });
  it("neutralises formulas in CSV cells", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });
});

describe("validateRecords", () => {
  const header = ["date", "channel", "segment", "reason", "score", "text", "cid"];
  const mapping = { date: 0, channel: 1, segment: 2, reason: 3, score: 4, text: 5, customerId: 6 };
  it("keeps good rows and reports each bad one with its line, field and reason", () => {
    const recs = parseCsvRecords(
      [
        header.join(","),
        "2024-01-02,电话,大众客户,账单疑问,4,等待太久,C1",
        "2024-02-30,web,VIP,挂失,3,,C2",
        "2024-01-03,,VIP,挂失,9,x,",
        "2024-01-04,app,VIP,,,无评分,C3",
        "2024-01-05,app,VIP",
      ].join("\n"),
    ).slice(1);
    const r = validateRecords(recs, mapping, "1-5", header.length);
    expect(r.total).toBe(5);
    expect(r.valid.map((v) => v.customerId)).toEqual(["C1"]);
    expect(r.valid[0]).toMatchObject({ occurredOn: "2024-01-02", channel: "phone", score: 4, scoreMin: 1, scoreMax: 5 });
    expect(r.errorRows).toBe(4);
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, "date", "date"],
      [4, "channel", "required"],
      [4, "score", "score"],
      [5, "reason", "required"],
      [6, "row", "columns"],
      [6, "reason", "required"],
    ]);
    expect(r.errors.find((e) => e.code === "score")?.vars).toEqual({ min: 1, max: 5 });
  });
  it("accepts an empty score and text, and a score on another scale", () => {
    const recs = parseCsvRecords("2024-01-02,web,A,R,85,,\n2024-01-02,web,A,R,,,");
    const r = validateRecords(recs, mapping, "0-100", header.length);
    expect(r.errorRows).toBe(0);
    expect(r.valid.map((v) => v.score)).toEqual([85, null]);
    expect(r.valid[1].scoreMin).toBeNull();
  });
});
