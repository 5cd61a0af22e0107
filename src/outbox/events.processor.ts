import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { runWithCorrelationId } from '../common/request-context';
import { DomainEventPayload, JobName, QUEUES } from '../queue/job-catalog';
import { QUEUE_CONCURRENCY } from '../queue/job-options';
import { timeJob } from '../observability/metrics';
import { DomainEventBus } from './domain-event.bus';

@Processor(QUEUES.events, { concurrency: QUEUE_CONCURRENCY.events })
export class EventsProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['domain-event'];
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    private readonly bus: DomainEventBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<DomainEventPayload>): Promise<{ handlers: number }> {
    const event = job.data;
    return timeJob(QUEUES.events, job.name, () => this.handle(event));
  }

  private handle(event: DomainEventPayload): Promise<{ handlers: number }> {
    return runWithCorrelationId(event.correlationId, async () => {
      const handlers = await this.bus.publish(event);
      await this.dataSource.query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1`, [
        event.eventId,
      ]);
      this.logger.debug(
        { eventId: event.eventId, type: event.type, handlers, correlationId: event.correlationId },
        'domain event handled',
      );
      return { handlers };
    });
  }
}
