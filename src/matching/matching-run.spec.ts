import type { Allocation, FeasibleArc } from './engine';
import { mergePieces, preferIncumbents, requestOfPiece } from './incumbent-preference';
import { aRequest } from './engine/testing/market.factory';
import { diffProposals, keepsProposal, routeKey } from './matching-run';
import type { LiveProposal } from './market.repository';

const arc = (overrides: Partial<FeasibleArc> = {}) =>
  ({
    transportLabel: 'sea-reefer',
    landedCostPerUnit: 45_000,
    route: [],
    agreementId: null,
    shrinkPpm: 100_000,
    gainPerUnit: 10,
    ...overrides,
  }) as FeasibleArc;

const allocation = (overrides: Partial<Allocation> = {}): Allocation => ({
  listingId: 'L1',
  requestId: 'R1',
  quantity: 90,
  quantityShipped: 100,
  arc: arc(),
  ...overrides,
});

const proposal = (overrides: Partial<LiveProposal> = {}): LiveProposal => ({
  id: 'm1',
  supplyListingId: 'L1',
  demandRequestId: 'R1',
  quantity: 100,
  quantityDelivered: 90,
  pricePerUnit: 30_000,
  transportMode: 'sea-reefer',
  landedCostPerUnit: 45_000,
  routeKey: '',
  supplierDecision: 'pending',
  buyerDecision: 'pending',
  supplierOrganizationId: 'o1',
  buyerOrganizationId: 'o2',
  agreementId: null,
  ...overrides,
});

describe('keepsProposal (the incumbent rule)', () => {
  it('keeps a proposal the optimum wants exactly as it stands', () => {
    expect(keepsProposal(allocation(), proposal(), 30_000)).toBe(true);
  });

  it('drops it when the quantity, the option, the agreement or the listing price changed, or the pair is gone', () => {
    expect(keepsProposal(allocation({ quantity: 80 }), proposal(), 30_000)).toBe(false);
    expect(keepsProposal(allocation({ quantityShipped: 99 }), proposal(), 30_000)).toBe(false);
    expect(
      keepsProposal(allocation({ arc: arc({ transportLabel: 'air' }) }), proposal(), 30_000),
    ).toBe(false);
    expect(keepsProposal(allocation({ arc: arc({ agreementId: 'a1' }) }), proposal(), 30_000)).toBe(
      false,
    );
    expect(keepsProposal(allocation(), proposal(), 31_000)).toBe(false);
    expect(keepsProposal(undefined, proposal(), 30_000)).toBe(false);
  });
});

describe('keepsProposal when the network changed under a proposal', () => {
  const viaJuanda = [
    { kind: 'road', from: '35.07', to: 'airport-juanda', hours: 2.4, costPerUnit: 385 },
    {
      kind: 'air',
      from: 'airport-juanda',
      to: 'airport-hang-nadim',
      hours: 21.5,
      costPerUnit: 21025,
      service: 'juanda--hang-nadim',
    },
  ] as FeasibleArc['route'];
  const viaJakarta = [
    { kind: 'road', from: '35.07', to: 'airport-soekarno-hatta', hours: 20.1, costPerUnit: 3171 },
    {
      kind: 'air',
      from: 'airport-soekarno-hatta',
      to: 'airport-hang-nadim',
      hours: 19.3,
      costPerUnit: 20025,
      service: 'soekarno-hatta--hang-nadim',
    },
  ] as FeasibleArc['route'];

  it('drops a proposal whose mode is the same but whose route and landed cost are not (a hub reopened)', () => {
    const now = allocation({
      arc: arc({ transportLabel: 'air', landedCostPerUnit: 55_094, route: viaJuanda }),
    });
    const stale = proposal({
      transportMode: 'air',
      landedCostPerUnit: 56_880,
      routeKey: routeKey(viaJakarta),
    });
    expect(keepsProposal(now, stale, 30_000)).toBe(false);
  });

  it('drops it when only the path differs at the same landed cost, and keeps it when both match', () => {
    const now = allocation({
      arc: arc({ transportLabel: 'air', landedCostPerUnit: 55_094, route: viaJuanda }),
    });
    const otherPath = proposal({
      transportMode: 'air',
      landedCostPerUnit: 55_094,
      routeKey: routeKey(viaJakarta),
    });
    expect(keepsProposal(now, otherPath, 30_000)).toBe(false);
    const same = proposal({
      transportMode: 'air',
      landedCostPerUnit: 55_094,
      routeKey: routeKey(viaJuanda),
    });
    expect(keepsProposal(now, same, 30_000)).toBe(true);
  });
});

describe('diffProposals', () => {
  it('keeps what the optimum states, supersedes the rest and proposes only what is new', () => {
    const diff = diffProposals(
      {
        listings: [
          { id: 'L1', pricePerUnit: 30_000 },
          { id: 'L2', pricePerUnit: 30_000 },
        ] as never,
        open: [proposal(), proposal({ id: 'm2', supplyListingId: 'L2' })],
        held: [],
        heldStillOpen: new Set(),
      },
      [
        allocation(),
        allocation({ listingId: 'L2', quantity: 45, quantityShipped: 50 }),
        allocation({ requestId: 'R2' }),
      ],
    );
    expect(diff.kept.map((p) => p.id)).toEqual(['m1']);
    expect(diff.superseded.map((p) => p.id)).toEqual(['m2']);
    expect(diff.fresh.map((a) => `${a.listingId}|${a.requestId}`)).toEqual(['L2|R1', 'L1|R2']);
  });

  it('names held proposals whose listing, or else whose request, has left the market', () => {
    const held = [
      proposal({ id: 'h1', supplierDecision: 'accepted' }),
      proposal({
        id: 'h2',
        supplierDecision: 'accepted',
        supplyListingId: 'L2',
        demandRequestId: 'R2',
      }),
      proposal({
        id: 'h3',
        buyerDecision: 'accepted',
        supplyListingId: 'L3',
        demandRequestId: 'R3',
      }),
    ];
    const diff = diffProposals(
      { listings: [], open: [], held, heldStillOpen: new Set(['L2', 'L3', 'R3']) },
      [],
    );
    expect(diff.listingGone.map((p) => p.id)).toEqual(['h1']);
    expect(diff.requestGone.map((p) => p.id)).toEqual(['h2']);
  });
});

describe('preferIncumbents', () => {
  it('splits each incumbent quantity off its request and nudges its listing towards that piece only', () => {
    const preferred = preferIncumbents(
      [
        aRequest({ id: 'R1', remainingQuantity: 500, maxPricePerUnit: 60_000 }),
        aRequest({ id: 'R2' }),
      ],
      [{ listingId: 'L1', requestId: 'R1', quantityDelivered: 200 }],
    );
    expect(preferred.requests.map((r) => [r.id, r.remainingQuantity])).toEqual([
      ['R1#0', 200],
      ['R1', 300],
      ['R2', 500],
    ]);
    expect(preferred.preference).toEqual({
      scale: 501,
      pairs: [
        { listingId: 'L1', requestId: 'R1#0', nudge: 1 },
        { listingId: 'L1', requestId: 'R1', nudge: -1 },
      ],
    });
  });

  it('leaves the market alone when nothing is proposed, or when scaled gains could lose exactness', () => {
    const requests = [aRequest({ id: 'R1', remainingQuantity: 2_000_000_000 })];
    expect(preferIncumbents(requests, []).preference).toBeNull();
    const huge = preferIncumbents(requests, [
      { listingId: 'L1', requestId: 'R1', quantityDelivered: 5 },
    ]);
    expect(huge.preference).toBeNull();
    expect(huge.requests).toEqual(requests);
  });

  it('merges allocations to pieces back into one allocation per pair', () => {
    expect(requestOfPiece('R1#3')).toBe('R1');
    const merged = mergePieces([
      allocation({
        requestId: 'R1#0',
        quantity: 90,
        quantityShipped: 100,
        arc: arc({ requestId: 'R1#0' }),
      }),
      allocation({ requestId: 'R1', quantity: 9, quantityShipped: 10 }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ requestId: 'R1', quantity: 99, quantityShipped: 110 });
    expect(merged[0].arc.requestId).toBe('R1');
  });
});
