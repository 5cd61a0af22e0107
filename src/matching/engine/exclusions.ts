import type { EngineListing, EngineRequest } from './engine.types';

/**
 * Pairs the engine may not propose, as plain data (decisions that stick: declined pairs whose
 * relevant terms have not changed since, cancelled or failed trades, and partner exclusions).
 * The caller decides which exclusions still hold; the engine only obeys them.
 */
export interface EngineExclusions {
  pairs: readonly { listingId: string; requestId: string }[];
  /** Two organizations never paired, whichever of them supplies (needs organizationId on both sides). */
  organizationPairs: readonly { organizationId: string; counterpartOrganizationId: string }[];
}

/** What one listing may not be paired with; null for the (usual) listing with no exclusion. */
export interface ListingExclusions {
  requestIds: ReadonlySet<string>;
  organizationIds: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set<string>();

/**
 * Exclusions indexed for the candidate scan: one map lookup per listing, and per candidate pair
 * only for the few listings that have any exclusion, so an exclusion-free market pays nothing.
 */
export class ExclusionIndex {
  private readonly byListing = new Map<string, Set<string>>();
  private readonly byOrganization = new Map<string, Set<string>>();

  private constructor(exclusions: EngineExclusions) {
    for (const { listingId, requestId } of exclusions.pairs) {
      add(this.byListing, listingId, requestId);
    }
    for (const { organizationId, counterpartOrganizationId } of exclusions.organizationPairs) {
      add(this.byOrganization, organizationId, counterpartOrganizationId);
      add(this.byOrganization, counterpartOrganizationId, organizationId);
    }
  }

  /** Null when there is nothing to exclude. */
  static of(exclusions: EngineExclusions | undefined): ExclusionIndex | null {
    if (!exclusions) return null;
    if (exclusions.pairs.length === 0 && exclusions.organizationPairs.length === 0) return null;
    return new ExclusionIndex(exclusions);
  }

  forListing(listing: EngineListing): ListingExclusions | null {
    const requestIds = this.byListing.get(listing.id);
    const organizationIds =
      listing.organizationId === undefined
        ? undefined
        : this.byOrganization.get(listing.organizationId);
    if (!requestIds && !organizationIds) return null;
    return { requestIds: requestIds ?? NONE, organizationIds: organizationIds ?? NONE };
  }

  excludes(listing: EngineListing, request: EngineRequest): boolean {
    const blocked = this.forListing(listing);
    return blocked !== null && excludedRequest(blocked, request);
  }
}

export function excludedRequest(blocked: ListingExclusions, request: EngineRequest): boolean {
  return (
    blocked.requestIds.has(request.pieceOf ?? request.id) ||
    (request.organizationId !== undefined && blocked.organizationIds.has(request.organizationId))
  );
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
