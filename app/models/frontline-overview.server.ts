/**
 * Step 5 at a glance for the program home: in progress as soon as the program has a behaviour
 * guideline or a catalogue entry; done once guidelines and a catalogue exist, at least one
 * recognition has been rewarded and at least one frontline idea has been sent.
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

export async function frontlineStepStatus(program: Program): Promise<StepStatus> {
  const count = (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  const d = db();
  const [guidelines, types, rewarded, ideas] = await Promise.all([
    count(d.selectFrom("guidelines").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).where("archived_at", "is", null)),
    count(d.selectFrom("recognition_types").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).where("archived_at", "is", null)),
    count(d.selectFrom("nominations").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).where("status", "=", "rewarded")),
    count(d.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id)),
  ]);
  if (guidelines === 0 && types === 0) return { key: "frontline", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (guidelines > 0) outputs.push({ labelKey: "guidelines.outputs.guidelines", count: guidelines });
  if (types > 0) outputs.push({ labelKey: "guidelines.outputs.behaviourTypes", count: types });
  if (rewarded > 0) outputs.push({ labelKey: "guidelines.outputs.recognitions", count: rewarded });
  if (ideas > 0) outputs.push({ labelKey: "guidelines.outputs.ideas", count: ideas });
  const done = guidelines > 0 && types > 0 && rewarded > 0 && ideas > 0;
  return { key: "frontline", state: done ? "done" : "in_progress", outputs };
}
