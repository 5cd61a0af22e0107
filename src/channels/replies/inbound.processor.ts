import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { runWithCorrelationId } from '../../common/request-context';
import { HandleInboundPayload, JobName, QUEUES } from '../../queue/job-catalog';
import { QUEUE_CONCURRENCY } from '../../queue/job-options';
import { ReplyHandler } from './reply.handler';

/** Throws to retry (a database hiccup); the handler itself answers every refusal in words. */
@Processor(QUEUES.channelInbound, { concurrency: QUEUE_CONCURRENCY['channel-inbound'] })
export class InboundProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['handle-inbound'];

  constructor(private readonly replies: ReplyHandler) {
    super();
  }

  process(job: Job<HandleInboundPayload>): Promise<string> {
    return runWithCorrelationId(`inbound-${job.data.inboundId}`, () =>
      this.replies.handle(job.data.inboundId),
    );
  }
}
