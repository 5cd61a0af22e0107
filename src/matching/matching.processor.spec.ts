import { currentCorrelationId } from '../common/request-context';
import type { JobOf } from '../queue/job-processor';
import { MatchingProcessor } from './matching.processor';
import { DelayedError } from 'bullmq';
import { NOT_OWNER, type LiveMarkets } from './live/live-markets.service';
import type { RunSummary } from './matching.service';

function aJob(data: { commodityCode: string; correlationId?: string; reason?: string }) {
  const moveToDelayed = jest.fn(() => Promise.resolve());
  return {
    name: 'reoptimize-commodity',
    data,
    moveToDelayed,
  } as unknown as JobOf<'reoptimize-commodity'> & { moveToDelayed: jest.Mock };
}

describe('MatchingProcessor', () => {
  it('runs a re-optimisation of the job’s commodity under the job’s correlation id', async () => {
    const summary = { commodityCode: 'cabai_merah_keriting' } as unknown as RunSummary;
    let correlation: string | null = null;
    const matching = {
      reoptimize: jest.fn(() => {
        correlation = currentCorrelationId();
        return Promise.resolve(summary);
      }),
    };
    const processor = new MatchingProcessor(matching as unknown as LiveMarkets);
    await expect(
      processor.process(aJob({ commodityCode: 'cabai_merah_keriting', correlationId: 'req-42' })),
    ).resolves.toBe(summary);
    // A job from a market change always solves; only the sweep's check may be spared.
    expect(matching.reoptimize).toHaveBeenCalledWith('cabai_merah_keriting', {
      mayBeSettled: false,
    });
    expect(correlation).toBe('req-42');
  });

  it('lets only the recovery sweep’s run be spared by the settled check', async () => {
    const matching = { reoptimize: jest.fn(() => Promise.resolve(null)) };
    const processor = new MatchingProcessor(matching as unknown as LiveMarkets);
    await processor.process(
      aJob({ commodityCode: 'cabai_merah_keriting', reason: 'recovery-sweep' }),
    );
    await processor.process(
      aJob({ commodityCode: 'cabai_merah_keriting', reason: 'demand_request.created' }),
    );
    expect(matching.reoptimize.mock.calls).toEqual([
      ['cabai_merah_keriting', { mayBeSettled: true }],
      ['cabai_merah_keriting', { mayBeSettled: false }],
    ]);
  });

  it('passes a failed run on as a thrown error, so that BullMQ retries it', async () => {
    const matching = { reoptimize: jest.fn(() => Promise.reject(new Error('deadlock detected'))) };
    const processor = new MatchingProcessor(matching as unknown as LiveMarkets);
    await expect(processor.process(aJob({ commodityCode: 'bawang_merah' }))).rejects.toThrow(
      'deadlock detected',
    );
  });

  it('returns null when the run had nothing to do (a market already settled)', async () => {
    const matching = { reoptimize: jest.fn(() => Promise.resolve(null)) };
    const processor = new MatchingProcessor(matching as unknown as LiveMarkets);
    await expect(processor.process(aJob({ commodityCode: 'bawang_merah' }))).resolves.toBeNull();
  });

  it('hands the job back to the queue, without using an attempt, when another worker owns the commodity', async () => {
    const live = { reoptimize: jest.fn(() => Promise.resolve(NOT_OWNER)) };
    const processor = new MatchingProcessor(live as unknown as LiveMarkets);
    const job = aJob({ commodityCode: 'bawang_merah' });
    await expect(processor.process(job, 'lock-token')).rejects.toBeInstanceOf(DelayedError);
    expect(job.moveToDelayed).toHaveBeenCalledWith(expect.any(Number), 'lock-token');
  });
});
