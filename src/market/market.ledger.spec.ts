import type { EntityManager } from 'typeorm';
import { MarketLedger } from './market.ledger';
import { DemandRequest } from './demand/demand-request.entity';
import { SupplyListing } from './supply/supply-listing.entity';

/** An EntityManager whose raw queries answer from a list, in order, and are recorded. */
function managerAnswering(...answers: unknown[]) {
  const calls: { sql: string; params: unknown[] }[] = [];
  const query = jest.fn((sql: string, params: unknown[] = []) => {
    calls.push({ sql: sql.replace(/\s+/g, ' ').trim(), params });
    return Promise.resolve(answers.shift() ?? []);
  });
  const save = jest.fn(<T>(row: T) => Promise.resolve(row));
  const create = jest.fn((_entity: unknown, fields: object) => ({ ...fields }));
  const insert = jest.fn((rows: object[]) =>
    Promise.resolve({ identifiers: rows.map((_, i) => ({ id: `id-${i}` })) }),
  );
  const getRepository = jest.fn(() => ({ insert }));
  const manager = { query, save, create, getRepository } as unknown as EntityManager;
  return { manager, calls, save, create, insert, getRepository };
}

const movement = { supplyListingId: 'l1', shipped: 500, demandRequestId: 'r1', delivered: 480 };

describe('MarketLedger', () => {
  const ledger = new MarketLedger();

  describe('take', () => {
    it('takes shipped units from an open listing and delivered units from an open request, each only if enough is left', async () => {
      const listing = { id: 'l1', pricePerUnit: 30000 };
      const request = { id: 'r1', maxPricePerUnit: 45000 };
      // pg answers an UPDATE ... RETURNING as [rows, rowCount].
      const { manager, calls } = managerAnswering([[listing], 1], [[request], 1]);
      await expect(ledger.take(manager, movement)).resolves.toEqual({ listing, request });
      expect(calls).toHaveLength(2);
      expect(calls[0].sql).toContain('UPDATE supply_listings');
      expect(calls[0].sql).toContain(
        "WHERE id = $1 AND status = 'open' AND remaining_quantity >= $2",
      );
      expect(calls[0].sql).toContain("WHEN remaining_quantity - $2 = 0 THEN 'exhausted'");
      expect(calls[0].params).toEqual(['l1', 500]);
      expect(calls[1].sql).toContain('UPDATE demand_requests');
      expect(calls[1].sql).toContain(
        "WHERE id = $1 AND status = 'open' AND remaining_quantity >= $2",
      );
      expect(calls[1].sql).toContain("WHEN remaining_quantity - $2 = 0 THEN 'fulfilled'");
      expect(calls[1].params).toEqual(['r1', 480]);
    });

    it('answers null for a side that could not give the quantity', async () => {
      const { manager } = managerAnswering([[], 0], [[{ id: 'r1' }], 1]);
      await expect(ledger.take(manager, movement)).resolves.toEqual({
        listing: null,
        request: { id: 'r1' },
      });
    });
  });

  it('gives back what a cancelled trade took and reopens a side it had sold out', async () => {
    const { manager, calls } = managerAnswering();
    await ledger.giveBack(manager, movement);
    expect(calls[0].sql).toContain(
      'UPDATE supply_listings SET remaining_quantity = remaining_quantity + $2',
    );
    expect(calls[0].sql).toContain("CASE WHEN status = 'exhausted' THEN 'open' ELSE status END");
    expect(calls[0].params).toEqual(['l1', 500]);
    expect(calls[1].sql).toContain(
      'UPDATE demand_requests SET remaining_quantity = remaining_quantity + $2',
    );
    expect(calls[1].sql).toContain("CASE WHEN status = 'fulfilled' THEN 'open' ELSE status END");
    expect(calls[1].params).toEqual(['r1', 480]);
  });

  it('expires only open rows whose window has passed, and names them', async () => {
    const listing = { id: 'l9', commodityCode: 'cabai_merah_keriting' };
    const { manager, calls } = managerAnswering([[listing], 1], [[], 0]);
    await expect(ledger.expireDue(manager)).resolves.toEqual({ listings: [listing], requests: [] });
    expect(calls[0].sql).toContain("WHERE status = 'open' AND available_until <= now()");
    expect(calls[1].sql).toContain("WHERE status = 'open' AND deliver_by <= now()");
  });

  it('withdraws for a standing order only rows nothing rests on, and nothing when given no ids', async () => {
    const { manager, calls } = managerAnswering([[{ id: 'r1', commodityCode: 'c' }], 1]);
    await expect(ledger.withdrawUntouched(manager, 'request', ['r1'])).resolves.toEqual([
      { id: 'r1', commodityCode: 'c' },
    ]);
    expect(calls[0].sql).toContain('UPDATE demand_requests t');
    expect(calls[0].sql).toContain(
      "t.status = 'open' AND t.remaining_quantity = t.quantity AND NOT EXISTS",
    );
    expect(calls[0].sql).toContain('m.demand_request_id = t.id');
    await expect(ledger.withdrawUntouched(manager, 'listing', [])).resolves.toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('opens rows with all their quantity remaining', async () => {
    const { manager, create, insert, getRepository } = managerAnswering();
    const fields = { quantity: 700, commodityCode: 'c' } as unknown as Parameters<
      MarketLedger['openListing']
    >[1];
    const listing = await ledger.openListing(manager, fields);
    expect(create).toHaveBeenCalledWith(SupplyListing, {
      ...fields,
      remainingQuantity: 700,
      status: 'open',
    });
    expect(listing).toMatchObject({ remainingQuantity: 700, status: 'open' });
    const ids = await ledger.openRequests(manager, [
      { quantity: 30 } as unknown as Parameters<MarketLedger['openRequest']>[1],
    ]);
    expect(ids).toEqual(['id-0']);
    expect(insert).toHaveBeenCalledWith([{ quantity: 30, remainingQuantity: 30, status: 'open' }]);
    expect(getRepository).toHaveBeenCalledWith(DemandRequest);
  });

  it('withdraws a row its owner locked, and revises one with the quantity still on the market', async () => {
    const { manager, save } = managerAnswering();
    const row = { status: 'open', remainingQuantity: 100, quantity: 100 } as SupplyListing;
    await ledger.withdraw(manager, row);
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'withdrawn' }));
    await ledger.revise(manager, row, { quantity: 80 }, 60);
    expect(save).toHaveBeenLastCalledWith(
      expect.objectContaining({ quantity: 80, remainingQuantity: 60 }),
    );
  });
});
