import { PairCache } from './pair-cache';

describe('PairCache', () => {
  it('keeps each (origin, destination, band) apart and answers undefined for what was never set', () => {
    const cache = new PairCache<string>(3, 2);
    cache.set(0, 2, 1, 'a');
    cache.set(2, 0, 1, 'b');
    cache.set(0, 2, 0, 'c');
    expect(cache.get(0, 2, 1)).toBe('a');
    expect(cache.get(2, 0, 1)).toBe('b');
    expect(cache.get(0, 2, 0)).toBe('c');
    expect(cache.get(2, 0, 0)).toBeUndefined();
    expect(cache.get(1, 1, 1)).toBeUndefined();
  });

  it('replaces a value set again', () => {
    const cache = new PairCache<number>(2, 1);
    cache.set(1, 1, 0, 1);
    cache.set(1, 1, 0, 2);
    expect(cache.get(1, 1, 0)).toBe(2);
  });
});
