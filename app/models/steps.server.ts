/**
 * Each step's state (not started / in progress / done) and what it produced, for the program
 * home's stepper. Each step's feature adds its probe here when it lands; a step without one has
 * produced nothing yet, and the stepper says so.
 */
import type { Program } from "../../db/schema";
import { STEPS, type StepKey, type StepStatus } from "./steps";
import { frontlineStepStatus } from "./frontline-overview.server";
import { improveStepStatus } from "./improve-overview.server";
import { journeyStepStatus } from "./journey-overview.server";
import { iterateStepStatus } from "./loops-overview.server";
import { reshapeStepStatus } from "./reshape-overview.server";
import { visionStepStatus } from "./vision-overview.server";

const PROBES: Partial<Record<StepKey, (program: Program) => Promise<StepStatus>>> = {
  vision: visionStepStatus,
  painPoints: journeyStepStatus,
  iterate: iterateStepStatus,
  reshape: reshapeStepStatus,
  frontline: frontlineStepStatus,
  improve: improveStepStatus,
};

export async function programStepStatuses(program: Program): Promise<StepStatus[]> {
  return Promise.all(
    STEPS.map((step) => {
      const probe = PROBES[step.key];
      return probe ? probe(program) : { key: step.key, state: "not_started" as const, outputs: [] };
    }),
  );
}
