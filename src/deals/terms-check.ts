import { engineGradeRank } from '../reference/grades';
import type { Match } from '../matching/match.entity';
import type { ListingTermsSnapshot, RequestTermsSnapshot } from './trade-terms';

/**
 * The terms of a proposal that the listing and request, as locked by the confirming
 * transaction, no longer honour; empty when the proposal still holds.
 *
 * An edit supersedes the proposals resting on it in its own transaction, but a matching run
 * that loaded the market before that edit committed can still insert a proposal computed from
 * the old terms. Checking here, on the rows the confirmation itself locked, means such a
 * proposal can never become a trade: the last line of defence for "terms that hold".
 */
export function brokenTerms(
  match: Pick<
    Match,
    | 'pricePerUnit'
    | 'landedCostPerUnit'
    | 'departureDate'
    | 'arrivalDate'
    | 'shelfLifeDaysOnArrival'
  > &
    Partial<Pick<Match, 'chilledShelfLifeDaysOnArrival'>>,
  listing: ListingTermsSnapshot,
  request: RequestTermsSnapshot,
  grades: readonly string[],
): string[] {
  const broken: string[] = [];
  if (listing.pricePerUnit !== match.pricePerUnit) broken.push('pricePerUnit');
  if (match.landedCostPerUnit > request.maxPricePerUnit) broken.push('maxPricePerUnit');
  // The engine's rank (a larger rank is a worse grade): the rule the proposal was made on.
  const rank = (grade: string | null) => engineGradeRank(grades, grade);
  if (request.minGrade !== null && rank(listing.grade) > rank(request.minGrade)) {
    broken.push('grade');
  }
  const departs = match.departureDate.getTime();
  const arrives = match.arrivalDate.getTime();
  if (departs < Date.parse(listing.availableFrom) || departs > Date.parse(listing.availableUntil)) {
    broken.push('availableFrom/availableUntil');
  }
  if (arrives > Date.parse(request.deliverBy)) broken.push('deliverBy');
  if (request.deliverFrom !== null && arrives < Date.parse(request.deliverFrom)) {
    broken.push('deliverFrom');
  }
  // A buyer with cold storage counts chilled days; a proposal from before the column has none.
  const daysLeft =
    request.coldStorage === true && typeof match.chilledShelfLifeDaysOnArrival === 'number'
      ? match.chilledShelfLifeDaysOnArrival
      : match.shelfLifeDaysOnArrival;
  if (daysLeft < request.minShelfLifeDaysOnArrival) {
    broken.push('minShelfLifeDaysOnArrival');
  }
  return broken;
}
