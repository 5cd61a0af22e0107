import { EVENT_JOBS } from '../queue/job-catalog';
import { REOPTIMIZING_EVENTS } from './match-events';

describe('event lanes', () => {
  it('relays every event that re-optimises a commodity in the market lane', () => {
    for (const type of REOPTIMIZING_EVENTS) {
      expect({ type, lane: EVENT_JOBS[type] }).toEqual({ type, lane: 'market-event' });
    }
  });

  it('relays closures of the network in the market lane, and the run-made proposals in the notification lane', () => {
    expect(EVENT_JOBS['network.closure_started']).toBe('market-event');
    expect(EVENT_JOBS['network.closure_ended']).toBe('market-event');
    expect(EVENT_JOBS['match.proposed']).toBe('domain-event');
    expect(EVENT_JOBS['match.superseded']).toBe('domain-event');
  });
});
