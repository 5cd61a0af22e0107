import type { Queue } from 'bullmq';
import { MAX_REVIVALS, reviveAfterMs, reviveFailedJobs } from '../../src/queue/job-revival';
import { failForGood, fileQueue } from '../support/failed-jobs';

/*
 * reviveFailedJobs on a real Redis: a job BullMQ failed for good comes back as a fresh job (no
 * attempts, no stalls counted), not sooner than its spacing allows, and not after MAX_REVIVALS.
 */
describe('reviving jobs that failed for good', () => {
  const QUEUE = 'revival-test';
  let queue: Queue;

  beforeAll(() => {
    queue = fileQueue(QUEUE);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('hands a failed job back as a fresh one, spaced out, and gives up after the last revival', async () => {
    const request = { name: 'step', data: { n: 1 }, opts: { jobId: 'job-a', attempts: 3 } };
    await queue.add(request.name, request.data, request.opts);
    const failed = await failForGood(QUEUE, 'job-a');
    // As a job failed by stalls would be: its stall counter at the limit.
    await (await queue.getBackend().client).hset(queue.toKey('job-a'), { stc: 11 });

    // Leaves alone what is not failed.
    await queue.add('other', {}, { jobId: 'job-b' });
    const first = await reviveFailedJobs(queue, [
      request,
      { name: 'other', data: {}, opts: { jobId: 'job-b' } },
    ]);
    expect(first).toEqual({ revived: ['job-a'], givenUp: [] });
    const fresh = (await queue.getJob('job-a'))!;
    expect(await fresh.getState()).toBe('waiting');
    expect(fresh.data).toEqual({ n: 1 });
    expect(fresh.opts.attempts).toBe(3);
    expect([fresh.attemptsMade, fresh.attemptsStarted, fresh.stalledCounter]).toEqual([0, 0, 0]);
    expect(fresh.timestamp).toBeGreaterThan(failed.timestamp - 1);
    expect(await queue.getJobState('job-b')).toBe('waiting');

    // Failed again: the second revival waits a minute after that failure.
    const again = await failForGood(QUEUE, 'job-a');
    const soon = again.finishedOn! + reviveAfterMs(1) - 1;
    expect(await reviveFailedJobs(queue, [request], soon)).toEqual({ revived: [], givenUp: [] });
    expect(await queue.getJobState('job-a')).toBe('failed');
    expect(await reviveFailedJobs(queue, [request], soon + 1)).toEqual({
      revived: ['job-a'],
      givenUp: [],
    });

    // After the last revival it stays failed, reported once.
    await (await queue.getBackend().client).set(queue.toKey('revivals:job-a'), MAX_REVIVALS);
    const last = await failForGood(QUEUE, 'job-a');
    const late = last.finishedOn! + reviveAfterMs(MAX_REVIVALS);
    expect(await reviveFailedJobs(queue, [request], late)).toEqual({
      revived: [],
      givenUp: ['job-a'],
    });
    expect(await reviveFailedJobs(queue, [request], late)).toEqual({ revived: [], givenUp: [] });
    expect(await queue.getJobState('job-a')).toBe('failed');
  });

  it('spaces revivals 0, 1, 4, 16, 64 minutes apart, then up to a day', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => reviveAfterMs(n) / 60_000)).toEqual([
      0, 1, 4, 16, 64, 256, 1024, 1440, 1440,
    ]);
  });
});
