/**
 * The initiative model, shared by server and UI (no .server suffix): quick wins (step 3),
 * small-loop initiatives and large-loop solutions (step 4) are one kind of thing, so the CX office
 * portfolio (step 6) sees them all. Kinds, behavioural-psychology levers, statuses and the allowed
 * transitions between them, the input schemas (messages are i18n keys) and the gentle warnings
 * (seed 004: a quick win is small in scope and shows results within weeks).
 */
import { z } from "zod";
import type { InitiativeKind, InitiativeLever, InitiativeStatus } from "../../db/schema";
import type { Action } from "./permissions";

export type { InitiativeKind, InitiativeLever, InitiativeStatus };

export const INITIATIVE_KINDS = ["quick_win", "small_loop", "large_loop"] as const satisfies readonly InitiativeKind[];
export const INITIATIVE_LEVERS = [
  "peak_end",
  "defaults",
  "waiting_uncertainty",
  "progress_feedback",
  "choice_simplification",
  "social_proof",
  "loss_aversion",
  "custom",
] as const satisfies readonly InitiativeLever[];
export const INITIATIVE_STATUSES = ["idea", "approved", "in_progress", "done", "dropped"] as const satisfies readonly InitiativeStatus[];

/** The happy path, in order (dropped is a side exit): what the state bar shows. */
export const STATUS_PATH = ["idea", "approved", "in_progress", "done"] as const satisfies readonly InitiativeStatus[];

/**
 * Allowed transitions. Approval can be withdrawn (approved → idea) and a dropped idea revived
 * (dropped → idea); done is final — a follow-up is a new initiative.
 */
export const TRANSITIONS: Record<InitiativeStatus, readonly InitiativeStatus[]> = {
  idea: ["approved", "dropped"],
  approved: ["in_progress", "idea", "dropped"],
  in_progress: ["done", "dropped"],
  done: [],
  dropped: ["idea"],
};

export function canTransition(from: InitiativeStatus, to: InitiativeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The permission a transition needs: approving an idea is leadership's call (`approve`: owner,
 * leadership); every other move is the delivery team's or the CX office's (`initiative.status`).
 */
export function transitionPermission(from: InitiativeStatus, to: InitiativeStatus): Action {
  return from === "idea" && to === "approved" ? "approve" : "initiative.status";
}

/** Transitions that must say what came of it (done: the result; dropped: why). */
export function transitionNeedsNotes(to: InitiativeStatus): boolean {
  return to === "done" || to === "dropped";
}

export const QUICK_WIN_MAX_WEEKS = 8;
/** A quick win with a larger team than this is no longer small in scope. */
export const QUICK_WIN_MAX_PEOPLE = 6;

export const INITIATIVE_TITLE_MAX_CHARS = 120;
export const INITIATIVE_TEXT_MAX_CHARS = 2000;
export const LEVER_CUSTOM_MAX_CHARS = 80;
export const INITIATIVE_MAX_PAIN_POINTS = 50;
export const TEAM_SIZE_MAX = 500;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Whole days from `start` to `end` (both YYYY-MM-DD). */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const day = z.preprocess(
  emptyToNull,
  z
    .string({ error: "validation.invalid" })
    .refine(isCalendarDay, "initiatives.errors.badDate")
    .nullable(),
);

const text = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

export const PainPointRefSchema = z.object({
  mapId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  painPointId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
});
export type PainPointRef = z.infer<typeof PainPointRefSchema>;

/** What a form or the API sends to create or edit an initiative (status moves go through transitions). */
export const InitiativeInputSchema = z
  .object({
    kind: z.enum(INITIATIVE_KINDS, { error: "validation.invalid" }).default("quick_win"),
    title: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(INITIATIVE_TITLE_MAX_CHARS, "validation.tooLong"),
    description: text(INITIATIVE_TEXT_MAX_CHARS),
    lever: z.enum(INITIATIVE_LEVERS, { error: "initiatives.errors.leverRequired" }),
    leverCustom: z.preprocess(emptyToNull, z.string({ error: "validation.invalid" }).trim().max(LEVER_CUSTOM_MAX_CHARS, "validation.tooLong").nullable()),
    ownerId: z.string({ error: "initiatives.errors.ownerRequired" }).min(1, "initiatives.errors.ownerRequired").max(100, "initiatives.errors.ownerUnknown"),
    expectedResult: text(INITIATIVE_TEXT_MAX_CHARS),
    startDate: day,
    dueDate: day,
    teamSize: z.preprocess(
      emptyToNull,
      z.coerce
        .number({ error: "validation.invalid" })
        .int("validation.invalid")
        .min(1, "initiatives.errors.teamSize")
        .max(TEAM_SIZE_MAX, "initiatives.errors.teamSize")
        .nullable(),
    ),
    painPoints: z.array(PainPointRefSchema, { error: "validation.invalid" }).max(INITIATIVE_MAX_PAIN_POINTS, "validation.tooLong").default([]),
    /** The published quality standard it serves (its stable key); "" or null: none; left out: unchanged on edit. */
    standardKey: z.preprocess((v) => (v === "" ? null : v), z.string({ error: "validation.invalid" }).max(100, "validation.invalid").nullable().optional()),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.dueDate && v.dueDate < v.startDate) {
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "initiatives.errors.dueBeforeStart" });
    }
    if (v.lever === "custom" && !v.leverCustom) {
      ctx.addIssue({ code: "custom", path: ["leverCustom"], message: "validation.required" });
    }
  });
export type InitiativeInput = z.infer<typeof InitiativeInputSchema>;

export const TransitionInputSchema = z.object({
  to: z.enum(INITIATIVE_STATUSES, { error: "validation.invalid" }),
  notes: text(INITIATIVE_TEXT_MAX_CHARS),
});

/** Reads the create/edit form: pain points arrive as repeated `painPoint` values "mapId:painPointId". */
export function initiativeInputFromForm(form: FormData): Record<string, unknown> {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  return {
    kind: get("kind") || undefined,
    title: get("title"),
    description: get("description"),
    lever: get("lever") || undefined,
    leverCustom: get("leverCustom"),
    ownerId: get("ownerId") || undefined,
    expectedResult: get("expectedResult"),
    startDate: get("startDate"),
    dueDate: get("dueDate"),
    teamSize: get("teamSize"),
    standardKey: get("standardKey"),
    painPoints: form
      .getAll("painPoint")
      .filter((v): v is string => typeof v === "string")
      .map((v) => {
        const i = v.indexOf(":");
        return { mapId: v.slice(0, i), painPointId: v.slice(i + 1) };
      }),
  };
}

export function painPointRefValue(ref: PainPointRef): string {
  return `${ref.mapId}:${ref.painPointId}`;
}

export interface InitiativeWarning {
  /** i18n key under initiatives.warnings. */
  key: "tooLong" | "tooManyPeople";
  vars: Record<string, number>;
}

/** Gentle warnings (never refusals): a quick win longer than 8 weeks, or with a larger team than 6. */
export function initiativeWarnings(i: {
  kind: InitiativeKind;
  startDate: string | null;
  dueDate: string | null;
  teamSize: number | null;
}): InitiativeWarning[] {
  if (i.kind !== "quick_win") return [];
  const out: InitiativeWarning[] = [];
  if (i.startDate && i.dueDate && isCalendarDay(i.startDate) && isCalendarDay(i.dueDate)) {
    const days = daysBetween(i.startDate, i.dueDate);
    if (days > QUICK_WIN_MAX_WEEKS * 7) out.push({ key: "tooLong", vars: { weeks: Math.ceil(days / 7), max: QUICK_WIN_MAX_WEEKS } });
  }
  if (i.teamSize != null && i.teamSize > QUICK_WIN_MAX_PEOPLE) {
    out.push({ key: "tooManyPeople", vars: { people: i.teamSize, max: QUICK_WIN_MAX_PEOPLE } });
  }
  return out;
}
