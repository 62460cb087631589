/**
 * The items of an open loop cycle's steps: add notes, the program's initiatives (existing or created
 * on the spot) and triaged feedback (step ① only), then complete, reopen, move or edit them.
 * Every change is audited in the same transaction.
 *
 * Who: `loop.manage`; feedback into step ① also needs `feedback.triage`, a new initiative
 * `initiative.edit`.
 */
import type { Kysely } from "kysely";
import type { Database, LoopCycle } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { createInitiative } from "./initiatives.server";
import { requireCycleRow, requireOpen, requireOpenCycle } from "./loop-cycle-guards.server";
import { cycleItemViews, type CycleItemView } from "./loop-cycles.server";
import { AddItemSchema, loopStep, UpdateItemSchema } from "./loops";

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
  return (await cycleItemViews(cycleRow.id, actor.program.id)).find((i) => i.id === itemId)!;
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
