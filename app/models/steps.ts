/** The six steps of the method, in order, with the URL segment of each step's page. */
export const STEPS = [
  { key: "vision", path: "vision", number: 1 },
  { key: "painPoints", path: "journeys", number: 2 },
  { key: "reshape", path: "reshape", number: 3 },
  { key: "iterate", path: "loops", number: 4 },
  { key: "frontline", path: "frontline", number: 5 },
  { key: "improve", path: "/office", number: 6 },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];
export type StepState = "not_started" | "in_progress" | "done";

export interface StepOutput {
  /** i18n key of the artefact kind, with a count (e.g. `steps.outputs.journeyMaps`). */
  labelKey: string;
  count: number;
}

export interface StepStatus {
  key: StepKey;
  state: StepState;
  outputs: StepOutput[];
}

export function stepHref(programId: string, step: (typeof STEPS)[number]): string {
  return step.path.startsWith("/") ? step.path : `/programs/${programId}/${step.path}`;
}
