import { Logger } from '@nestjs/common';
import type { MinimalJob } from 'bullmq';
import { JobHost, JobOf, JobProcessor } from '../../queue/job-processor';
import { CHANNEL_ATTEMPTS, CHANNEL_RATE_LIMITS, channelRetryDelay } from '../../queue/job-options';
import { ChannelDeliveryService } from './channel-delivery.service';

const settings = {
  // The unit travels in the job's backoff options (set from config when the job is added).
  backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: MinimalJob) =>
    channelRetryDelay(attemptsMade, (job?.opts.backoff as { delay?: number } | undefined)?.delay),
};

/** Throws to retry; the last attempt is handled on purpose (failed, then the SMS fallback). */
async function sendOnce(
  job: JobOf<'send-whatsapp' | 'send-sms'>,
  deliveries: ChannelDeliveryService,
  logger: Logger,
): Promise<string> {
  const { outcome, detail } = await deliveries.attempt(job.data.messageId);
  if (outcome !== 'retry') return `${outcome}: ${detail}`;
  if (job.attemptsMade + 1 >= (job.opts.attempts ?? CHANNEL_ATTEMPTS)) {
    await deliveries.giveUp(job.data.messageId);
    logger.warn({ messageId: job.data.messageId, detail }, 'message failed for good');
    return `failed: ${detail}`;
  }
  throw new Error(`send attempt failed: ${detail}`);
}

/** One queue per provider, so that each has its own rate limit (shared by all workers). */
@JobProcessor('send-whatsapp', { limiter: CHANNEL_RATE_LIMITS.whatsapp, settings })
export class WhatsAppSendProcessor extends JobHost<'send-whatsapp'> {
  private readonly logger = new Logger(WhatsAppSendProcessor.name);

  constructor(private readonly deliveries: ChannelDeliveryService) {
    super();
  }

  process(job: JobOf<'send-whatsapp'>): Promise<string> {
    return sendOnce(job, this.deliveries, this.logger);
  }
}

@JobProcessor('send-sms', { limiter: CHANNEL_RATE_LIMITS.sms, settings })
export class SmsSendProcessor extends JobHost<'send-sms'> {
  private readonly logger = new Logger(SmsSendProcessor.name);

  constructor(private readonly deliveries: ChannelDeliveryService) {
    super();
  }

  process(job: JobOf<'send-sms'>): Promise<string> {
    return sendOnce(job, this.deliveries, this.logger);
  }
}
