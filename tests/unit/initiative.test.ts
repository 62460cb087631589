/** The initiative model: allowed transitions and who may make them, input validation, gentle warnings. */
import { describe, expect, it } from "vitest";
import {
  canTransition,
  INITIATIVE_STATUSES,
  InitiativeInputSchema,
  initiativeInputFromForm,
  initiativeWarnings,
  QUICK_WIN_MAX_PEOPLE,
  transitionNeedsNotes,
  transitionPermission,
} from "../../app/models/initiative";

describe("initiative transitions", () => {
  it("allows exactly the edges of the status graph", () => {
    const allowed = INITIATIVE_STATUSES.flatMap((from) => INITIATIVE_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(
      ["idea>approved", "idea>dropped", "approved>in_progress", "approved>idea", "approved>dropped", "in_progress>done", "in_progress>dropped", "dropped>idea"].sort(),
    );
    expect(canTransition("idea", "done")).toBe(false);
    expect(canTransition("done", "in_progress")).toBe(false);
    expect(canTransition("idea", "idea")).toBe(false);
  });

  it("needs approve to approve an idea and initiative.status for every other move", () => {
    expect(transitionPermission("idea", "approved")).toBe("approve");
    expect(transitionPermission("approved", "in_progress")).toBe("initiative.status");
    expect(transitionPermission("in_progress", "done")).toBe("initiative.status");
    expect(transitionNeedsNotes("done")).toBe(true);
    expect(transitionNeedsNotes("dropped")).toBe(true);
    expect(transitionNeedsNotes("approved")).toBe(false);
  });
});

describe("initiative input", () => {
  const base = { title: "Proactive progress SMS", lever: "progress_feedback", ownerId: "u1" };

  it("accepts a minimal quick win and reads empty form fields as null", () => {
    const v = InitiativeInputSchema.parse({ ...base, startDate: "", dueDate: "", teamSize: "" });
    expect(v).toMatchObject({ kind: "quick_win", startDate: null, dueDate: null, teamSize: null, painPoints: [], description: "" });
  });

  it("refuses due before start, impossible days, a custom lever without words, a team of zero", () => {
    const r = InitiativeInputSchema.safeParse({ ...base, lever: "custom", startDate: "2026-03-10", dueDate: "2026-03-01", teamSize: 0 });
    expect(r.success).toBe(false);
    const msgs = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(msgs).toMatchObject({ dueDate: "initiatives.errors.dueBeforeStart", leverCustom: "validation.required", teamSize: "initiatives.errors.teamSize" });
    const bad = InitiativeInputSchema.safeParse({ ...base, startDate: "2026-02-30" });
    expect(bad.error!.issues[0]).toMatchObject({ path: ["startDate"], message: "initiatives.errors.badDate" });
    expect(InitiativeInputSchema.safeParse({ ...base, title: "  " }).error!.issues[0].message).toBe("validation.required");
  });

  it("reads pain points from a form as mapId:painPointId values", () => {
    const f = new FormData();
    f.set("title", "T");
    f.set("lever", "defaults");
    f.set("ownerId", "u1");
    f.append("painPoint", "m1:p1");
    f.append("painPoint", "m2:p2");
    const v = InitiativeInputSchema.parse(initiativeInputFromForm(f));
    expect(v.painPoints).toEqual([{ mapId: "m1", painPointId: "p1" }, { mapId: "m2", painPointId: "p2" }]);
  });
});

describe("quick-win warnings", () => {
  it("warns gently past 8 weeks or past the team size, only for quick wins", () => {
    expect(initiativeWarnings({ kind: "quick_win", startDate: "2026-01-01", dueDate: "2026-02-26", teamSize: 6 })).toEqual([]);
    expect(initiativeWarnings({ kind: "quick_win", startDate: "2026-01-01", dueDate: "2026-02-27", teamSize: null })).toEqual([
      { key: "tooLong", vars: { weeks: 9, max: 8 } },
    ]);
    expect(initiativeWarnings({ kind: "quick_win", startDate: null, dueDate: null, teamSize: QUICK_WIN_MAX_PEOPLE + 1 })).toEqual([
      { key: "tooManyPeople", vars: { people: 7, max: 6 } },
    ]);
    expect(initiativeWarnings({ kind: "large_loop", startDate: "2026-01-01", dueDate: "2026-12-31", teamSize: 40 })).toEqual([]);
  });
});
