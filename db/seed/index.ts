import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { seedDemoAlerts } from "./demo-alerts";
import { seedDemoBrief } from "./demo-brief";
import { seedDemoComments } from "./demo-comments";
import { seedDemoFoundation, type DemoIds } from "./demo-foundation";
import { seedDemoFrontline } from "./demo-frontline";
import { seedDemoIdeas } from "./demo-ideas";
import { seedDemoJourneys } from "./demo-journeys";
import { seedDemoKpis } from "./demo-kpis";
import { seedDemoLoops } from "./demo-loops";
import { seedDemoNominations } from "./demo-nominations";
import { seedDemoOffice } from "./demo-office";
import { seedDemoReshape } from "./demo-reshape";
import { seedDemoTrace } from "./demo-trace";
import { seedDemoVision, type ChangeDoc } from "./demo-vision";

/**
 * Seeds the demo organisation when the database has no users yet; each step adds its content.
 * `changeDoc` writes live documents through the collaboration rooms (logged like any update).
 * Returns the ids, or null when skipped.
 */
export async function seedDemoIfEmpty(db: Kysely<Database>, changeDoc: ChangeDoc): Promise<DemoIds | null> {
  const any = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  const ids = await seedDemoFoundation(db);
  await seedDemoBrief(ids, changeDoc);
  await seedDemoVision(db, ids, changeDoc);
  const journeys = await seedDemoJourneys(db, ids, changeDoc);
  await seedDemoReshape(db, ids, journeys, changeDoc);
  await seedDemoKpis(db, ids, journeys, changeDoc);
  await seedDemoLoops(db, ids, journeys);
  await seedDemoFrontline(db, ids);
  await seedDemoNominations(db, ids);
  await seedDemoAlerts(db, ids);
  await seedDemoOffice(db, ids);
  await seedDemoIdeas(db, ids, journeys, changeDoc);
  await seedDemoComments(db, ids);
  await seedDemoTrace(db, ids);
  return ids;
}
