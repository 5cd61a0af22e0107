import { postponeDelay } from './job-options';

describe('postponed webhook delay', () => {
  it('starts at 100-200 ms and doubles with each postponement', () => {
    expect(postponeDelay(1, () => 0)).toBe(100);
    expect(postponeDelay(1, () => 1)).toBe(200);
    expect(postponeDelay(2, () => 0)).toBe(200);
    expect(postponeDelay(3, () => 0.5)).toBe(600);
    expect(postponeDelay(7, () => 0)).toBe(6400);
  });

  it('stops growing at 6.4-12.8 s, however often the job was postponed', () => {
    expect(postponeDelay(8, () => 0)).toBe(6400);
    expect(postponeDelay(50, () => 1)).toBe(12800);
  });

  it('rounds the jitter to whole milliseconds', () => {
    expect(postponeDelay(1, () => 0.12345)).toBe(112);
  });
});
