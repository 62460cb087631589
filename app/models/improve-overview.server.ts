/**
 * Step 6 at a glance for the program home: continuous improvement under the CX office. Not
 * started while no initiative of the program is owned by an office team and no KPI alert was
 * raised; in progress once the office works on the program; done while every open initiative has
 * an owning team and every alert of the program has been acknowledged (it falls back to in
 * progress as soon as a new alert arrives or a new initiative lacks a team: the step never ends).
 * One query: each count is a scalar subquery.
 */
import type { InitiativeStatus, Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

const CLOSED_STATUSES: InitiativeStatus[] = ["done", "dropped"];

export async function improveStepStatus(program: Program): Promise<StepStatus> {
  const row = await db()
    .selectNoFrom((eb) => {
      const openInitiatives = () => eb.selectFrom("initiatives").where("program_id", "=", program.id).where("status", "not in", CLOSED_STATUSES);
      const alerts = () => eb.selectFrom("kpi_alerts").select(eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id);
      return [
        openInitiatives().select(eb.fn.countAll<number>().as("n")).as("open"),
        openInitiatives().select((i) => i.fn.count<number>("owning_team_id").as("n")).as("owned"),
        alerts().as("alerts"),
        alerts().where("status", "=", "open").as("openAlerts"),
        eb.selectFrom("comments").select(eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).as("comments"),
      ];
    })
    .executeTakeFirstOrThrow();
  const open = Number(row.open);
  const owned = Number(row.owned);
  const alertCount = Number(row.alerts);
  const openAlerts = Number(row.openAlerts);
  const commentCount = Number(row.comments);
  if (owned === 0 && alertCount === 0) return { key: "improve", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (owned > 0) outputs.push({ labelKey: "improveStep.outputs.owned", count: owned });
  if (openAlerts > 0) outputs.push({ labelKey: "improveStep.outputs.openAlerts", count: openAlerts });
  if (alertCount > openAlerts) outputs.push({ labelKey: "improveStep.outputs.acknowledged", count: alertCount - openAlerts });
  if (commentCount > 0) outputs.push({ labelKey: "improveStep.outputs.comments", count: commentCount });
  const done = owned === open && openAlerts === 0;
  return { key: "improve", state: done ? "done" : "in_progress", outputs };
}
