/**
 * Step 6's state on the program home, on both databases: not started until the CX office owns an
 * initiative or an alert is raised; done while every open initiative has an owning team and no
 * alert is open; back in progress when a new alert arrives.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { improveStepStatus } from "../../app/models/improve-overview.server";
import { ensureOfficeTeams } from "../../app/models/office-teams.server";
import { dialects } from "../helpers/db";
import { setupVision, type VisionTestEnv } from "../helpers/vision";

describe.each(dialects())("step 6 status on %s", (dialect) => {
  let env: VisionTestEnv;
  beforeEach(async () => {
    env = await setupVision(dialect);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  async function initiative(status: "idea" | "done", teamId: string | null) {
    const id = newId();
    const now = nowIso();
    await db()
      .insertInto("initiatives")
      .values({
        id, program_id: env.demo.programId, kind: "quick_win", title: `I ${id.slice(0, 4)}`, description: "", lever: "defaults", lever_custom: null,
        owner_id: null, expected_result: "", start_date: null, due_date: null, team_size: null, status, status_changed_at: now, result_notes: "",
        created_by: null, created_at: now, updated_at: now, owning_team_id: teamId,
      })
      .execute();
    return id;
  }

  async function alert(status: "open" | "acknowledged") {
    const kpiId = newId();
    const now = nowIso();
    await db()
      .insertInto("kpis")
      .values({
        id: kpiId, program_id: env.demo.programId, name: `K ${kpiId.slice(0, 4)}`, kind: "outcome", template: null, description: "", unit: "percent",
        direction: "up", baseline: null, target: 80, alert_threshold: 60, owner_id: null, cadence: "weekly", journey_map_id: null, touchpoint_id: null,
        created_by: null, created_at: now, updated_at: now, archived_at: null,
      })
      .execute();
    await db()
      .insertInto("kpi_alerts")
      .values({
        id: newId(), org_id: env.demo.orgId, program_id: env.demo.programId, kpi_id: kpiId, kind: "threshold", period_key: "2026-11-01", value: 50,
        threshold: 60, status, detected_at: now, acknowledged_by: null, acknowledged_at: null, ack_note: null,
      })
      .execute();
  }

  it("follows the office's work on the program", async () => {
    const program = (await env.actor("lead")).program as Parameters<typeof improveStepStatus>[0];
    expect((await improveStepStatus(program)).state).toBe("not_started");
    await initiative("idea", null);
    expect((await improveStepStatus(program)).state).toBe("not_started");

    const [team] = await ensureOfficeTeams(env.demo.orgId);
    await initiative("idea", team.id);
    let status = await improveStepStatus(program);
    expect(status.state).toBe("in_progress"); // one open initiative still has no team
    expect(status.outputs).toEqual([{ labelKey: "improveStep.outputs.owned", count: 1 }]);

    await db().updateTable("initiatives").set({ owning_team_id: team.id }).where("program_id", "=", env.demo.programId).execute();
    await initiative("done", null); // closed initiatives need no team
    await alert("acknowledged");
    status = await improveStepStatus(program);
    expect(status.state).toBe("done");
    expect(status.outputs).toContainEqual({ labelKey: "improveStep.outputs.acknowledged", count: 1 });

    await alert("open");
    status = await improveStepStatus(program);
    expect(status.state).toBe("in_progress");
    expect(status.outputs).toContainEqual({ labelKey: "improveStep.outputs.openAlerts", count: 1 });
  });
});
