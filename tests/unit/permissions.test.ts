import { describe, expect, it } from "vitest";
import { ACTIONS, can, PROGRAM_ROLES, type Action, type ProgramRole } from "../../app/models/permissions";

/**
 * SPEC.md's roles table, written out independently of the implementation:
 * a role may do exactly the actions listed for it here.
 */
const EXPECTED: Record<ProgramRole | "office", Action[]> = {
  owner: [...ACTIONS],
  leadership: [
    "program.view", "activity.view", "feedback.submit", "idea.submit", "nomination.submit", "vision.participate",
    "vision.edit", "vision.publish", "brief.edit", "journey.edit", "approve", "comment", "nomination.review", "report.view",
    "guideline.edit",
  ],
  project_team: [
    "program.view", "activity.view", "feedback.submit", "idea.submit", "nomination.submit", "vision.participate",
    "brief.edit", "journey.edit", "initiative.edit", "initiative.status", "kpi.edit", "measurement.add",
    "feedback.triage", "loop.manage", "comment", "nomination.review",
    "guideline.edit",
  ],
  functional_rep: [
    "program.view", "activity.view", "feedback.submit", "idea.submit", "nomination.submit", "vision.participate", "journey.edit", "comment",
  ],
  frontline: ["program.view", "feedback.submit", "idea.submit", "nomination.submit", "vision.participate"],
  viewer: ["program.view", "activity.view"],
  office: ["program.view", "activity.view", "program.export", "initiative.status", "report.view", "comment"],
};

describe("permissions: every role × every action", () => {
  for (const role of [...PROGRAM_ROLES, "office"] as const) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[role].includes(action);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        const access = role === "office" ? { role: null, office: true } : { role, office: false };
        expect(can(access, action)).toBe(expected);
      });
    }
  }

  it("a program member who is also CX office gets the union of both", () => {
    expect(can({ role: "viewer", office: true }, "initiative.status")).toBe(true);
    expect(can({ role: "viewer", office: true }, "journey.edit")).toBe(false);
  });

  it("no standing means no access at all", () => {
    for (const action of ACTIONS) {
      expect(can(null, action)).toBe(false);
      expect(can({ role: null, office: false }, action)).toBe(false);
    }
  });

  it("only owners manage members, and viewers edit nothing", () => {
    const managers = PROGRAM_ROLES.filter((r) => can({ role: r, office: false }, "members.manage"));
    expect(managers).toEqual(["owner"]);
    const viewerEdits = ACTIONS.filter((a) => a !== "program.view" && a !== "activity.view" && can({ role: "viewer", office: false }, a));
    expect(viewerEdits).toEqual([]);
  });
});
