/*
 * Shared clocks of the latency benchmarks (bench:api, bench:flow), so that their numbers mean
 * the same thing:
 *  - an open-loop schedule: request i is DUE at start + i / rate, whether or not earlier ones
 *    were answered, and every latency is measured from that due time, not from the moment the
 *    client got round to sending it. A client (or event loop) that falls behind therefore shows
 *    up in the numbers instead of silently thinning the load (coordinated omission);
 *  - the notification as a user sees it: the first time the buyer's match.proposed naming the
 *    request is READABLE through the API (GET /api/v1/notifications, polled), on the client's
 *    clock, not a row's created_at (a transaction's start, before its commit);
 *  - a request that was refused, or whose notification never became readable within the wait,
 *    is a failure: counted, printed, and the run exits non-zero.
 */

/** Wall clock with sub-millisecond resolution. */
export const wallNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

export interface ScheduledSend {
  index: number;
  /** When the schedule said to send it (wall ms). */
  dueAt: number;
  /** When the client actually started it (wall ms); dueAt + client lag. */
  sentAt: number;
  /** When the answer was complete (wall ms), or null if the request failed at the transport. */
  answeredAt: number | null;
  status: number | null;
  /** The demand request's id, when it was created. */
  requestId: string | null;
  error: string | null;
}

/**
 * POSTs `count` requests at `ratePerS`, open loop. `send(i, dueAt)` performs request i and returns
 * its status and created id; it is started at its due time (or as soon as the client can, when
 * late) and never waited for before the next one is due.
 */
export async function openLoop(
  count: number,
  ratePerS: number,
  send: (
    index: number,
    dueAt: number,
  ) => Promise<{ status: number; id: string | null; error?: string }>,
): Promise<ScheduledSend[]> {
  const interval = 1000 / ratePerS;
  const start = wallNow() + 20;
  const sends: ScheduledSend[] = [];
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const dueAt = start + i * interval;
    const ahead = dueAt - wallNow();
    if (ahead > 0) await sleep(ahead);
    const entry: ScheduledSend = {
      index: i,
      dueAt,
      sentAt: wallNow(),
      answeredAt: null,
      status: null,
      requestId: null,
      error: null,
    };
    sends.push(entry);
    inFlight.push(
      send(i, dueAt).then(
        (res) => {
          entry.answeredAt = wallNow();
          entry.status = res.status;
          entry.requestId = res.id;
          if (res.error) entry.error = res.error;
        },
        (error: unknown) => {
          entry.error = error instanceof Error ? error.message : String(error);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return sends;
}

interface InboxItem {
  id: string;
  seq: string;
  type: string;
  data: { match?: { demandRequestId?: string } };
}

/**
 * Polls one organization's inbox through the API and records, per demand request, the wall time
 * at which its first match.proposed was first seen. Notifications are told apart by id, not by a
 * "last seq seen": seqs are taken at insert and committed out of order, so a lower seq can become
 * readable after a higher one. Each poll pages back until a whole page holds nothing new.
 * Resolution: one poll interval plus the GETs of one poll.
 */
export class InboxWatcher {
  readonly firstSeen = new Map<string, number>();
  polls = 0;
  pollErrors = 0;
  private readonly seen = new Set<string>();
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly base: string,
    private readonly token: string,
    readonly intervalMs = 50,
  ) {}

  /** Takes note of what is already in the inbox, then starts polling. */
  async start(): Promise<void> {
    await this.pollOnce();
    this.polls = 0;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.pollOnce().catch(() => (this.pollErrors += 1));
        await sleep(this.intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async page(
    cursor: string | null,
  ): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
    const res = await fetch(
      `${this.base}/api/v1/notifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { headers: { authorization: `Bearer ${this.token}` } },
    );
    const body = (await res.json()) as { items: InboxItem[]; nextCursor: string | null };
    if (res.status !== 200) throw new Error(`GET /notifications answered ${res.status}`);
    return body;
  }

  private async pollOnce(): Promise<void> {
    this.polls += 1;
    const fresh: InboxItem[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await this.page(cursor);
      const unseen = page.items.filter((n) => !this.seen.has(n.id));
      fresh.push(...unseen);
      if (unseen.length === 0 || page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    const seenAt = wallNow();
    for (const n of fresh) {
      this.seen.add(n.id);
      const requestId = n.data.match?.demandRequestId;
      if (n.type === 'match.proposed' && requestId && !this.firstSeen.has(requestId)) {
        this.firstSeen.set(requestId, seenAt);
      }
    }
  }
}

/** Waits until every id has been seen by the watcher, or the deadline; returns the ms waited. */
export async function waitForAll(
  watcher: InboxWatcher,
  ids: string[],
  timeoutMs: number,
): Promise<number> {
  const started = wallNow();
  while (ids.some((id) => !watcher.firstSeen.has(id)) && wallNow() - started < timeoutMs) {
    await sleep(100);
  }
  return wallNow() - started;
}
