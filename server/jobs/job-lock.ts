/**
 * Background jobs run once across instances, not once per instance. On Postgres (which several
 * instances may share) a tick first takes `pg_try_advisory_lock(JOB_LOCK_CLASS, hashtext(job))` on
 * a connection of its own; when another instance holds it, this instance skips the tick. The lock
 * is kept for at least `minHoldMs` after the tick starts (the tick itself returns as soon as it is
 * done), so an instance whose timer fires a moment later — ticks are aligned to the wall clock, see
 * kpi-alerts.ts — still finds it taken rather than running the same tick again. close() lets go
 * of a lock still held. On SQLite (one instance) every tick runs.
 */
import type pg from "pg";
import type { DbHandle } from "../../db/dialect";

/** First key of our job locks (an int4 namespace of their own, apart from the per-doc locks). */
export const JOB_LOCK_CLASS = 0x43580002;

export interface JobLock {
  /** Runs `run` if no other instance is running this job now; `ran: false` when it skipped. */
  run<T>(run: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Releases a lock still held for its minimum time (shutdown). */
  close(): Promise<void>;
}

export function jobLock(handle: DbHandle, job: string, opts: { minHoldMs?: number } = {}): JobLock {
  const minHoldMs = opts.minHoldMs ?? 0;
  let held: { client: pg.PoolClient; timer: NodeJS.Timeout; release(): Promise<void> } | null = null;

  const unlock = async (client: pg.PoolClient) => {
    let ok = true;
    await client.query("select pg_advisory_unlock($1::int, hashtext($2))", [JOB_LOCK_CLASS, job]).catch(() => (ok = false));
    // A connection that may still hold the lock is closed, never handed back to the pool.
    client.release(!ok);
  };

  return {
    async run(fn) {
      const pool = handle.pgPool;
      if (!pool) return { ran: true, value: await fn() };
      if (held) return { ran: false }; // this instance still holds the tick it just ran
      const client = await pool.connect();
      let got: boolean;
      try {
        got = (await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1::int, hashtext($2)) as ok", [JOB_LOCK_CLASS, job])).rows[0]?.ok === true;
      } catch (err) {
        client.release(true);
        throw err;
      }
      if (!got) {
        client.release();
        return { ran: false };
      }
      const started = Date.now();
      let value;
      try {
        value = await fn();
      } catch (err) {
        await unlock(client);
        throw err;
      }
      const rest = started + minHoldMs - Date.now();
      if (rest <= 0) {
        await unlock(client);
      } else {
        const entry = {
          client,
          timer: setTimeout(() => void entry.release(), rest),
          release: async () => {
            clearTimeout(entry.timer);
            if (held !== entry) return;
            held = null;
            await unlock(client);
          },
        };
        entry.timer.unref();
        held = entry;
      }
      return { ran: true, value };
    },
    async close() {
      await held?.release();
    },
  };
}
