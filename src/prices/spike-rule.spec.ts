import { judgeSeries, median } from './spike-rule';

const day = (n: number) =>
  new Date(Date.UTC(2026, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
const steady = (from: number, to: number, price = 50_000) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    observedOn: day(from + i),
    pricePerUnit: price,
    spike: false,
  }));

describe('median', () => {
  it('takes the middle value, or the rounded mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 5])).toBe(3);
  });
});

describe('judgeSeries', () => {
  it('calls 20 % above the 4-week median a spike, and tells it', () => {
    const [verdict] = judgeSeries(steady(0, 27), [{ observedOn: day(28), pricePerUnit: 60_000 }]);
    expect(verdict).toMatchObject({ spike: true, notify: true, medianPerUnit: 50_000 });
  });

  it('does not call 19.9 % a spike', () => {
    const [verdict] = judgeSeries(steady(0, 27), [{ observedOn: day(28), pricePerUnit: 59_950 }]);
    expect(verdict).toMatchObject({ spike: false, notify: false });
  });

  it('ignores observations older than 28 days in the median', () => {
    const history = [...steady(0, 9, 100_000), ...steady(20, 40)];
    const [verdict] = judgeSeries(history, [{ observedOn: day(41), pricePerUnit: 60_000 }]);
    expect(verdict.medianPerUnit).toBe(50_000);
    expect(verdict.spike).toBe(true);
  });

  it('tells a spike once: the next high day continues it', () => {
    const verdicts = judgeSeries(steady(0, 27), [
      { observedOn: day(28), pricePerUnit: 65_000 },
      { observedOn: day(29), pricePerUnit: 66_000 },
    ]);
    expect(verdicts.map((v) => [v.spike, v.notify])).toEqual([
      [true, true],
      [true, false],
    ]);
  });

  it('does not tell again a spike continued from a stored one', () => {
    const history = [...steady(0, 27), { observedOn: day(28), pricePerUnit: 65_000, spike: true }];
    const [verdict] = judgeSeries(history, [{ observedOn: day(29), pricePerUnit: 66_000 }]);
    expect(verdict).toMatchObject({ spike: true, notify: false });
  });

  it('needs three observations of history before it judges', () => {
    const [verdict] = judgeSeries(steady(0, 1), [{ observedOn: day(2), pricePerUnit: 90_000 }]);
    expect(verdict).toMatchObject({ spike: false, notify: false });
  });
});
