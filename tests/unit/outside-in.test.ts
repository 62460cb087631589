import { describe, expect, it } from "vitest";
import {
  bucketOf,
  crossChannelHops,
  firstContactResolution,
  grainFor,
  hopContactIds,
  repeatContactIds,
  trendBuckets,
  type Contact,
} from "../../app/models/outside-in";

const c = (id: string, customerId: string, channel: string, occurredOn: string): Contact => ({ id, customerId, channel, occurredOn });

describe("cross-channel hops", () => {
  it("counts consecutive contacts on another channel within N days", () => {
    const rows = [
      c("1", "A", "web", "2024-01-01"),
      c("2", "A", "phone", "2024-01-03"), // web → phone, 2 days
      c("3", "A", "phone", "2024-01-04"), // same channel: a repeat, not a hop
      c("4", "A", "branch", "2024-01-20"), // 16 days later: outside 7
      c("5", "B", "web", "2024-01-10"),
      c("6", "B", "phone", "2024-01-17"), // exactly 7 days: inside
      c("7", "C", "app", "2024-01-01"),
    ];
    const r = crossChannelHops(rows, 7);
    expect(r.pairs).toEqual([{ from: "web", to: "phone", count: 2 }]);
    expect(r.totalHops).toBe(2);
    expect(r.customers).toBe(2);
    expect(r.contacts).toBe(7);
    expect(crossChannelHops(rows, 30).pairs).toEqual([
      { from: "web", to: "phone", count: 2 },
      { from: "phone", to: "branch", count: 1 },
    ]);
    expect(crossChannelHops(rows, 0).totalHops).toBe(0);
  });
  it("orders each customer's contacts by date whatever the input order, same-day contacts in input order", () => {
    const rows = [c("2", "A", "phone", "2024-01-03"), c("1", "A", "web", "2024-01-01"), c("3", "A", "chat", "2024-01-03")];
    expect(crossChannelHops(rows, 3).pairs).toEqual([
      { from: "phone", to: "chat", count: 1 },
      { from: "web", to: "phone", count: 1 },
    ]);
    expect(hopContactIds(rows, 3, "web", "phone")).toEqual(["1", "2"]);
  });
  it("ignores contacts without a customer id and crosses month and year ends", () => {
    const rows = [c("1", "", "web", "2024-12-30"), c("2", "", "phone", "2024-12-31"), c("3", "Z", "web", "2024-12-30"), c("4", "Z", "sms", "2025-01-02")];
    const r = crossChannelHops(rows, 3);
    expect(r.pairs).toEqual([{ from: "web", to: "sms", count: 1 }]);
    expect(r.contacts).toBe(2);
  });
  it("is empty for no contacts", () => {
    expect(crossChannelHops([], 7)).toEqual({ pairs: [], totalHops: 0, customers: 0, contacts: 0 });
  });
});

describe("first-contact resolution", () => {
  it("is the share of contacts not followed by another contact of the customer within N days", () => {
    const rows = [
      c("1", "A", "web", "2024-01-01"), // followed by 2 within 7 → not resolved
      c("2", "A", "phone", "2024-01-05"), // followed by 3 (same channel) within 7 → not resolved
      c("3", "A", "phone", "2024-01-06"), // last → resolved
      c("4", "B", "phone", "2024-01-01"), // next is 20 days later → resolved
      c("5", "B", "phone", "2024-01-21"), // resolved
      c("6", "C", "web", "2024-01-01"), // resolved
    ];
    const r = firstContactResolution(rows, 7);
    expect(r.overall).toEqual({ channel: "*", contacts: 6, resolved: 4, rate: 4 / 6 });
    expect(r.byChannel).toEqual([
      { channel: "phone", contacts: 4, resolved: 3, rate: 0.75 },
      { channel: "web", contacts: 2, resolved: 1, rate: 0.5 },
    ]);
    expect(repeatContactIds(rows, 7).sort()).toEqual(["1", "2"]);
    expect(repeatContactIds(rows, 7, "phone")).toEqual(["2"]);
    // A longer window turns B's second call into a repeat.
    expect(firstContactResolution(rows, 30).overall.resolved).toBe(3);
  });
  it("treats same-day repeats as unresolved and has no rate without contacts", () => {
    const r = firstContactResolution([c("1", "A", "app", "2024-01-01"), c("2", "A", "app", "2024-01-01")], 0);
    expect(r.overall).toMatchObject({ contacts: 2, resolved: 1, rate: 0.5 });
    expect(firstContactResolution([], 7).overall.rate).toBeNull();
  });
});

describe("trend buckets", () => {
  it("buckets by ISO week (Monday) and month and fills gaps", () => {
    expect(bucketOf("2024-01-07", "week")).toBe("2024-01-01"); // Sunday → Monday before
    expect(bucketOf("2024-01-08", "week")).toBe("2024-01-08");
    expect(bucketOf("2024-01-08", "month")).toBe("2024-01");
    expect(
      trendBuckets(
        [
          { day: "2024-11-03", count: 2 },
          { day: "2025-01-15", count: 5 },
        ],
        "month",
      ),
    ).toEqual([
      { bucket: "2024-11", count: 2 },
      { bucket: "2024-12", count: 0 },
      { bucket: "2025-01", count: 5 },
    ]);
    expect(trendBuckets([{ day: "2024-01-01", count: 1 }, { day: "2024-01-15", count: 1 }], "week").map((b) => b.count)).toEqual([1, 0, 1]);
    expect(grainFor("2024-01-01", "2024-01-31")).toBe("day");
    expect(grainFor("2024-01-01", "2024-09-30")).toBe("week");
    expect(grainFor("2023-01-01", "2024-09-30")).toBe("month");
  });
});
