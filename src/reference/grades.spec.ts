import { engineGradeRank, gradeRankOf } from './grades';

describe('grade ranks', () => {
  const grades = ['super', 'a', 'b'];

  it('ranks grades best first and refuses one the commodity does not list', () => {
    expect(gradeRankOf(grades, 'super')).toBe(0);
    expect(gradeRankOf(grades, 'b')).toBe(2);
    expect(gradeRankOf(grades, 'c')).toBeUndefined();
    expect(gradeRankOf(grades, null)).toBeUndefined();
  });

  it('accepts only no grade for a commodity without grades', () => {
    expect(gradeRankOf([], null)).toBe(0);
    expect(gradeRankOf([], 'a')).toBeUndefined();
  });

  it('gives the engine the best rank for no grade, and the grade index otherwise', () => {
    expect(engineGradeRank(grades, null)).toBe(0);
    expect(engineGradeRank(grades, 'a')).toBe(1);
    expect(engineGradeRank(grades, 'b')).toBe(2);
    expect(engineGradeRank([], null)).toBe(0);
  });
});
