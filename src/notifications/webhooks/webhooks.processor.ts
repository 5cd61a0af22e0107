import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job, MinimalJob } from 'bullmq';
import { DeliverWebhookPayload, JobName, QUEUES } from '../../queue/job-catalog';
import { QUEUE_CONCURRENCY, WEBHOOK_ATTEMPTS, webhookRetryDelay } from '../../queue/job-options';
import { timeJob, webhookDeliveries } from '../../observability/metrics';
import { WebhookDeliveryService } from './webhook-delivery.service';

@Processor(QUEUES.webhooks, {
  concurrency: QUEUE_CONCURRENCY.webhooks,
  settings: {
    // The unit travels in the job's backoff options (set from config when the job is added).
    backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: MinimalJob) =>
      webhookRetryDelay(
        attemptsMade,
        (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 1000,
      ),
  },
})
export class WebhooksProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['deliver-webhook'];
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: Job<DeliverWebhookPayload>): Promise<string> {
    return timeJob(QUEUES.webhooks, job.name, () => this.deliver(job));
  }

  private async deliver(job: Job<DeliverWebhookPayload>): Promise<string> {
    const { outcome, detail } = await this.deliveries.attempt(job.data.deliveryId);
    webhookDeliveries.inc({ outcome });
    if (outcome !== 'retry') return `${outcome}: ${detail}`;
    // The last attempt is handled here, on purpose: the delivery is marked failed and counted
    // against the endpoint, instead of the job merely landing in BullMQ's failed set.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? WEBHOOK_ATTEMPTS)) {
      await this.deliveries.giveUp(job.data.deliveryId);
      this.logger.warn(
        { deliveryId: job.data.deliveryId, detail },
        'webhook delivery failed for good',
      );
      return `failed: ${detail}`;
    }
    throw new Error(`webhook attempt failed: ${detail}`);
  }
}
