/**
 * The CX office's initiative portfolio (step 6): every initiative of every program of one
 * organisation that a person can see, with its program, owner, owning office team, due date,
 * RAG health (computed by rag-health.ts, or the office's override with its reason), the journeys
 * and pain points it addresses and the KPIs that track it (latest value, previous value, status
 * against target and threshold).
 *
 * `listPortfolio(viewer, filters?, opts?)` is usable from anywhere with a plain object:
 *   viewer  = { userId, orgId, locale? } — visibility is read from the database, never trusted
 *             from the caller: the CX office and org admins see every (unarchived) program of the
 *             organisation, everyone else the programs they are a member of; someone outside the
 *             organisation sees nothing. `locale` picks the program names' language.
 *   filters = { programId?, teamId? (an id or "none"), kind?, status?, health?, q?, sort? }
 *             (see portfolio.ts; parsePortfolioQuery reads them from a URL).
 *   →  { items (filtered, sorted), total (visible, unfiltered), healthCounts (filtered by all
 *        but health), programs, teams, seesAll, today }.
 * A fixed number of queries whatever the size (programs, teams, initiatives, their pain points,
 * their KPIs, the KPIs' last two values) — nothing per row.
 */
import type { InitiativeKind, InitiativeStatus, KpiDirection, OfficeTeamKey } from "../../db/schema";
import { db } from "../db.server";
import type { Locale } from "../i18n/config";
import { dayInDisplayZone } from "../utils/format";
import { kpiStatus, kpiTrend, type KpiStatus, type KpiTrend } from "./kpi";
import { recentKpiValues } from "./kpi-recent-values.server";
import { ensureOfficeTeams } from "./office-teams.server";
import { localName } from "./org.server";
import { can, orgRoleSeesAllPrograms } from "./permissions";
import { initiativeTraceUrl, initiativeUrl, NO_TEAM, type PortfolioFilters } from "./portfolio";
import { listVisiblePrograms } from "./program.server";
import { computeRagHealth, effectiveHealth, healthRank, PORTFOLIO_HEALTHS, type PortfolioHealth, type RagHealth, type RagReason } from "./rag-health";

export interface PortfolioViewer {
  userId: string;
  orgId: string;
  locale?: Locale;
}

export interface PortfolioKpi {
  id: string;
  name: string;
  unit: string;
  direction: KpiDirection;
  target: number | null;
  alertThreshold: number | null;
  latest: { date: string; value: number } | null;
  previous: { date: string; value: number } | null;
  status: KpiStatus;
  trend: KpiTrend;
}

export interface PortfolioPainPoint {
  mapId: string;
  id: string;
  title: string;
  severity: number;
  /** False when the pain point was deleted from its map since it was linked. */
  exists: boolean;
}

export interface PortfolioItem {
  id: string;
  programId: string;
  programName: string;
  title: string;
  kind: InitiativeKind;
  status: InitiativeStatus;
  owner: { id: string; name: string } | null;
  team: { id: string; key: OfficeTeamKey } | null;
  startDate: string | null;
  dueDate: string | null;
  /** What the portfolio shows (the override while one is set on an open initiative). */
  health: PortfolioHealth;
  computedHealth: PortfolioHealth;
  reasons: RagReason[];
  override: { health: RagHealth; reason: string; by: { id: string; name: string } | null; at: string } | null;
  journeys: { id: string; name: string }[];
  painPoints: PortfolioPainPoint[];
  kpis: PortfolioKpi[];
  /** The viewer may set the health override and the owning team (initiative.status in its program). */
  canManage: boolean;
  url: string;
  traceUrl: string;
}

export interface Portfolio {
  items: PortfolioItem[];
  /** Initiatives the viewer can see, before filters. */
  total: number;
  /** Per health, among the initiatives matching every filter but health. */
  healthCounts: Record<PortfolioHealth, number>;
  programs: { id: string; name: string }[];
  teams: { id: string; key: OfficeTeamKey }[];
  seesAll: boolean;
  /** The calendar day the health was computed for (China Standard Time). */
  today: string;
}

/** Today's calendar day in the display zone (where due dates are meant). */
export function portfolioToday(now = new Date()): string {
  return dayInDisplayZone(now.toISOString());
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export async function listPortfolio(
  viewer: PortfolioViewer,
  filters: PortfolioFilters = {},
  opts: { today?: string; initiativeIds?: string[] } = {}
): Promise<Portfolio> {
  const today = opts.today ?? portfolioToday();
  const locale = viewer.locale ?? "zh-CN";
  const emptyCounts = Object.fromEntries(PORTFOLIO_HEALTHS.map((h) => [h, 0])) as Record<PortfolioHealth, number>;
  const programs = await listVisiblePrograms(viewer.userId, viewer.orgId);
  if (programs.length === 0) {
    const inOrg = await db()
      .selectFrom("org_members")
      .select("role")
      .where("org_id", "=", viewer.orgId)
      .where("user_id", "=", viewer.userId)
      .executeTakeFirst();
    const teams = inOrg ? await ensureOfficeTeams(viewer.orgId) : [];
    return {
      items: [],
      total: 0,
      healthCounts: emptyCounts,
      programs: [],
      teams: teams.map((t) => ({ id: t.id, key: t.key })),
      seesAll: orgRoleSeesAllPrograms(inOrg?.role),
      today,
    };
  }
  const programIds = programs.map((p) => p.id);
  const programById = new Map(programs.map((p) => [p.id, p]));
  const programOrder = new Map(programs.map((p, i) => [p.id, i]));

  const d = db();
  let initiativesQ = d
    .selectFrom("initiatives as i")
    .leftJoin("users as o", "o.id", "i.owner_id")
    .leftJoin("users as hb", "hb.id", "i.health_override_by")
    .select([
      "i.id",
      "i.program_id",
      "i.title",
      "i.description",
      "i.kind",
      "i.status",
      "i.start_date",
      "i.due_date",
      "i.owning_team_id",
      "i.health_override",
      "i.health_override_reason",
      "i.health_override_at",
      "i.health_override_by",
      "i.created_at",
      "o.id as owner_id",
      "o.name as owner_name",
      "hb.name as override_by_name",
    ])
    .where("i.program_id", "in", programIds);
  if (opts.initiativeIds) initiativesQ = initiativesQ.where("i.id", "in", opts.initiativeIds.length ? opts.initiativeIds : [""]);

  const [teams, initiatives, pains, kpis] = await Promise.all([
    ensureOfficeTeams(viewer.orgId),
    initiativesQ.orderBy("i.created_at").orderBy("i.id").execute(),
    d
      .selectFrom("initiative_pain_points as l")
      .innerJoin("initiatives as i", "i.id", "l.initiative_id")
      .innerJoin("journey_maps as m", "m.id", "l.map_id")
      .leftJoin("pain_points as p", (j) => j.onRef("p.map_id", "=", "l.map_id").onRef("p.doc_object_id", "=", "l.pain_point_id"))
      .select(["l.initiative_id", "l.map_id", "l.pain_point_id", "m.name as map_name", "p.title", "p.severity", "p.deleted_at"])
      .where("i.program_id", "in", programIds)
      .orderBy("l.created_at")
      .orderBy("p.title")
      .execute(),
    d
      .selectFrom("kpi_initiatives as l")
      .innerJoin("initiatives as i", "i.id", "l.initiative_id")
      .innerJoin("kpis as k", "k.id", "l.kpi_id")
      .select(["l.initiative_id", "k.id", "k.name", "k.unit", "k.direction", "k.target", "k.alert_threshold", "k.kind"])
      .where("i.program_id", "in", programIds)
      .where("k.archived_at", "is", null)
      .orderBy("k.kind", "desc")
      .orderBy("k.created_at")
      .execute(),
  ]);

  // The last two values of every KPI linked to a visible initiative.
  const lastTwo = await recentKpiValues(d, [...new Set(kpis.map((k) => k.id))], 2);
  const latestByKpi = new Map<string, { latest: PortfolioKpi["latest"]; previous: PortfolioKpi["previous"] }>();
  for (const [kpiId, points] of lastTwo) latestByKpi.set(kpiId, { latest: points.at(-1) ?? null, previous: points.at(-2) ?? null });

  const teamById = new Map(teams.map((t) => [t.id, t]));
  const painsBy = new Map<string, { pains: PortfolioPainPoint[]; maps: Map<string, string> }>();
  for (const p of pains) {
    const e = painsBy.get(p.initiative_id) ?? painsBy.set(p.initiative_id, { pains: [], maps: new Map() }).get(p.initiative_id)!;
    const exists = p.title != null && p.deleted_at == null;
    e.pains.push({ mapId: p.map_id, id: p.pain_point_id, title: p.title ?? "", severity: Number(p.severity ?? 0), exists });
    e.maps.set(p.map_id, p.map_name);
  }
  const kpisBy = new Map<string, PortfolioKpi[]>();
  for (const k of kpis) {
    const rule = { direction: k.direction, target: num(k.target), alertThreshold: num(k.alert_threshold) };
    const values = latestByKpi.get(k.id) ?? { latest: null, previous: null };
    const view: PortfolioKpi = {
      id: k.id,
      name: k.name,
      unit: k.unit,
      direction: k.direction,
      target: rule.target,
      alertThreshold: rule.alertThreshold,
      latest: values.latest,
      previous: values.previous,
      status: kpiStatus(rule, values.latest?.value),
      trend: kpiTrend(
        k.direction,
        [values.previous, values.latest].filter((x): x is { date: string; value: number } => !!x).map((x) => x.value)
      ).trend,
    };
    (kpisBy.get(k.initiative_id) ?? kpisBy.set(k.initiative_id, []).get(k.initiative_id)!).push(view);
  }

  const all: { item: PortfolioItem; search: string }[] = initiatives.map((r) => {
    const program = programById.get(r.program_id)!;
    const ks = kpisBy.get(r.id) ?? [];
    const rag = computeRagHealth(
      {
        status: r.status,
        dueDate: r.due_date,
        kpis: ks.map((k) => ({
          name: k.name,
          direction: k.direction,
          target: k.target,
          alertThreshold: k.alertThreshold,
          latest: k.latest?.value ?? null,
          previous: k.previous?.value ?? null,
        })),
      },
      today
    );
    const override = r.health_override && r.health_override_at ? { health: r.health_override, reason: r.health_override_reason ?? "" } : null;
    const shown = effectiveHealth(rag.health, override);
    const team = r.owning_team_id ? teamById.get(r.owning_team_id) : undefined;
    const linked = painsBy.get(r.id);
    const item: PortfolioItem = {
      id: r.id,
      programId: r.program_id,
      programName: localName(program, locale),
      title: r.title,
      kind: r.kind,
      status: r.status,
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? "" } : null,
      team: team ? { id: team.id, key: team.key } : null,
      startDate: r.start_date,
      dueDate: r.due_date,
      health: shown.health,
      computedHealth: rag.health,
      reasons: rag.reasons,
      override:
        shown.overridden && override
          ? {
              health: override.health,
              reason: override.reason,
              by: r.health_override_by ? { id: r.health_override_by, name: r.override_by_name ?? "" } : null,
              at: r.health_override_at!,
            }
          : null,
      journeys: linked ? [...linked.maps].map(([id, name]) => ({ id, name })) : [],
      painPoints: linked?.pains ?? [],
      kpis: ks,
      canManage: can({ role: program.role, office: program.office }, "initiative.status"),
      url: initiativeUrl(r.program_id, r.id),
      traceUrl: initiativeTraceUrl(r.program_id, r.id),
    };
    const search = [r.title, r.description, r.owner_name ?? "", program.name, program.name_en ?? ""].join("\n").toLowerCase();
    return { item, search };
  });

  const words = (filters.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const matches = ({ item: i, search }: { item: PortfolioItem; search: string }, skipHealth: boolean) => {
    if (filters.programId && i.programId !== filters.programId) return false;
    if (filters.teamId && (filters.teamId === NO_TEAM ? i.team !== null : i.team?.id !== filters.teamId)) return false;
    if (filters.kind && i.kind !== filters.kind) return false;
    if (filters.status && i.status !== filters.status) return false;
    if (!skipHealth && filters.health && i.health !== filters.health) return false;
    return words.every((w) => search.includes(w));
  };
  const healthCounts = { ...emptyCounts };
  for (const row of all) if (matches(row, true)) healthCounts[row.item.health] += 1;

  const byDue = (a: PortfolioItem, b: PortfolioItem) => (a.dueDate ?? "9999-99-99").localeCompare(b.dueDate ?? "9999-99-99");
  const byHealth = (a: PortfolioItem, b: PortfolioItem) => healthRank(a.health) - healthRank(b.health);
  const byTitle = (a: PortfolioItem, b: PortfolioItem) => a.title.localeCompare(b.title, locale);
  const byProgram = (a: PortfolioItem, b: PortfolioItem) => programOrder.get(a.programId)! - programOrder.get(b.programId)!;
  const order: ((a: PortfolioItem, b: PortfolioItem) => number)[] =
    filters.sort === "due"
      ? [byDue, byHealth, byTitle]
      : filters.sort === "program"
      ? [byProgram, byHealth, byDue, byTitle]
      : filters.sort === "title"
      ? [byTitle]
      : [byHealth, byDue, byTitle];
  const items = all
    .filter((row) => matches(row, false))
    .map((row) => row.item)
    .sort((a, b) => {
      for (const f of order) {
        const c = f(a, b);
        if (c !== 0) return c;
      }
      return a.id.localeCompare(b.id);
    });

  return {
    items,
    total: all.length,
    healthCounts,
    programs: programs.map((p) => ({ id: p.id, name: localName(p, locale) })),
    teams: teams.map((t) => ({ id: t.id, key: t.key })),
    seesAll: programs.some((p) => p.office),
    today,
  };
}

export interface TeamPortfolioStats {
  /** Initiatives the team owns (open and closed). */
  owned: number;
  open: number;
  red: number;
  amber: number;
}

/** Per office team: what it owns among the initiatives the viewer can see, and how many are red or amber. */
export function teamStats(portfolio: Portfolio): Record<string, TeamPortfolioStats> {
  const out: Record<string, TeamPortfolioStats> = {};
  for (const t of portfolio.teams) out[t.id] = { owned: 0, open: 0, red: 0, amber: 0 };
  for (const i of portfolio.items) {
    if (!i.team) continue;
    const s = (out[i.team.id] ??= { owned: 0, open: 0, red: 0, amber: 0 });
    s.owned += 1;
    if (i.health !== "closed") s.open += 1;
    if (i.health === "red") s.red += 1;
    if (i.health === "amber") s.amber += 1;
  }
  return out;
}
