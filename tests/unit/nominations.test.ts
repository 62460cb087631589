/** The recognition workflow's pure rules: transitions, conflicts of interest, input schemas, story normalisation and hash, rewards, wall periods. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canTransition,
  charCount,
  grantedReward,
  NOMINATION_STATUSES,
  NominationInputSchema,
  normaliseStory,
  periodStart,
  reviewConflict,
  ReviewInputSchema,
  RewardInputSchema,
  storyHash,
  transitionRefusal,
  type NominationStatus,
} from "../../app/models/nominations";

const story = "客户在柜台排队时身体不适，她立刻安排座位并倒了温水，之后优先办理了业务。";

describe("transitions", () => {
  it("allows exactly submitted → approved | rejected and approved → rewarded", () => {
    const allowed: string[] = [];
    for (const from of NOMINATION_STATUSES) for (const to of NOMINATION_STATUSES) if (canTransition(from, to)) allowed.push(`${from}>${to}`);
    expect(allowed.sort()).toEqual(["approved>rewarded", "submitted>approved", "submitted>rejected"]);
  });

  it("names why a move is refused", () => {
    const cases: [NominationStatus, NominationStatus, string | null][] = [
      ["submitted", "approved", null],
      ["submitted", "rejected", null],
      ["approved", "rewarded", null],
      ["approved", "approved", "nominations.errors.alreadyReviewed"],
      ["rejected", "approved", "nominations.errors.alreadyReviewed"],
      ["approved", "rejected", "nominations.errors.alreadyReviewed"],
      ["submitted", "rewarded", "nominations.errors.notApproved"],
      ["rejected", "rewarded", "nominations.errors.notApproved"],
      ["rewarded", "rewarded", "nominations.errors.alreadyRewarded"],
      ["rewarded", "submitted", "nominations.errors.alreadyReviewed"],
    ];
    for (const [from, to, key] of cases) expect(transitionRefusal(from, to), `${from}>${to}`).toBe(key);
  });
});

describe("conflicts of interest", () => {
  const n = { nominatorId: "a", nomineeId: "b" };
  it("refuses the nominator and the nominee, nobody else", () => {
    expect(reviewConflict(n, "a")).toBe("own");
    expect(reviewConflict(n, "b")).toBe("nominee");
    expect(reviewConflict(n, "c")).toBeNull();
  });
});

describe("story normalisation and hash", () => {
  it("trims, collapses white space, case-folds and folds full-width forms", () => {
    expect(normaliseStory("  Helped  a\tcustomer\n\nwith the APP  ")).toBe("helped a customer with the app");
    expect(normaliseStory("ＡＰＰ　很好")).toBe("app 很好");
  });

  it("hashes the normalised story with SHA-256", async () => {
    const expected = createHash("sha256").update(normaliseStory(story), "utf8").digest("hex");
    expect(await storyHash(story)).toBe(expected);
    expect(await storyHash(`  ${story.replace("，", "， ")} `)).not.toBe(expected);
    expect(await storyHash(`\n${story}  `)).toBe(expected);
    expect(await storyHash("She Helped The Customer kindly and patiently")).toBe(await storyHash("she helped   the customer KINDLY and patiently"));
    expect(await storyHash("a different story, long enough to count")).not.toBe(expected);
  });

  it("counts characters as people do", () => {
    expect(charCount("客户😊")).toBe(3);
  });
});

describe("nomination input", () => {
  const parse = (v: unknown) => NominationInputSchema.safeParse(v);
  const messages = (v: unknown) => {
    const r = parse(v);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("accepts a colleague, a behaviour and a story of 20–2000 characters (trimmed)", () => {
    const r = parse({ nomineeId: "u1", typeId: "t1", story: `  ${story}  ` });
    expect(r.success && r.data).toEqual({ nomineeId: "u1", typeId: "t1", story });
    expect(parse({ nomineeId: "u1", typeId: "t1", story: "好".repeat(2000) }).success).toBe(true);
  });

  it("refuses what is missing, too short or too long with i18n keys", () => {
    expect(messages({})).toEqual({ nomineeId: "nominations.errors.nomineeRequired", typeId: "nominations.errors.typeRequired", story: "nominations.errors.storyRequired" });
    expect(messages({ nomineeId: "u1", typeId: "t1", story: "太短了" })).toEqual({ story: "nominations.errors.storyTooShort" });
    expect(messages({ nomineeId: "u1", typeId: "t1", story: "好".repeat(2001) })).toEqual({ story: "nominations.errors.storyTooLong" });
    expect(messages({ nomineeId: "u1", typeId: "t1", story: "   " })).toEqual({ story: "nominations.errors.storyRequired" });
    expect(messages({ nomineeId: 5, typeId: "t1", story })).toEqual({ nomineeId: "nominations.errors.nomineeRequired" });
  });
});

describe("review input", () => {
  it("needs a decision, and a reason to reject", () => {
    expect(ReviewInputSchema.safeParse({ decision: "approve" }).success).toBe(true);
    const noReason = ReviewInputSchema.safeParse({ decision: "reject", reason: "  " });
    expect(noReason.success).toBe(false);
    expect(noReason.error?.issues[0]).toMatchObject({ path: ["reason"], message: "nominations.errors.reasonRequired" });
    expect(ReviewInputSchema.safeParse({ decision: "reject", reason: "与行为准则不符" }).success).toBe(true);
    expect(ReviewInputSchema.safeParse({ decision: "maybe" }).error?.issues[0].message).toBe("nominations.errors.decisionRequired");
    expect(ReviewInputSchema.safeParse({ decision: "reject", reason: "x".repeat(1001) }).error?.issues[0].message).toBe("validation.tooLong");
  });
});

describe("rewards", () => {
  const catalogue = { rewardText: "200 服务积分", rewardValue: 200 };
  it("grants the catalogue's reward unless adjusted", () => {
    const parse = (v: unknown) => RewardInputSchema.parse(v);
    expect(grantedReward(catalogue, parse({}))).toEqual({ ...catalogue, adjusted: false });
    expect(grantedReward(catalogue, parse({ rewardText: "", rewardValue: "" }))).toEqual({ ...catalogue, adjusted: false });
    expect(grantedReward(catalogue, parse({ rewardValue: "300", note: "连续三次被表扬" }))).toEqual({ rewardText: "200 服务积分", rewardValue: 300, adjusted: true });
    expect(grantedReward(catalogue, parse({ rewardText: "季度之星证书" })).adjusted).toBe(true);
  });

  it("refuses negative or non-numeric values", () => {
    expect(RewardInputSchema.safeParse({ rewardValue: -1 }).error?.issues[0].message).toBe("nominations.errors.rewardValue");
    expect(RewardInputSchema.safeParse({ rewardValue: "lots" }).error?.issues[0].message).toBe("nominations.errors.rewardValue");
  });
});

describe("wall periods", () => {
  it("start 30, 90 and 365 days back, or never", () => {
    const now = new Date("2026-11-23T12:00:00.000Z");
    expect(periodStart("30d", now)).toBe("2026-10-24T12:00:00.000Z");
    expect(periodStart("90d", now)).toBe("2026-08-25T12:00:00.000Z");
    expect(periodStart("365d", now)).toBe("2025-11-23T12:00:00.000Z");
    expect(periodStart("all", now)).toBeNull();
  });
});
