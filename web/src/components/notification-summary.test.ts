import { describe, expect, it } from 'vitest';
import { summarizeNotification } from './notification-summary';

describe('summarizeNotification', () => {
  it('names the commodity, quantity and counterpart of a proposal, and leads to the proposals', () => {
    expect(
      summarizeNotification('match.proposed', {
        match: {
          commodityCode: 'cabai_merah_keriting',
          quantity: 1958,
          counterparty: { name: 'DKP Kota Batam' },
        },
      }),
    ).toEqual({
      commodityCode: 'cabai_merah_keriting',
      quantity: 1958,
      counterpartyName: 'DKP Kota Batam',
      path: '/proposals',
    });
  });

  it('leads a trade update to the trades, without a counterpart when the payload names none', () => {
    expect(
      summarizeNotification('trade.updated', {
        trade: { commodityCode: 'bawang_merah', quantity: 500, status: 'shipped' },
      }),
    ).toEqual({
      commodityCode: 'bawang_merah',
      quantity: 500,
      counterpartyName: null,
      path: '/trades',
    });
  });

  it('leads a confirmed proposal to the trades, where what is left to do is', () => {
    expect(
      summarizeNotification('match.confirmed', {
        match: { commodityCode: 'cabai_merah_keriting', quantity: 1830 },
      })?.path,
    ).toBe('/trades');
  });

  it('says nothing of a payload it does not know', () => {
    expect(summarizeNotification('webhook.disabled', { endpointId: 'e' })).toBeNull();
    expect(summarizeNotification('match.proposed', { match: { quantity: 'many' } })).toBeNull();
    expect(summarizeNotification('trade.updated', null)).toBeNull();
  });
});
