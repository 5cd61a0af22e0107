import { DelayedError } from 'bullmq';
import type { JobOf } from '../../queue/job-processor';
import { WEBHOOK_ATTEMPTS } from '../../queue/job-options';
import type { AttemptResult, WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksProcessor } from './webhooks.processor';

function aJob(
  overrides: { attemptsMade?: number; attemptsStarted?: number; priority?: number } = {},
) {
  return {
    name: 'deliver-webhook',
    data: { deliveryId: 'd1' },
    opts: { attempts: WEBHOOK_ATTEMPTS },
    attemptsMade: 0,
    attemptsStarted: 1,
    priority: 0,
    moveToDelayed: jest.fn(() => Promise.resolve()),
    changePriority: jest.fn(() => Promise.resolve()),
    ...overrides,
  };
}

function processorAnswering(result: AttemptResult) {
  const deliveries = {
    attempt: jest.fn(() => Promise.resolve(result)),
    giveUp: jest.fn(() => Promise.resolve()),
  };
  const processor = new WebhooksProcessor(deliveries as unknown as WebhookDeliveryService);
  const run = (job: ReturnType<typeof aJob>) =>
    processor.process(job as unknown as JobOf<'deliver-webhook'>, 'token');
  return { deliveries, run };
}

describe('WebhooksProcessor', () => {
  it('returns the outcome of a delivery that succeeded', async () => {
    const { deliveries, run } = processorAnswering({ outcome: 'succeeded', detail: 'HTTP 204' });
    await expect(run(aJob())).resolves.toBe('succeeded: HTTP 204');
    expect(deliveries.attempt).toHaveBeenCalledWith('d1');
    expect(deliveries.giveUp).not.toHaveBeenCalled();
  });

  it('throws to retry a failed attempt that is not the last', async () => {
    const { deliveries, run } = processorAnswering({ outcome: 'retry', detail: 'HTTP 503' });
    await expect(run(aJob({ attemptsMade: WEBHOOK_ATTEMPTS - 2 }))).rejects.toThrow(
      'webhook attempt failed: HTTP 503',
    );
    expect(deliveries.giveUp).not.toHaveBeenCalled();
  });

  it('gives the delivery up on purpose at the last attempt, instead of throwing', async () => {
    const { deliveries, run } = processorAnswering({ outcome: 'retry', detail: 'HTTP 503' });
    await expect(run(aJob({ attemptsMade: WEBHOOK_ATTEMPTS - 1 }))).resolves.toBe(
      'failed: HTTP 503',
    );
    expect(deliveries.giveUp).toHaveBeenCalledWith('d1');
  });

  it('postpones a delivery whose tenant has no free slot: delayed, behind fresh deliveries, no attempt counted', async () => {
    const { deliveries, run } = processorAnswering({
      outcome: 'postponed',
      detail: 'delivery slots in use',
    });
    const job = aJob({ attemptsMade: 0, attemptsStarted: 3 });
    const before = Date.now();
    await expect(run(job)).rejects.toBeInstanceOf(DelayedError);
    expect(job.moveToDelayed).toHaveBeenCalledTimes(1);
    const [until, token] = job.moveToDelayed.mock.calls[0] as unknown as [number, string];
    // The third postponement waits 400-800 ms (postponeDelay doubles from 100 ms).
    expect(until - before).toBeGreaterThanOrEqual(400);
    expect(until - Date.now()).toBeLessThanOrEqual(800);
    expect(token).toBe('token');
    expect(job.changePriority).toHaveBeenCalledWith({ priority: 10 });
    expect(deliveries.giveUp).not.toHaveBeenCalled();
  });

  it('waits for the slowest holder’s deadline when the slots are held by hanging receivers', async () => {
    const { run } = processorAnswering({
      outcome: 'postponed',
      detail: 'delivery slots in use',
      slowForMs: 5000,
    });
    const job = aJob({ priority: 10 });
    const before = Date.now();
    await expect(run(job)).rejects.toBeInstanceOf(DelayedError);
    const [until] = job.moveToDelayed.mock.calls[0] as unknown as [number];
    expect(until - before).toBeGreaterThanOrEqual(5100);
    // Already behind fresh deliveries: its priority is left as it is.
    expect(job.changePriority).not.toHaveBeenCalled();
  });

  it('returns without retrying what will not change (endpoint gone or disabled)', async () => {
    const { run } = processorAnswering({ outcome: 'gone', detail: 'HTTP 410' });
    await expect(run(aJob())).resolves.toBe('gone: HTTP 410');
  });
});
