import { describe, expect, it } from "vitest";
import { decodeUtf8, parseCsv } from "../../app/utils/csv";
import { contentDisposition, FILE_TYPES, parseSurveyCsv, sanitizeFilename } from "../../app/models/vision-evidence.server";
import { VisionError } from "../../app/models/vision-common.server";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, embedded commas and line breaks, CRLF and a BOM", () => {
    const text = '\uFEFFid,comment,score\r\n1,"等太久了, 真的","5"\r\n2,"他说""好""",4\n3,"第一行\n第二行",3\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ["id", "comment", "score"],
      ["1", "等太久了, 真的", "5"],
      ["2", '他说"好"', "4"],
      ["3", "第一行\n第二行", "3"],
    ]);
  });

  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\n,,")).toEqual([["a", "", "c"], ["", "", ""]]);
  });

  it("treats a quote inside an unquoted field as a character", () => {
    expect(parseCsv('size,5" screen\n')).toEqual([["size", '5" screen']]);
  });

  it("refuses an unclosed quote", () => {
    expect(() => parseCsv('a,"b\nc')).toThrow("vision.errors.csvUnclosedQuote");
  });
});

describe("decodeUtf8", () => {
  it("drops a BOM and refuses GBK bytes", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
    // "客户" in GBK
    expect(() => decodeUtf8(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]))).toThrow("vision.errors.csvEncoding");
  });
});

describe("parseSurveyCsv", () => {
  it("previews the first 50 rows and counts them all", () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i},满意`).join("\n");
    const r = parseSurveyCsv(utf8(`编号,评价\n${rows}\n`));
    expect(r.header).toEqual(["编号", "评价"]);
    expect(r.rowCount).toBe(120);
    expect(r.preview).toHaveLength(50);
    expect(r.preview[49]).toEqual(["49", "满意"]);
  });

  it("refuses a row with a different number of cells, naming its line", () => {
    try {
      parseSurveyCsv(utf8("a,b\n1,2\n3\n"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VisionError);
      expect((e as VisionError).fields).toEqual({ file: "vision.errors.csvRow" });
      expect((e as VisionError).vars).toEqual({ line: 3 });
    }
  });

  it("refuses duplicate or empty column names", () => {
    expect(() => parseSurveyCsv(utf8("a,a\n1,2\n"))).toThrow(VisionError);
    expect(() => parseSurveyCsv(utf8("a,\n1,2\n"))).toThrow(VisionError);
  });
});

describe("uploads", () => {
  it("sanitises filenames: no path, no control or reserved characters, length capped, extension kept", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFilename("C:\\Users\\x\\焦点小组 纪要.docx")).toBe("焦点小组 纪要.docx");
    expect(sanitizeFilename('a<b>:"c|?*.pdf')).toBe("a_b___c___.pdf");
    expect(sanitizeFilename("evil\u202Egpj.exe")).toBe("evilgpj.exe");
    expect(sanitizeFilename("...")).toBe("file");
    const long = sanitizeFilename(`${"长".repeat(300)}.xlsx`);
    expect(long.length).toBe(120);
    expect(long.endsWith(".xlsx")).toBe(true);
  });

  it("checks content by magic bytes", () => {
    expect(FILE_TYPES.pdf.check(utf8("%PDF-1.7 ..."))).toBe(true);
    expect(FILE_TYPES.pdf.check(utf8("<html>"))).toBe(false);
    expect(FILE_TYPES.png.check(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(FILE_TYPES.jpg.check(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(FILE_TYPES.webp.check(utf8("RIFF\0\0\0\0WEBPVP8 "))).toBe(true);
    expect(FILE_TYPES.docx.check(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("[Content_Types].xml word/document.xml")]))).toBe(true);
    expect(FILE_TYPES.xlsx.check(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("word/document.xml")]))).toBe(false);
    expect(FILE_TYPES.txt.check(new Uint8Array([0x61, 0x00, 0x62]))).toBe(false);
  });

  it("writes Content-Disposition with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("问卷 结果.csv", false)).toBe(
      `attachment; filename="__ __.csv"; filename*=UTF-8''%E9%97%AE%E5%8D%B7%20%E7%BB%93%E6%9E%9C.csv`,
    );
    expect(contentDisposition('a"b.png', true)).toMatch(/^inline; filename="a_b.png"/);
  });
});
