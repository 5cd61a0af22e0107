import { QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { timeJob } from '../observability/metrics';
import { RelayedEventHandler } from './relayed-event.handler';

/**
 * The market lane: events that change a market or ask for a re-optimisation, on a queue of their
 * own so that a new request's trigger never waits behind a run's thousands of notifications.
 */
@JobProcessor('market-event')
export class MarketEventsProcessor extends JobHost<'market-event'> {
  constructor(private readonly events: RelayedEventHandler) {
    super();
  }

  async process(job: JobOf<'market-event'>): Promise<{ handlers: number }> {
    return timeJob(QUEUES.marketEvents, job.name, () => this.events.handle(job.data));
  }
}
