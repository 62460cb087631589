/**
 * Step 4 at a glance for the program home: in progress as soon as the program has a KPI or a loop
 * cycle; done once a small and a large cycle have each been closed (both loops have turned once).
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

export async function iterateStepStatus(program: Program): Promise<StepStatus> {
  const [kpis, cycles] = await Promise.all([
    db()
      .selectFrom("kpis")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("program_id", "=", program.id)
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("loop_cycles")
      .select(["kind", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("program_id", "=", program.id)
      .groupBy(["kind", "status"])
      .execute(),
  ]);
  const count = (kind: string, status?: string) =>
    cycles.filter((c) => c.kind === kind && (!status || c.status === status)).reduce((n, c) => n + Number(c.n), 0);
  const kpiCount = Number(kpis.n);
  const closed = count("small", "closed") + count("large", "closed");
  if (kpiCount === 0 && count("small") + count("large") === 0) return { key: "iterate", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (kpiCount > 0) outputs.push({ labelKey: "loops.outputs.kpis", count: kpiCount });
  if (closed > 0) outputs.push({ labelKey: "loops.outputs.closedCycles", count: closed });
  const open = count("small", "open") + count("large", "open");
  if (open > 0) outputs.push({ labelKey: "loops.outputs.openCycles", count: open });
  const done = count("small", "closed") > 0 && count("large", "closed") > 0;
  return { key: "iterate", state: done ? "done" : "in_progress", outputs };
}
