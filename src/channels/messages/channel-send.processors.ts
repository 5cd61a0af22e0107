import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job, MinimalJob } from 'bullmq';
import { JobName, QUEUES, SendChannelMessagePayload } from '../../queue/job-catalog';
import {
  CHANNEL_ATTEMPTS,
  CHANNEL_RATE_LIMITS,
  channelRetryDelay,
  QUEUE_CONCURRENCY,
} from '../../queue/job-options';
import { ChannelDeliveryService } from './channel-delivery.service';

const settings = {
  // The unit travels in the job's backoff options (set from config when the job is added).
  backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: MinimalJob) =>
    channelRetryDelay(attemptsMade, (job?.opts.backoff as { delay?: number } | undefined)?.delay),
};

/** Throws to retry; the last attempt is handled on purpose (failed, then the SMS fallback). */
async function sendOnce(
  job: Job<SendChannelMessagePayload>,
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

@Processor(QUEUES.channelWhatsapp, {
  concurrency: QUEUE_CONCURRENCY['channel-whatsapp'],
  limiter: CHANNEL_RATE_LIMITS.whatsapp,
  settings,
})
export class WhatsAppSendProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['send-whatsapp'];
  private readonly logger = new Logger(WhatsAppSendProcessor.name);

  constructor(private readonly deliveries: ChannelDeliveryService) {
    super();
  }

  process(job: Job<SendChannelMessagePayload>): Promise<string> {
    return sendOnce(job, this.deliveries, this.logger);
  }
}

@Processor(QUEUES.channelSms, {
  concurrency: QUEUE_CONCURRENCY['channel-sms'],
  limiter: CHANNEL_RATE_LIMITS.sms,
  settings,
})
export class SmsSendProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['send-sms'];
  private readonly logger = new Logger(SmsSendProcessor.name);

  constructor(private readonly deliveries: ChannelDeliveryService) {
    super();
  }

  process(job: Job<SendChannelMessagePayload>): Promise<string> {
    return sendOnce(job, this.deliveries, this.logger);
  }
}
