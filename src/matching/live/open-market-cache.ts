import type { EngineListing, EngineRequest } from '../engine';
import { sameRecord } from './live-market';
import {
  heldQuantities,
  type ChangeMark,
  type LiveProposal,
  type MarketRepository,
  type OpenMarket,
  type OpenMarketQuery,
} from '../market.repository';

/**
 * Past this age a cache loads the whole market again: what it holds is then read afresh even if
 * a change escaped the log (the log is pruned well after this: market.expiry, an hour).
 */
export const OPEN_MARKET_FULL_LOAD_EVERY_MS = 10 * 60_000;

/**
 * How often the recovery sweep's check reads the whole market beside the copy to compare them
 * (LiveMarkets.loadMarket): a full load costs 300-900 ms under the commodity's lock at 10,000 x
 * 10,000, which a post arriving meanwhile waits for.
 */
export const OPEN_MARKET_CHECK_EVERY_MS = 5 * 60_000;

/**
 * Past this many changed rows since the last load, one full load is cheaper than reading them by
 * id (a run that proposes a whole national market writes 8,000 proposals).
 */
const FULL_LOAD_ABOVE_CHANGES = 2_000;

/** How a load was made: the whole market, or only what changed since the last one. */
export type OpenMarketLoad = OpenMarket & { delta: boolean };

/**
 * The owner's copy of one commodity's open market (proposals in play, open listings and requests
 * as the engine reads them), brought up to date at each run by reading only the rows changed
 * since its last load: market_changes tells which, by the transactions not visible in the
 * snapshot the last load read it in, so a change committed in any order is read once it is
 * visible. At 10,000 x 10,000 a run read 28,000 rows (300-450 ms in the worker) for one new
 * request; now it reads the log and the few rows it names.
 *
 * A full load when there is nothing to start from, after a truncate, past
 * OPEN_MARKET_FULL_LOAD_EVERY_MS, or when asked (the recovery sweep's check reads everything and
 * compares: LiveMarkets). Time moves the market without a write (a window closing): every load
 * drops what `now` has closed. The objects it returns are frozen and kept from load to load, so
 * the live market tells an unchanged row by its identity (LiveMarket.sync).
 */
export class OpenMarketCache {
  private mark: ChangeMark | null = null;
  private loadedAt = 0;
  private readonly proposals = new Map<string, LiveProposal>();
  private readonly listings = new Map<string, EngineListing>();
  private readonly requests = new Map<string, EngineRequest>();
  /** The last answer's arrays, kept while nothing joins or leaves (their order is the ids'). */
  private sorted: OpenMarket | null = null;

  async load(
    repo: MarketRepository,
    query: OpenMarketQuery,
    { full = false }: { full?: boolean } = {},
  ): Promise<OpenMarketLoad> {
    const stale = query.now.getTime() - this.loadedAt > OPEN_MARKET_FULL_LOAD_EVERY_MS;
    if (full || this.mark === null || stale) return this.loadAll(repo, query);
    const changes = await repo.changesSince(query.commodityCode, this.mark);
    if (changes.truncated) return this.loadAll(repo, query);
    const { commodityCode, grades, now, ceilingFor } = query;

    const changed = changes.listings.size + changes.requests.size + changes.matches.size;
    if (changed > FULL_LOAD_ABOVE_CHANGES) return this.loadAll(repo, query);

    // Proposals first: one accepted or no longer held changes what its listing and request hold.
    const heldBefore = heldQuantities([...this.proposals.values()]);
    if (changes.matches.size > 0) {
      const ids = [...changes.matches];
      const rows = await repo.proposalsById(commodityCode, ids);
      const found = new Set<string>();
      for (const { live, ...proposal } of rows) {
        found.add(proposal.id);
        if (live) this.setProposal(proposal);
        else this.proposals.delete(proposal.id);
      }
      for (const id of ids) if (!found.has(id)) this.proposals.delete(id);
    }
    const held = heldQuantities([...this.proposals.values()]);
    const listingIds = new Set(changes.listings);
    const requestIds = new Set(changes.requests);
    for (const id of changedKeys(heldBefore.byListing, held.byListing)) listingIds.add(id);
    for (const id of changedKeys(heldBefore.byRequest, held.byRequest)) requestIds.add(id);
    const organizations = [...changes.organizations];

    if (listingIds.size > 0 || organizations.length > 0) {
      const ids = [...listingIds];
      const rows = await repo.listingsById(
        commodityCode,
        ids,
        organizations,
        grades,
        held.byListing,
        now,
      );
      this.apply(
        this.listings,
        ids,
        rows.map((r) => ({ id: r.id, item: r.listing })),
      );
    }
    if (requestIds.size > 0 || organizations.length > 0) {
      const ids = [...requestIds];
      const rows = await repo.requestsById(
        commodityCode,
        ids,
        organizations,
        grades,
        held.byRequest,
        now,
        ceilingFor,
      );
      this.apply(
        this.requests,
        ids,
        rows.map((r) => ({ id: r.id, item: r.request })),
      );
    }
    const at = now.getTime();
    for (const [id, listing] of this.listings) {
      if (listing.availableUntil <= at) this.remove(this.listings, id);
    }
    for (const [id, request] of this.requests) {
      if (request.deliverBy <= at) this.remove(this.requests, id);
      // A capped buyer's ceiling is the reference in force today: references change without
      // a market row changing (a new day, a new reference price).
      else if (request.referenceCeilingPerUnit !== undefined) {
        const ceiling = ceilingFor(request.destinationRegionCode);
        if (ceiling !== request.referenceCeilingPerUnit) {
          this.put(this.requests, { ...request, referenceCeilingPerUnit: ceiling });
        }
      }
    }
    this.mark = changes.mark;
    return { ...this.answer(), delta: true };
  }

  /** Whether the last full load is older than `ms` at `now` (or there was none). */
  fullLoadOlderThan(ms: number, now: Date): boolean {
    return this.mark === null || now.getTime() - this.loadedAt > ms;
  }

  /** Forgets everything: the next load reads the whole market. */
  clear(): void {
    this.mark = null;
    this.proposals.clear();
    this.listings.clear();
    this.requests.clear();
    this.sorted = null;
  }

  private async loadAll(repo: MarketRepository, query: OpenMarketQuery): Promise<OpenMarketLoad> {
    this.clear();
    // Taken before the rows are read: whatever commits meanwhile is read again by the next load.
    const mark = await repo.changeSnapshot();
    const market = await repo.openMarket(query);
    for (const proposal of market.proposals) this.setProposal(proposal);
    for (const listing of market.listings) this.listings.set(listing.id, Object.freeze(listing));
    for (const request of market.requests) this.requests.set(request.id, Object.freeze(request));
    this.mark = mark;
    this.loadedAt = query.now.getTime();
    return { ...this.answer(), delta: false };
  }

  private setProposal(proposal: LiveProposal): void {
    this.proposals.set(proposal.id, Object.freeze(proposal));
    this.sorted = null;
  }

  /** Rows read again: each is in the market (kept) or not (dropped), and so are ids not found. */
  private apply<T extends { id: string }>(
    into: Map<string, T>,
    ids: readonly string[],
    rows: readonly { id: string; item: T | null }[],
  ): void {
    const found = new Set<string>();
    for (const { id, item } of rows) {
      found.add(id);
      if (item) this.put(into, item);
      else this.remove(into, id);
    }
    for (const id of ids) if (!found.has(id)) this.remove(into, id);
  }

  private put<T extends { id: string }>(into: Map<string, T>, item: T): void {
    into.set(item.id, Object.freeze(item));
    this.sorted = null;
  }

  private remove<T>(from: Map<string, T>, id: string): void {
    if (from.delete(id)) this.sorted = null;
  }

  private answer(): OpenMarket {
    this.sorted ??= {
      proposals: byId(this.proposals),
      listings: byId(this.listings),
      requests: byId(this.requests),
    };
    return this.sorted;
  }
}

/** The keys whose value differs between two maps (absent counting as its own value). */
function changedKeys(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((key) => a.get(key) !== b.get(key));
}

/**
 * In the order of the full load's `ORDER BY id` (a uuid's order is its text's). Frozen: the same
 * array answers every load until something joins or leaves.
 */
function byId<T extends { id: string }>(items: ReadonlyMap<string, T>): T[] {
  const sorted = [...items.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Object.freeze(sorted) as T[];
}

/**
 * How a copy of the open market differs from the market read in full: the ids of the proposals,
 * listings and requests missing, extra or unlike, per kind (null when the same).
 */
export function openMarketDrift(
  copy: OpenMarket,
  truth: OpenMarket,
): Record<string, { missing: string[]; extra: string[]; unlike: string[] }> | null {
  const kinds = ['proposals', 'listings', 'requests'] as const;
  const drift: Record<string, { missing: string[]; extra: string[]; unlike: string[] }> = {};
  for (const kind of kinds) {
    const mine = new Map<string, object>(copy[kind].map((x) => [x.id, x]));
    const theirs = new Map<string, object>(truth[kind].map((x) => [x.id, x]));
    const missing = [...theirs.keys()].filter((id) => !mine.has(id));
    const extra = [...mine.keys()].filter((id) => !theirs.has(id));
    const unlike = [...theirs].filter(([id, x]) => mine.has(id) && !sameRecord(mine.get(id), x));
    if (missing.length + extra.length + unlike.length > 0) {
      drift[kind] = { missing, extra, unlike: unlike.map(([id]) => id) };
    }
  }
  return Object.keys(drift).length > 0 ? drift : null;
}
