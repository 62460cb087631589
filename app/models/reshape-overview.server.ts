/**
 * Step 3 at a glance for the program home: in progress once a future-state map or a quick win
 * exists, done once a quick win is done (visible results, seed 004); outputs are the counts.
 * One query: each count is a scalar subquery.
 */
import type { Program } from "../../db/schema";
import { db } from "../db.server";
import type { StepStatus } from "./steps";

export async function reshapeStepStatus(program: Program): Promise<StepStatus> {
  const row = await db()
    .selectNoFrom((eb) => {
      const quickWins = () => eb.selectFrom("initiatives").select(eb.fn.countAll<number>().as("n")).where("program_id", "=", program.id).where("kind", "=", "quick_win");
      return [
        eb
          .selectFrom("journey_maps")
          .select(eb.fn.countAll<number>().as("n"))
          .where("program_id", "=", program.id)
          .where("state", "=", "future")
          .where("archived_at", "is", null)
          .as("futureMaps"),
        quickWins().as("quickWins"),
        quickWins().where("status", "=", "done").as("done"),
      ];
    })
    .executeTakeFirstOrThrow();
  const futureMaps = Number(row.futureMaps);
  const quickWins = Number(row.quickWins);
  const done = Number(row.done);
  if (futureMaps === 0 && quickWins === 0) return { key: "reshape", state: "not_started", outputs: [] };
  const outputs: StepStatus["outputs"] = [];
  if (futureMaps > 0) outputs.push({ labelKey: "reshape.outputs.futureMaps", count: futureMaps });
  if (quickWins > 0) outputs.push({ labelKey: "reshape.outputs.quickWins", count: quickWins });
  if (done > 0) outputs.push({ labelKey: "reshape.outputs.quickWinsDone", count: done });
  return { key: "reshape", state: done > 0 ? "done" : "in_progress", outputs };
}
