/**
 * Step 4 at a glance for the program home: in progress as soon as the program has a KPI or a loop
 * cycle; done once a small and a large cycle have each been closed (both loops have turned once).
 * One query: each count is a scalar subquery.
 */
import type { LoopCycleStatus, LoopKind, Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

export async function iterateStepStatus(program: Program): Promise<StepStatus> {
  const row = await db()
    .selectNoFrom((eb) => {
      const cycles = (kinds: LoopKind[], status?: LoopCycleStatus) => {
        const q = eb.selectFrom("loop_cycles").select(eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).where("kind", "in", kinds);
        return status ? q.where("status", "=", status) : q;
      };
      return [
        eb.selectFrom("kpis").select(eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).where("archived_at", "is", null).as("kpis"),
        cycles(["small", "large"]).as("cycles"),
        cycles(["small"], "closed").as("smallClosed"),
        cycles(["large"], "closed").as("largeClosed"),
        cycles(["small", "large"], "open").as("open"),
      ];
    })
    .executeTakeFirstOrThrow();
  const kpiCount = Number(row.kpis);
  const smallClosed = Number(row.smallClosed);
  const largeClosed = Number(row.largeClosed);
  if (kpiCount === 0 && Number(row.cycles) === 0) return { key: "iterate", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (kpiCount > 0) outputs.push({ labelKey: "loops.outputs.kpis", count: kpiCount });
  const closed = smallClosed + largeClosed;
  if (closed > 0) outputs.push({ labelKey: "loops.outputs.closedCycles", count: closed });
  const open = Number(row.open);
  if (open > 0) outputs.push({ labelKey: "loops.outputs.openCycles", count: open });
  const done = smallClosed > 0 && largeClosed > 0;
  return { key: "iterate", state: done ? "done" : "in_progress", outputs };
}
