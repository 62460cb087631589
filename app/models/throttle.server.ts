/**
 * Sign-in throttling, stored in the database so every app instance shares it.
 * After FREE_FAILURES failures within the window, a key is locked for a time that doubles with
 * each further failure (capped). Callers answer 429 with Retry-After while a key is locked.
 */
import { db } from "../db.server";

const WINDOW_MS = 15 * 60 * 1000;
const FREE_FAILURES = 5;
const BASE_LOCK_MS = 30 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

/** Seconds until the key may try again, or 0 when it may try now. */
export async function retryAfterSeconds(key: string, now = Date.now()): Promise<number> {
  const row = await db().selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  if (!row || row.locked_until <= now) return 0;
  return Math.ceil((row.locked_until - now) / 1000);
}

export async function recordFailure(key: string, now = Date.now()): Promise<number> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const row = await tx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
      const fresh = !row || now - row.window_start > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const windowStart = fresh ? now : row.window_start;
      const over = failures - FREE_FAILURES;
      const lockedUntil = over >= 0 ? now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** over) : 0;
      if (row) {
        await tx
          .updateTable("login_throttle")
          .set({ failures, window_start: windowStart, locked_until: lockedUntil })
          .where("key", "=", key)
          .execute();
      } else {
        await tx
          .insertInto("login_throttle")
          .values({ key, failures, window_start: windowStart, locked_until: lockedUntil })
          .execute();
      }
      return lockedUntil > now ? Math.ceil((lockedUntil - now) / 1000) : 0;
    });
}

export async function clearFailures(key: string): Promise<void> {
  await db().deleteFrom("login_throttle").where("key", "=", key).execute();
}

export function throttleKey(email: string, ip: string | undefined): string {
  return `${email.trim().toLowerCase()}|${ip ?? "?"}`;
}
