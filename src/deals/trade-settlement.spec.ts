import { amountClaimed, amountDue, claimFor, expectedDeliveredQuantity } from './trade-settlement';

const rank = (grade: string | null) =>
  grade === null ? undefined : ['super', 'I', 'II'].indexOf(grade);
// 3,334 kg shipped by sea (10 % shrink) so that 3,000 kg arrive.
const trade = { quantity: 3_334, quantityDelivered: 3_000, grade: 'I', pricePerUnit: 32_000 };

describe('trade settlement', () => {
  it('expects on arrival what was shipped less the shrink allowance', () => {
    expect(expectedDeliveredQuantity(trade)).toBe(3_000);
  });

  it('opens no claim for a delivery as agreed, or better', () => {
    expect(claimFor(trade, 3_000, 'I', rank)).toBeNull();
    expect(claimFor(trade, 3_000, 'super', rank)).toBeNull();
  });

  it('opens a claim for a short delivery, a lower grade, or both', () => {
    expect(claimFor(trade, 2_700, 'I', rank)).toEqual({ shortQuantity: 300, belowGrade: false });
    expect(claimFor(trade, 3_000, 'II', rank)).toEqual({ shortQuantity: 0, belowGrade: true });
    expect(claimFor(trade, 0, 'II', rank)).toEqual({ shortQuantity: 3_000, belowGrade: true });
  });

  it('owes the agreed total until a claim is accepted, then what arrived, exactly beyond 2^53', () => {
    const base = { ...trade, receivedQuantity: 2_700, status: 'delivered' as const };
    // Agreed: 3,334 x 32,000 = 106,688,000; 2,700 of 3,000 expected is 90 % of it.
    expect(amountDue({ ...base, claimStatus: 'open' })).toBe('106688000');
    expect(amountDue({ ...base, claimStatus: 'disputed' })).toBe('106688000');
    expect(amountDue({ ...base, claimStatus: 'accepted' })).toBe('96019200');
    expect(amountClaimed({ ...base, claimStatus: 'open' }, 300)).toBe('10668800');
    expect(amountDue({ ...base, status: 'cancelled', claimStatus: null })).toBe('0');
    const huge = {
      quantity: 1_000_000_000,
      quantityDelivered: 900_000_000,
      pricePerUnit: 999_999_999,
      receivedQuantity: 899_999_999,
      status: 'delivered' as const,
      claimStatus: 'accepted' as const,
    };
    // 999,999,999,000,000,000 x 899,999,999 / 900,000,000, floored: exact beyond 2^53.
    expect(amountDue({ ...huge, claimStatus: null })).toBe('999999999000000000');
    expect(amountDue(huge)).toBe(
      ((999_999_999_000_000_000n * 899_999_999n) / 900_000_000n).toString(),
    );
  });
});
