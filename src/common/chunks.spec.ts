import { chunksOf, MAX_BIND_PARAMETERS, rowsPerStatement } from './chunks';

describe('chunksOf', () => {
  it('cuts a list into consecutive slices of at most the size, keeping the order', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives no slice for an empty list and one slice when the list fits', () => {
    expect(chunksOf([], 3)).toEqual([]);
    expect(chunksOf([1, 2], 3)).toEqual([[1, 2]]);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => chunksOf([1], 0)).toThrow(RangeError);
    expect(() => chunksOf([1], 1.5)).toThrow(RangeError);
  });
});

describe('rowsPerStatement', () => {
  it('keeps a statement of 18 parameters a row below the 65,535 bind parameters', () => {
    const rows = rowsPerStatement(18);
    expect(rows * 18).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    expect((rows + 1) * 18).toBeGreaterThan(MAX_BIND_PARAMETERS - 1);
  });

  it('refuses a row without columns', () => {
    expect(() => rowsPerStatement(0)).toThrow(RangeError);
  });
});
