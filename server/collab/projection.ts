/**
 * Runs a document's projection (read-model rows derived from the doc) debounced: at most
 * `debounceMs` after the last change and never more than 1 s after the first pending one,
 * one run at a time, and once more on demand (unload, shutdown) when changes are pending.
 */
const MAX_WAIT_MS = 1000;

export class ProjectionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  private dirty = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly debounceMs: number,
    private readonly label: string,
  ) {}

  /** A change happened: project soon. */
  touch(): void {
    const now = Date.now();
    if (!this.dirty) this.firstPendingAt = now;
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstPendingAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Projects now if anything is pending; resolves when the projection is written. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    if (!this.dirty) return;
    this.dirty = false;
    this.running = this.run()
      .catch((err) => console.error(`[collab] projection of ${this.label} failed:`, err))
      .finally(() => (this.running = null));
    await this.running;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
