/**
 * Frontline ideas (step 5), shared by server and UI: the limits, the input schema, how the idea's
 * feedback-record text is built and read back, and what became of an idea — its stage and progress
 * trail (sent → triaged into a loop cycle's step ① → part of an initiative → done, or dismissed
 * with the reason), derived purely from the inbox state, the initiative links and their statuses.
 */
import { z } from "zod";
import type { InitiativeStatus } from "../../db/schema";

export const IDEA_TITLE_MAX_CHARS = 120;
export const IDEA_TEXT_MAX_CHARS = 2000;
export const IDEA_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** What the photo picker accepts (checked again by magic bytes on the server). */
export const IDEA_PHOTO_ACCEPT = "image/jpeg,image/png,image/webp";
/** A title derived from the text when none is given: at most this many characters. */
const DERIVED_TITLE_CHARS = 40;

const optionalId = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string({ error: "validation.invalid" }).trim().max(100, "validation.invalid").optional(),
);

/** What someone sends to the idea box (the photo travels beside it). */
export const IdeaInputSchema = z
  .object({
    title: z.preprocess((v) => (v == null ? "" : v), z.string({ error: "validation.invalid" }).trim().max(IDEA_TITLE_MAX_CHARS, "ideas.errors.titleTooLong")),
    text: z
      .string({ error: "ideas.errors.textRequired" })
      .trim()
      .min(1, "ideas.errors.textRequired")
      .max(IDEA_TEXT_MAX_CHARS, "ideas.errors.textTooLong"),
    mapId: optionalId,
    touchpointId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.touchpointId && !v.mapId) ctx.addIssue({ code: "custom", path: ["touchpointId"], message: "ideas.errors.touchpointNeedsMap" });
  });
export type IdeaInput = z.infer<typeof IdeaInputSchema>;

/** The given title, or the first line of the text cut to a short title. */
export function ideaTitle(title: string, text: string): string {
  const given = title.trim();
  if (given) return given;
  const line = text.trim().split(/\r?\n/)[0].trim();
  const chars = [...line];
  return chars.length > DERIVED_TITLE_CHARS ? `${chars.slice(0, DERIVED_TITLE_CHARS - 1).join("")}…` : line;
}

/** The feedback record's text: the title, a blank line, the idea. */
export function ideaRecordText(title: string, text: string): string {
  return `${title}\n\n${text.trim()}`;
}

/** The idea's own text back from its record (the title prefix removed). */
export function ideaBody(recordText: string, title: string): string {
  const prefix = `${title}\n\n`;
  return recordText.startsWith(prefix) ? recordText.slice(prefix.length) : recordText;
}

// ---------------------------------------------------------------------------------------------
// What became of an idea

export interface IdeaCycleRef {
  id: string;
  kind: "small" | "large";
  number: number;
  title: string;
}

export interface IdeaInitiativeRef {
  id: string;
  title: string;
  status: InitiativeStatus;
  statusChangedAt: string;
  /** When the idea was linked to it. */
  linkedAt: string;
}

/** What the inbox knows about an idea's record. */
export interface IdeaFacts {
  createdAt: string;
  triage: { status: "triaged" | "dismissed"; at: string; reason: string | null; cycle: IdeaCycleRef | null } | null;
  initiatives: IdeaInitiativeRef[];
}

export const IDEA_STAGES = ["new", "triaged", "in_initiative", "done", "dismissed"] as const;
export type IdeaStage = (typeof IDEA_STAGES)[number];

export type TrailState = "complete" | "current" | "upcoming" | "skipped";
export type TrailKey = "submitted" | "triaged" | "initiative" | "done" | "dismissed";

export interface TrailStep {
  key: TrailKey;
  state: TrailState;
  at: string | null;
}

export interface IdeaStatus {
  stage: IdeaStage;
  /** Triaged into a cycle or linked to an initiative (what the leaderboard counts). */
  adopted: boolean;
  /** The earliest of the triage (while it stands) and the first initiative link. */
  adoptedAt: string | null;
  cycle: IdeaCycleRef | null;
  /** The initiative that tells the idea's fate best (done before in progress before approved…). */
  initiative: IdeaInitiativeRef | null;
  initiatives: IdeaInitiativeRef[];
  reason: string | null;
  trail: TrailStep[];
}

const INITIATIVE_RANK: Record<InitiativeStatus, number> = { done: 0, in_progress: 1, approved: 2, idea: 3, dropped: 4 };

function leadInitiative(list: IdeaInitiativeRef[]): IdeaInitiativeRef | null {
  if (list.length === 0) return null;
  return [...list].sort((a, b) => INITIATIVE_RANK[a.status] - INITIATIVE_RANK[b.status] || a.linkedAt.localeCompare(b.linkedAt) || a.id.localeCompare(b.id))[0];
}

function earliest(values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => !!v).sort();
  return present[0] ?? null;
}

/** Marks the last reached step as the current one. */
function markCurrent(steps: TrailStep[]): TrailStep[] {
  let last = -1;
  steps.forEach((s, i) => {
    if (s.state === "complete") last = i;
  });
  return steps.map((s, i) => (i === last ? { ...s, state: "current" } : s));
}

/**
 * The stage and trail of an idea. A link to an initiative says most (it is being acted on, even if
 * the record was dismissed before); then a dismissal; then a triage into a cycle; else it is new.
 */
export function ideaStatus(f: IdeaFacts): IdeaStatus {
  const initiative = leadInitiative(f.initiatives);
  const triaged = f.triage?.status === "triaged";
  const dismissed = f.triage?.status === "dismissed";
  const cycle = triaged ? f.triage!.cycle : null;
  const adoptedAt = earliest([triaged ? f.triage!.at : null, ...f.initiatives.map((i) => i.linkedAt)]);
  const base = {
    adopted: adoptedAt !== null,
    adoptedAt,
    cycle,
    initiative,
    initiatives: f.initiatives,
  };
  const submitted: TrailStep = { key: "submitted", state: "complete", at: f.createdAt };
  if (!initiative && dismissed) {
    return {
      ...base,
      stage: "dismissed",
      reason: f.triage!.reason,
      trail: markCurrent([submitted, { key: "dismissed", state: "complete", at: f.triage!.at }]),
    };
  }
  const stage: IdeaStage = initiative ? (initiative.status === "done" ? "done" : "in_initiative") : triaged ? "triaged" : "new";
  const trail: TrailStep[] = [
    submitted,
    { key: "triaged", state: triaged ? "complete" : initiative ? "skipped" : "upcoming", at: triaged ? f.triage!.at : null },
    { key: "initiative", state: initiative ? "complete" : "upcoming", at: initiative?.linkedAt ?? null },
    {
      key: "done",
      state: initiative?.status === "done" ? "complete" : initiative?.status === "dropped" ? "skipped" : "upcoming",
      // Done when the initiative was completed, or when the idea joined an initiative already done.
      at: initiative?.status === "done" ? [initiative.statusChangedAt, initiative.linkedAt].sort()[1] : null,
    },
  ];
  return { ...base, stage, reason: null, trail: markCurrent(trail) };
}
