import { DEFAULT_JOB_OPTIONS, jobOptions, jobRequest, WEBHOOK_ATTEMPTS } from './job-options';

const settings = { webhookRetryUnitMs: 10, channels: { retryUnitMs: 10 } };

describe('job options', () => {
  it('give a domain event its event id as job id, on top of the defaults', () => {
    expect(jobOptions('domain-event', { eventId: 'e1' } as never, settings)).toEqual({
      ...DEFAULT_JOB_OPTIONS,
      jobId: 'event-e1',
    });
  });

  it('give a market event its event id as job id too (its own queue)', () => {
    expect(jobOptions('market-event', { eventId: 'e2' } as never, settings)).toEqual({
      ...DEFAULT_JOB_OPTIONS,
      jobId: 'event-e2',
    });
  });

  it('collapse re-optimisations of one commodity with a deduplication id kept while active', () => {
    const options = jobOptions(
      'reoptimize-commodity',
      { commodityCode: 'bawang_merah', reason: 'x', correlationId: null },
      settings,
    );
    expect(options.deduplication).toEqual({
      id: 'reoptimize-bawang_merah',
      keepLastIfActive: true,
    });
    expect(options.jobId).toBeUndefined();
  });

  it('retry a webhook delivery on its own schedule, with the configured unit', () => {
    expect(jobRequest('deliver-webhook', { deliveryId: 'd1' }, settings)).toEqual({
      name: 'deliver-webhook',
      data: { deliveryId: 'd1' },
      opts: {
        ...DEFAULT_JOB_OPTIONS,
        jobId: 'delivery-d1',
        attempts: WEBHOOK_ATTEMPTS,
        backoff: { type: 'webhook', delay: 10 },
      },
    });
  });
});
