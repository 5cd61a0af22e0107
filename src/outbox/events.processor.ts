import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithCorrelationId } from '../common/request-context';
import { DomainEventPayload, QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { timeJob } from '../observability/metrics';
import { DomainEventBus } from './domain-event.bus';

@JobProcessor('domain-event')
export class EventsProcessor extends JobHost<'domain-event'> {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    private readonly bus: DomainEventBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: JobOf<'domain-event'>): Promise<{ handlers: number }> {
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
