/**
 * Reading the loop cycles of a program (step 4): summaries (items done and open, KPIs, the recorded
 * result), the list and the open ones, a cycle's board (its steps as columns with their items, its
 * KPIs with their latest values and which still lack a measurement in the period), the choices
 * offered when starting a cycle or linking an initiative, and what the viewer may do with loops.
 *
 * Who: `loop.manage` (owner, project team) manages both kinds; leadership (`approve`) may also
 * close a large loop. Feedback into step ① also needs `feedback.triage`.
 */
import type { Kysely } from "kysely";
import type { Database, LoopCycle } from "../../db/schema";
import { db } from "../db.server";
import type { Actor } from "./domain.server";
import { requireCycleRow } from "./loop-cycle-guards.server";
import { LOOP_STEPS, parseCycleResult, type CycleResult, type LoopKind, type LoopStep } from "./loops";
import { can, type ProgramAccess } from "./permissions";

export interface CycleSummary {
  id: string;
  kind: LoopKind;
  number: number;
  title: string;
  goal: string;
  startsOn: string;
  endsOn: string;
  status: "open" | "closed";
  previousCycleId: string | null;
  closedAt: string | null;
  closedBy: string | null;
  items: { total: number; done: number; open: number; carried: number };
  kpiCount: number;
  result: CycleResult | null;
}

export interface CycleItemView {
  id: string;
  step: number;
  itemType: "feedback" | "initiative" | "note";
  refId: string | null;
  text: string;
  status: "open" | "done";
  carried: boolean;
  createdAt: string;
  feedback: {
    text: string;
    channel: string;
    origin: string;
    occurredOn: string;
    score: number | null;
    source: string;
  } | null;
  initiative: { title: string; status: string; kind: string } | null;
}

export interface CycleKpiView {
  id: string;
  name: string;
  kind: "process" | "outcome";
  unit: string;
  direction: "up" | "down";
  baseline: number | null;
  target: number | null;
  latest: { value: number; on: string } | null;
  /** A measurement dated within the cycle exists. */
  inPeriod: boolean;
}

export interface CycleBoard {
  cycle: CycleSummary;
  steps: (LoopStep & { items: CycleItemView[] })[];
  kpis: CycleKpiView[];
  /** Names of the cycle's KPIs without a measurement in the period (closing is refused while any). */
  missing: string[];
}

/** What the viewer may do with loops. */
export function loopAbilities(access: ProgramAccess) {
  return {
    canManage: can(access, "loop.manage"),
    canTriage: can(access, "feedback.triage"),
    canCloseLarge: can(access, "loop.manage") || can(access, "approve"),
    canCreateInitiative: can(access, "initiative.edit"),
  };
}

/** Summaries of the program's cycles (or only of the given ones), by kind, newest first. */
export async function cycleSummaries(programId: string, cycleIds?: string[]): Promise<CycleSummary[]> {
  let q = db().selectFrom("loop_cycles").selectAll().where("program_id", "=", programId);
  if (cycleIds) {
    if (cycleIds.length === 0) return [];
    q = q.where("id", "in", cycleIds);
  }
  const rows = await q.orderBy("kind").orderBy("number", "desc").execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db().selectFrom("cycle_items").select(["cycle_id", "status", "carried_from_id"]).where("cycle_id", "in", ids).execute();
  const kpis = await db().selectFrom("cycle_kpis").select("cycle_id").where("cycle_id", "in", ids).execute();
  const closers = rows.map((r) => r.closed_by).filter((x): x is string => !!x);
  const names = new Map<string, string>();
  if (closers.length) {
    for (const u of await db()
      .selectFrom("users")
      .select(["id", "name"])
      .where("id", "in", [...new Set(closers)])
      .execute())
      names.set(u.id, u.name);
  }
  return rows.map((r) => {
    const mine = items.filter((i) => i.cycle_id === r.id);
    const done = mine.filter((i) => i.status === "done").length;
    return {
      id: r.id,
      kind: r.kind,
      number: Number(r.number),
      title: r.title,
      goal: r.goal,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status,
      previousCycleId: r.previous_cycle_id,
      closedAt: r.closed_at,
      closedBy: r.closed_by ? names.get(r.closed_by) ?? null : null,
      items: {
        total: mine.length,
        done,
        open: mine.length - done,
        carried: mine.filter((i) => i.carried_from_id).length,
      },
      kpiCount: kpis.filter((k) => k.cycle_id === r.id).length,
      result: parseCycleResult(r.result_json),
    };
  });
}

/** Every cycle of the program, small then large, newest first. */
export function listCycles(programId: string): Promise<CycleSummary[]> {
  return cycleSummaries(programId);
}

/** The open cycles of the program (for the inbox's triage target). */
export async function openCycles(programId: string): Promise<CycleSummary[]> {
  return (await cycleSummaries(programId)).filter((c) => c.status === "open");
}

/** The KPIs a cycle tracks: outcome before process, then by name. */
export function kpisOfCycle(q: Kysely<Database>, cycleId: string) {
  return q
    .selectFrom("cycle_kpis")
    .innerJoin("kpis", "kpis.id", "cycle_kpis.kpi_id")
    .select(["kpis.id", "kpis.name", "kpis.kind", "kpis.unit", "kpis.direction", "kpis.baseline", "kpis.target"])
    .where("cycle_kpis.cycle_id", "=", cycleId)
    .orderBy("kpis.kind", "desc")
    .orderBy("kpis.name")
    .execute();
}

async function cycleKpiViews(cycle: LoopCycle): Promise<CycleKpiView[]> {
  const kpis = await kpisOfCycle(db(), cycle.id);
  const out: CycleKpiView[] = [];
  for (const k of kpis) {
    const latest = await db()
      .selectFrom("kpi_measurements")
      .select(["value", "measured_on"])
      .where("kpi_id", "=", k.id)
      .where("measured_on", "<=", cycle.ends_on)
      .orderBy("measured_on", "desc")
      .limit(1)
      .executeTakeFirst();
    out.push({
      id: k.id,
      name: k.name,
      kind: k.kind,
      unit: k.unit,
      direction: k.direction,
      baseline: k.baseline === null ? null : Number(k.baseline),
      target: k.target === null ? null : Number(k.target),
      latest: latest ? { value: Number(latest.value), on: latest.measured_on } : null,
      inPeriod: !!latest && latest.measured_on >= cycle.starts_on,
    });
  }
  return out;
}

/** The items of a cycle, oldest first, with the feedback record or initiative each refers to. */
export async function cycleItemViews(cycleId: string, programId: string): Promise<CycleItemView[]> {
  const rows = await db().selectFrom("cycle_items").selectAll().where("cycle_id", "=", cycleId).orderBy("created_at").orderBy("id").execute();
  const fbIds = rows.filter((r) => r.item_type === "feedback" && r.ref_id).map((r) => r.ref_id!);
  const inIds = rows.filter((r) => r.item_type === "initiative" && r.ref_id).map((r) => r.ref_id!);
  const fb = new Map<string, CycleItemView["feedback"]>();
  for (let i = 0; i < fbIds.length; i += 500) {
    const found = await db()
      .selectFrom("feedback_records")
      .select(["id", "text", "channel", "origin", "occurred_on", "score", "source"])
      .where("program_id", "=", programId)
      .where("id", "in", fbIds.slice(i, i + 500))
      .execute();
    for (const f of found) {
      fb.set(f.id, {
        text: f.text,
        channel: f.channel,
        origin: f.origin,
        occurredOn: f.occurred_on,
        score: f.score === null ? null : Number(f.score),
        source: f.source,
      });
    }
  }
  const ini = new Map<string, CycleItemView["initiative"]>();
  if (inIds.length) {
    const found = await db()
      .selectFrom("initiatives")
      .select(["id", "title", "status", "kind"])
      .where("program_id", "=", programId)
      .where("id", "in", inIds)
      .execute();
    for (const f of found) ini.set(f.id, { title: f.title, status: f.status, kind: f.kind });
  }
  return rows.map((r) => ({
    id: r.id,
    step: Number(r.step),
    itemType: r.item_type,
    refId: r.ref_id,
    text: r.text,
    status: r.status,
    carried: !!r.carried_from_id,
    createdAt: r.created_at,
    feedback: r.item_type === "feedback" && r.ref_id ? fb.get(r.ref_id) ?? null : null,
    initiative: r.item_type === "initiative" && r.ref_id ? ini.get(r.ref_id) ?? null : null,
  }));
}

/** A cycle with its steps as columns, what each holds, and its KPIs with their latest values. */
export async function getCycleBoard(actor: Actor, cycleId: unknown): Promise<CycleBoard> {
  const row = await requireCycleRow(db(), actor.program.id, cycleId);
  const [summary] = await cycleSummaries(actor.program.id, [row.id]);
  const [items, kpis] = await Promise.all([cycleItemViews(row.id, actor.program.id), cycleKpiViews(row)]);
  return {
    cycle: summary,
    steps: LOOP_STEPS[row.kind].map((s) => ({
      ...s,
      items: items.filter((i) => i.step === s.number),
    })),
    kpis,
    missing: kpis.filter((k) => !k.inPeriod).map((k) => k.name),
  };
}

/** The program's KPIs to choose from when starting a cycle (not archived). */
export async function programKpiOptions(programId: string): Promise<{ id: string; name: string; kind: "process" | "outcome"; unit: string }[]> {
  return db()
    .selectFrom("kpis")
    .select(["id", "name", "kind", "unit"])
    .where("program_id", "=", programId)
    .where("archived_at", "is", null)
    .orderBy("kind", "desc")
    .orderBy("name")
    .execute();
}

/** The program's initiatives to link into a step (newest first). */
export async function initiativeOptions(programId: string): Promise<{ id: string; title: string; kind: string; status: string }[]> {
  return db().selectFrom("initiatives").select(["id", "title", "kind", "status"]).where("program_id", "=", programId).orderBy("created_at", "desc").execute();
}
