import { cellDeltas } from './balance-delta';

const row = (key: string[], values: number[]) => ({ key, values });

describe('cellDeltas', () => {
  it('is empty when a source is refreshed again unchanged (a redelivered event)', () => {
    const rows = [
      row(['35', 'cabai', '2026-11-30'], [500, 0]),
      row(['35.07', 'cabai', '2026-11-30'], [500, 0]),
    ];
    expect(cellDeltas(rows, rows)).toEqual([]);
  });

  it('moves a quantity from the old week to the new one', () => {
    const before = [row(['35.07', 'cabai', '2026-11-30'], [500, 0])];
    const after = [row(['35.07', 'cabai', '2026-12-07'], [400, 0])];
    expect(cellDeltas(before, after)).toEqual([
      { key: ['35.07', 'cabai', '2026-11-30'], values: [-500, 0] },
      { key: ['35.07', 'cabai', '2026-12-07'], values: [400, 0] },
    ]);
  });

  it('sorts cells by key, whatever order the rows came in', () => {
    const after = [row(['b'], [1]), row(['a'], [1]), row(['a', 'z'], [1])];
    expect(cellDeltas([], after).map((c) => c.key)).toEqual([['a'], ['a', 'z'], ['b']]);
  });
});
