import { Logger } from '@nestjs/common';
import { DelayedError, type MinimalJob } from 'bullmq';
import { QUEUES } from '../../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../../queue/job-processor';
import { postponeDelay, WEBHOOK_ATTEMPTS, webhookRetryDelay } from '../../queue/job-options';
import { timeJob, webhookDeliveries } from '../../observability/metrics';
import { WebhookDeliveryService } from './webhook-delivery.service';

@JobProcessor('deliver-webhook', {
  settings: {
    // The unit travels in the job's backoff options (set from config when the job is added).
    backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: MinimalJob) =>
      webhookRetryDelay(
        attemptsMade,
        (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 1000,
      ),
  },
})
export class WebhooksProcessor extends JobHost<'deliver-webhook'> {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: JobOf<'deliver-webhook'>, token?: string): Promise<string> {
    return timeJob(QUEUES.webhooks, job.name, () => this.deliver(job, token));
  }

  private async deliver(job: JobOf<'deliver-webhook'>, token?: string): Promise<string> {
    const { outcome, detail, slowForMs = 0 } = await this.deliveries.attempt(job.data.deliveryId);
    webhookDeliveries.inc({ outcome });
    if (outcome === 'postponed') {
      // The tenant's slots are taken (its receivers may hang): wait in the delayed set, which
      // costs no slot and no attempt, backing off each time (and, when the holders hang, until
      // the oldest one's deadline) so that a tenant with hundreds of waiting deliveries does not
      // keep the workers busy turning them away.
      // Every start that did not end in a counted attempt was a postponement.
      const postponed = Math.max(1, job.attemptsStarted - job.attemptsMade);
      const delay = slowForMs > 0 ? slowForMs + postponeDelay(1) : postponeDelay(postponed);
      await job.moveToDelayed(Date.now() + delay, token);
      // Jobs without a priority run before prioritized ones in BullMQ: a postponed job comes back
      // behind every fresh delivery, so waves of another tenant's waiting jobs never queue in
      // front of a first attempt.
      if (!job.priority) await job.changePriority({ priority: POSTPONED_PRIORITY });
      throw new DelayedError();
    }
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

const POSTPONED_PRIORITY = 10;
