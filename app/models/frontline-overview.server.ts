/**
 * Step 5 at a glance for the program home: in progress as soon as the program has a behaviour
 * guideline or a catalogue entry; done once guidelines and a catalogue exist, at least one
 * recognition has been rewarded and at least one frontline idea has been sent.
 * One query: each count is a scalar subquery.
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

export async function frontlineStepStatus(program: Program): Promise<StepStatus> {
  const row = await db()
    .selectNoFrom((eb) => {
      const n = eb.fn.countAll<number>().as("n");
      return [
        eb.selectFrom("guidelines").select(n).where("program_id", "=", program.id).where("archived_at", "is", null).as("guidelines"),
        eb.selectFrom("recognition_types").select(n).where("program_id", "=", program.id).where("archived_at", "is", null).as("types"),
        eb.selectFrom("nominations").select(n).where("program_id", "=", program.id).where("status", "=", "rewarded").as("rewarded"),
        eb.selectFrom("ideas").select(n).where("program_id", "=", program.id).as("ideas"),
      ];
    })
    .executeTakeFirstOrThrow();
  const guidelines = Number(row.guidelines);
  const types = Number(row.types);
  const rewarded = Number(row.rewarded);
  const ideas = Number(row.ideas);
  if (guidelines === 0 && types === 0) return { key: "frontline", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (guidelines > 0) outputs.push({ labelKey: "guidelines.outputs.guidelines", count: guidelines });
  if (types > 0) outputs.push({ labelKey: "guidelines.outputs.behaviourTypes", count: types });
  if (rewarded > 0) outputs.push({ labelKey: "guidelines.outputs.recognitions", count: rewarded });
  if (ideas > 0) outputs.push({ labelKey: "guidelines.outputs.ideas", count: ideas });
  const done = guidelines > 0 && types > 0 && rewarded > 0 && ideas > 0;
  return { key: "frontline", state: done ? "done" : "in_progress", outputs };
}
