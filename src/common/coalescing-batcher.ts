interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Runs `flush` on items added by concurrent callers, one flush at a time: whatever is added while
 * a flush runs goes, together, into the next one. Each `add` resolves once a flush that contained
 * its item succeeded, and rejects with that flush's error (so a caller that must retry does).
 * Idle, an item is flushed at once and alone: batching costs no latency, it only appears under
 * load, where it turns N small transactions that contend for the same rows into one.
 */
export class CoalescingBatcher<T> {
  private waiting: Waiting<T>[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.start();
    });
  }

  private start(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // Added between the drain's last check and now: start again, or it would wait forever.
      if (this.waiting.length > 0) this.start();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        await this.flush(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }
}
