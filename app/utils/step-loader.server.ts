/** The loader shared by the step pages: the program guard, then this step's state. */
import { json } from "@remix-run/node";
import { requireProgram } from "../models/access.server";
import type { StepKey } from "../models/steps";
import { programStepStatuses } from "../models/steps.server";

export async function loadStep(request: Request, programId: string | undefined, step: StepKey) {
  const { program } = await requireProgram(request, programId);
  const statuses = await programStepStatuses(program);
  const status = statuses.find((s) => s.key === step);
  return json({ step, state: status?.state ?? "not_started" });
}
