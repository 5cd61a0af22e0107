import { WEBHOOK_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS, webhookRetryDelay } from './job-options';

describe('webhook retry schedule', () => {
  it('spreads retries over more than a day', () => {
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total * 0.8).toBeGreaterThan(24 * 3600 * 1000);
  });

  it('grows, and jitters each delay within +-20%', () => {
    expect(webhookRetryDelay(1, 1000, () => 0)).toBe(4000);
    expect(webhookRetryDelay(1, 1000, () => 1)).toBe(6000);
    expect(webhookRetryDelay(2, 1000, () => 0.5)).toBe(30000);
    expect(webhookRetryDelay(99, 1000, () => 0.5)).toBe(28800000);
    expect(webhookRetryDelay(2, 10, () => 0.5)).toBe(300);
  });

  it('makes one first attempt and one retry per scheduled delay, the last one included', () => {
    // The retries BullMQ is allowed (attempts - 1) must walk the whole schedule, or the day the
    // schedule promises is cut short.
    const retries = Array.from({ length: WEBHOOK_ATTEMPTS - 1 }, (_, i) =>
      webhookRetryDelay(i + 1, 1000, () => 0.5),
    );
    expect(retries).toEqual(WEBHOOK_RETRY_DELAYS_MS);
    expect(retries.reduce((a, b) => a + b, 0) * 0.8).toBeGreaterThan(24 * 3600 * 1000);
  });
});
