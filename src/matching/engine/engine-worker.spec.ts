import { loadNetworkData } from '../../logistics/testing/reference-csv.loader';
import { EngineWorker, solveInWorker } from './engine-worker';
import { solvePlain } from './solve-plain';
import { aListing, aRequest, BATAM, CHILI, MALANG, NOW } from './testing/market.factory';
import type { WorkerSolveInput } from './worker-protocol';

describe('solving in a worker thread', () => {
  const input: WorkerSolveInput = {
    network: loadNetworkData(),
    networkVersion: 'reference-csv',
    now: NOW,
    markets: [
      {
        commodityCode: 'cabai_merah_keriting',
        shelfLife: CHILI,
        listings: [aListing({ id: 'a' }), aListing({ id: 'b', pricePerUnit: 29_000 })],
        requests: [aRequest({ id: 'x', remainingQuantity: 1_500 })],
      },
    ],
    agreements: [{ id: 'kad', regionCodes: [MALANG, BATAM], bonusPerUnit: 300 }],
  };

  it('gives exactly what the main thread gives', async () => {
    const [result] = await solveInWorker(input);
    expect(result).toEqual(solvePlain(input)[0]);
    expect(result.allocations).toHaveLength(2);
    expect(result.allocations[0].arc.agreementId).toBe('kad');
  }, 30_000);

  it('answers several requests on one long-lived worker and reports errors', async () => {
    const worker = new EngineWorker();
    try {
      const [first, second] = await Promise.all([worker.solve(input), worker.solve(input)]);
      expect(second).toEqual(first);
      const broken = {
        ...input,
        markets: [{ ...input.markets[0], listings: [aListing(), aListing()] }],
      };
      await expect(worker.solve(broken)).rejects.toThrow(/duplicate listing/);
    } finally {
      await worker.terminate();
    }
  }, 30_000);

  it("builds a network version's routes once, ahead of the solves, on the thread", async () => {
    const worker = new EngineWorker();
    try {
      const prepare = {
        network: input.network,
        networkVersion: 'prepared-version',
        markets: input.markets,
      };
      const built = await worker.prepare(prepare);
      expect(built).toBeGreaterThan(0);
      // Same version: nothing left to build, and the solve gives what a cold thread gives.
      expect(await worker.prepare(prepare)).toBe(0);
      const [result] = await worker.solve({ ...input, networkVersion: 'prepared-version' });
      expect(result).toEqual(solvePlain(input)[0]);
      // A new version is a new network: its routes are built again.
      expect(await worker.prepare({ ...prepare, networkVersion: 'next-version' })).toBe(built);
    } finally {
      await worker.terminate();
    }
  }, 30_000);
});
