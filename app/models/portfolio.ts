/**
 * The initiative portfolio's filters, views and the office's input on an initiative, shared by
 * server and UI (no .server suffix). Filters live in the URL (`?program=&team=&kind=&status=
 * &health=&q=&sort=`, plus `view=table|board` and `group=status|health` for the page), so a
 * filtered portfolio is a link one can send; the API takes the same query parameters.
 */
import { z } from "zod";
import { INITIATIVE_KINDS, INITIATIVE_STATUSES, type InitiativeKind, type InitiativeStatus } from "./initiative";
import { PORTFOLIO_HEALTHS, RAG_HEALTHS, type PortfolioHealth } from "./rag-health";

export const PORTFOLIO_SORTS = ["health", "due", "program", "title"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

/** `team=none`: initiatives no office team owns yet. */
export const NO_TEAM = "none";

export const PORTFOLIO_QUERY_MAX_CHARS = 100;

export interface PortfolioFilters {
  programId?: string;
  /** A team id, or NO_TEAM. */
  teamId?: string;
  kind?: InitiativeKind;
  status?: InitiativeStatus;
  health?: PortfolioHealth;
  /** Words searched in title, description, owner and program (case-insensitive). */
  q?: string;
  sort?: PortfolioSort;
}

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.string({ error: "validation.invalid" }).max(100, "validation.invalid").optional()
);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(values, { error: "validation.invalid" }).optional());

/** The query parameters, by their URL names. */
export const PortfolioQuerySchema = z.object({
  program: optionalId,
  team: optionalId,
  kind: optionalEnum(INITIATIVE_KINDS),
  status: optionalEnum(INITIATIVE_STATUSES),
  health: optionalEnum(PORTFOLIO_HEALTHS),
  q: z.preprocess(
    (v) => (v == null ? undefined : v),
    z.string({ error: "validation.invalid" }).trim().max(PORTFOLIO_QUERY_MAX_CHARS, "validation.tooLong").optional()
  ),
  sort: optionalEnum(PORTFOLIO_SORTS),
});

export const PORTFOLIO_QUERY_KEYS = ["program", "team", "kind", "status", "health", "q", "sort"] as const;

/**
 * Reads the filters from URL parameters. `errors` names each parameter with a value that is not
 * understood (the API answers 400; the page ignores it and shows everything).
 */
export function parsePortfolioQuery(params: URLSearchParams): { filters: PortfolioFilters; errors: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const k of PORTFOLIO_QUERY_KEYS) {
    const v = params.get(k);
    if (v !== null) raw[k] = v;
  }
  const errors: Record<string, string> = {};
  const clean: Record<string, unknown> = {};
  for (const k of PORTFOLIO_QUERY_KEYS) {
    const one = PortfolioQuerySchema.shape[k].safeParse(raw[k]);
    if (one.success) clean[k] = one.data;
    else errors[k] = one.error.issues[0]?.message ?? "validation.invalid";
  }
  const v = clean as z.infer<typeof PortfolioQuerySchema>;
  const filters: PortfolioFilters = {};
  if (v.program) filters.programId = v.program;
  if (v.team) filters.teamId = v.team;
  if (v.kind) filters.kind = v.kind;
  if (v.status) filters.status = v.status;
  if (v.health) filters.health = v.health;
  if (v.q) filters.q = v.q;
  if (v.sort) filters.sort = v.sort;
  return { filters, errors };
}

export type PortfolioView = "table" | "board";
export type PortfolioGroup = "status" | "health";

export function portfolioView(params: URLSearchParams): { view: PortfolioView; group: PortfolioGroup } {
  return { view: params.get("view") === "board" ? "board" : "table", group: params.get("group") === "health" ? "health" : "status" };
}

/** True when any filter narrows the list (sort and view do not). */
export function isFiltered(f: PortfolioFilters): boolean {
  return Boolean(f.programId || f.teamId || f.kind || f.status || f.health || f.q);
}

export const HEALTH_REASON_MAX_CHARS = 500;

/**
 * What the office changes on an initiative: the owning team (null: none) and/or the health
 * override (null: clear it; a reason is required to set one).
 */
export const InitiativeOfficeInputSchema = z
  .object({
    owningTeamId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid").nullable().optional(),
    healthOverride: z
      .object({
        health: z.enum(RAG_HEALTHS, { error: "office.errors.healthRequired" }),
        reason: z
          .string({ error: "office.errors.reasonRequired" })
          .trim()
          .min(1, "office.errors.reasonRequired")
          .max(HEALTH_REASON_MAX_CHARS, "validation.tooLong"),
      })
      .nullable()
      .optional(),
  })
  .refine((v) => v.owningTeamId !== undefined || v.healthOverride !== undefined, { message: "office.errors.nothingToChange", path: ["_form"] });
export type InitiativeOfficeInput = z.infer<typeof InitiativeOfficeInputSchema>;

/** The initiative's page (it shows every kind) and its traceability view. */
export function initiativeUrl(programId: string, id: string): string {
  return `/programs/${programId}/reshape/quick-wins/${id}`;
}

export function initiativeTraceUrl(programId: string, id: string): string {
  return `/programs/${programId}/trace/initiative/${id}`;
}
