import { Controller, Get, Header, Headers, Inject, OnModuleDestroy } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from '../platform/route-access';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QUEUES } from '../queue/job-catalog';
import { redisOptions } from '../queue/redis-connection';
import { DomainError } from '../common/domain-error';
import { registry } from './metrics';
import { isMetricsAuthorized } from './metrics-token';

/**
 * Prometheus scrape endpoint. Queue depths and outbox lag are read at scrape time. Market sizes,
 * queue depths and versions are not for the public: only a scraper holding METRICS_TOKEN reads
 * them, and without a configured token the API does not serve them at all.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController implements OnModuleDestroy {
  private readonly queues: Queue[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const connection = redisOptions(config.redisUrl, 'fail-fast-api');
    this.queues = Object.values(QUEUES).map(
      (name) => new Queue(name, { connection, prefix: config.redisPrefix }),
    );
    for (const queue of this.queues) queue.on('error', () => undefined);
    const queues = this.queues;
    const db = this.dataSource;
    registry.removeSingleMetric('jembatan_queue_jobs');
    registry.removeSingleMetric('jembatan_outbox_lag_seconds');
    new Gauge({
      name: 'jembatan_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue
            .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')
            .catch(() => ({}));
          for (const [state, n] of Object.entries(counts))
            this.set({ queue: queue.name, state }, n);
        }
      },
    });
    new Gauge({
      name: 'jembatan_outbox_lag_seconds',
      help: 'Age of the oldest event not yet relayed to the queue (0 when none)',
      registers: [registry],
      async collect() {
        const rows = await db
          .query<{ lag: number }[]>(
            `SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS lag
               FROM outbox_events WHERE published_at IS NULL`,
          )
          .catch(() => [{ lag: -1 }]);
        this.set(rows[0]?.lag ?? 0);
      },
    });
  }

  @Get()
  @Header('Content-Type', registry.contentType)
  metrics(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.config.metricsToken) throw DomainError.notFound('Metrics');
    if (!isMetricsAuthorized(authorization, this.config.metricsToken))
      throw DomainError.unauthorized('Metrics need the METRICS_TOKEN bearer token');
    return registry.metrics();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
  }
}
