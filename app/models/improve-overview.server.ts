/**
 * Step 6 at a glance for the program home: continuous improvement under the CX office. Not
 * started while no initiative of the program is owned by an office team and no KPI alert was
 * raised; in progress once the office works on the program; done while every open initiative has
 * an owning team and every alert of the program has been acknowledged (it falls back to in
 * progress as soon as a new alert arrives or a new initiative lacks a team: the step never ends).
 */
import type { InitiativeStatus, Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

const CLOSED_STATUSES: InitiativeStatus[] = ["done", "dropped"];

export async function improveStepStatus(program: Program): Promise<StepStatus> {
  const d = db();
  const [initiatives, alerts, comments] = await Promise.all([
    d
      .selectFrom("initiatives")
      .select((eb) => [
        eb.fn.countAll<number>().as("open"),
        eb.fn.count<number>("owning_team_id").as("owned"),
      ])
      .where("program_id", "=", program.id)
      .where("status", "not in", CLOSED_STATUSES)
      .executeTakeFirstOrThrow(),
    d
      .selectFrom("kpi_alerts")
      .select((eb) => [
        eb.fn.countAll<number>().as("all"),
        eb.fn.sum<number>(eb.case().when("status", "=", "open").then(1).else(0).end()).as("open"),
      ])
      .where("program_id", "=", program.id)
      .executeTakeFirstOrThrow(),
    d.selectFrom("comments").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).executeTakeFirstOrThrow(),
  ]);
  const open = Number(initiatives.open);
  const owned = Number(initiatives.owned);
  const alertCount = Number(alerts.all);
  const openAlerts = Number(alerts.open ?? 0);
  const commentCount = Number(comments.n);
  if (owned === 0 && alertCount === 0) return { key: "improve", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (owned > 0) outputs.push({ labelKey: "improveStep.outputs.owned", count: owned });
  if (openAlerts > 0) outputs.push({ labelKey: "improveStep.outputs.openAlerts", count: openAlerts });
  if (alertCount > openAlerts) outputs.push({ labelKey: "improveStep.outputs.acknowledged", count: alertCount - openAlerts });
  if (commentCount > 0) outputs.push({ labelKey: "improveStep.outputs.comments", count: commentCount });
  const done = owned === open && openAlerts === 0;
  return { key: "improve", state: done ? "done" : "in_progress", outputs };
}
