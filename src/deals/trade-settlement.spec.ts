import { amountDue, claimFor, expectedDeliveredQuantity } from './trade-settlement';

const rank = (grade: string | null) =>
  grade === null ? undefined : ['super', 'I', 'II'].indexOf(grade);
const trade = { quantity: 3_000, grade: 'I', pricePerUnit: 32_000 };

describe('trade settlement', () => {
  it('expects the traded quantity on arrival', () => {
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
    expect(amountDue({ ...base, claimStatus: 'open' })).toBe('96000000');
    expect(amountDue({ ...base, claimStatus: 'disputed' })).toBe('96000000');
    expect(amountDue({ ...base, claimStatus: 'accepted' })).toBe('86400000');
    expect(amountDue({ ...base, status: 'cancelled', claimStatus: null })).toBe('0');
    const huge = {
      quantity: 1_000_000_000,
      pricePerUnit: 999_999_999,
      receivedQuantity: null,
      status: 'confirmed' as const,
      claimStatus: null,
    };
    expect(amountDue(huge)).toBe('999999999000000000');
  });
});
