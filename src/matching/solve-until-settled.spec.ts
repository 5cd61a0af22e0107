import type { Allocation } from './engine';
import { type Incumbent, solveUntilSettled } from './incumbent-preference';

/** An allocation of one unit range on one pair, enough for solveUntilSettled's comparisons. */
function allocation(listingId: string, requestId: string, quantity: number): Allocation {
  return { listingId, requestId, quantity } as Allocation;
}

/**
 * A market whose answer depends on where the solve starts, as the minimum-order rule makes it:
 * from nothing the solver finds X, from X it finds the strictly better Y, and Y prefers itself.
 * Each solve moves the clock on by `secondsPerSolve`, as a loaded machine would.
 */
function pathDependentMarket(secondsPerSolve: number) {
  const X = [allocation('L1', 'R1', 300)];
  const Y = [allocation('L1', 'R1', 200), allocation('L2', 'R2', 300)];
  const key = (incumbents: readonly Incumbent[]) =>
    incumbents.map((i) => `${i.listingId}|${i.requestId}|${i.quantityDelivered}`).join(',');
  const calls: string[] = [];
  const solve = (incumbents: readonly Incumbent[]) => {
    calls.push(key(incumbents));
    jest.advanceTimersByTime(secondsPerSolve * 1000);
    return { allocations: key(incumbents) === '' ? X : Y };
  };
  return { solve, calls, Y };
}

describe('solveUntilSettled', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('settles a small market however slow the machine is: the answer does not depend on the clock', async () => {
    // With a 2 s wall-clock budget, solves slowed by a loaded machine stopped the run after one
    // solve, and the next run on the unchanged market then improved what it wrote.
    for (const secondsPerSolve of [0.01, 3, 60]) {
      const { solve, calls, Y } = pathDependentMarket(secondsPerSolve);
      const result = await solveUntilSettled(solve, [], { maxRounds: 4 });
      expect(result.allocations).toEqual(Y);
      expect(calls).toHaveLength(3); // from nothing, from X, from Y (which prefers itself)
    }
  });

  it('solves once when the caller allows one round (a large market: the sweep continues)', async () => {
    const { solve, calls } = pathDependentMarket(0.01);
    await solveUntilSettled(solve, [], { maxRounds: 1 });
    expect(calls).toHaveLength(1);
  });

  it('stops after maxRounds solves when answers keep changing', async () => {
    let n = 0;
    const solve = () => ({ allocations: [allocation('L1', 'R1', ++n)] });
    const result = await solveUntilSettled(solve, [], { maxRounds: 4 });
    expect(n).toBe(4);
    expect(result.allocations).toEqual([allocation('L1', 'R1', 4)]);
  });
});
