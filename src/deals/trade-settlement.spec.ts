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

  it('owes nothing for a failed trade, whatever its claim', () => {
    const failed = { ...trade, receivedQuantity: 0, status: 'failed' as const };
    expect(amountDue({ ...failed, claimStatus: null })).toBe('0');
    expect(amountDue({ ...failed, claimStatus: 'accepted' })).toBe('0');
  });

  it('an accepted claim without a received quantity leaves the agreed total', () => {
    const base = { ...trade, receivedQuantity: null, status: 'delivered' as const };
    expect(amountDue({ ...base, claimStatus: 'accepted' })).toBe('106688000');
  });

  it('never owes more than the agreed total when more than expected arrived', () => {
    const base = { ...trade, receivedQuantity: 3_100, status: 'delivered' as const };
    expect(amountDue({ ...base, claimStatus: 'accepted' })).toBe('106688000');
  });

  it('rounds a partial total down to the rupiah, and the claim takes the rest', () => {
    // 3 shipped, 3 expected, at Rp 10: 2 arrived are worth 20; with 7 expected of 10 shipped at
    // Rp 1, 5 arrived are worth floor(10 x 5 / 7) = 7, and 2 short claim 10 - 7 = 3.
    const small = { quantity: 10, quantityDelivered: 7, pricePerUnit: 1, grade: 'I' };
    const base = { ...small, receivedQuantity: 5, status: 'delivered' as const };
    expect(amountDue({ ...base, claimStatus: 'accepted' })).toBe('7');
    expect(amountClaimed({ ...base, claimStatus: 'open' }, 2)).toBe('3');
  });

  it('a trade expecting nothing on arrival is worth nothing once a claim is accepted', () => {
    const none = { quantity: 0, quantityDelivered: 0, pricePerUnit: 5_000, grade: 'I' };
    const base = { ...none, receivedQuantity: 0, status: 'delivered' as const };
    expect(amountDue({ ...base, claimStatus: 'accepted' })).toBe('0');
    expect(amountClaimed({ ...base, claimStatus: 'open' }, 0)).toBe('0');
  });

  it('opens no grade claim when either grade is unknown', () => {
    expect(claimFor(trade, 3_000, null, rank)).toBeNull();
    expect(claimFor({ ...trade, grade: null }, 3_000, 'II', rank)).toBeNull();
    expect(claimFor(trade, 3_001, 'I', rank)).toBeNull();
  });
});
