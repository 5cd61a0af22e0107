import { describe, expect, it } from 'vitest';
import { agreementActions, agreementGroup, type Agreement } from './agreement-state';

const BATAM = 'b1b1b1b1-0000-4000-8000-000000000001';
const MALANG = 'a2a2a2a2-0000-4000-8000-000000000002';
const NOW = new Date('2026-11-30T05:00:00Z');

function anAgreement(overrides: Partial<Agreement>): Agreement {
  return {
    id: 'c3c3c3c3-0000-4000-8000-000000000003',
    organizationId: BATAM,
    title: 'Kerja sama cabai',
    regionCodes: ['21.71', '35.07'],
    commodityCodes: ['cabai_merah_keriting'],
    validFrom: '2026-11-29T17:00:00.000Z',
    validUntil: '2027-02-28T16:59:00.000Z',
    priorityBonusPerUnit: 0,
    createdAt: '2026-11-30T01:00:00.000Z',
    counterpartOrganizationId: MALANG,
    status: 'proposed',
    acceptedAt: null,
    commitments: [{ commodityCode: 'cabai_merah_keriting', quantityPerPeriod: 20000 }],
    shortfallPenaltyPerUnit: 10000,
    priceFloorPerUnit: null,
    priceCeilingPerUnit: null,
    noticeDays: 30,
    endNoticeAt: null,
    endNoticeByOrganizationId: null,
    ...overrides,
  };
}

describe('where an agreement stands and what each government may do', () => {
  it('lets only the counterpart accept or decline a proposal, and only the proposer withdraw it', () => {
    const proposed = anAgreement({});
    expect(agreementGroup(proposed, NOW)).toBe('proposed');
    expect(agreementActions(proposed, MALANG, NOW)).toEqual({
      accept: true,
      decline: true,
      withdraw: false,
      end: false,
    });
    expect(agreementActions(proposed, BATAM, NOW)).toEqual({
      accept: false,
      decline: false,
      withdraw: true,
      end: false,
    });
    expect(agreementActions(proposed, 'someone-else', NOW)).toEqual({
      accept: false,
      decline: false,
      withdraw: false,
      end: false,
    });
  });

  it('lets either party give notice once to an agreement in force', () => {
    const inForce = anAgreement({ status: 'in_force', acceptedAt: '2026-11-30T02:00:00.000Z' });
    expect(agreementGroup(inForce, NOW)).toBe('inForce');
    expect(agreementActions(inForce, BATAM, NOW).end).toBe(true);
    expect(agreementActions(inForce, MALANG, NOW).end).toBe(true);
    const ending = { ...inForce, endNoticeAt: '2026-11-30T03:00:00.000Z' };
    expect(agreementGroup(ending, NOW)).toBe('inForce');
    expect(agreementActions(ending, MALANG, NOW).end).toBe(false);
  });

  it('counts declined, withdrawn and expired agreements as ended', () => {
    expect(agreementGroup(anAgreement({ status: 'declined' }), NOW)).toBe('ended');
    expect(agreementGroup(anAgreement({ status: 'withdrawn' }), NOW)).toBe('ended');
    const expired = anAgreement({ status: 'in_force', validUntil: '2026-11-29T00:00:00.000Z' });
    expect(agreementGroup(expired, NOW)).toBe('ended');
    expect(agreementActions(expired, BATAM, NOW).end).toBe(false);
  });
});
