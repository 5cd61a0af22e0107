import fc from 'fast-check';
import type { Response } from 'supertest';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { FaultQueues, openQueues, waitForQuiescence } from '../support/fault-checks';
import { clearMarket } from '../support/market';

// Generated sequences of what parties do, interleaved with worker runs (issue #8). CI replays a
// fixed seed; FUZZ_SEED explores others (a failure prints the seed and the shrunk sequence), and
// FUZZ_RUNS makes the exploration longer.
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const COMMODITY = 'bawang_merah';
const GRADES = ['I', 'II'] as const;
const rank = (grade: string | null) => (grade === null ? 0 : GRADES.indexOf(grade as 'I'));
const REASONS = ['price', 'quantity', 'timing', 'quality', 'partner', 'other'] as const;
type Reason = (typeof REASONS)[number];
type Side = 'supplier' | 'buyer';

type Action =
  | {
      kind: 'postListing';
      coop: number;
      quantity: number;
      price: number;
      grade: string;
      minOrder: number | null;
      until: number;
    }
  | {
      kind: 'postRequest';
      buyer: number;
      quantity: number;
      maxPrice: number;
      minGrade: string;
      deliverBy: number;
    }
  | { kind: 'editListing'; pick: number; change: Record<string, unknown> }
  | { kind: 'editRequest'; pick: number; change: Record<string, unknown> }
  | { kind: 'accept'; pick: number; side: Side | 'both' }
  | { kind: 'decline'; pick: number; side: Side; reason: Reason }
  | { kind: 'withdraw'; side: 'listing' | 'request'; pick: number }
  | {
      kind: 'trade';
      pick: number;
      status: 'shipped' | 'delivered' | 'failed' | 'cancelled' | 'completed';
      short: number;
      gradeOnArrival: string;
    }
  | { kind: 'claim'; pick: number; answer: 'accept' | 'dispute' }
  | { kind: 'settle' };

const pick = fc.nat({ max: 50 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('postListing' as const),
      coop: fc.nat({ max: 1 }),
      quantity: fc.integer({ min: 200, max: 4000 }),
      price: fc.integer({ min: 15_000, max: 40_000 }),
      grade: fc.constantFrom(...GRADES),
      minOrder: fc.option(fc.integer({ min: 100, max: 1500 }), { nil: null }),
      until: fc.integer({ min: 2, max: 8 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('postRequest' as const),
      buyer: fc.nat({ max: 1 }),
      quantity: fc.integer({ min: 200, max: 4000 }),
      maxPrice: fc.integer({ min: 25_000, max: 70_000 }),
      minGrade: fc.constantFrom(...GRADES),
      deliverBy: fc.integer({ min: 4, max: 20 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editListing' as const),
      pick,
      change: fc.oneof(
        fc.record({ pricePerUnit: fc.integer({ min: 15_000, max: 40_000 }) }),
        fc.record({ grade: fc.constantFrom(...GRADES) }),
        fc.record({ quantity: fc.integer({ min: 100, max: 4000 }) }),
        fc.record({ minOrderQuantity: fc.option(fc.integer({ min: 100, max: 1500 })) }),
        fc.integer({ min: 1, max: 8 }).map((d) => ({ availableUntil: daysFromNow(d) })),
        fc.constant({ notes: 'Catatan baru' }),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editRequest' as const),
      pick,
      change: fc.oneof(
        fc.record({ maxPricePerUnit: fc.integer({ min: 25_000, max: 70_000 }) }),
        fc.record({ minGrade: fc.constantFrom(...GRADES) }),
        fc.record({ quantity: fc.integer({ min: 100, max: 4000 }) }),
        fc.integer({ min: 3, max: 20 }).map((d) => ({ deliverBy: daysFromNow(d) })),
        fc.constant({ notes: 'Untuk pasar induk' }),
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('accept' as const),
      pick,
      side: fc.constantFrom<Side | 'both'>('supplier', 'buyer', 'both'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('decline' as const),
      pick,
      side: fc.constantFrom<Side>('supplier', 'buyer'),
      // A partner decline shuts a small market down: rarer than the others.
      reason: fc.constantFrom<Reason>(...REASONS, 'price', 'quantity', 'timing', 'quality'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      side: fc.constantFrom('listing' as const, 'request' as const),
      pick,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('trade' as const),
      pick,
      status: fc.constantFrom(
        'shipped' as const,
        'shipped' as const,
        'delivered' as const,
        'failed' as const,
        'cancelled' as const,
        'completed' as const,
      ),
      short: fc.nat({ max: 300 }),
      gradeOnArrival: fc.constantFrom(...GRADES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      pick,
      answer: fc.constantFrom('accept' as const, 'dispute' as const),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

/** Every sequence opens on a small market (then anything may happen to it). */
const market: fc.Arbitrary<Action[]> = fc
  .tuple(
    fc.array(
      action.filter((a) => a.kind === 'postListing'),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(
      action.filter((a) => a.kind === 'postRequest'),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([listings, requests]) => [...listings, ...requests, { kind: 'settle' }]);

interface ListingRow {
  id: string;
  organization_id: string;
  grade: string | null;
  quantity: number;
  remaining_quantity: number;
  min_order_quantity: number | null;
  price_per_unit: number;
  available_from: Date;
  available_until: Date;
}
interface RequestRow {
  id: string;
  organization_id: string;
  min_grade: string | null;
  quantity: number;
  max_price_per_unit: number;
  deliver_from: Date | null;
  deliver_by: Date;
  min_shelf_life_days_on_arrival: number;
}
interface TradeRow {
  id: string;
  match_id: string;
  supply_listing_id: string;
  demand_request_id: string;
  supplier_organization_id: string;
  buyer_organization_id: string;
  commodity_code: string;
  quantity: number;
  price_per_unit: number;
  transport_mode: string;
  transport_cost_per_unit: number;
  landed_cost_per_unit: number;
  departure_date: Date;
  arrival_date: Date;
  grade: string | null;
  status: string;
}

/** Everything a check of a newly confirmed trade may look at. */
interface TradeContext {
  api: TestApi;
  trade: TradeRow;
  listing: ListingRow;
  request: RequestRow;
  shelfLifeDaysOnArrival: number;
  supplier: Party;
  buyer: Party;
}
type TradeCheck = (context: TradeContext) => Promise<void> | void;

/**
 * The six feasibility rules of DESIGN.md, on the trade's own data against the listing and the
 * request as they stood when it was confirmed (checked right after the confirming step).
 */
const feasibleOnItsData: TradeCheck = ({ trade, listing, request, shelfLifeDaysOnArrival }) => {
  // 1. same commodity, grade at least the request's minimum, and the listing's own grade.
  expect(trade.commodity_code).toBe(COMMODITY);
  expect(trade.grade).toBe(listing.grade);
  expect(rank(trade.grade)).toBeLessThanOrEqual(rank(request.min_grade));
  // 2. a transport option, costed.
  expect(trade.transport_mode).toMatch(/^(road|sea|air)(-reefer)?$/);
  expect(trade.transport_cost_per_unit).toBeGreaterThan(0);
  // 3. departure inside the listing's window, arrival inside the request's.
  expect(trade.departure_date.getTime()).toBeLessThanOrEqual(listing.available_until.getTime());
  expect(trade.departure_date.getTime()).toBeGreaterThanOrEqual(
    listing.available_from.getTime() - 60_000,
  );
  expect(trade.arrival_date.getTime()).toBeLessThanOrEqual(request.deliver_by.getTime());
  if (request.deliver_from) {
    expect(trade.arrival_date.getTime()).toBeGreaterThanOrEqual(request.deliver_from.getTime());
  }
  // 4. shelf life left on arrival.
  expect(shelfLifeDaysOnArrival).toBeGreaterThanOrEqual(request.min_shelf_life_days_on_arrival);
  // 5. the listing's price, landed within the buyer's maximum.
  expect(trade.price_per_unit).toBe(listing.price_per_unit);
  expect(trade.landed_cost_per_unit).toBeGreaterThanOrEqual(trade.price_per_unit);
  expect(trade.landed_cost_per_unit).toBeLessThanOrEqual(request.max_price_per_unit);
  // 6. the minimum order, unless less than it remained.
  const before = listing.remaining_quantity + trade.quantity;
  if (listing.min_order_quantity !== null && before >= listing.min_order_quantity) {
    expect(trade.quantity).toBeGreaterThanOrEqual(listing.min_order_quantity);
  }
};

/** Both parties of a confirmed trade see both contacts: whom to call about the truck and the money. */
const contactsShown: TradeCheck = async ({ api, trade, supplier, buyer }) => {
  const contactOf = async (party: Party) => {
    const me = (await api.http.get('/api/v1/me').set(party.auth).expect(200)).body;
    const o = me.organization;
    return { organizationName: o.name, personName: o.contactName, phone: o.phone, email: o.email };
  };
  const expected = { supplier: await contactOf(supplier), buyer: await contactOf(buyer) };
  for (const party of [supplier, buyer]) {
    const view = (await api.http.get(`/api/v1/trades/${trade.id}`).set(party.auth).expect(200))
      .body;
    expect(view.contacts).toEqual(expected);
  }
};

/** Totals are quantity x unit price exactly, as integer strings (no rounded doubles). */
const totalsExact: TradeCheck = async ({ api, trade, buyer }) => {
  const view = (await api.http.get(`/api/v1/trades/${trade.id}`).set(buyer.auth).expect(200)).body;
  expect(view.totalPrice).toBe(
    (BigInt(view.quantityShipped) * BigInt(view.pricePerUnit)).toString(),
  );
  expect(view.totalLandedCost).toBe(
    (BigInt(view.quantityDelivered) * BigInt(view.landedCostPerUnit)).toString(),
  );
  expect(view.quantityShipped).toBe(trade.quantity);
};

const TRADE_CHECKS: TradeCheck[] = [feasibleOnItsData, contactsShown, totalsExact];

/** A decline as the test remembers it: the terms it was made on, and whether they changed since. */
interface Decline {
  listingId: string;
  requestId: string;
  organizations: [string, string];
  reason: Reason;
  at: Date;
  listing: ListingRow;
  request: RequestRow;
  released: boolean;
  /** Recorded for a cancelled or failed trade rather than a decline. */
  fromTrade: boolean;
}

/** Did this edit change a term relevant to the reason, in the direction that answers it? */
function releases(decline: Decline, side: 'listing' | 'request', change: Record<string, unknown>) {
  const [field, value] = Object.entries(change)[0];
  const { listing, request } = decline;
  switch (decline.reason) {
    case 'partner':
      return false;
    case 'price':
      return side === 'listing'
        ? field === 'pricePerUnit' && (value as number) < listing.price_per_unit
        : field === 'maxPricePerUnit' && (value as number) > request.max_price_per_unit;
    case 'quantity':
      return (
        (field === 'quantity' &&
          value !== (side === 'listing' ? listing.quantity : request.quantity)) ||
        (field === 'minOrderQuantity' && value !== listing.min_order_quantity)
      );
    case 'timing':
      return ['availableFrom', 'availableUntil', 'deliverFrom', 'deliverBy'].includes(field);
    case 'quality':
      return (
        (field === 'grade' && value !== listing.grade) ||
        (field === 'minGrade' && value !== request.min_grade)
      );
    case 'other':
      return field !== 'notes';
  }
}

describe('generated deal sequences (e2e: API and worker, fast-check)', () => {
  let api: TestApi;
  let queues: FaultQueues;
  let coops: Party[];
  let buyers: Party[];

  beforeAll(async () => {
    api = await startApi('all');
    queues = openQueues(process.env.REDIS_URL!, process.env.REDIS_PREFIX!);
    // Each party with its own contact, so that a contact shown to the wrong side shows up.
    const party = (type: 'cooperative' | 'procurement', regionCode: string, n: number) =>
      registerParty(api.http, {
        type,
        regionCode,
        contact: {
          contactName: `Kontak ${type} ${n}`,
          phone: `+62812000${type === 'cooperative' ? 1 : 2}000${n}`,
          email: `kontak-${type}-${n}@example.id`,
        },
      });
    coops = [await party('cooperative', '35.07', 1), await party('cooperative', '35.07', 2)];
    buyers = [await party('procurement', '21.71', 1), await party('procurement', '21.71', 2)];
  });
  afterAll(async () => {
    await queues.close();
    await api.close();
  });

  it('keeps trades feasible, shipments within listings and declines declined, whatever the order of events', async () => {
    const seen = { trades: 0, declines: 0, shipped: 0, failedOrCancelled: 0 };
    await fc.assert(
      fc.asyncProperty(
        market,
        fc.array(action, { minLength: 10, maxLength: 30 }),
        async (opening, actions) => {
          await clearMarket(api.dataSource);
          await api.dataSource.query(
            `UPDATE match_exclusions SET lifted_at = now() WHERE lifted_at IS NULL`,
          );
          await settle();
          const run = new SequenceRun();
          for (const step of [...opening, ...actions]) {
            await run.perform(step);
            await run.check(step);
          }
          await settle();
          await run.check({ kind: 'settle' });
          run.count(seen);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The sequences reached the paths they are about, not only refusals of empty markets.
    expect(seen.trades).toBeGreaterThan(0);
    expect(seen.declines).toBeGreaterThan(0);
    expect(seen.shipped).toBeGreaterThan(0);
    expect(seen.failedOrCancelled).toBeGreaterThan(0);
  }, 600_000);

  const settle = () =>
    waitForQuiescence(api.dataSource, queues, { quietChecks: 2, intervalMs: 100 });

  const partyOf = (organizationId: string): Party =>
    [...coops, ...buyers].find((p) => p.organization.id === organizationId)!;

  /** One generated sequence: the objects it created and what it must keep true. */
  class SequenceRun {
    private readonly listings: string[] = [];
    private readonly requests: string[] = [];
    private readonly trades: string[] = [];
    private readonly checkedTrades = new Set<string>();
    private shipped = 0;
    private readonly declines: Decline[] = [];
    private readonly partners: { organizations: [string, string]; at: Date }[] = [];

    async perform(step: Action): Promise<void> {
      switch (step.kind) {
        case 'postListing': {
          const res = await this.send(
            api.http
              .post('/api/v1/supply-listings')
              .set(coops[step.coop].auth)
              .send(
                aListing({
                  commodityCode: COMMODITY,
                  grade: step.grade,
                  quantity: step.quantity,
                  minOrderQuantity: step.minOrder,
                  pricePerUnit: step.price,
                  availableUntil: daysFromNow(step.until),
                }),
              ),
          );
          if (res.status === 201) this.listings.push(res.body.id);
          return;
        }
        case 'postRequest': {
          const res = await this.send(
            api.http
              .post('/api/v1/demand-requests')
              .set(buyers[step.buyer].auth)
              .send(
                aRequest({
                  commodityCode: COMMODITY,
                  quantity: step.quantity,
                  maxPricePerUnit: step.maxPrice,
                  minGrade: step.minGrade,
                  deliverBy: daysFromNow(step.deliverBy),
                }),
              ),
          );
          if (res.status === 201) this.requests.push(res.body.id);
          return;
        }
        case 'editListing':
        case 'editRequest': {
          const side = step.kind === 'editListing' ? 'listing' : 'request';
          const ids = side === 'listing' ? this.listings : this.requests;
          if (ids.length === 0) return;
          const id = ids[step.pick % ids.length];
          const owner = await this.ownerOf(side, id);
          const res = await this.send(
            api.http
              .patch(`/api/v1/${side === 'listing' ? 'supply-listings' : 'demand-requests'}/${id}`)
              .set(owner.auth)
              .send(step.change),
          );
          if (res.status !== 200) return;
          for (const d of this.declines) {
            if ((side === 'listing' ? d.listingId : d.requestId) !== id) continue;
            if (releases(d, side, step.change)) d.released = true;
          }
          return;
        }
        case 'accept':
        case 'decline': {
          const proposals = await api.dataSource.query<
            {
              id: string;
              supply_listing_id: string;
              demand_request_id: string;
              supplier_organization_id: string;
              buyer_organization_id: string;
            }[]
          >(
            `SELECT id, supply_listing_id, demand_request_id, supplier_organization_id,
                    buyer_organization_id
               FROM matches WHERE status = 'proposed' AND supply_listing_id = ANY($1)
              ORDER BY created_at, id`,
            [this.listings],
          );
          if (proposals.length === 0) return;
          const p = proposals[step.pick % proposals.length];
          if (step.kind === 'accept') {
            const sides: Side[] = step.side === 'both' ? ['supplier', 'buyer'] : [step.side];
            for (const side of sides) {
              const party = partyOf(
                side === 'supplier' ? p.supplier_organization_id : p.buyer_organization_id,
              );
              await this.send(api.http.post(`/api/v1/matches/${p.id}/accept`).set(party.auth));
            }
            return;
          }
          const party = partyOf(
            step.side === 'supplier' ? p.supplier_organization_id : p.buyer_organization_id,
          );
          const [listing] = await this.rows<ListingRow>('supply_listings', [p.supply_listing_id]);
          const [request] = await this.rows<RequestRow>('demand_requests', [p.demand_request_id]);
          const res = await this.send(
            api.http
              .post(`/api/v1/matches/${p.id}/decline`)
              .set(party.auth)
              .send({ reason: step.reason }),
          );
          if (res.status !== 200) return;
          const organizations: [string, string] = [
            p.supplier_organization_id,
            p.buyer_organization_id,
          ];
          const at = new Date();
          if (step.reason === 'partner') this.partners.push({ organizations, at });
          else {
            this.declines.push({
              listingId: p.supply_listing_id,
              requestId: p.demand_request_id,
              organizations,
              reason: step.reason,
              at,
              listing,
              request,
              released: false,
              fromTrade: false,
            });
          }
          return;
        }
        case 'withdraw': {
          const ids = step.side === 'listing' ? this.listings : this.requests;
          if (ids.length === 0) return;
          const id = ids[step.pick % ids.length];
          const owner = await this.ownerOf(step.side, id);
          const path = step.side === 'listing' ? 'supply-listings' : 'demand-requests';
          await this.send(api.http.post(`/api/v1/${path}/${id}/withdraw`).set(owner.auth));
          return;
        }
        case 'trade':
        case 'claim': {
          if (this.trades.length === 0) return;
          const [trade] = await this.rows<TradeRow>('trades', [
            this.trades[step.pick % this.trades.length],
          ]);
          const supplier = partyOf(trade.supplier_organization_id);
          const buyer = partyOf(trade.buyer_organization_id);
          if (step.kind === 'claim') {
            await this.send(
              api.http.post(`/api/v1/trades/${trade.id}/claim/${step.answer}`).set(supplier.auth),
            );
            return;
          }
          const by = step.status === 'shipped' || step.status === 'failed' ? supplier : buyer;
          const body: Record<string, unknown> = { status: step.status };
          if (step.status === 'failed' || step.status === 'cancelled') body.reason = 'Gagal kirim';
          if (step.status === 'delivered') {
            body.receivedQuantity = Math.max(0, trade.quantity - step.short);
            body.gradeOnArrival = step.gradeOnArrival;
          }
          const res = await this.send(
            api.http.patch(`/api/v1/trades/${trade.id}`).set(by.auth).send(body),
          );
          if (res.status === 200 && step.status === 'shipped') this.shipped++;
          if (res.status === 200 && (step.status === 'cancelled' || step.status === 'failed')) {
            const [listing] = await this.rows<ListingRow>('supply_listings', [
              trade.supply_listing_id,
            ]);
            const [request] = await this.rows<RequestRow>('demand_requests', [
              trade.demand_request_id,
            ]);
            this.declines.push({
              listingId: trade.supply_listing_id,
              requestId: trade.demand_request_id,
              organizations: [trade.supplier_organization_id, trade.buyer_organization_id],
              reason: 'other',
              at: new Date(),
              listing,
              request,
              released: false,
              fromTrade: true,
            });
          }
          return;
        }
        case 'settle':
          await settle();
          return;
      }
    }

    count(seen: { trades: number; declines: number; shipped: number; failedOrCancelled: number }) {
      seen.trades += this.trades.length;
      seen.declines += this.declines.length + this.partners.length;
      seen.shipped += this.shipped;
      seen.failedOrCancelled += this.declines.filter((d) => d.fromTrade).length;
    }

    async check(step: Action): Promise<void> {
      // New trades: the six rules, right after the step that confirmed them.
      const trades = await api.dataSource.query<TradeRow[]>(
        `SELECT * FROM trades WHERE supply_listing_id = ANY($1) ORDER BY created_at, id`,
        [this.listings],
      );
      for (const trade of trades) {
        if (this.checkedTrades.has(trade.id)) continue;
        this.checkedTrades.add(trade.id);
        this.trades.push(trade.id);
        expect(step.kind).toBe('accept');
        const [listing] = await this.rows<ListingRow>('supply_listings', [trade.supply_listing_id]);
        const [request] = await this.rows<RequestRow>('demand_requests', [trade.demand_request_id]);
        const [{ shelf }] = await api.dataSource.query<{ shelf: number }[]>(
          `SELECT shelf_life_days_on_arrival AS shelf FROM matches WHERE id = $1`,
          [trade.match_id],
        );
        for (const check of TRADE_CHECKS) {
          await check({
            api,
            trade,
            listing,
            request,
            shelfLifeDaysOnArrival: shelf,
            supplier: partyOf(trade.supplier_organization_id),
            buyer: partyOf(trade.buyer_organization_id),
          });
        }
      }

      // Quantities: shipped never exceeds the listing, and what trades hold is what left it.
      const listings = await this.rows<ListingRow & { status: string }>(
        'supply_listings',
        this.listings,
      );
      for (const listing of listings) {
        const mine = trades.filter((t) => t.supply_listing_id === listing.id);
        const sum = (statuses: string[]) =>
          mine.filter((t) => statuses.includes(t.status)).reduce((s, t) => s + t.quantity, 0);
        const shipped = sum(['shipped', 'delivered', 'completed', 'failed']);
        const held = sum(['confirmed', 'shipped', 'delivered', 'completed', 'failed']);
        expect(shipped).toBeLessThanOrEqual(listing.quantity);
        expect(listing.remaining_quantity).toBe(listing.quantity - held);
      }

      // Declines stick: no proposal of a declined pair since, unless a relevant term changed.
      for (const d of this.declines.filter((x) => !x.released)) {
        const again = await api.dataSource.query<{ id: string }[]>(
          `SELECT id FROM matches WHERE supply_listing_id = $1 AND demand_request_id = $2
              AND created_at > $3`,
          [d.listingId, d.requestId, d.at],
        );
        expect({ decline: d.reason, pair: [d.listingId, d.requestId], again }).toEqual({
          decline: d.reason,
          pair: [d.listingId, d.requestId],
          again: [],
        });
      }
      for (const p of this.partners) {
        const again = await api.dataSource.query<{ id: string }[]>(
          `SELECT id FROM matches WHERE created_at > $3
              AND ((supplier_organization_id = $1 AND buyer_organization_id = $2)
                OR (supplier_organization_id = $2 AND buyer_organization_id = $1))`,
          [...p.organizations, p.at],
        );
        expect({ partner: p.organizations, again }).toEqual({
          partner: p.organizations,
          again: [],
        });
      }
    }

    /** Sends a request; a 5xx fails the sequence, anything else is the API's answer to judge. */
    private async send(req: PromiseLike<Response>): Promise<Response> {
      const res = await req;
      expect({ status: res.status < 500 ? 'not 5xx' : res.status, body: res.body }).toMatchObject({
        status: 'not 5xx',
      });
      return res;
    }

    private rows<T>(table: string, ids: string[]): Promise<T[]> {
      return api.dataSource.query<T[]>(`SELECT * FROM ${table} WHERE id = ANY($1) ORDER BY id`, [
        ids,
      ]);
    }

    private async ownerOf(side: 'listing' | 'request', id: string): Promise<Party> {
      const table = side === 'listing' ? 'supply_listings' : 'demand_requests';
      const [row] = await this.rows<{ organization_id: string }>(table, [id]);
      return partyOf(row.organization_id);
    }
  }
});
