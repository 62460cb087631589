/**
 * Loop cycles of a program (step 4): start a small or large cycle (numbered per kind, with dates,
 * a goal and the program's KPIs it tracks) — the next cycle carries the last one's open items —;
 * add, move and complete the items of its steps (notes, the program's initiatives, triaged feedback
 * in step ①); close it once every KPI of the cycle has a measurement dated within the cycle,
 * recording each KPI's value before and after. A closed cycle is read-only. Every change is audited
 * in the same transaction.
 *
 * Who: `loop.manage` (owner, project team) manages both kinds; leadership (`approve`) may also
 * close a large loop. Feedback into step ① also needs `feedback.triage`.
 */
import type { Kysely } from "kysely";
import type { Database, LoopCycle } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, isUniqueViolation, parseInput, requireCan, type Actor } from "./domain.server";
import { createInitiative } from "./initiatives.server";
import {
  AddItemSchema,
  defaultEndsOn,
  kpiMove,
  LOOP_STEPS,
  loopStep,
  parseCycleResult,
  StartCycleSchema,
  UpdateItemSchema,
  type CycleKpiResult,
  type CycleResult,
  type LoopKind,
  type LoopStep,
} from "./loops";
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

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function requireCycleRow(tx: Kysely<Database>, programId: string, cycleId: unknown): Promise<LoopCycle> {
  if (typeof cycleId !== "string" || !cycleId || cycleId.length > 100) throw new DomainError(404, "loops.errors.cycleNotFound");
  const row = await tx.selectFrom("loop_cycles").selectAll().where("id", "=", cycleId).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw new DomainError(404, "loops.errors.cycleNotFound");
  return row;
}

function requireOpen(cycle: LoopCycle): void {
  if (cycle.status !== "open") throw new DomainError(409, "loops.errors.closed");
}

async function summaries(programId: string, cycleIds?: string[]): Promise<CycleSummary[]> {
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
  return summaries(programId);
}

/** The open cycles of the program (for the inbox's triage target). */
export async function openCycles(programId: string): Promise<CycleSummary[]> {
  return (await summaries(programId)).filter((c) => c.status === "open");
}

/** The KPIs a cycle tracks: outcome before process, then by name. */
function kpisOfCycle(q: Kysely<Database>, cycleId: string) {
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

async function itemViews(cycleId: string, programId: string): Promise<CycleItemView[]> {
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
  const [summary] = await summaries(actor.program.id, [row.id]);
  const [items, kpis] = await Promise.all([itemViews(row.id, actor.program.id), cycleKpiViews(row)]);
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

/**
 * Starts the next cycle of a kind: number = last + 1; refused (409) while the last one is still
 * open. The last cycle's open items are carried (same step, carried_from_id set), and feedback
 * triaged into it follows its item into the new cycle.
 */
export async function startCycle(actor: Actor, input: unknown): Promise<CycleSummary> {
  requireCan(actor, "loop.manage");
  const data = parseInput(StartCycleSchema, input);
  const startsOn = data.startsOn ?? today();
  const endsOn = data.endsOn ?? defaultEndsOn(data.kind, startsOn);
  if (endsOn < startsOn)
    throw new DomainError(422, "errors.invalid_input", {
      endsOn: "loops.errors.endBeforeStart",
    });
  const id = newId();
  const now = nowIso();
  try {
    await db()
      .transaction()
      .execute(async (tx) => {
        const last = await tx
          .selectFrom("loop_cycles")
          .selectAll()
          .where("program_id", "=", actor.program.id)
          .where("kind", "=", data.kind)
          .orderBy("number", "desc")
          .limit(1)
          .executeTakeFirst();
        if (last && last.status === "open")
          throw new DomainError(409, "loops.errors.stillOpen", undefined, {
            number: last.number,
          });
        let kpiIds: string[];
        if (data.kpiIds) {
          kpiIds = [...new Set(data.kpiIds)];
          if (kpiIds.length) {
            const found = await tx.selectFrom("kpis").select("id").where("program_id", "=", actor.program.id).where("id", "in", kpiIds).execute();
            if (found.length !== kpiIds.length)
              throw new DomainError(422, "errors.invalid_input", {
                kpiIds: "loops.errors.kpiUnknown",
              });
          }
        } else {
          const all = await tx.selectFrom("kpis").select("id").where("program_id", "=", actor.program.id).where("archived_at", "is", null).execute();
          kpiIds = all.map((k) => k.id);
        }
        const number = last ? Number(last.number) + 1 : 1;
        await tx
          .insertInto("loop_cycles")
          .values({
            id,
            program_id: actor.program.id,
            kind: data.kind,
            number,
            title: data.title,
            goal: data.goal,
            starts_on: startsOn,
            ends_on: endsOn,
            status: "open",
            previous_cycle_id: last?.id ?? null,
            result_json: null,
            closed_by: null,
            closed_at: null,
            created_by: actor.user.id,
            created_at: now,
          })
          .execute();
        if (kpiIds.length)
          await tx
            .insertInto("cycle_kpis")
            .values(kpiIds.map((k) => ({ cycle_id: id, kpi_id: k })))
            .execute();
        let carried = 0;
        if (last) {
          const open = await tx
            .selectFrom("cycle_items")
            .selectAll()
            .where("cycle_id", "=", last.id)
            .where("status", "=", "open")
            .orderBy("created_at")
            .orderBy("id")
            .execute();
          if (open.length) {
            await tx
              .insertInto("cycle_items")
              .values(
                open.map((o) => ({
                  id: newId(),
                  cycle_id: id,
                  step: o.step,
                  item_type: o.item_type,
                  ref_id: o.ref_id,
                  text: o.text,
                  status: "open" as const,
                  carried_from_id: o.id,
                  created_by: actor.user.id,
                  created_at: now,
                  updated_at: now,
                })),
              )
              .execute();
            const fb = open.filter((o) => o.item_type === "feedback" && o.ref_id).map((o) => o.ref_id!);
            for (let i = 0; i < fb.length; i += 500) {
              await tx
                .updateTable("feedback_triage")
                .set({ cycle_id: id })
                .where("cycle_id", "=", last.id)
                .where("status", "=", "triaged")
                .where("record_id", "in", fb.slice(i, i + 500))
                .execute();
            }
            carried = open.length;
          }
        }
        await auditAs(tx, actor, {
          entityType: "loop_cycle",
          entityId: id,
          action: "create",
          after: {
            kind: data.kind,
            number,
            title: data.title,
            goal: data.goal,
            startsOn,
            endsOn,
            kpiIds,
            previousCycleId: last?.id ?? null,
            carried,
          },
        });
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "loops.errors.numberTaken");
    throw error;
  }
  return (await summaries(actor.program.id, [id]))[0];
}

/**
 * Triages feedback records of the program into an open cycle's step ① (inside `tx`): the triage
 * row says triaged into the cycle, and the cycle gets one feedback item per record (no duplicates).
 * Returns how many records were newly added to the cycle.
 */
export async function triageIntoCycle(tx: Kysely<Database>, actor: Actor, cycle: LoopCycle, recordIds: string[]): Promise<number> {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) return 0;
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await tx
      .selectFrom("feedback_records")
      .select("id")
      .where("program_id", "=", actor.program.id)
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const f of found) known.add(f.id);
  }
  if (known.size !== ids.length)
    throw new DomainError(422, "errors.invalid_input", {
      recordIds: "inbox.errors.recordUnknown",
    });
  const now = nowIso();
  const present = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx
      .selectFrom("cycle_items")
      .select("ref_id")
      .where("cycle_id", "=", cycle.id)
      .where("item_type", "=", "feedback")
      .where("ref_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.ref_id) present.add(r.ref_id);
  }
  const fresh = ids.filter((r) => !present.has(r));
  for (let i = 0; i < ids.length; i += 500) {
    const before = await tx
      .selectFrom("feedback_triage")
      .selectAll()
      .where("record_id", "in", ids.slice(i, i + 500))
      .execute();
    const byId = new Map(before.map((b) => [b.record_id, b]));
    for (const recordId of ids.slice(i, i + 500)) {
      await tx
        .insertInto("feedback_triage")
        .values({
          record_id: recordId,
          program_id: actor.program.id,
          status: "triaged",
          cycle_id: cycle.id,
          reason: null,
          triaged_by: actor.user.id,
          triaged_at: now,
        })
        .onConflict((oc) =>
          oc.column("record_id").doUpdateSet({
            status: "triaged",
            cycle_id: cycle.id,
            reason: null,
            triaged_by: actor.user.id,
            triaged_at: now,
          }),
        )
        .execute();
      const b = byId.get(recordId);
      await auditAs(tx, actor, {
        entityType: "feedback_record",
        entityId: recordId,
        action: "triage",
        before: b ? { status: b.status, cycleId: b.cycle_id, reason: b.reason } : { status: "new" },
        after: { status: "triaged", cycleId: cycle.id },
      });
    }
  }
  for (let i = 0; i < fresh.length; i += 500) {
    await tx
      .insertInto("cycle_items")
      .values(
        fresh.slice(i, i + 500).map((recordId) => ({
          id: newId(),
          cycle_id: cycle.id,
          step: 1,
          item_type: "feedback" as const,
          ref_id: recordId,
          text: "",
          status: "open" as const,
          carried_from_id: null,
          created_by: actor.user.id,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return fresh.length;
}

/** Loads an open cycle of the actor's program for a change (404 unknown, 409 closed). */
export async function requireOpenCycle(tx: Kysely<Database>, actor: Actor, cycleId: unknown): Promise<LoopCycle> {
  const cycle = await requireCycleRow(tx, actor.program.id, cycleId);
  requireOpen(cycle);
  return cycle;
}

/** Adds a note, an initiative of the program or a feedback record (step ① only) to a step of an open cycle. */
export async function addCycleItem(actor: Actor, cycleId: unknown, input: unknown): Promise<CycleItemView> {
  requireCan(actor, "loop.manage");
  const data = parseInput(AddItemSchema, input);
  let itemId = newId();
  await db()
    .transaction()
    .execute(async (tx) => {
      const cycle = await requireOpenCycle(tx, actor, cycleId);
      const step = loopStep(cycle.kind, data.step);
      if (!step)
        throw new DomainError(422, "errors.invalid_input", {
          step: "loops.errors.stepUnknown",
        });
      if (!step.accepts.includes(data.itemType))
        throw new DomainError(422, "errors.invalid_input", {
          itemType: "loops.errors.notInStep",
        });
      if (data.itemType === "feedback") {
        requireCan(actor, "feedback.triage");
        await triageIntoCycle(tx, actor, cycle, [data.refId!]);
        const row = await tx
          .selectFrom("cycle_items")
          .select("id")
          .where("cycle_id", "=", cycle.id)
          .where("item_type", "=", "feedback")
          .where("ref_id", "=", data.refId!)
          .executeTakeFirstOrThrow();
        if (data.text) await tx.updateTable("cycle_items").set({ text: data.text }).where("id", "=", row.id).execute();
        itemId = row.id;
        return;
      }
      if (data.itemType === "initiative") {
        const found = await tx
          .selectFrom("initiatives")
          .select("id")
          .where("id", "=", data.refId!)
          .where("program_id", "=", actor.program.id)
          .executeTakeFirst();
        if (!found)
          throw new DomainError(422, "errors.invalid_input", {
            refId: "loops.errors.initiativeUnknown",
          });
        const dup = await tx
          .selectFrom("cycle_items")
          .select("id")
          .where("cycle_id", "=", cycle.id)
          .where("item_type", "=", "initiative")
          .where("ref_id", "=", data.refId!)
          .executeTakeFirst();
        if (dup) throw new DomainError(409, "loops.errors.alreadyInCycle");
      }
      const now = nowIso();
      await tx
        .insertInto("cycle_items")
        .values({
          id: itemId,
          cycle_id: cycle.id,
          step: data.step,
          item_type: data.itemType,
          ref_id: data.itemType === "note" ? null : data.refId!,
          text: data.text,
          status: "open",
          carried_from_id: null,
          created_by: actor.user.id,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await auditAs(tx, actor, {
        entityType: "cycle_item",
        entityId: itemId,
        action: "create",
        after: { cycleId: cycle.id, ...data },
      });
    });
  const cycleRow = await requireCycleRow(db(), actor.program.id, cycleId);
  return (await itemViews(cycleRow.id, actor.program.id)).find((i) => i.id === itemId)!;
}

/**
 * Creates a new initiative of the loop's kind (small_loop / large_loop, through the initiative
 * model, which checks initiative.edit and its own input) and adds it to a step of an open cycle.
 */
export async function addNewInitiativeItem(actor: Actor, cycleId: unknown, step: unknown, initiative: Record<string, unknown>): Promise<CycleItemView> {
  requireCan(actor, "loop.manage");
  const cycle = await requireOpenCycle(db(), actor, cycleId);
  const s = loopStep(cycle.kind, Number(step));
  if (!s || !s.accepts.includes("initiative"))
    throw new DomainError(422, "errors.invalid_input", {
      step: "loops.errors.notInStep",
    });
  const created = await createInitiative(actor, {
    ...initiative,
    kind: cycle.kind === "small" ? "small_loop" : "large_loop",
  });
  return addCycleItem(actor, cycle.id, {
    step: s.number,
    itemType: "initiative",
    refId: created.id,
    text: "",
  });
}

/** Completes or reopens an item, moves it to another step that accepts it, or edits a note. */
export async function updateCycleItem(actor: Actor, itemId: unknown, input: unknown): Promise<void> {
  requireCan(actor, "loop.manage");
  const data = parseInput(UpdateItemSchema, input);
  if (typeof itemId !== "string" || !itemId || itemId.length > 100) throw new DomainError(404, "loops.errors.itemNotFound");
  await db()
    .transaction()
    .execute(async (tx) => {
      const item = await tx.selectFrom("cycle_items").selectAll().where("id", "=", itemId).executeTakeFirst();
      if (!item) throw new DomainError(404, "loops.errors.itemNotFound");
      const cycle = await requireCycleRow(tx, actor.program.id, item.cycle_id).catch(() => {
        throw new DomainError(404, "loops.errors.itemNotFound");
      });
      requireOpen(cycle);
      const set: {
        status?: "open" | "done";
        step?: number;
        text?: string;
        updated_at: string;
      } = { updated_at: nowIso() };
      if (data.status) set.status = data.status;
      if (data.step !== undefined && data.step !== Number(item.step)) {
        const step = loopStep(cycle.kind, data.step);
        if (!step)
          throw new DomainError(422, "errors.invalid_input", {
            step: "loops.errors.stepUnknown",
          });
        if (!step.accepts.includes(item.item_type))
          throw new DomainError(422, "errors.invalid_input", {
            step: "loops.errors.notInStep",
          });
        set.step = data.step;
      }
      if (data.text !== undefined) {
        if (item.item_type === "note" && !data.text)
          throw new DomainError(422, "errors.invalid_input", {
            text: "validation.required",
          });
        set.text = data.text;
      }
      await tx.updateTable("cycle_items").set(set).where("id", "=", item.id).execute();
      await auditAs(tx, actor, {
        entityType: "cycle_item",
        entityId: item.id,
        action: "update",
        before: {
          status: item.status,
          step: Number(item.step),
          text: item.text,
        },
        after: {
          status: set.status ?? item.status,
          step: set.step ?? Number(item.step),
          text: set.text ?? item.text,
        },
      });
    });
}

/**
 * The before/after of a cycle (inside `tx`): per KPI of the cycle, the value before (latest
 * measurement before starts_on, or the baseline) and after (latest within [starts_on, ends_on]),
 * and the names of the KPIs without a measurement in the period.
 */
export async function computeCycleResult(
  tx: Kysely<Database>,
  cycle: Pick<LoopCycle, "id" | "starts_on" | "ends_on">,
): Promise<{ result: CycleResult; missing: string[] }> {
  const kpis = await kpisOfCycle(tx, cycle.id);
  const results: CycleKpiResult[] = [];
  const missing: string[] = [];
  for (const k of kpis) {
    const after = await tx
      .selectFrom("kpi_measurements")
      .select(["value", "measured_on"])
      .where("kpi_id", "=", k.id)
      .where("measured_on", ">=", cycle.starts_on)
      .where("measured_on", "<=", cycle.ends_on)
      .orderBy("measured_on", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!after) {
      missing.push(k.name);
      continue;
    }
    const prior = await tx
      .selectFrom("kpi_measurements")
      .select(["value", "measured_on"])
      .where("kpi_id", "=", k.id)
      .where("measured_on", "<", cycle.starts_on)
      .orderBy("measured_on", "desc")
      .limit(1)
      .executeTakeFirst();
    const before = prior
      ? { value: Number(prior.value), on: prior.measured_on, baseline: false }
      : k.baseline !== null
      ? { value: Number(k.baseline), on: null, baseline: true }
      : null;
    const afterValue = Number(after.value);
    const move = kpiMove(k.direction, before?.value ?? null, afterValue);
    results.push({
      kpiId: k.id,
      name: k.name,
      kind: k.kind,
      unit: k.unit,
      direction: k.direction,
      target: k.target === null ? null : Number(k.target),
      before,
      after: { value: afterValue, on: after.measured_on },
      delta: before ? Math.round((afterValue - before.value) * 1e6) / 1e6 : null,
      move,
      improved: move === "improved",
    });
  }
  const items = await tx.selectFrom("cycle_items").select("status").where("cycle_id", "=", cycle.id).execute();
  const done = items.filter((i) => i.status === "done").length;
  return {
    result: { kpis: results, items: { done, open: items.length - done } },
    missing,
  };
}

/**
 * Closes a cycle: refused (409, naming the KPIs) unless every KPI of the cycle has a measurement
 * dated within [starts_on, ends_on]. Records per KPI the value before (latest before starts_on, or
 * the baseline) and after (latest within the cycle) and whether it moved in the KPI's direction.
 */
export async function closeCycle(actor: Actor, cycleId: unknown): Promise<CycleSummary> {
  const id = await db()
    .transaction()
    .execute(async (tx) => {
      const cycle = await requireCycleRow(tx, actor.program.id, cycleId);
      const allowed = can(actor.access, "loop.manage") || (cycle.kind === "large" && can(actor.access, "approve"));
      if (!allowed) throw new DomainError(403, "errors.forbidden");
      requireOpen(cycle);
      const { result, missing } = await computeCycleResult(tx, cycle);
      if (missing.length)
        throw new DomainError(409, "loops.errors.kpisMissing", { kpis: "loops.errors.kpisMissing" }, { kpis: missing.join(", "), count: missing.length });
      const now = nowIso();
      await tx
        .updateTable("loop_cycles")
        .set({
          status: "closed",
          result_json: JSON.stringify(result),
          closed_by: actor.user.id,
          closed_at: now,
        })
        .where("id", "=", cycle.id)
        .where("status", "=", "open")
        .execute();
      await auditAs(tx, actor, {
        entityType: "loop_cycle",
        entityId: cycle.id,
        action: "close",
        before: { status: "open" },
        after: { status: "closed", result },
      });
      return cycle.id;
    });
  return (await summaries(actor.program.id, [id]))[0];
}

/** The program's initiatives to link into a step (newest first). */
export async function initiativeOptions(programId: string): Promise<{ id: string; title: string; kind: string; status: string }[]> {
  return db().selectFrom("initiatives").select(["id", "title", "kind", "status"]).where("program_id", "=", programId).orderBy("created_at", "desc").execute();
}
