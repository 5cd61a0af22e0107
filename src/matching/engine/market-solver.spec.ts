import { MarketSolver } from './market-solver';
import { deliverableCapacity, RouteTable } from './route-table';
import { aListing, aRequest, chiliMarket, referenceNetwork } from './testing/market.factory';
import { randomMarket, seededRandom } from './testing/random-market';

const COMMODITY = 'cabai_merah_keriting';

const input = chiliMarket;

describe('MarketSolver', () => {
  it('keeps the optimum of a fresh build through random additions, replacements and removals', () => {
    const random = seededRandom(314);
    for (let round = 0; round < 40; round++) {
      const start = randomMarket(random, COMMODITY, { maxSide: 10 });
      const extra = randomMarket(random, COMMODITY, { maxSide: 10 });
      const listings = new Map(start.listings.map((l) => [l.id, l]));
      const requests = new Map(start.requests.map((r) => [r.id, r]));
      const live = MarketSolver.build(
        input({ listings: start.listings, requests: start.requests }),
      );
      for (let step = 0; step < 12; step++) {
        const roll = random();
        if (roll < 0.35) {
          const listing = { ...extra.listings[step % extra.listings.length], id: `new-L${step}` };
          listings.set(listing.id, listing);
          live.upsertListing(listing);
        } else if (roll < 0.6) {
          const request = { ...extra.requests[step % extra.requests.length], id: `new-R${step}` };
          requests.set(request.id, request);
          live.upsertRequest(request);
        } else if (roll < 0.8 && listings.size > 0) {
          // A confirmed trade or a held proposal: less remains.
          const [id, listing] = [...listings.entries()][Math.floor(random() * listings.size)];
          const changed = {
            ...listing,
            remainingQuantity: Math.floor(listing.remainingQuantity / 2),
          };
          listings.set(id, changed);
          live.upsertListing(changed);
        } else if (requests.size > 0) {
          const id = [...requests.keys()][Math.floor(random() * requests.size)];
          requests.delete(id);
          live.removeRequest(id);
        }
        const fresh = MarketSolver.build(
          input({ listings: [...listings.values()], requests: [...requests.values()] }),
        );
        expect(live.objective()).toBe(fresh.objective());
        const result = live.result();
        // Tied optima may differ, and so may the rounding trim of each: the trimmed objective
        // stays within one delivered unit per allocation of the exact one.
        expect(result.objective).toBeLessThanOrEqual(fresh.objective());
        const maxGain = Math.max(0, ...result.allocations.map((a) => a.arc.gainPerUnit));
        expect(result.objective).toBeGreaterThanOrEqual(
          fresh.objective() - result.allocations.length * maxGain,
        );
        const shipped = new Map<string, number>();
        for (const a of result.allocations) {
          shipped.set(a.listingId, (shipped.get(a.listingId) ?? 0) + a.quantityShipped);
          expect(a.quantity).toBeLessThanOrEqual(requests.get(a.requestId)!.remainingQuantity);
        }
        for (const [id, total] of shipped) {
          expect(total).toBeLessThanOrEqual(listings.get(id)!.remainingQuantity);
        }
      }
    }
  });

  it('explains each allocation by its pair as the market now stands, however often it was read before', () => {
    // result() keeps each pair's explanation from read to read (MarketSolver.explain): a listing
    // or request that changes must be explained afresh (its price, quantity or window moves the
    // landed cost, the option or the shelf life on arrival).
    const random = seededRandom(4242);
    for (let round = 0; round < 20; round++) {
      const start = randomMarket(random, COMMODITY, { maxSide: 8 });
      const listings = new Map(start.listings.map((l) => [l.id, l]));
      const requests = new Map(start.requests.map((r) => [r.id, r]));
      const live = MarketSolver.build(
        input({ listings: start.listings, requests: start.requests }),
      );
      live.result();
      for (let step = 0; step < 8; step++) {
        if (random() < 0.6 && listings.size > 0) {
          const [id, listing] = [...listings.entries()][Math.floor(random() * listings.size)];
          const changed = {
            ...listing,
            pricePerUnit: Math.max(
              1000,
              listing.pricePerUnit + Math.round((random() - 0.6) * 4000),
            ),
            remainingQuantity: Math.max(
              1,
              listing.remainingQuantity + Math.round((random() - 0.5) * 200),
            ),
          };
          listings.set(id, changed);
          live.upsertListing(changed);
        } else if (requests.size > 0) {
          const [id, request] = [...requests.entries()][Math.floor(random() * requests.size)];
          const changed = {
            ...request,
            maxPricePerUnit: request.maxPricePerUnit + Math.round(random() * 5000),
            minShelfLifeDaysOnArrival: Math.floor(random() * 3),
          };
          requests.set(id, changed);
          live.upsertRequest(changed);
        }
        const fresh = MarketSolver.build(
          input({ listings: [...listings.values()], requests: [...requests.values()] }),
        );
        for (const a of live.result().allocations) {
          expect({ step, arc: a.arc }).toEqual({
            step,
            arc: fresh.pairArc(a.listingId, a.requestId),
          });
        }
      }
    }
  });

  it("reaches a fresh build's optimum when a batch of changes is applied at once", () => {
    const random = seededRandom(2718);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    for (let round = 0; round < 30; round++) {
      const start = randomMarket(random, COMMODITY, { maxSide: 12 });
      const extra = randomMarket(random, COMMODITY, { maxSide: 12 });
      const listings = new Map(start.listings.map((l) => [l.id, l]));
      const requests = new Map(start.requests.map((r) => [r.id, r]));
      const live = MarketSolver.build(
        input({ listings: start.listings, requests: start.requests }),
      );
      for (let step = 0; step < 4; step++) {
        // A sync's batch: some of every kind, a listing and a request both new and changed.
        const removeListings = [...listings.keys()].filter(() => random() < 0.15);
        const removeRequests = [...requests.keys()].filter(() => random() < 0.15);
        for (const id of removeListings) listings.delete(id);
        for (const id of removeRequests) requests.delete(id);
        const upsertListings = extra.listings
          .filter(() => random() < 0.3)
          .map((l) => ({ ...l, id: `${l.id}-${step}` }));
        if (listings.size > 0) {
          const changed = pick([...listings.values()]);
          upsertListings.push({
            ...changed,
            remainingQuantity: Math.floor(changed.remainingQuantity / 2),
          });
        }
        const upsertRequests = extra.requests
          .filter(() => random() < 0.3)
          .map((r) => ({ ...r, id: `${r.id}-${step}` }));
        if (requests.size > 0) {
          const changed = pick([...requests.values()]);
          upsertRequests.push({ ...changed, remainingQuantity: changed.remainingQuantity + 50 });
        }
        for (const l of upsertListings) listings.set(l.id, l);
        for (const r of upsertRequests) requests.set(r.id, r);
        live.applyChanges({ removeListings, removeRequests, upsertListings, upsertRequests });

        const fresh = MarketSolver.build(
          input({ listings: [...listings.values()], requests: [...requests.values()] }),
        );
        expect(live.objective()).toBe(fresh.objective());
        const open = (items: Iterable<{ id: string; remainingQuantity: number }>) =>
          new Set([...items].filter((x) => x.remainingQuantity > 0).map((x) => x.id));
        expect(new Set(live.liveIds.listings)).toEqual(open(listings.values()));
        expect(new Set(live.liveIds.requests)).toEqual(open(requests.values()));
      }
    }
  });

  it('serves a new listing to the request it beats, taking over from a worse one', () => {
    const live = MarketSolver.build(
      input({
        listings: [aListing({ id: 'expensive', pricePerUnit: 34_000 })],
        requests: [aRequest({ id: 'batam', remainingQuantity: 500 })],
      }),
    );
    expect(live.result().allocations.map((a) => a.listingId)).toEqual(['expensive']);
    live.upsertListing(aListing({ id: 'cheap', pricePerUnit: 28_000 }));
    expect(live.result().allocations.map((a) => [a.listingId, a.quantity])).toEqual([
      ['cheap', 500],
    ]);
    live.removeListing('cheap');
    expect(live.result().allocations.map((a) => a.listingId)).toEqual(['expensive']);
  });

  it('never holds a trade below a listing minimum through random changes', () => {
    const random = seededRandom(2718);
    let checked = 0;
    for (let round = 0; round < 40; round++) {
      const start = randomMarket(random, COMMODITY, { maxSide: 10, withMinimums: true });
      const extra = randomMarket(random, COMMODITY, { maxSide: 10, withMinimums: true });
      const listings = new Map(start.listings.map((l) => [l.id, l]));
      const live = MarketSolver.build(
        input({ listings: start.listings, requests: start.requests }),
      );
      for (let step = 0; step < 8; step++) {
        if (random() < 0.6) {
          const listing = { ...extra.listings[step % extra.listings.length], id: `new-L${step}` };
          listings.set(listing.id, listing);
          live.upsertListing(listing);
        } else {
          live.upsertRequest({
            ...extra.requests[step % extra.requests.length],
            id: `new-R${step}`,
          });
        }
        for (const a of live.result().allocations) {
          const listing = listings.get(a.listingId)!;
          if (listing.remainingQuantity < listing.minOrderQuantity) continue;
          // Delivered units; the whole deliverable capacity when that is below the minimum.
          const capacity = deliverableCapacity(
            listing.remainingQuantity,
            RouteTable.of(referenceNetwork()).maxShrinkPpm,
          );
          expect(a.quantity).toBeGreaterThanOrEqual(Math.min(listing.minOrderQuantity, capacity));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('applies the minimum order rule to incremental additions too', () => {
    const live = MarketSolver.build(
      input({
        requests: [
          aRequest({ id: 'r1', remainingQuantity: 700 }),
          aRequest({ id: 'r2', remainingQuantity: 300, maxPricePerUnit: 38_000 }),
        ],
      }),
    );
    live.upsertListing(aListing({ id: 'l', remainingQuantity: 1_000, minOrderQuantity: 400 }));
    const allocations = live.result().allocations;
    expect(allocations.map((a) => [a.requestId, a.quantity])).toEqual([['r1', 700]]);
  });
});
