import { DomainEventBus } from '../outbox/domain-event.bus';
import { DomainEvents } from './domain-events';
import type { NewDomainEvent, RelayedEvent } from './event-catalog';

const match = {
  id: 'm1',
  commodityCode: 'cabai_merah_keriting',
  supplierOrganizationId: 's1',
  buyerOrganizationId: 'b1',
};

function relayed<T extends NewDomainEvent>(event: T, eventId = 'e1'): RelayedEvent {
  return {
    eventId,
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    data: event.payload,
    correlationId: null,
    occurredAt: '2026-11-30T00:00:00.000Z',
  } as RelayedEvent;
}

describe('domain event factories', () => {
  it('build a match event with its parties, aggregate and extra field', () => {
    const event = DomainEvents.matchConfirmed(match, 't1');
    expect(event).toEqual({
      type: 'match.confirmed',
      aggregateType: 'match',
      aggregateId: 'm1',
      payload: {
        commodityCode: 'cabai_merah_keriting',
        matchId: 'm1',
        supplierOrganizationId: 's1',
        buyerOrganizationId: 'b1',
        tradeId: 't1',
      },
    });
  });

  it('build the same trade.updated payload wherever a trade changes', () => {
    const trade = { ...match, id: 't1', status: 'cancelled', quantity: 5 };
    expect(DomainEvents.tradeUpdated(trade).payload).toEqual({
      tradeId: 't1',
      status: 'cancelled',
      commodityCode: 'cabai_merah_keriting',
      supplierOrganizationId: 's1',
      buyerOrganizationId: 'b1',
    });
  });

  it('name the first organization as the aggregate of a partner exclusion', () => {
    const event = DomainEvents.exclusionPartnerExcluded(['o1', 'o2'], 'bawang_merah');
    expect(event.aggregateType).toBe('organization');
    expect(event.aggregateId).toBe('o1');
    expect(event.payload).toEqual({ commodityCode: 'bawang_merah', organizationIds: ['o1', 'o2'] });
  });

  it('are the only way to make an event: the compiler refuses literals and wrong payloads', () => {
    const accept = (events: readonly NewDomainEvent[]) => events.length;
    const literal = {
      type: 'match.proposed' as const,
      aggregateType: 'match' as const,
      aggregateId: 'm1',
      payload: { ...match, matchId: 'm1' },
    };
    // @ts-expect-error an object literal is not an event, even with the right fields
    accept([literal]);
    // @ts-expect-error match.confirmed needs the trade id
    DomainEvents.matchConfirmed(match);
    // @ts-expect-error a market event needs the commodity
    DomainEvents.supplyListingCreated({ id: 'l1' });
    expect(accept([DomainEvents.matchProposed(match)])).toBe(1);
  });
});

describe('domain event bus', () => {
  it('hands each handler the events of the types it named, with their payload type', async () => {
    const bus = new DomainEventBus();
    const trades: string[] = [];
    const reasons: string[] = [];
    bus.on('match.confirmed', (event) => {
      trades.push(event.data.tradeId);
      return Promise.resolve();
    });
    bus.on(['match.declined', 'match.superseded'], (event) => {
      reasons.push(`${event.type}: ${event.data.reason}`);
      return Promise.resolve();
    });
    bus.on('match.proposed', (event) => {
      // @ts-expect-error a proposal carries no trade id
      trades.push(event.data.tradeId);
      return Promise.resolve();
    });

    expect(await bus.publish(relayed(DomainEvents.matchConfirmed(match, 't1')))).toBe(1);
    expect(await bus.publish(relayed(DomainEvents.matchDeclined(match, 'price')))).toBe(1);
    expect(await bus.publish(relayed(DomainEvents.matchSuperseded(match, 'reoptimized')))).toBe(1);
    expect(await bus.publish(relayed(DomainEvents.matchAccepted(match)))).toBe(0);

    expect(trades).toEqual(['t1']);
    expect(reasons).toEqual(['match.declined: price', 'match.superseded: reoptimized']);
  });

  it('runs every handler of a type, in subscription order', async () => {
    const bus = new DomainEventBus();
    const calls: string[] = [];
    bus.on('trade.updated', () => Promise.resolve(void calls.push('first')));
    bus.on(['trade.updated', 'match.expired'], () => Promise.resolve(void calls.push('second')));
    expect(
      await bus.publish(relayed(DomainEvents.tradeUpdated({ ...match, status: 'shipped' }))),
    ).toBe(2);
    expect(calls).toEqual(['first', 'second']);
  });
});
