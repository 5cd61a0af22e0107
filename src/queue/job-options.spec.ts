import { WEBHOOK_RETRY_DELAYS_MS, webhookRetryDelay } from './job-options';

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
});
