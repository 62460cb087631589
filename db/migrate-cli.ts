import { loadEnv } from "../app/env.server";
import { openDatabase } from "./dialect";
import { migrateToLatest } from "./migrate";

const env = loadEnv();
const handle = openDatabase(env.DATABASE_URL);
await migrateToLatest(handle.db);
console.log(`[db] migrated ${handle.dialect} database`);
await handle.close();
