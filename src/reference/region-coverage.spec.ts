import { codesCovering, provinceOf, regionCoveredSql, regionCovers } from './region-coverage';

describe('region coverage', () => {
  it('lets a province cover itself and every regency and city in it', () => {
    expect(regionCovers('35', '35')).toBe(true);
    expect(regionCovers('35', '35.07')).toBe(true);
    expect(regionCovers('35', '35.78')).toBe(true);
  });

  it('lets a regency or city cover only itself', () => {
    expect(regionCovers('35.07', '35.07')).toBe(true);
    expect(regionCovers('35.07', '35.78')).toBe(false);
    expect(regionCovers('35.07', '35')).toBe(false);
  });

  it('does not let a province cover a province whose code starts with the same digits', () => {
    // 3 is no province, but a prefix without the dot would make it cover 35 and 36.
    expect(regionCovers('3', '35.07')).toBe(false);
    expect(regionCovers('21', '21.71')).toBe(true);
    expect(regionCovers('21', '12.71')).toBe(false);
  });

  it('names the province of a region and the codes that cover it', () => {
    expect(provinceOf('35.07')).toBe('35');
    expect(provinceOf('35')).toBe('35');
    expect(codesCovering('21.71')).toEqual(['21.71', '21']);
    expect(codesCovering('21')).toEqual(['21']);
  });

  it('states the same rule in SQL', () => {
    expect(regionCoveredSql('m.origin_region_code', ':region')).toBe(
      "(m.origin_region_code = :region OR m.origin_region_code LIKE :region || '.%')",
    );
  });
});
