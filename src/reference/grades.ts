/**
 * Grades of a commodity are listed best first: a grade's rank is its index, 0 = best. The one
 * rule for turning a grade into a rank, used by validation, the engine's inputs and the terms a
 * confirmation re-checks.
 */

/** Rank of a grade; undefined when the commodity does not know it (a null grade is rank 0 only for a commodity without grades). */
export function gradeRankOf(grades: readonly string[], grade: string | null): number | undefined {
  if (grades.length === 0) return grade === null ? 0 : undefined;
  const rank = grade === null ? -1 : grades.indexOf(grade);
  return rank < 0 ? undefined : rank;
}

/**
 * The rank the matching engine compares: no grade (or one the commodity no longer lists) counts
 * as the best, so that an ungraded listing satisfies any request and an ungraded request accepts
 * any listing.
 */
export function engineGradeRank(grades: readonly string[], grade: string | null): number {
  return grade === null ? 0 : Math.max(0, grades.indexOf(grade));
}
