/**
 * The KPI alert job: runs alert detection (app/models/kpi-alerts.server.ts) once at server start
 * and then every KPI_ALERT_INTERVAL_MINUTES (default 15; 0 turns the repeat off), so a KPI that
 * nobody measures goes stale on time and a threshold edited under a value is noticed. Detection is
 * idempotent, so several instances may run it side by side. A run never overlaps the previous one;
 * errors are logged, never thrown. stop() clears the timer and waits for a run in progress.
 *
 * With several instances on one Postgres database (start.ts passes a job lock), each tick runs
 * once for all of them: ticks fall on wall-clock multiples of the interval on every instance, and
 * the tick takes a Postgres advisory lock (job-lock.ts) that the others, finding it taken, skip.
 */
import { detectKpiAlerts } from "../../app/models/kpi-alerts.server";
import type { JobLock } from "./job-lock";

export interface KpiAlertJob {
  /** Runs detection now (after any run in progress); resolves with how many alerts it created. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

export const DEFAULT_INTERVAL_MINUTES = 15;

/** The interval from the environment: minutes, a positive number; 0 = only at start; bad values fall back to the default. */
export function intervalFromEnv(raw = process.env.KPI_ALERT_INTERVAL_MINUTES): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_INTERVAL_MINUTES * 60_000;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) {
    console.warn(`[kpi-alerts] KPI_ALERT_INTERVAL_MINUTES=${raw} is not a number of minutes; using ${DEFAULT_INTERVAL_MINUTES}`);
    return DEFAULT_INTERVAL_MINUTES * 60_000;
  }
  return minutes * 60_000;
}

export function startKpiAlertJob(
  opts: { intervalMs?: number; detect?: () => Promise<unknown[]>; lock?: JobLock } = {},
): KpiAlertJob {
  const intervalMs = opts.intervalMs ?? intervalFromEnv();
  const detect = opts.detect ?? (() => detectKpiAlerts());
  const lock = opts.lock;
  let stopped = false;
  let current: Promise<number> | null = null;

  const run = (): Promise<number> => {
    if (current) return current;
    current = (async () => {
      try {
        let created: unknown[];
        if (lock) {
          const tick = await lock.run(detect);
          if (!tick.ran) return 0; // another instance is running this tick
          created = tick.value;
        } else {
          created = await detect();
        }
        if (created.length) console.log(`[kpi-alerts] ${created.length} new alert(s)`);
        return created.length;
      } catch (error) {
        console.error("[kpi-alerts] detection failed", error);
        return 0;
      } finally {
        current = null;
      }
    })();
    return current;
  };

  void run();
  const tick = () => void (stopped ? undefined : run());
  let timer: NodeJS.Timeout | null = null;
  let aligner: NodeJS.Timeout | null = null;
  if (intervalMs > 0 && lock) {
    // Shared database: tick on wall-clock multiples of the interval, as every other instance does.
    aligner = setTimeout(() => {
      aligner = null;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    }, intervalMs - (Date.now() % intervalMs));
    aligner.unref();
  } else if (intervalMs > 0) {
    timer = setInterval(tick, intervalMs);
    timer.unref();
  }

  return {
    async runNow() {
      if (current) await current;
      return stopped ? 0 : run();
    },
    async stop() {
      stopped = true;
      if (aligner) clearTimeout(aligner);
      if (timer) clearInterval(timer);
      if (current) await current;
      await lock?.close();
    },
  };
}
