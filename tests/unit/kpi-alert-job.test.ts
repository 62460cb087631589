/** The KPI alert job: runs at start and on its interval, never two runs at once, errors logged (never thrown), stop() ends it; the interval from the environment. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_INTERVAL_MINUTES, intervalFromEnv, startKpiAlertJob } from "../../server/jobs/kpi-alerts";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the KPI alert job", () => {
  it("runs at start and then every interval, never overlapping, until stopped", async () => {
    vi.useFakeTimers();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const detect = vi.fn(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
      runs++;
      return [];
    });
    const job = startKpiAlertJob({ intervalMs: 1000, detect });
    expect(detect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3060);
    expect(runs).toBe(4);
    // A manual run while one is in progress waits for it, then runs once more.
    await vi.advanceTimersByTimeAsync(950);
    const manual = job.runNow();
    await vi.advanceTimersByTimeAsync(200);
    await manual;
    expect(maxRunning).toBe(1);
    expect(runs).toBe(6);
    const before = detect.mock.calls.length;
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(detect.mock.calls.length).toBe(before);
  });

  it("logs a failed run and keeps going", async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const detect = vi.fn().mockRejectedValueOnce(new Error("database unavailable")).mockResolvedValue([{ id: "a" }]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const job = startKpiAlertJob({ intervalMs: 1000, detect });
    await vi.advanceTimersByTimeAsync(10);
    expect(error).toHaveBeenCalledWith("[kpi-alerts] detection failed", expect.any(Error));
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toHaveBeenCalledWith("[kpi-alerts] 1 new alert(s)");
    await job.stop();
  });

  it("reads the interval in minutes from the environment (0: only at start)", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(intervalFromEnv(undefined)).toBe(DEFAULT_INTERVAL_MINUTES * 60_000);
    expect(intervalFromEnv("5")).toBe(300_000);
    expect(intervalFromEnv("0")).toBe(0);
    expect(intervalFromEnv("soon")).toBe(DEFAULT_INTERVAL_MINUTES * 60_000);
    expect(intervalFromEnv("-1")).toBe(DEFAULT_INTERVAL_MINUTES * 60_000);
  });
});
