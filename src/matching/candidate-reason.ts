import type { Infeasibility, InfeasibilityParams } from './engine';
import type { CandidateReason, CandidateReasonParams } from './candidates.dto';

/** Params the engine keeps as epoch milliseconds; the API states instants in ISO 8601. */
const INSTANTS = [
  'availableUntil',
  'departureDate',
  'arrivalDate',
  'deliverFrom',
  'deliverBy',
  'latestDeliverFrom',
] as const satisfies readonly (keyof InfeasibilityParams)[];

/** The engine's reason as the API's code and figures. */
export function candidateReason(reason: Infeasibility): CandidateReason {
  const {
    availableUntil,
    departureDate,
    arrivalDate,
    deliverFrom,
    deliverBy,
    latestDeliverFrom,
    ...rest
  } = reason.params;
  const instants = {
    availableUntil,
    departureDate,
    arrivalDate,
    deliverFrom,
    deliverBy,
    latestDeliverFrom,
  };
  const params: CandidateReasonParams = { ...rest };
  for (const key of INSTANTS) {
    const at = instants[key];
    if (at !== undefined) params[key] = new Date(at).toISOString();
  }
  return { code: reason.code, params };
}
