import type { EngineRequest } from './engine.types';
import { priceLimitOf, requestSize } from './pair-rules';

export interface RequestEntry {
  request: EngineRequest;
  destinationIndex: number;
  /** SimplexEngine node id (-1 until registered). */
  node: number;
  /** Position in the sorted input of a full build (-1 for later additions). */
  index: number;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Highest maximum price first, so that a scan can stop at the first request priced out. */
const byMaxPriceThenId = (a: RequestEntry, b: RequestEntry): number =>
  b.request.maxPricePerUnit - a.request.maxPricePerUnit || compareIds(a.request.id, b.request.id);

/**
 * The open requests of one destination region, with their fields mirrored in typed arrays: the
 * candidate scan reads them for every listing of every origin, and flat arrays keep that loop
 * tight. Mirrors are rebuilt lazily after a change (groups hold tens of requests).
 */
export class RequestGroup {
  readonly entries: RequestEntry[] = [];
  maxPrice = new Float64Array(0);
  /** maxPrice, or the request's reference ceiling when lower (priceLimitOf). */
  priceLimit = new Float64Array(0);
  /** NaN when the request has no deliverFrom. */
  deliverFrom = new Float64Array(0);
  deliverBy = new Float64Array(0);
  minShelf = new Float64Array(0);
  /** 1 when the buyer declared cold storage: its minimum shelf life is in chilled days. */
  coldStorage = new Uint8Array(0);
  minGrade = new Float64Array(0);
  /** What each request needs in all (the whole request's for a piece): the minimum-order rule. */
  remaining = new Float64Array(0);
  /**
   * The counterpart rule's fields (counterpartsFit): 1 when the buyer takes verified sellers only,
   * and when its own organization is verified. Read from the request objects, they made the scan
   * of a run that prefers its proposals 3x slower: pieces (`pieceOf`, `guaranteed`) give requests
   * several shapes, and reading a field most of them lack from mixed shapes is a slow lookup.
   */
  verifiedOnly = new Uint8Array(0);
  verified = new Uint8Array(0);
  /** Request ids (the nudges of a preference are by id), for the same reason. */
  ids: string[] = [];
  index = new Int32Array(0);
  node = new Int32Array(0);
  private dirty = true;

  constructor(readonly destinationIndex: number) {}

  get size(): number {
    return this.entries.length;
  }

  insert(entry: RequestEntry): void {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byMaxPriceThenId(this.entries[mid], entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
    this.dirty = true;
  }

  remove(entry: RequestEntry): void {
    const at = this.entries.indexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
    this.dirty = true;
  }

  /** Call after node ids change. */
  invalidate(): void {
    this.dirty = true;
  }

  refresh(): void {
    if (!this.dirty) return;
    const n = this.entries.length;
    this.maxPrice = new Float64Array(n);
    this.priceLimit = new Float64Array(n);
    this.deliverFrom = new Float64Array(n);
    this.deliverBy = new Float64Array(n);
    this.minShelf = new Float64Array(n);
    this.coldStorage = new Uint8Array(n);
    this.minGrade = new Float64Array(n);
    this.remaining = new Float64Array(n);
    this.verifiedOnly = new Uint8Array(n);
    this.verified = new Uint8Array(n);
    this.ids = new Array<string>(n);
    this.index = new Int32Array(n);
    this.node = new Int32Array(n);
    this.entries.forEach((entry, k) => {
      const r = entry.request;
      this.maxPrice[k] = r.maxPricePerUnit;
      this.priceLimit[k] = priceLimitOf(r);
      this.deliverFrom[k] = r.deliverFrom ?? NaN;
      this.deliverBy[k] = r.deliverBy;
      this.minShelf[k] = r.minShelfLifeDaysOnArrival;
      this.coldStorage[k] = r.coldStorage === true ? 1 : 0;
      this.minGrade[k] = r.minGradeRank;
      this.remaining[k] = requestSize(r);
      this.verifiedOnly[k] = r.verifiedCounterpartsOnly ? 1 : 0;
      this.verified[k] = r.organizationVerified === true ? 1 : 0;
      this.ids[k] = r.id;
      this.index[k] = entry.index;
      this.node[k] = entry.node;
    });
    this.dirty = false;
  }
}
