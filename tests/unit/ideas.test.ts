/** The idea model without a database: the input schema, titles and record text, and what became of an idea (stage, adoption, trail). */
import { describe, expect, it } from "vitest";
import en from "../../app/i18n/en.json";
import zh from "../../app/i18n/zh-CN.json";
import { IDEA_STAGES, ideaBody, IdeaInputSchema, ideaRecordText, ideaStatus, ideaTitle, type IdeaFacts, type IdeaInitiativeRef } from "../../app/models/ideas";

const cycle = { id: "c1", kind: "small" as const, number: 3, title: "补件一次办结" };
const ini = (status: IdeaInitiativeRef["status"], linkedAt = "2026-11-05T02:00:00.000Z", id = `i-${status}`): IdeaInitiativeRef => ({
  id,
  title: `initiative ${status}`,
  status,
  statusChangedAt: "2026-11-10T02:00:00.000Z",
  linkedAt,
});
const facts = (over: Partial<IdeaFacts> = {}): IdeaFacts => ({ createdAt: "2026-11-01T02:00:00.000Z", triage: null, initiatives: [], ...over });
const states = (f: IdeaFacts) => Object.fromEntries(ideaStatus(f).trail.map((s) => [s.key, s.state]));

describe("idea input", () => {
  it("needs the text; the title is optional; both have limits; a touchpoint needs its map", () => {
    expect(IdeaInputSchema.safeParse({ text: "  一键打印进度  " }).data).toEqual({ title: "", text: "一键打印进度", mapId: undefined, touchpointId: undefined });
    const issues = (v: unknown) => IdeaInputSchema.safeParse(v).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ text: "   " })).toEqual([["text", "ideas.errors.textRequired"]]);
    expect(issues({})).toEqual([["text", "ideas.errors.textRequired"]]);
    expect(issues({ text: "x".repeat(2001) })).toEqual([["text", "ideas.errors.textTooLong"]]);
    expect(IdeaInputSchema.safeParse({ text: "x".repeat(2000) }).success).toBe(true);
    expect(issues({ text: "x", title: "t".repeat(121) })).toEqual([["title", "ideas.errors.titleTooLong"]]);
    expect(issues({ text: "x", touchpointId: "tp1" })).toEqual([["touchpointId", "ideas.errors.touchpointNeedsMap"]]);
    // Empty selects mean "none".
    expect(IdeaInputSchema.safeParse({ text: "x", mapId: "", touchpointId: "" }).data).toMatchObject({ mapId: undefined, touchpointId: undefined });
  });

  it("derives a short title from the first line when none is given, and round-trips the record text", () => {
    expect(ideaTitle("  大堂自助机打印进度 ", "whatever")).toBe("大堂自助机打印进度");
    expect(ideaTitle("", "第一行就是标题\n第二行是细节")).toBe("第一行就是标题");
    const long = "很".repeat(60);
    expect(ideaTitle("", long)).toBe(`${"很".repeat(39)}…`);
    const text = ideaRecordText("标题", "  内容\n第二段 ");
    expect(text).toBe("标题\n\n内容\n第二段");
    expect(ideaBody(text, "标题")).toBe("内容\n第二段");
    expect(ideaBody("edited elsewhere", "标题")).toBe("edited elsewhere");
  });
});

describe("what became of an idea", () => {
  it("is new until the team acts; nothing is adopted yet", () => {
    const s = ideaStatus(facts());
    expect(s).toMatchObject({ stage: "new", adopted: false, adoptedAt: null, cycle: null, initiative: null, reason: null });
    expect(states(facts())).toEqual({ submitted: "current", triaged: "upcoming", initiative: "upcoming", done: "upcoming" });
  });

  it("is triaged into a cycle's step ①, adopted from then", () => {
    const f = facts({ triage: { status: "triaged", at: "2026-11-03T02:00:00.000Z", reason: null, cycle } });
    expect(ideaStatus(f)).toMatchObject({ stage: "triaged", adopted: true, adoptedAt: "2026-11-03T02:00:00.000Z", cycle });
    expect(states(f)).toEqual({ submitted: "complete", triaged: "current", initiative: "upcoming", done: "upcoming" });
  });

  it("becomes part of an initiative (with its status), and is done when the initiative is", () => {
    const triage = { status: "triaged" as const, at: "2026-11-03T02:00:00.000Z", reason: null, cycle };
    const inProgress = ideaStatus(facts({ triage, initiatives: [ini("in_progress")] }));
    expect(inProgress).toMatchObject({ stage: "in_initiative", adoptedAt: "2026-11-03T02:00:00.000Z", initiative: { status: "in_progress" } });
    expect(states(facts({ triage, initiatives: [ini("in_progress")] }))).toEqual({ submitted: "complete", triaged: "complete", initiative: "current", done: "upcoming" });

    const done = ideaStatus(facts({ triage, initiatives: [ini("approved", "2026-11-04T00:00:00.000Z", "a"), ini("done", "2026-11-06T00:00:00.000Z", "b")] }));
    expect(done.stage).toBe("done");
    expect(done.initiative?.id).toBe("b");
    expect(done.trail.map((s) => s.state)).toEqual(["complete", "complete", "complete", "current"]);
    expect(done.trail[3].at).toBe("2026-11-10T02:00:00.000Z");
    // Joined an initiative that was already done: done from the link on.
    const late = ideaStatus(facts({ initiatives: [{ ...ini("done", "2026-11-20T00:00:00.000Z"), statusChangedAt: "2026-10-01T00:00:00.000Z" }] }));
    expect(late.trail[3].at).toBe("2026-11-20T00:00:00.000Z");
  });

  it("counts as adopted from the earliest of triage and link; a link without triage skips the triage step", () => {
    const linkedOnly = facts({ initiatives: [ini("idea", "2026-11-09T00:00:00.000Z")] });
    expect(ideaStatus(linkedOnly)).toMatchObject({ stage: "in_initiative", adopted: true, adoptedAt: "2026-11-09T00:00:00.000Z", cycle: null });
    expect(states(linkedOnly)).toEqual({ submitted: "complete", triaged: "skipped", initiative: "current", done: "upcoming" });
    const both = facts({ triage: { status: "triaged", at: "2026-11-12T00:00:00.000Z", reason: null, cycle }, initiatives: [ini("idea", "2026-11-09T00:00:00.000Z")] });
    expect(ideaStatus(both).adoptedAt).toBe("2026-11-09T00:00:00.000Z");
  });

  it("is dismissed with the reason, and not adopted", () => {
    const f = facts({ triage: { status: "dismissed", at: "2026-11-04T00:00:00.000Z", reason: "重复反馈", cycle: null } });
    const s = ideaStatus(f);
    expect(s).toMatchObject({ stage: "dismissed", adopted: false, adoptedAt: null, reason: "重复反馈" });
    expect(s.trail).toEqual([
      { key: "submitted", state: "complete", at: "2026-11-01T02:00:00.000Z" },
      { key: "dismissed", state: "current", at: "2026-11-04T00:00:00.000Z" },
    ]);
  });

  it("an initiative link tells more than an earlier dismissal; a dropped initiative skips done", () => {
    const f = facts({ triage: { status: "dismissed", at: "2026-11-04T00:00:00.000Z", reason: "x", cycle: null }, initiatives: [ini("dropped")] });
    const s = ideaStatus(f);
    expect(s).toMatchObject({ stage: "in_initiative", adopted: true, reason: null, initiative: { status: "dropped" } });
    expect(states(f)).toEqual({ submitted: "complete", triaged: "skipped", initiative: "current", done: "skipped" });
  });

  it("has words for every stage and trail state in both languages", () => {
    for (const dict of [en, zh] as Record<string, any>[]) {
      for (const stage of IDEA_STAGES) expect(dict.ideas.stages[stage], stage).toBeTruthy();
      for (const st of ["complete", "current", "upcoming", "skipped"]) expect(dict.ideas.trail.states[st]).toBeTruthy();
    }
  });
});
