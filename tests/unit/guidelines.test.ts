/** Step 5's pure rules: the review flag of a guideline, the guideline and catalogue input limits, the workshop agreement rule. */
import { describe, expect, it } from "vitest";
import { changedMiddle, guidelineFlag, GuidelineInputSchema, guidelineInputFromForm, isFlagged, parseExamples, parseSnapshot } from "../../app/models/guidelines";
import { agreementProblem, RecognitionTypeInputSchema, sameTypeName, todayInDisplayZone } from "../../app/models/recognition-catalogue";

const cited = { title: "透明等待", description: "客户随时知道进展。", measurableHint: "误差 ≤ 10 分钟" };

describe("guidelineFlag", () => {
  it("is none when the latest version words the standard exactly as cited", () => {
    expect(guidelineFlag(cited, { ...cited })).toEqual({ state: "none" });
    expect(isFlagged(guidelineFlag(cited, { ...cited }))).toBe(false);
  });

  it("names every field that changed, in a stable order", () => {
    expect(guidelineFlag(cited, { ...cited, measurableHint: "误差 ≤ 5 分钟" })).toEqual({ state: "changed", fields: ["measurableHint"] });
    expect(guidelineFlag(cited, { title: "透明的等待", description: "客户随时知道进展。", measurableHint: "误差 ≤ 5 分钟" })).toEqual({
      state: "changed",
      fields: ["title", "measurableHint"],
    });
    expect(guidelineFlag(cited, { title: "x", description: "y", measurableHint: "z" })).toEqual({ state: "changed", fields: ["title", "description", "measurableHint"] });
  });

  it("is removed when the latest version no longer has the standard", () => {
    expect(guidelineFlag(cited, undefined)).toEqual({ state: "removed" });
    expect(guidelineFlag(cited, null)).toEqual({ state: "removed" });
    expect(isFlagged(guidelineFlag(cited, undefined))).toBe(true);
  });

  it("treats an unreadable snapshot as empty wording, which flags against any real standard", () => {
    expect(parseSnapshot("not json")).toEqual({ title: "", description: "", measurableHint: "" });
    expect(guidelineFlag(parseSnapshot("{}"), cited).state).toBe("changed");
    expect(parseSnapshot(JSON.stringify(cited))).toEqual(cited);
  });
});

describe("guideline input", () => {
  const valid = { title: "主动告知等候时间", standardKey: "transparent-waiting", doExamples: ["告知预计等候时间"], dontExamples: [] };

  it("trims, defaults and drops blank examples", () => {
    const parsed = GuidelineInputSchema.parse({ ...valid, title: "  主动告知  ", doExamples: [" 告知 ", "", "   "], dontExamples: undefined });
    expect(parsed).toEqual({ title: "主动告知", body: "", standardKey: "transparent-waiting", doExamples: ["告知"], dontExamples: [] });
  });

  it("accepts examples as text with one per line", () => {
    expect(GuidelineInputSchema.parse({ ...valid, doExamples: "一\r\n\n二\n" }).doExamples).toEqual(["一", "二"]);
  });

  it("allows 10 examples of 300 characters and refuses an 11th or a 301st character", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(300, "字"));
    expect(GuidelineInputSchema.safeParse({ ...valid, doExamples: ten, dontExamples: ten }).success).toBe(true);
    const eleven = GuidelineInputSchema.safeParse({ ...valid, dontExamples: [...ten, "再一条"] });
    expect(eleven.success).toBe(false);
    expect(eleven.error?.issues[0]).toMatchObject({ path: ["dontExamples"], message: "guidelines.errors.tooManyExamples" });
    const long = GuidelineInputSchema.safeParse({ ...valid, doExamples: ["好", "字".repeat(301)] });
    expect(long.error?.issues[0]).toMatchObject({ path: ["doExamples", 1], message: "guidelines.errors.exampleTooLong" });
  });

  it("requires a title and a standard, and limits the title and the behaviour", () => {
    const r = GuidelineInputSchema.safeParse({ title: " ", standardKey: "" });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["title", "validation.required"],
      ["standardKey", "guidelines.errors.standardRequired"],
    ]);
    expect(GuidelineInputSchema.safeParse({ ...valid, title: "题".repeat(121) }).error?.issues[0].message).toBe("validation.tooLong");
    expect(GuidelineInputSchema.safeParse({ ...valid, body: "字".repeat(2001) }).error?.issues[0].message).toBe("validation.tooLong");
  });

  it("reads repeated form fields", () => {
    const form = new FormData();
    form.set("title", "T");
    form.set("standardKey", "k");
    form.append("doExamples", "a");
    form.append("doExamples", "");
    form.append("dontExamples", "b");
    expect(GuidelineInputSchema.parse(guidelineInputFromForm(form))).toEqual({ title: "T", body: "", standardKey: "k", doExamples: ["a"], dontExamples: ["b"] });
  });

  it("reads stored example lists defensively", () => {
    expect(parseExamples('["a","b"]')).toEqual(["a", "b"]);
    expect(parseExamples("[1,\"a\"]")).toEqual(["a"]);
    expect(parseExamples("oops")).toEqual([]);
  });
});

describe("the recognition catalogue", () => {
  const valid = { name: "主动告知进度", rewardKind: "points", rewardValue: "200", agreedOn: "2026-01-05", agreedBy: ["u1", "u2", "u1"] };

  it("parses a form's strings: numbers, empty guideline, de-duplicated people", () => {
    expect(RecognitionTypeInputSchema.parse(valid)).toEqual({
      name: "主动告知进度",
      description: "",
      guidelineId: null,
      rewardKind: "points",
      rewardText: "",
      rewardValue: 200,
      agreedOn: "2026-01-05",
      agreedNote: "",
      agreedBy: ["u1", "u2"],
    });
    expect(RecognitionTypeInputSchema.parse({ ...valid, rewardValue: "" }).rewardValue).toBe(0);
  });

  it("refuses a negative or non-numeric value, an unknown reward kind, a bad or future date", () => {
    const issue = (input: Record<string, unknown>) => RecognitionTypeInputSchema.safeParse({ ...valid, ...input }).error?.issues[0];
    expect(issue({ rewardValue: -1 })).toMatchObject({ path: ["rewardValue"], message: "catalogue.errors.valueNegative" });
    expect(issue({ rewardValue: "abc" })).toMatchObject({ path: ["rewardValue"], message: "catalogue.errors.valueNotNumber" });
    expect(issue({ rewardKind: "cash" })).toMatchObject({ path: ["rewardKind"], message: "catalogue.errors.rewardKindRequired" });
    expect(issue({ agreedOn: "2026-02-30" })).toMatchObject({ path: ["agreedOn"], message: "catalogue.errors.badDate" });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(issue({ agreedOn: tomorrow })).toMatchObject({ path: ["agreedOn"], message: "catalogue.errors.agreedInFuture" });
    expect(RecognitionTypeInputSchema.safeParse({ ...valid, agreedOn: todayInDisplayZone() }).success).toBe(true);
  });

  it("needs the leadership side (owner or leadership) and the frontline side to have agreed", () => {
    expect(agreementProblem([])).toBe("catalogue.errors.agreedRequired");
    expect(agreementProblem(["frontline", "project_team"])).toBe("catalogue.errors.needsLeadership");
    expect(agreementProblem(["leadership", "project_team"])).toBe("catalogue.errors.needsFrontline");
    expect(agreementProblem(["owner", "frontline"])).toBeNull();
    expect(agreementProblem(["leadership", "frontline", "viewer"])).toBeNull();
  });

  it("compares names without case, spaces or full-width differences", () => {
    expect(sameTypeName("First Contact ", "first contact")).toBe(true);
    expect(sameTypeName("ＦＣＲ之星", "fcr之星")).toBe(true);
    expect(sameTypeName("首问负责", "首问负责制")).toBe(false);
  });
});

describe("changedMiddle", () => {
  it("finds the differing middle of two wordings, by characters", () => {
    expect(changedMiddle("等候误差 ≤ 10 分钟", "等候误差 ≤ 5 分钟")).toEqual({ prefix: "等候误差 ≤ ", before: "10", after: "5", suffix: " 分钟" });
    expect(changedMiddle("一次解决", "一次解决")).toEqual({ prefix: "一次解决", before: "", after: "", suffix: "" });
    expect(changedMiddle("", "新的说法")).toEqual({ prefix: "", before: "", after: "新的说法", suffix: "" });
    // Overlapping prefix and suffix never double-count a character.
    expect(changedMiddle("aa", "aaa")).toEqual({ prefix: "aa", before: "", after: "a", suffix: "" });
  });
});
