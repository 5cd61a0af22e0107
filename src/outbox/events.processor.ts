import { QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { timeJob } from '../observability/metrics';
import { RelayedEventHandler } from './relayed-event.handler';

/** The notification lane: `match.proposed`, `match.superseded`, ... (see `EVENT_JOBS`). */
@JobProcessor('domain-event')
export class EventsProcessor extends JobHost<'domain-event'> {
  constructor(private readonly events: RelayedEventHandler) {
    super();
  }

  async process(job: JobOf<'domain-event'>): Promise<{ handlers: number }> {
    return timeJob(QUEUES.events, job.name, () => this.events.handle(job.data));
  }
}
