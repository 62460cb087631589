/** Dates render the same text on the server (Node) and in the browser (Chromium), or pages fail to hydrate. */
import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../app/utils/format";

describe("formatDateTime", () => {
  it("writes the first hour after midnight as 00, never 24, in both languages", () => {
    // 16:09 UTC is 00:09 the next day in China Standard Time.
    expect(formatDateTime("2026-10-11T16:09:03.117Z", "en")).toBe("Oct 12, 2026, 00:09");
    expect(formatDateTime("2026-10-11T16:09:03.117Z", "zh-CN")).toBe("2026年10月12日 00:09");
  });

  it("uses a 24-hour clock in the afternoon", () => {
    expect(formatDateTime("2026-10-11T07:30:00.000Z", "en")).toBe("Oct 11, 2026, 15:30");
    expect(formatDateTime("2026-10-11T07:30:00.000Z", "zh-CN")).toBe("2026年10月11日 15:30");
  });
});
