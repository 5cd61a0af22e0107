import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  DomainEventPayload,
  EVENT_JOBS,
  MARKET_EVENT_TYPES,
  QUEUES,
  type QueueName,
} from '../queue/job-catalog';
import { jobRequest } from '../queue/job-options';
import { reportRevivals, reviveFailedJobs } from '../queue/job-revival';
import { redisOptions } from '../queue/redis-connection';

const BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5000;
/**
 * BullMQ waits for a connection before sending anything, however the client is configured, so a
 * publish to an absent Redis is bounded here: the claim transaction must not hold row locks long.
 */
const PUBLISH_TIMEOUT_MS = 3000;
/** The longest wait between two LISTEN attempts; events are polled for meanwhile. */
const MAX_LISTEN_RETRY_MS = 30_000;
const LISTEN_CONNECT_TIMEOUT_MS = 10_000;

interface OutboxRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  correlation_id: string | null;
  created_at: Date;
  /** Set when the row was relayed before and is relayed again (its job lost or failed). */
  published_at: Date | null;
}

/**
 * Publishes committed outbox rows to BullMQ, each on its lane's queue (`EVENT_JOBS`): events that
 * change a market to `market-events`, the rest to `events`; market rows are claimed first, so a
 * new request's event is not published after a backlog of notifications either. Exactly once in
 * effect: rows are claimed with
 * FOR UPDATE SKIP LOCKED (several relays never publish the same row at once), the job id is the
 * event id (a re-publish after a crash between add and stamp is a no-op in BullMQ), and
 * published_at is stamped in the same transaction that claimed the rows. When Redis is down the
 * add fails fast, the transaction rolls back, and the rows wait for the next attempt.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues: Record<'events' | 'market-events', Queue>;
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  /** Failed LISTEN attempts in a row: the next one waits 1 s, 2 s, 4 s ... up to 30 s. */
  private listenFailures = 0;
  private listenRetry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const open = (name: QueueName) => {
      const queue = new Queue(name, {
        prefix: config.redisPrefix,
        connection: redisOptions(config.redisUrl, 'blocking-worker'),
      });
      queue.on('error', () => undefined); // reconnection is ioredis's job; failures are logged below
      return queue;
    };
    this.queues = { events: open(QUEUES.events), 'market-events': open(QUEUES.marketEvents) };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.schedulePoll();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.listenRetry) clearTimeout(this.listenRetry);
    await this.draining;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await Promise.all(
      Object.values(this.queues).map((queue) =>
        withTimeout(queue.close(), PUBLISH_TIMEOUT_MS, `closing the ${queue.name} queue`).catch(
          () => queue.disconnect(),
        ),
      ),
    );
  }

  /** Publishes everything pending now; resolves when the outbox was empty at least once. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH_SIZE) return total;
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        this.failures++;
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error), failures: this.failures },
          'outbox relay could not publish; will retry',
        );
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures);
        setTimeout(() => this.kick(), delay).unref();
      })
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedulePoll();
    }, this.config.outboxPollMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'jembatan',
      // A database that takes the TCP connection and never answers must not hang the boot (which
      // awaits the first attempt) or the retries; a LISTEN connection that goes silent (a dropped
      // network path) is found by TCP keepalive and then counted as lost like any other.
      connectionTimeoutMillis: LISTEN_CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
    });
    let lost = false;
    const onLost = (reason: string) => {
      // 'error', 'end' and a rejected connect() or LISTEN can each report the same loss, in
      // either order: act once. A dropped LISTEN only costs latency meanwhile: polling continues.
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = Math.min(MAX_LISTEN_RETRY_MS, 1000 * 2 ** this.listenFailures);
      this.listenFailures++;
      this.logger.warn(
        { reason, retryInMs: delay },
        'outbox LISTEN unavailable; polling meanwhile',
      );
      this.listenRetry = setTimeout(() => void this.listen().catch(() => undefined), delay);
      this.listenRetry.unref();
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', () => this.kick());
    try {
      await client.connect();
      await client.query('LISTEN outbox_events');
    } catch (error) {
      onLost((error as Error).message);
      return;
    }
    if (lost) return; // lost right after its LISTEN: onLost has scheduled the next attempt
    if (this.stopped) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.listenFailures = 0;
    this.listener = client;
  }

  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, type, aggregate_type, aggregate_id, payload, correlation_id, created_at,
                published_at
           FROM outbox_events
          WHERE published_at IS NULL
             OR (processed_at IS NULL AND published_at < now() - $2::interval)
          ORDER BY type = ANY($3) DESC, created_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        // An event relayed long ago and still not processed is relayed again: its job was lost
        // (a Redis that restarted without its data) or failed for good. If the job does exist,
        // the same job id makes the new add a no-op, and a failed one is revived below;
        // handlers are idempotent either way.
        [BATCH_SIZE, `${this.config.recoveryAfterMs} milliseconds`, MARKET_EVENT_TYPES],
      );
      if (rows.length === 0) return 0;
      const market = rows.filter((row) => laneOf(row) === 'market-event');
      const told = rows.filter((row) => laneOf(row) === 'domain-event');
      // Market events first: a publish that times out halfway has at least sent those.
      for (const [queue, lane, requests] of [
        [
          this.queues['market-events'],
          market,
          market.map((row) => jobRequest('market-event', toPayload(row), this.config)),
        ],
        [
          this.queues.events,
          told,
          told.map((row) => jobRequest('domain-event', toPayload(row), this.config)),
        ],
      ] as const) {
        if (requests.length === 0) continue;
        await withTimeout(
          queue.addBulk([...requests]),
          PUBLISH_TIMEOUT_MS,
          'publishing outbox events to Redis',
        );
        const again = requests.filter((_, i) => lane[i].published_at !== null);
        if (again.length === 0) continue;
        reportRevivals(
          this.logger,
          await withTimeout(
            reviveFailedJobs(queue, again),
            PUBLISH_TIMEOUT_MS,
            'reviving failed event jobs',
          ),
        );
      }
      await manager.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1)`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }
}

/**
 * The lane of a stored event. A type no longer in the catalog (a row older than a release that
 * dropped it) goes to the notification lane, whose handlers ignore types they do not know.
 */
function laneOf(row: OutboxRow): 'market-event' | 'domain-event' {
  return EVENT_JOBS[row.type as keyof typeof EVENT_JOBS] ?? 'domain-event';
}

/** Rows are written only through `OutboxWriter.append`, from the typed factories. */
function toPayload(row: OutboxRow): DomainEventPayload {
  return {
    eventId: row.id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    data: row.payload,
    correlationId: row.correlation_id,
    occurredAt: new Date(row.created_at).toISOString(),
  } as DomainEventPayload;
}
