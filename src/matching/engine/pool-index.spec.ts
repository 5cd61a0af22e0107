import { indexBy, type PoolIndex } from './simplex-engine';

/** The arcs the index lists for each key, in order. */
function listed(index: PoolIndex): number[][] {
  return [...index.begin].map((from, k) => {
    const arcs: number[] = [];
    for (let i = from; i < index.end[k]; i++) arcs.push(index.arcs === null ? i : index.arcs[i]);
    return arcs;
  });
}

describe("the simplex engine's index of its candidate arcs", () => {
  it('takes arcs already in one block per listing as they are, without a list of its own', () => {
    // Listing 2's arcs, then listing 0's, then listing 1's (by origin, as MarketSolver makes them);
    // listing 3 has none.
    const index = indexBy([2, 2, 0, 1, 1, 1], 4, 6);
    expect(index.arcs).toBeNull();
    expect(listed(index)).toEqual([[2], [3, 4, 5], [0, 1], []]);
  });

  it('lists them key by key when a key’s arcs are apart', () => {
    const index = indexBy([1, 0, 1, 2, 0], 4, 5);
    expect(index.arcs).not.toBeNull();
    expect(listed(index)).toEqual([[1, 4], [0, 2], [3], []]);
  });
});
