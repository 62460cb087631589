/**
 * Step 3 at a glance for the program home: in progress once a future-state map or a quick win
 * exists, done once a quick win is done (visible results, seed 004); outputs are the counts.
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

export async function reshapeStepStatus(program: Program): Promise<StepStatus> {
  const [futures, wins] = await Promise.all([
    db()
      .selectFrom("journey_maps")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("program_id", "=", program.id)
      .where("state", "=", "future")
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("initiatives")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("program_id", "=", program.id)
      .where("kind", "=", "quick_win")
      .groupBy("status")
      .execute(),
  ]);
  const futureMaps = Number(futures.n);
  const byStatus = Object.fromEntries(wins.map((w) => [w.status, Number(w.n)]));
  const quickWins = wins.reduce((n, w) => n + Number(w.n), 0);
  const done = byStatus.done ?? 0;
  if (futureMaps === 0 && quickWins === 0) return { key: "reshape", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (futureMaps > 0) outputs.push({ labelKey: "reshape.outputs.futureMaps", count: futureMaps });
  if (quickWins > 0) outputs.push({ labelKey: "reshape.outputs.quickWins", count: quickWins });
  if (done > 0) outputs.push({ labelKey: "reshape.outputs.quickWinsDone", count: done });
  return { key: "reshape", state: done > 0 ? "done" : "in_progress", outputs };
}
