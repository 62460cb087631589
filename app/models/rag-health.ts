/**
 * RAG health of an initiative (step 6, the CX office's portfolio), shared by server and UI.
 * The rule, kept simple enough to say out loud (the page shows it as `rag.rule.*`):
 *
 * - Done or dropped → "closed" (grey): finished work has no health.
 * - Red   — the due date has passed (and it is not done); or a linked KPI's latest value is past
 *           its alert threshold in the bad direction.
 * - Amber — due within 14 days while still an idea or only approved (work has not started); or a
 *           linked KPI's latest value is worse than its previous one (against its direction,
 *           beyond the 0.5% "flat" tolerance of the KPI registry); or it is in progress with no
 *           KPI linked (nothing measures it).
 * - Green — none of the above.
 *
 * Every signal that applies is returned as a reason (worst first), so the page can say why.
 * A hand-set override (with its reason) wins over the computed value while the initiative is
 * open; a closed initiative stays closed.
 */
import type { InitiativeStatus } from "./initiative";
import { daysBetween } from "./initiative";
import { kpiStatus, kpiTrend, type KpiDirection } from "./kpi";

export type RagHealth = "green" | "amber" | "red";
/** What the portfolio shows: a RAG colour, or closed for done and dropped initiatives. */
export type PortfolioHealth = RagHealth | "closed";

export const RAG_HEALTHS = ["red", "amber", "green"] as const satisfies readonly RagHealth[];
export const PORTFOLIO_HEALTHS = ["red", "amber", "green", "closed"] as const satisfies readonly PortfolioHealth[];

/** Due within this many days (and not started) is amber. */
export const DUE_SOON_DAYS = 14;

export interface RagKpi {
  name: string;
  direction: KpiDirection;
  target: number | null;
  alertThreshold: number | null;
  /** The latest and the previous measured values (null when there are none). */
  latest: number | null;
  previous: number | null;
}

export interface RagInput {
  status: InitiativeStatus;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  /** The KPIs linked to the initiative (archived ones left out by the caller). */
  kpis: RagKpi[];
}

export type RagReason =
  | { code: "closed" }
  | { code: "overdue"; days: number }
  | { code: "kpiAlert"; kpi: string }
  | { code: "dueSoon"; days: number }
  | { code: "kpiWorsening"; kpi: string }
  | { code: "noKpi" }
  | { code: "onTrack" };

export interface RagResult {
  health: PortfolioHealth;
  /** Why: every red and amber signal that applies (red ones first), or onTrack / closed. */
  reasons: RagReason[];
}

export function isClosedStatus(status: InitiativeStatus): boolean {
  return status === "done" || status === "dropped";
}

/** True for statuses in which work has not started yet. */
function notStarted(status: InitiativeStatus): boolean {
  return status === "idea" || status === "approved";
}

/** Computes the health of an initiative on `today` (YYYY-MM-DD, the display zone's calendar day). */
export function computeRagHealth(input: RagInput, today: string): RagResult {
  if (isClosedStatus(input.status)) return { health: "closed", reasons: [{ code: "closed" }] };
  const red: RagReason[] = [];
  const amber: RagReason[] = [];

  if (input.dueDate) {
    const days = daysBetween(today, input.dueDate);
    if (days < 0) red.push({ code: "overdue", days: -days });
    else if (days <= DUE_SOON_DAYS && notStarted(input.status)) amber.push({ code: "dueSoon", days });
  }

  for (const k of input.kpis) {
    if (k.latest === null) continue;
    if (kpiStatus(k, k.latest) === "alert") {
      red.push({ code: "kpiAlert", kpi: k.name });
      continue;
    }
    if (k.previous !== null && kpiTrend(k.direction, [k.previous, k.latest]).trend === "worsening") {
      amber.push({ code: "kpiWorsening", kpi: k.name });
    }
  }

  if (input.status === "in_progress" && input.kpis.length === 0) amber.push({ code: "noKpi" });

  if (red.length > 0) return { health: "red", reasons: [...red, ...amber] };
  if (amber.length > 0) return { health: "amber", reasons: amber };
  return { health: "green", reasons: [{ code: "onTrack" }] };
}

export interface HealthOverride {
  health: RagHealth;
  reason: string;
}

/**
 * What the portfolio shows: closed for closed initiatives (an old override no longer applies),
 * else the override when one is set, else the computed health.
 */
export function effectiveHealth(computed: PortfolioHealth, override: HealthOverride | null): { health: PortfolioHealth; overridden: boolean } {
  if (computed === "closed") return { health: "closed", overridden: false };
  if (override) return { health: override.health, overridden: true };
  return { health: computed, overridden: false };
}

/** Sort rank: red first, closed last. */
export function healthRank(h: PortfolioHealth): number {
  return PORTFOLIO_HEALTHS.indexOf(h);
}

export function isRagHealth(v: unknown): v is RagHealth {
  return typeof v === "string" && (RAG_HEALTHS as readonly string[]).includes(v);
}

export function isPortfolioHealth(v: unknown): v is PortfolioHealth {
  return typeof v === "string" && (PORTFOLIO_HEALTHS as readonly string[]).includes(v);
}
