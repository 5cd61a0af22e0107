import { runWithCorrelationId } from '../../common/request-context';
import { JobHost, JobOf, JobProcessor } from '../../queue/job-processor';
import { ReplyHandler } from './reply.handler';

/** Throws to retry (a database hiccup); the handler itself answers every refusal in words. */
@JobProcessor('handle-inbound')
export class InboundProcessor extends JobHost<'handle-inbound'> {
  constructor(private readonly replies: ReplyHandler) {
    super();
  }

  process(job: JobOf<'handle-inbound'>): Promise<string> {
    return runWithCorrelationId(`inbound-${job.data.inboundId}`, () =>
      this.replies.handle(job.data.inboundId),
    );
  }
}
