/** Shared set-up of the vision integration tests: a migrated database with the demo organisation, in-memory live documents, actors. */
import { setDbHandle } from "../../app/db.server";
import { registerLiveDocs } from "../../app/models/live-docs.server";
import { getProgramAccess } from "../../app/models/program.server";
import { forgetVisionBoardPolicy } from "../../app/models/vision-boards.server";
import { VisionError, type VisionActor } from "../../app/models/vision-common.server";
import { seedDemoFoundation, type DemoIds } from "../../db/seed/demo-foundation";
import { createTestDb, type TestDb } from "./db";
import { useMemoryLiveDocs, type MemoryLiveDocs } from "./memory-live-docs";

export type DemoUser = keyof DemoIds["users"];

export interface VisionTestEnv {
  t: TestDb;
  demo: DemoIds;
  live: MemoryLiveDocs;
  actor(user: DemoUser): Promise<VisionActor>;
  cleanup(): Promise<void>;
}

export async function setupVision(dialect: "sqlite" | "postgres"): Promise<VisionTestEnv> {
  const t = await createTestDb(dialect);
  setDbHandle(t.handle);
  forgetVisionBoardPolicy();
  const demo = await seedDemoFoundation(t.handle.db);
  const live = useMemoryLiveDocs();
  const names: Record<string, string> = {};
  for (const u of await t.handle.db.selectFrom("users").select(["id", "name"]).execute()) names[u.id] = u.name;
  return {
    t,
    demo,
    live,
    async actor(user) {
      const id = demo.users[user];
      const found = await getProgramAccess(id, demo.programId);
      if (!found) throw new Error(`${user} cannot see the demo program`);
      return { program: found.program, access: found.access, user: { id, name: names[id] } };
    },
    async cleanup() {
      registerLiveDocs(undefined);
      setDbHandle(undefined);
      forgetVisionBoardPolicy();
      await t.cleanup();
    },
  };
}

/** The VisionError a refused call throws (fails the test when the call succeeds). */
export async function refusal(p: Promise<unknown>): Promise<VisionError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof VisionError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
