/**
 * Each step's state (not started / in progress / done) and what it produced, for the program
 * home's stepper. Each step's feature adds its probe here when it lands; a step without one has
 * produced nothing yet, and the stepper says so.
 */
import type { Program } from "../../db/schema";
import { STEPS, type StepStatus } from "./steps";

export async function programStepStatuses(_program: Program): Promise<StepStatus[]> {
  return STEPS.map((step) => ({ key: step.key, state: "not_started" as const, outputs: [] }));
}
