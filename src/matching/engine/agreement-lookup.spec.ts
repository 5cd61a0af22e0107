import { agreementLookupFrom } from './agreement-lookup';

describe('agreementLookupFrom', () => {
  it('covers both directions between the two regions', () => {
    const lookup = agreementLookupFrom([
      { id: 'a', regionCodes: ['35.07', '21.71'], bonusPerUnit: 500 },
    ]);
    expect(lookup('35.07', '21.71')).toEqual({ agreementId: 'a', bonusPerUnit: 500 });
    expect(lookup('21.71', '35.07')).toEqual({ agreementId: 'a', bonusPerUnit: 500 });
    expect(lookup('35.78', '21.71')).toBeNull();
  });

  it('lets a province-level agreement cover its regencies and cities', () => {
    const lookup = agreementLookupFrom([{ id: 'p', regionCodes: ['35', '21'], bonusPerUnit: 100 }]);
    expect(lookup('35.07', '21.71')?.agreementId).toBe('p');
    expect(lookup('33.22', '21.71')).toBeNull();
  });

  it('picks the largest bonus, and filters by commodity when the agreement names some', () => {
    const lookup = agreementLookupFrom(
      [
        { id: 'small', regionCodes: ['35', '21'], bonusPerUnit: 100 },
        {
          id: 'large',
          regionCodes: ['35.07', '21.71'],
          bonusPerUnit: 900,
          commodityCodes: ['bawang_merah'],
        },
        {
          id: 'medium',
          regionCodes: ['35.07', '21.71'],
          bonusPerUnit: 400,
          commodityCodes: ['cabai_merah_keriting'],
        },
      ],
      'cabai_merah_keriting',
    );
    expect(lookup('35.07', '21.71')?.agreementId).toBe('medium');
  });
});
