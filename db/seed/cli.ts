import { loadEnv } from "../../app/env.server";
import { openDatabase } from "../dialect";
import { migrateToLatest } from "../migrate";
import { seedDemoIfEmpty } from "./index";

const handle = openDatabase(loadEnv().DATABASE_URL);
await migrateToLatest(handle.db);
const ids = await seedDemoIfEmpty(handle.db);
console.log(ids ? `[seed] demo organisation created (program ${ids.programId})` : "[seed] database not empty: nothing seeded");
await handle.close();
