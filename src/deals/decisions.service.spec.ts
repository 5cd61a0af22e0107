import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../accounts/principal';
import type { MarketLedger } from '../market/market.ledger';
import type { Match } from '../matching/match.entity';
import { MatchRepository } from '../matching/match.repository';
import { ExclusionsStore } from '../matching/exclusions/exclusions.store';
import { excludePartnerEverywhere } from '../matching/exclusions/partner-exclusion';
import type { OutboxWriter } from '../outbox/outbox.writer';
import { DecisionsService } from './decisions.service';

// Collaborators mocked: no database, no Redis. The rules under test are DecisionsService's own.
jest.mock('../matching/match.repository');
jest.mock('../matching/exclusions/exclusions.store');
jest.mock('../matching/exclusions/partner-exclusion');
jest.mock('../accounts/organization-directory', () => ({
  loadOrganizations: jest.fn(() => Promise.resolve(new Map())),
}));
jest.mock('../matching/match.dto', () => ({
  MatchView: { from: (m: Match) => ({ id: m.id, status: m.status, tradeId: m.tradeId }) },
}));
jest.mock('./trade-terms', () => ({ tradeTerms: () => ({}) }));

const repository = MatchRepository.prototype as jest.Mocked<MatchRepository>;

const SUPPLIER = 'org-supplier';
const BUYER = 'org-buyer';
const principal = (organizationId: string) => ({ organizationId }) as Principal;
const departure = new Date('2026-12-02T00:00:00Z');
const arrival = new Date('2026-12-03T00:00:00Z');

function aMatch(overrides: Partial<Match> = {}): Match {
  return {
    id: 'm1',
    supplyListingId: 'l1',
    demandRequestId: 'r1',
    supplierOrganizationId: SUPPLIER,
    buyerOrganizationId: BUYER,
    commodityCode: 'cabai_merah_keriting',
    quantity: 500,
    quantityDelivered: 480,
    pricePerUnit: 30000,
    landedCostPerUnit: 38000,
    departureDate: departure,
    arrivalDate: arrival,
    shelfLifeDaysOnArrival: 3,
    status: 'proposed',
    supplierDecision: 'pending',
    buyerDecision: 'pending',
    ...overrides,
  } as Match;
}

/** The rows a confirmation reads back, on terms the match still honours. */
const listingTerms = {
  id: 'l1',
  grade: 'I',
  pricePerUnit: 30000,
  quantity: 1000,
  minOrderQuantity: null,
  originRegionCode: '35.07',
  availableFrom: '2026-12-01T00:00:00.000Z',
  availableUntil: '2026-12-05T00:00:00.000Z',
  harvestedAt: null,
};
const requestTerms = {
  id: 'r1',
  minGrade: 'II',
  quantity: 800,
  maxPricePerUnit: 45000,
  destinationRegionCode: '21.71',
  deliverFrom: null,
  deliverBy: '2026-12-06T00:00:00.000Z',
  minShelfLifeDaysOnArrival: 2,
};

function setUp() {
  const manager = {
    query: jest.fn(() => Promise.resolve([{ grades: ['super', 'I', 'II'] }])),
    create: jest.fn((_entity: unknown, fields: object) => ({ ...fields })),
    save: jest.fn((row: object) => Promise.resolve({ ...row, id: 't1' })),
  } as unknown as EntityManager;
  const dataSource = {
    transaction: jest.fn((work: (m: EntityManager) => Promise<unknown>) => work(manager)),
    manager,
  } as unknown as DataSource;
  const outbox = { append: jest.fn(() => Promise.resolve()) };
  const ledger = {
    take: jest.fn(() => Promise.resolve({ listing: listingTerms, request: requestTerms })),
  };
  const service = new DecisionsService(
    dataSource,
    outbox as unknown as OutboxWriter,
    ledger as unknown as MarketLedger,
  );
  const eventTypes = () =>
    outbox.append.mock.calls.flatMap((call) =>
      (call as unknown as [EntityManager, { type: string }[]])[1].map((e) => e.type),
    );
  return { service, manager, outbox, ledger, eventTypes };
}

beforeEach(() => {
  jest.clearAllMocks();
  repository.save.mockImplementation((m: Match) => Promise.resolve(m));
});

describe('DecisionsService', () => {
  describe('accept', () => {
    it('answers 404 for a match the organization is not party to', async () => {
      const { service, ledger } = setUp();
      repository.lockVisible.mockResolvedValue(null);
      await expect(service.accept(principal(SUPPLIER), 'm1')).rejects.toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
      });
      expect(repository.lockVisible).toHaveBeenCalledWith(SUPPLIER, 'm1');
      expect(ledger.take).not.toHaveBeenCalled();
    });

    it('holds the proposal on the first acceptance, without touching the market', async () => {
      const { service, ledger, eventTypes } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch());
      await expect(service.accept(principal(SUPPLIER), 'm1')).resolves.toMatchObject({
        status: 'proposed',
      });
      expect(repository.save).toHaveBeenCalledWith(
        expect.objectContaining({ supplierDecision: 'accepted', buyerDecision: 'pending' }),
      );
      expect(ledger.take).not.toHaveBeenCalled();
      expect(eventTypes()).toEqual(['match.accepted']);
    });

    it('changes nothing when a side accepts again', async () => {
      const { service, outbox } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch({ supplierDecision: 'accepted' }));
      await service.accept(principal(SUPPLIER), 'm1');
      expect(repository.save).not.toHaveBeenCalled();
      expect(outbox.append).not.toHaveBeenCalled();
    });

    it('answers 409 for a proposal that is no longer open', async () => {
      const { service, outbox } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch({ status: 'expired' }));
      await expect(service.accept(principal(BUYER), 'm1')).rejects.toMatchObject({
        status: 409,
        code: 'NOT_PROPOSED',
      });
      expect(repository.save).not.toHaveBeenCalled();
      expect(outbox.append).not.toHaveBeenCalled();
    });

    it('confirms on the second acceptance: takes the quantities, records the trade, tells both', async () => {
      const { service, ledger, manager, eventTypes } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch({ supplierDecision: 'accepted' }));
      await expect(service.accept(principal(BUYER), 'm1')).resolves.toEqual({
        id: 'm1',
        status: 'confirmed',
        tradeId: 't1',
      });
      expect(ledger.take).toHaveBeenCalledWith(manager, {
        supplyListingId: 'l1',
        shipped: 500,
        demandRequestId: 'r1',
        delivered: 480,
      });
      expect(manager.save).toHaveBeenCalledWith(
        expect.objectContaining({ matchId: 'm1', quantity: 500, quantityDelivered: 480 }),
      );
      expect(eventTypes()).toEqual(['match.confirmed', 'trade.updated']);
    });

    it('answers 409 and records no trade when the listing no longer has the quantity', async () => {
      const { service, ledger, manager, outbox } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch({ supplierDecision: 'accepted' }));
      ledger.take.mockResolvedValue({ listing: null, request: requestTerms } as never);
      await expect(service.accept(principal(BUYER), 'm1')).rejects.toMatchObject({
        status: 409,
        code: 'INSUFFICIENT_QUANTITY',
        message: 'The listing no longer has 500 available',
      });
      expect(manager.save).not.toHaveBeenCalled();
      expect(outbox.append).not.toHaveBeenCalled();
    });

    it('answers 409 when the request no longer needs the quantity', async () => {
      const { service, ledger } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch({ supplierDecision: 'accepted' }));
      ledger.take.mockResolvedValue({ listing: listingTerms, request: null } as never);
      await expect(service.accept(principal(BUYER), 'm1')).rejects.toMatchObject({
        code: 'INSUFFICIENT_QUANTITY',
        message: 'The request no longer needs 480',
      });
    });

    it('answers 409 TERMS_CHANGED when the listing changed its price since the proposal', async () => {
      const { service, ledger, manager, outbox } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch({ supplierDecision: 'accepted' }));
      ledger.take.mockResolvedValue({
        listing: { ...listingTerms, pricePerUnit: 32000 },
        request: requestTerms,
      });
      await expect(service.accept(principal(BUYER), 'm1')).rejects.toMatchObject({
        status: 409,
        code: 'TERMS_CHANGED',
        message: expect.stringContaining('pricePerUnit') as unknown,
      });
      expect(manager.save).not.toHaveBeenCalled();
      expect(outbox.append).not.toHaveBeenCalled();
    });
  });

  describe('decline', () => {
    it('declines, remembers the pair for the decliner and tells both', async () => {
      const { service, eventTypes } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch());
      await expect(
        service.decline(principal(BUYER), 'm1', { reason: 'price' }),
      ).resolves.toMatchObject({ status: 'declined' });
      expect(ExclusionsStore.prototype.record).toHaveBeenCalledWith(
        expect.objectContaining({
          organizationId: BUYER,
          counterpartOrganizationId: SUPPLIER,
          reason: 'price',
          matchId: 'm1',
        }),
      );
      expect(excludePartnerEverywhere).not.toHaveBeenCalled();
      expect(eventTypes()).toEqual(['match.declined']);
    });

    it('excludes the counterpart everywhere when the reason is the partner', async () => {
      const { service, manager } = setUp();
      repository.lockVisible.mockResolvedValue(aMatch());
      await service.decline(principal(SUPPLIER), 'm1', { reason: 'partner' });
      expect(excludePartnerEverywhere).toHaveBeenCalledWith(
        manager,
        expect.anything(),
        SUPPLIER,
        BUYER,
      );
    });

    it('answers 404 for a match the organization is not party to', async () => {
      const { service } = setUp();
      repository.lockVisible.mockResolvedValue(null);
      await expect(
        service.decline(principal(BUYER), 'm1', { reason: 'price' }),
      ).rejects.toMatchObject({ status: 404 });
      expect(ExclusionsStore.prototype.record).not.toHaveBeenCalled();
    });
  });
});
